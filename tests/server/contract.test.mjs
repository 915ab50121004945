// The contract (server/openapi.yaml) is the one source of request
// validation: the server reads its schemas at start, so changing the contract
// changes what the server accepts; a keyword it cannot check stops it rather
// than being ignored. The organisation name limit agrees with the module.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { ROUTES } from "../../server/api/index.js";
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

  it("refuses to start on a keyword it does not know (strict mode)", async () => {
    await assert.rejects(
      contractWith((text) =>
        text.replace(
          "maxLength: 1000",
          "maxLength: 1000\n          maxLenght: 12",
        ),
      ),
      /unknown keyword: "maxLenght"/,
    );
  });

  // A contract whose one operation, "op", takes a body of `schema`.
  async function contractWithSchema(schema, schemas = {}) {
    const file = path.join(dir, `openapi-${Math.random()}.yaml`);
    const operation = {
      operationId: "op",
      requestBody: {
        required: true,
        content: { "application/json": { schema } },
      },
      responses: { 200: { description: "ok" } },
    };
    await writeFile(
      file,
      YAML.stringify({
        openapi: "3.1.0",
        info: { title: "t", version: "1" },
        paths: { "/op": { post: operation } },
        components: { schemas },
      }),
    );
    return loadContract(file);
  }

  it(
    "checks lengths in characters before any pattern runs",
    { timeout: 60_000 },
    async () => {
      // This pattern backtracks exponentially on a long run of "a" followed by
      // "!": were it run first, this test would not end. The message names the
      // keyword that refused the value.
      const contract = await contractWithSchema({
        type: "object",
        properties: {
          name: { type: "string", maxLength: 120, pattern: "^(a+)+$" },
        },
      });
      const error = refusal(contract, "op", { name: "a".repeat(60_000) + "!" });
      assert.deepEqual(error, {
        status: 422,
        code: "invalid_name",
        field: "name",
      });
      assert.throws(
        () => contract.checkBody("op", { name: "a".repeat(60_000) + "!" }),
        /\(maxLength\)/,
      );
    },
  );

  it("enforces properties, required and additionalProperties at every depth, and type arrays", async () => {
    const contract = await contractWithSchema(
      {
        type: "object",
        required: ["outer"],
        additionalProperties: false,
        properties: {
          outer: { $ref: "#/components/schemas/Outer" },
          note: { type: ["string", "null"], maxLength: 3 },
        },
      },
      {
        Outer: {
          type: "object",
          required: ["inner"],
          additionalProperties: false,
          properties: {
            inner: {
              type: "object",
              required: ["accountId"],
              additionalProperties: false,
              properties: {
                accountId: { type: "string", pattern: "^[0-9]+$" },
                tags: { type: "array", items: { type: "string" } },
              },
            },
          },
        },
      },
    );
    const ok = { outer: { inner: { accountId: "123", tags: ["a"] } } };
    assert.equal(refusal(contract, "op", ok), null);
    assert.equal(refusal(contract, "op", { ...ok, note: null }), null);
    assert.equal(refusal(contract, "op", { ...ok, note: "abc" }), null);
    for (const [body, expected] of [
      [
        { ...ok, note: 7 },
        { status: 422, code: "invalid_type", field: "note" },
      ],
      [
        { ...ok, note: "abcd" },
        { status: 422, code: "invalid_note", field: "note" },
      ],
      [
        { outer: {} },
        { status: 422, code: "missing_field", field: "outer.inner" },
      ],
      [
        { outer: { inner: {} } },
        { status: 422, code: "missing_field", field: "outer.inner.accountId" },
      ],
      [
        { outer: { inner: { accountId: "123", extra: 1 } } },
        { status: 422, code: "unknown_field", field: "outer.inner.extra" },
      ],
      [
        { outer: { inner: { accountId: "12x" } } },
        {
          status: 422,
          code: "invalid_account_id",
          field: "outer.inner.accountId",
        },
      ],
      [
        { outer: { inner: { accountId: 123 } } },
        { status: 422, code: "invalid_type", field: "outer.inner.accountId" },
      ],
      [
        { outer: { inner: { accountId: "1", tags: [1] } } },
        { status: 422, code: "invalid_type", field: "outer.inner.tags.0" },
      ],
      [
        { outer: { inner: { accountId: "1\ud800" } } },
        {
          status: 422,
          code: "invalid_account_id",
          field: "outer.inner.accountId",
        },
      ],
      [[], { status: 400, code: "invalid_body", field: undefined }],
    ])
      assert.deepEqual(
        refusal(contract, "op", body),
        expected,
        JSON.stringify(body),
      );
    assert.throws(
      () => contract.checkBody("op", { ...ok, note: 7 }),
      /The field note must be a string or null\./,
    );
  });

  it("judges organisation IDs in paths by the contract's parameter schema", () => {
    const today = loadContract();
    assert.equal(today.parameterMatches("Organisation", "demo-2"), true);
    for (const id of ["", "Demo", "a/b", "x".repeat(65), "../etc"])
      assert.equal(today.parameterMatches("Organisation", id), false, id);
  });
});

describe("the contract and the server's route table", () => {
  const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

  it("documents exactly the paths and methods the server routes", () => {
    const documented = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => METHODS.includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const routed = Object.entries(ROUTES).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    assert.deepEqual(documented.sort(), routed.sort());
  });

  it("names every operation's path parameters as the route table does", () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      const names = (item.parameters ?? [])
        .map((parameter) =>
          parameter.$ref
            ? spec.components.parameters[parameter.$ref.split("/").at(-1)]
            : parameter,
        )
        .filter((parameter) => parameter.in === "path")
        .map((parameter) => `{${parameter.name}}`);
      assert.deepEqual(names, path.match(/\{[^}]+\}/g) ?? [], path);
    }
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
