// The simulator issues tokens for assertions signed by independent signers:
// Node's crypto and the `openssl` command, for every key type NetSuite takes.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  claims,
  KEY_TYPES,
  lastAuditEntry,
  makeCertificate,
  REAL_TOKEN_URL,
  requestToken,
  send,
  setUpAccount,
  signWithNode,
  signWithOpenssl,
  simulator,
  tempDir,
} from "./helpers.mjs";

const dir = tempDir();
const sim = await simulator();
const certificates = new Map(
  KEY_TYPES.map((type) => [type.name, makeCertificate(dir, type.newkey)]),
);
for (const certificate of certificates.values())
  await setUpAccount(sim, certificate);

function assertIssued(answer) {
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.deepEqual(Object.keys(answer.body).sort(), [
    "access_token",
    "expires_in",
    "token_type",
  ]);
  assert.equal(answer.body.expires_in, 3600);
  assert.equal(answer.body.token_type, "bearer");
  assert.match(answer.body.access_token, /^[A-Za-z0-9_-]{40,}$/);
  assert.equal(answer.headers.get("cache-control"), "no-store");
}

for (const type of KEY_TYPES) {
  for (const [signer, signJwt] of [
    [
      "Node's crypto",
      (cert, header, payload) => signWithNode(cert.keyPem, header, payload),
    ],
    [
      "OpenSSL",
      (cert, header, payload) =>
        signWithOpenssl(dir, cert.keyFile, header, payload),
    ],
  ]) {
    test(`issues a token for a ${type.alg} assertion (${type.name} key) signed by ${signer}`, async () => {
      const certificate = certificates.get(type.name);
      const header = { typ: "JWT", alg: type.alg, kid: certificate.id };
      const answer = await requestToken(
        sim.tokenUrl(),
        signJwt(certificate, header, claims()),
      );
      assertIssued(answer);
      const entry = await lastAuditEntry(sim);
      assert.equal(entry.status, "Success");
      assert.equal(entry.reason, "Success");
      assert.equal(entry.certificateId, certificate.id);
    });
  }
}

for (const alg of ["PS256", "PS384", "PS512"]) {
  test(`an RSA 3072 certificate takes ${alg} (signed by OpenSSL)`, async () => {
    const certificate = certificates.get("RSA 3072");
    const jwt = signWithOpenssl(
      dir,
      certificate.keyFile,
      { typ: "JWT", alg, kid: certificate.id },
      claims(),
    );
    assertIssued(await requestToken(sim.tokenUrl(), jwt));
  });
}

for (const [form, scope] of [
  ["a JSON array", ["restlets", "rest_webservices", "suite_analytics"]],
  ["a space-separated string", "restlets rest_webservices"],
  ["a comma-separated string", "rest_webservices,suite_analytics"],
]) {
  test(`takes the scope as ${form}`, async () => {
    const certificate = certificates.get("EC P-256");
    const jwt = signWithNode(
      certificate.keyPem,
      { typ: "JWT", alg: "ES256", kid: certificate.id },
      claims({ scope }),
    );
    assertIssued(await requestToken(sim.tokenUrl(), jwt));
    const entry = await lastAuditEntry(sim);
    assert.equal(entry.scope, [scope].flat().join(" ").replace(",", " "));
  });
}

test("the answer has no CORS headers and the audit trail never holds the access token", async () => {
  const certificate = certificates.get("EC P-384");
  const jwt = signWithNode(
    certificate.keyPem,
    { typ: "JWT", alg: "ES384", kid: certificate.id },
    claims(),
  );
  const response = await requestToken(sim.tokenUrl(), jwt, {
    headers: { Origin: "https://page.example" },
  });
  const body = response.body;
  assert.equal(response.status, 200);
  for (const name of response.headers.keys())
    assert.doesNotMatch(name, /^access-control-/);
  const trail = await sim.api(
    "GET",
    "1234567-sb1/simulator/api/login-audit-trail",
  );
  assert.ok(!trail.text.includes(body.access_token));
  assert.ok(
    !trail.text.includes(jwt.split(".")[2]),
    "the assertion's signature is not kept either",
  );
  const page = await send(`${sim.url}1234567-sb1/login-audit-trail`);
  assert.ok(
    page.text.includes("Success") && !page.text.includes(body.access_token),
  );
});

test("the aud the simulator wants is NetSuite's real token URL, not its own", async () => {
  const certificate = certificates.get("RSA 4096");
  const header = { typ: "JWT", alg: "PS256", kid: certificate.id };
  assertIssued(
    await requestToken(
      sim.tokenUrl(),
      signWithNode(certificate.keyPem, header, claims({ aud: REAL_TOKEN_URL })),
    ),
  );
  const own = signWithNode(
    certificate.keyPem,
    header,
    claims({ aud: sim.tokenUrl() }),
  );
  assert.equal((await requestToken(sim.tokenUrl(), own)).status, 400);
});
