// The contract (server/openapi.yaml) is the one source of request
// validation: the server reads its schemas at start, so changing the contract
// changes what the server accepts; a keyword it cannot check stops it rather
// than being ignored. The organisation name limit agrees with the module.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { CONTRACT_FILE, loadContract } from "../../server/validate.js";
import { m2m, tempDir } from "./helpers.mjs";

const spec = YAML.parse(await readFile(CONTRACT_FILE, "utf8"));
const nameSchema = spec.components.schemas.NewOrganisation.properties.name;

describe("validation from the contract", () => {
  let dir;
  before(async () => {
    dir = await tempDir();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function contractWith(edit) {
    const text = await readFile(CONTRACT_FILE, "utf8");
    const file = path.join(dir, `openapi-${Math.random()}.yaml`);
    await writeFile(file, edit(text));
    return loadContract(file);
  }

  const refusal = (contract, operationId, body) => {
    try {
      contract.checkBody(operationId, body);
      return null;
    } catch (error) {
      return { status: error.status, code: error.code, field: error.field };
    }
  };

  it("follows a changed maxLength and required list", async () => {
    const today = loadContract();
    const name = "x".repeat(50);
    assert.equal(refusal(today, "createOrganisation", { name }), null);
    const shorter = await contractWith((text) =>
      text.replace("maxLength: 1000", "maxLength: 40"),
    );
    assert.deepEqual(refusal(shorter, "createOrganisation", { name }), {
      status: 422,
      code: "invalid_name",
      field: "name",
    });
    const noClient = await contractWith((text) =>
      text.replace("required: [accountId, clientId]", "required: [accountId]"),
    );
    const body = { accountId: "1234567" };
    assert.equal(refusal(today, "putIntegration", body).code, "missing_field");
    assert.equal(refusal(noClient, "putIntegration", body), null);
  });

  it("refuses to start on a keyword it does not implement", async () => {
    await assert.rejects(
      contractWith((text) =>
        text.replace(
          "maxLength: 1000",
          "maxLength: 1000\n          format: email",
        ),
      ),
      /does not implement the keyword format/,
    );
  });

  it("checks lengths in characters before any pattern runs", () => {
    const today = loadContract();
    // A pattern of this shape would backtrack on a long string; the length
    // check refuses it first, in linear time.
    const started = performance.now();
    const outcome = refusal(today, "createOrganisation", {
      name: "a".repeat(60_000) + "\u0000",
    });
    assert.equal(outcome.code, "invalid_name");
    assert.ok(performance.now() - started < 50);
  });

  it("judges organisation IDs in paths by the contract's parameter schema", () => {
    const today = loadContract();
    assert.equal(today.parameterMatches("Organisation", "demo-2"), true);
    for (const id of ["", "Demo", "a/b", "x".repeat(65), "../etc"])
      assert.equal(today.parameterMatches("Organisation", id), false, id);
  });
});

describe("the organisation name limit", () => {
  it("is the module's: the contract only bounds what is sent, above rules().organisationNameMaxLength", async () => {
    const module = await m2m();
    const max = module.rules().organisationNameMaxLength;
    // NFC can shorten a name: what is sent may be longer than what is stored.
    assert.ok(nameSchema.maxLength >= 2 * max, `${nameSchema.maxLength}`);
    assert.equal(nameSchema.pattern, undefined, "no restated character rule");
    assert.match(nameSchema.description, /organisationName\(\)/);
  });
});
