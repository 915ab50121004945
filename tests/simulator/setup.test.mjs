// The M2M setup through the simulator's JSON API: applications, NetSuite's
// certificate rules, Revoke, the Certificate ID, a sandbox refresh.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import {
  CLIENT_ID,
  KEY_TYPES,
  LABEL,
  makeCertificate,
  opensslCertificateId,
  send,
  simulator,
  tempDir,
} from "./helpers.mjs";

const dir = tempDir();
// Many certificates per application here; the limit of five has its own test.
const sim = await simulator({ limits: { activePerApplication: 1000 } });
const P256 = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];
const DAY = 86_400_000;
const base = `${LABEL}/simulator/api`;
await sim.api("POST", `${base}/applications`, {
  name: "Rotation app",
  clientId: CLIENT_ID,
});

let roles = 0;
/** Uploads `pem` for the test application, with a fresh role unless given. */
const upload = (
  pem,
  {
    clientId = CLIENT_ID,
    entity = "Larry Nelson",
    role = `Role ${++roles}`,
    label = LABEL,
  } = {},
) =>
  sim.api("POST", `${label}/simulator/api/certificates`, {
    clientId,
    entity,
    role,
    pem,
  });

async function assertRefused(answer, status, error) {
  assert.equal(answer.status, status, answer.text);
  assert.equal(answer.body.error, error);
  assert.ok(answer.body.message.length > 10, "a sentence says why");
}

const withClock = async (t, offsetMs) => {
  t.after(() => sim.settings.update({ clockOffsetSeconds: 0 }));
  assert.equal(
    (
      await sim.api("PUT", "simulator/api/settings", {
        clockOffsetSeconds: Math.round(offsetMs / 1000),
      })
    ).status,
    200,
  );
};

