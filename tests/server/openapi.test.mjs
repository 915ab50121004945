// The contract (server/openapi.yaml) is a valid OpenAPI 3.1 document, and the
// running server keeps it: schemathesis (from PyPI, installed by
// scripts/setup.sh) finds no 5xx and no response that breaks the schema.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import {
  makeCertificate,
  repoRoot,
  setUpIntegration,
  startTestServer,
  tempDir,
} from "./helpers.mjs";

const specFile = path.join(repoRoot, "server/openapi.yaml");

function python(code, args = []) {
  return spawnSync("python3", ["-c", code, ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
}

function findSchemathesis() {
  for (const command of [["st"], ["python3", "-m", "schemathesis.cli"]]) {
    const probe = spawnSync(command[0], [...command.slice(1), "--version"], {
      encoding: "utf8",
      timeout: 30_000,
    });
    if (probe.status === 0 && /version 4\./.test(probe.stdout)) return command;
  }
  return null;
}

// Missing, these tests fail (they do not skip): a contract left unchecked
// must not look like a contract that passed.
const schemathesis = findSchemathesis();
const missing = "schemathesis 4 is not installed (run `bash scripts/setup.sh`)";

describe("the OpenAPI contract", () => {
  it("is a valid OpenAPI 3.1 document", () => {
    assert.ok(schemathesis, missing);
    const result = python(
      `
import sys, yaml
spec = yaml.safe_load(open(sys.argv[1]))
assert spec["openapi"].startswith("3.1"), spec["openapi"]
try:
    from openapi_spec_validator import validate
    validate(spec)
    print("openapi-spec-validator: valid")
except ImportError:
    from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR
    OPENAPI_31_VALIDATOR.validate(spec)
    print("OpenAPI 3.1 meta-schema: valid")
`,
      [specFile],
    );
    assert.equal(result.status, 0, result.stderr + result.stdout);
  });

  describe("schemathesis against the running server", () => {
    let server;
    let workDir;
    before(async () => {
      server = await startTestServer();
      // Real data to check the 200 responses against: an integration with a
      // certificate, a pending certificate and a history, and an
      // organisation to remove (the example of DELETE /api/organisations/{org}).
      const [current, pending] = await Promise.all([
        makeCertificate(),
        makeCertificate(),
      ]);
      const saved = await setUpIntegration(server, "demo", current);
      const made = await server.request(
        "PUT",
        "/api/organisations/demo/integrations/netsuite/pending-certificate",
        {
          json: { certificatePem: pending.certificate.pem },
          headers: { "If-Match": saved.headers.etag },
        },
      );
      assert.equal(made.status, 200, made.text);
      const created = await server.request("POST", "/api/organisations", {
        json: { name: "Closed Subsidiary" },
      });
      assert.equal(created.json.id, "closed-subsidiary");
      workDir = await tempDir("netsuite-m2m-schemathesis-");
    });
    after(async () => {
      await server?.close();
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });

    it(
      "finds no server error and no response that breaks the schema",
      { timeout: 170_000 },
      async (t) => {
        assert.ok(schemathesis, missing);
        const args = [
          ...schemathesis.slice(1),
          "run",
          specFile,
          "--url",
          server.url.replace(/\/$/, ""),
          "--checks",
          "all",
          // Left out, because the contract means otherwise:
          // - positive_data_acceptance: a schema-valid request is still refused when the
          //   module's rules say no (an Account ID is more than a string) or If-Match is stale;
          // - missing_required_header: a missing If-Match is 428 Precondition Required
          //   (RFC 6585), which this check does not know;
          // - ensure_resource_availability: it takes every path below a new organisation
          //   for part of it, but the integration is created separately, and until then
          //   it is 404 integration_not_found by design (tests/server/api.test.mjs checks
          //   that the Location of a new organisation is readable).
          "--exclude-checks",
          "positive_data_acceptance,missing_required_header,ensure_resource_availability",
          "--max-examples",
          process.env.SCHEMATHESIS_MAX_EXAMPLES || "25",
          "--seed",
          process.env.SCHEMATHESIS_SEED || "20261127",
          "--request-timeout",
          "10",
          // One worker: hypothesis on Python 3.11 can trip over parallel threads (an AST recursion SystemError).
          "--workers",
          "1",
          "--no-shrink",
        ];
        const { code, output } = await new Promise((resolve) => {
          const child = spawn(schemathesis[0], args, {
            cwd: workDir, // .hypothesis/ and reports stay out of the repository
            env: {
              ...process.env,
              NO_COLOR: "1",
              SCHEMATHESIS_TELEMETRY: "false",
            },
            stdio: ["ignore", "pipe", "pipe"],
          });
          let text = "";
          child.stdout.on("data", (chunk) => (text += chunk));
          child.stderr.on("data", (chunk) => (text += chunk));
          const timer = setTimeout(() => child.kill("SIGKILL"), 160_000);
          child.on("exit", (exitCode, signal) => {
            clearTimeout(timer);
            resolve({ code: exitCode ?? signal, output: text });
          });
        });
        const summary = output.slice(output.lastIndexOf("SUMMARY"));
        t.diagnostic(
          summary
            .split("\n")
            .filter((line) => /generated|passed|failures?|Seed/.test(line))
            .join(" | "),
        );
        assert.equal(code, 0, output.slice(-6000));
        assert.match(output, /Test cases:\s*\n\s*\d+ generated, \d+ passed/);
      },
    );
  });
});
