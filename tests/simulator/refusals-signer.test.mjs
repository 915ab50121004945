// The rules on who signs: iss, kid (mapped, not revoked, not expired, valid yet)
// and the signature itself; one test per rule (netsuite-simulator/README.md).
import assert from "node:assert/strict";
import { constants, createPrivateKey, sign } from "node:crypto";
import { test } from "node:test";
import {
  claims,
  CLIENT_ID,
  makeCertificate,
  REAL_TOKEN_URL,
  requestToken,
  setUpAccount,
  signingInput,
  signWithNode,
  simulator,
} from "./helpers.mjs";
import {
  dir,
  sim,
  ec,
  rsa,
  other,
  shortLived,
  OTHER_CLIENT,
  ecHeader,
  valid,
  assertRefused,
} from "./refusals-fixture.mjs";

// Who signs: iss, kid, signature

test("iss must be the Client ID of an application of this account", async () => {
  const answer = await requestToken(
    sim.tokenUrl(),
    valid(claims({ iss: "d".repeat(64) })),
  );
  await assertRefused(answer, 401, "invalid_client", "InvalidClientId");
  const elsewhere = await requestToken(
    sim.tokenUrl("7654321"),
    valid(claims({ aud: REAL_TOKEN_URL.replace("1234567-sb1", "7654321") })),
  );
  assert.equal(
    elsewhere.status,
    401,
    "the application exists only in the account it was made in",
  );
});

test("kid is required", async () => {
  const { kid: _kid, ...header } = ecHeader;
  const entry = await assertRefused(
    await requestToken(sim.tokenUrl(), valid(claims(), header)),
    401,
    "invalid_client",
    "InvalidCertificate",
  );
  assert.match(entry.detail, /no kid/);
});

test("kid must be a certificate of this account", async () => {
  const answer = await requestToken(
    sim.tokenUrl(),
    valid(claims(), {
      ...ecHeader,
      kid: "NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA",
    }),
  );
  await assertRefused(answer, 401, "invalid_client", "InvalidCertificate");
});

test("kid must be mapped to the application named by iss", async () => {
  const jwt = signWithNode(
    other.keyPem,
    { typ: "JWT", alg: "ES256", kid: other.id },
    claims({ iss: CLIENT_ID }),
  );
  await assertRefused(
    await requestToken(sim.tokenUrl(), jwt),
    401,
    "invalid_client",
    "InvalidCertificate",
  );
  const own = signWithNode(
    other.keyPem,
    { typ: "JWT", alg: "ES256", kid: other.id },
    claims({ iss: OTHER_CLIENT }),
  );
  assert.equal((await requestToken(sim.tokenUrl(), own)).status, 200);
});

test("a revoked certificate's kid is refused", async () => {
  const revocable = makeCertificate(dir, [
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-384",
  ]);
  await setUpAccount(sim, revocable);
  const jwt = () =>
    signWithNode(
      revocable.keyPem,
      { typ: "JWT", alg: "ES384", kid: revocable.id },
      claims(),
    );
  assert.equal((await requestToken(sim.tokenUrl(), jwt())).status, 200);
  assert.equal(
    (
      await sim.api(
        "POST",
        `1234567-sb1/simulator/api/certificates/${revocable.id}/revoke`,
      )
    ).status,
    200,
  );
  await assertRefused(
    await requestToken(sim.tokenUrl(), jwt()),
    401,
    "invalid_client",
    "RevokedCertificate",
  );
});

test("an expired certificate's kid is refused (the simulator's clock moved two days on)", async (t) => {
  t.after(() => sim.settings.update({ clockOffsetSeconds: 0 }));
  const offset = 2 * 86_400;
  assert.equal(
    (
      await sim.api("PUT", "simulator/api/settings", {
        clockOffsetSeconds: offset,
      })
    ).status,
    200,
  );
  const jwt = signWithNode(
    shortLived.keyPem,
    { typ: "JWT", alg: "ES256", kid: shortLived.id },
    claims({ now: Math.floor(Date.now() / 1000) + offset }),
  );
  await assertRefused(
    await requestToken(sim.tokenUrl(), jwt),
    401,
    "invalid_client",
    "ExpiredCertificate",
  );
});

test("a certificate not valid yet is refused (the simulator's clock set two days back)", async (t) => {
  t.after(() => sim.settings.update({ clockOffsetSeconds: 0 }));
  const offset = -2 * 86_400;
  await sim.api("PUT", "simulator/api/settings", {
    clockOffsetSeconds: offset,
  });
  const jwt = valid(claims({ now: Math.floor(Date.now() / 1000) + offset }));
  const entry = await assertRefused(
    await requestToken(sim.tokenUrl(), jwt),
    401,
    "invalid_client",
    "InvalidCertificate",
  );
  assert.match(entry.detail, /not valid yet/);
});

test("the signature must verify with the certificate's key", async () => {
  const wrongKey = signWithNode(other.keyPem, ecHeader, claims());
  await assertRefused(
    await requestToken(sim.tokenUrl(), wrongKey),
    401,
    "invalid_client",
    "InvalidSignature",
  );
  const [, , signature] = valid().split(".");
  const otherPayload = valid(claims({ jti: "another" }))
    .split(".")
    .slice(0, 2)
    .join(".");
  const swapped = `${otherPayload}.${signature}`;
  await assertRefused(
    await requestToken(sim.tokenUrl(), swapped),
    401,
    "invalid_client",
    "InvalidSignature",
  );
});

test("an ES signature must be raw r||s, not DER (as openssl dgst writes it)", async () => {
  const input = signingInput(ecHeader, claims());
  const der = sign("sha256", Buffer.from(input), createPrivateKey(ec.keyPem));
  await assertRefused(
    await requestToken(sim.tokenUrl(), `${input}.${der.toString("base64url")}`),
    401,
    "invalid_client",
    "InvalidSignature",
  );
});

test("a PS256 header over a PKCS#1 v1.5 signature is refused", async () => {
  const input = signingInput(
    { typ: "JWT", alg: "PS256", kid: rsa.id },
    claims(),
  );
  const v15 = sign("sha256", Buffer.from(input), {
    key: createPrivateKey(rsa.keyPem),
    padding: constants.RSA_PKCS1_PADDING,
  });
  await assertRefused(
    await requestToken(sim.tokenUrl(), `${input}.${v15.toString("base64url")}`),
    401,
    "invalid_client",
    "InvalidSignature",
  );
});