test("the Certificate ID is the SHA-256 of the DER, base64url without padding, as OpenSSL computes it, for every key type", async () => {
  for (const type of KEY_TYPES) {
    const certificate = makeCertificate(dir, type.newkey);
    const answer = await upload(certificate.certPem);
    assert.equal(answer.status, 201, answer.text);
    assert.equal(
      answer.body.certificateId,
      opensslCertificateId(certificate.certFile),
      type.name,
    );
    assert.match(answer.body.certificateId, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(answer.body.keyType, type.name);
    await sim.api(
      "POST",
      `${base}/certificates/${answer.body.certificateId}/revoke`,
    );
  }
});

// A file brought from another repository may not be committed here: the public
// pair's certificate is read from the steering repo's shared/fixtures/ (beside
// this clone, in CI too) when it is there, and the test says so when it is not.
const PUBLIC_PAIR = new URL(
  "../../../shared/fixtures/omniboost-rsa4096.pem",
  import.meta.url,
);
test(
  "the public pair: omniboost's RSA 4096 certificate gets the ID NetSuite gave it",
  {
    skip: fs.existsSync(PUBLIC_PAIR)
      ? false
      : "shared/fixtures/omniboost-rsa4096.pem is not provided (checked by hand on 2026-12-04: the ID matches)",
  },
  async (t) => {
    // Its validity (March 2026) has passed: upload it with the simulator's clock then.
    await withClock(t, Date.parse("2026-03-15T00:00:00Z") - Date.now());
    const pem = fs.readFileSync(PUBLIC_PAIR, "utf8");
    await sim.api("POST", "7654321/simulator/api/applications", {
      clientId: CLIENT_ID,
    });
    const answer = await upload(pem, { label: "7654321" });
    assert.equal(answer.status, 201, answer.text);
    assert.equal(
      answer.body.certificateId,
      "wbAMTLbADGJhq3RS3clswRc2lh3hOg34gIE6ZvWYDLY",
    );
  },
);

test("RSA 2048 is refused", async () => {
  await assertRefused(
    await upload(makeCertificate(dir, ["-newkey", "rsa:2048"]).certPem),
    400,
    "unsupported_key_size",
  );
});

test("EC curves other than P-256/384/521 are refused", async () => {
  await assertRefused(
    await upload(
      makeCertificate(dir, [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:secp256k1",
      ]).certPem,
    ),
    400,
    "unsupported_curve",
  );
});

test("key types other than RSA and EC are refused", async () => {
  await assertRefused(
    await upload(makeCertificate(dir, ["-newkey", "ed25519"]).certPem),
    400,
    "unsupported_key_type",
  );
});

test("only PEM X.509: not PEM, a damaged certificate, two certificates are refused", async () => {
  const { certPem, certFile } = makeCertificate(dir, P256);
  const der = fs
    .readFileSync(certFile, "utf8")
    .replace(/-----[A-Z ]+-----/g, "")
    .replace(/\s/g, "");
  await assertRefused(await upload(der), 400, "not_pem");
  await assertRefused(
    await upload(
      certPem.replace(/\n[A-Za-z0-9+/]{20}/, "\nAAAAAAAAAAAAAAAAAAAA"),
    ),
    400,
    "invalid_certificate",
  );
  await assertRefused(
    await upload(certPem + makeCertificate(dir, P256).certPem),
    400,
    "several_certificates",
  );
  await assertRefused(await upload(""), 400, "missing_certificate");
});

test("a file holding a private key is refused, even beside the certificate", async () => {
  const { certPem, keyPem } = makeCertificate(dir, P256);
  const answer = await upload(certPem + keyPem);
  await assertRefused(answer, 400, "private_key");
  assert.ok(
    !JSON.stringify(await sim.api("GET", `${base}/certificates`)).includes(
      keyPem.split("\n")[1],
    ),
  );
});

test("a validity over two years is cut to two years after notBefore; a shorter one is kept", async () => {
  const long = makeCertificate(dir, P256, { days: 1000 });
  const answer = await upload(long.certPem);
  assert.equal(answer.status, 201, answer.text);
  const validFrom = new Date(answer.body.validFrom);
  const twoYears = new Date(validFrom);
  twoYears.setUTCFullYear(validFrom.getUTCFullYear() + 2);
  assert.equal(answer.body.validUntil, twoYears.toISOString());
  assert.ok(
    Date.parse(answer.body.notAfter) - Date.parse(answer.body.validUntil) >
      200 * DAY,
  );
  assert.equal(answer.body.cutToTwoYears, true);

  const short = await upload(makeCertificate(dir, P256, { days: 365 }).certPem);
  assert.equal(short.body.validUntil, short.body.notAfter);
  assert.equal(short.body.cutToTwoYears, false);
});

test("an expired certificate is refused", async (t) => {
  const certificate = makeCertificate(dir, P256, { days: 1 });
  await withClock(t, 2 * DAY);
  await assertRefused(
    await upload(certificate.certPem),
    400,
    "expired_certificate",
  );
});

test("a certificate still within notAfter but past its two-year cut is refused", async (t) => {
  const certificate = makeCertificate(dir, P256, { days: 1000 });
  await withClock(t, 800 * DAY);
  await assertRefused(
    await upload(certificate.certPem),
    400,
    "expired_certificate",
  );
});

test("a certificate serves one mapping: uploading it again is refused, for the same or another combination", async () => {
  const { certPem } = makeCertificate(dir, P256);
  assert.equal((await upload(certPem, { role: "Integration" })).status, 201);
  await assertRefused(
    await upload(certPem, { role: "Integration" }),
    409,
    "duplicate_certificate",
  );
  await assertRefused(
    await upload(certPem, { role: "Another role" }),
    409,
    "duplicate_certificate",
  );
});

test("a new certificate for the same application, role and entity is accepted while the old one is active (rotation without downtime)", async () => {
  const combination = { entity: "Rotation user", role: "Rotation role" };
  const first = await upload(makeCertificate(dir, P256).certPem, combination);
  const second = await upload(makeCertificate(dir, P256).certPem, combination);
  assert.equal(first.status, 201);
  assert.equal(second.status, 201, second.text);
  const list = (await sim.api("GET", `${base}/certificates`)).body.certificates;
  for (const id of [first.body.certificateId, second.body.certificateId])
    assert.equal(
      list.find((item) => item.certificateId === id).status,
      "active",
    );
});

test("at most five active certificates per application; a revoke makes room", async () => {
  const label = "1234567-sb3";
  const clientId = "e".repeat(64);
  const defaults = await simulator();
  await defaults.api("POST", `${label}/simulator/api/applications`, {
    clientId,
  });
  const upload = (pem) =>
    defaults.api("POST", `${label}/simulator/api/certificates`, {
      clientId,
      entity: "E",
      role: "R",
      pem,
    });
  const ids = [];
  for (let i = 0; i < 5; i++) {
    const answer = await upload(makeCertificate(dir, P256).certPem);
    assert.equal(answer.status, 201, answer.text);
    ids.push(answer.body.certificateId);
  }
  const sixth = makeCertificate(dir, P256).certPem;
  await assertRefused(await upload(sixth), 409, "too_many_certificates");
  await defaults.api(
    "POST",
    `${label}/simulator/api/certificates/${ids[0]}/revoke`,
  );
  assert.equal((await upload(sixth)).status, 201);
});

test("Revoke is for good: revoked shows in the list, a second revoke and an unknown ID are refused", async () => {
  const { body } = await upload(makeCertificate(dir, P256).certPem);
  const revoked = await sim.api(
    "POST",
    `${base}/certificates/${body.certificateId}/revoke`,
  );
  assert.equal(revoked.status, 200);
  assert.equal(revoked.body.revoked, true);
  assert.equal(revoked.body.status, "revoked");
  assert.equal(
    (await sim.api("GET", `${base}/certificates/${body.certificateId}`)).body
      .revoked,
    true,
  );
  await assertRefused(
    await sim.api("POST", `${base}/certificates/${body.certificateId}/revoke`),
    409,
    "already_revoked",
  );
  await assertRefused(
    await sim.api(
      "POST",
      `${base}/certificates/NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA/revoke`,
    ),
    404,
    "unknown_certificate",
  );
});

test("a mapping needs a known application, an entity and a role", async () => {
  const { certPem } = makeCertificate(dir, P256);
  await assertRefused(
    await upload(certPem, { clientId: "f".repeat(64) }),
    400,
    "unknown_application",
  );
  await assertRefused(
    await upload(certPem, { entity: " " }),
    400,
    "invalid_entity",
  );
  await assertRefused(
    await upload(certPem, { role: null }),
    400,
    "invalid_role",
  );
});

test("applications: a Client ID of 64 hex characters (random if not given), once per account, with known scopes", async () => {
  const made = await sim.api("POST", `${base}/applications`, {
    name: "Made",
    scopes: ["restlets"],
  });
  assert.equal(made.status, 201);
  assert.match(made.body.clientId, /^[0-9a-f]{64}$/);
  assert.deepEqual(made.body.scopes, ["restlets"]);
  await assertRefused(
    await sim.api("POST", `${base}/applications`, { clientId: CLIENT_ID }),
    409,
    "duplicate_client_id",
  );
  await assertRefused(
    await sim.api("POST", `${base}/applications`, { clientId: "ABC" }),
    400,
    "invalid_client_id",
  );
  await assertRefused(
    await sim.api("POST", `${base}/applications`, { scopes: ["openid"] }),
    400,
    "invalid_scopes",
  );
  await assertRefused(
    await sim.api("POST", `${base}/applications`, { name: "x".repeat(101) }),
    400,
    "invalid_name",
  );
  const list = await sim.api("GET", `${base}/applications`);
  assert.ok(
    list.body.applications.some((app) => app.clientId === made.body.clientId),
  );
});

test("a sandbox refresh clears the M2M setup; the same certificate uploaded again keeps its ID", async () => {
  const label = "1234567-sb2";
  await sim.api("POST", `${label}/simulator/api/applications`, {
    clientId: CLIENT_ID,
  });
  const certificate = makeCertificate(dir, P256);
  const first = await upload(certificate.certPem, { label });
  assert.equal(
    (await sim.api("POST", `${label}/simulator/api/refresh`)).status,
    200,
  );
  assert.deepEqual(
    (await sim.api("GET", `${label}/simulator/api/certificates`)).body
      .certificates,
    [],
  );
  const again = await upload(certificate.certPem, { label });
  assert.equal(again.status, 201);
  assert.equal(again.body.certificateId, first.body.certificateId);
});

test("the JSON API wants JSON and names unknown routes", async () => {
  const url = new URL(`${base}/applications`, sim.url);
  const wrongType = await send(url, {
    method: "POST",
    headers: { "Content-Type": "text/plain" },
    body: "{}",
  });
  assert.equal(wrongType.status, 415);
  const badJson = await send(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: "{",
  });
  assert.equal(badJson.status, 400);
  await assertRefused(
    await sim.api("GET", `${base}/nothing`),
    404,
    "not_found",
  );
  await assertRefused(
    await sim.api("GET", "simulator/api/nothing"),
    404,
    "not_found",
  );
});

test("memory is bounded: accounts, applications and mappings past the limits are refused", async () => {
  const small = await simulator({
    limits: { accounts: 2, applicationsPerAccount: 1, mappingsPerAccount: 1 },
  });
  await small.api("POST", "1/simulator/api/applications", {
    clientId: CLIENT_ID,
  });
  await assertRefused(
    await small.api("POST", "1/simulator/api/applications", {}),
    409,
    "too_many_applications",
  );
  const mapping = (pem) =>
    small.api("POST", "1/simulator/api/certificates", {
      clientId: CLIENT_ID,
      entity: "E",
      role: "R",
      pem,
    });
  assert.equal((await mapping(makeCertificate(dir, P256).certPem)).status, 201);
  await assertRefused(
    await mapping(makeCertificate(dir, P256).certPem),
    409,
    "too_many_mappings",
  );
  assert.equal(
    (await small.api("GET", "2/simulator/api/applications")).status,
    200,
  );
  await assertRefused(
    await small.api("GET", "3/simulator/api/applications"),
    507,
    "too_many_accounts",
  );
});
