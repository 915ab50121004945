// One test per rule of the token endpoint: each refusal's HTTP status, OAuth
// error code and login audit trail reason (netsuite-simulator/README.md).
import assert from "node:assert/strict";
import { constants, createPrivateKey, sign } from "node:crypto";
import { test } from "node:test";
import {
  ACCOUNT_ID,
  claims,
  CLIENT_ID,
  lastAuditEntry,
  makeCertificate,
  REAL_TOKEN_URL,
  requestToken,
  setUpAccount,
  signingInput,
  signWithNode,
  signWithOpenssl,
  simulator,
  tempDir,
} from "./helpers.mjs";

const dir = tempDir();
const sim = await simulator();
const ec = makeCertificate(dir, [
  "-newkey",
  "ec",
  "-pkeyopt",
  "ec_paramgen_curve:P-256",
]);
const rsa = makeCertificate(dir, ["-newkey", "rsa:3072"]);
const other = makeCertificate(dir, [
  "-newkey",
  "ec",
  "-pkeyopt",
  "ec_paramgen_curve:P-256",
]);
const shortLived = makeCertificate(
  dir,
  ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
  { days: 1 },
);
const OTHER_CLIENT = "b".repeat(64);
const RESTLETS_ONLY = "c".repeat(64);
await setUpAccount(sim, ec);
await setUpAccount(sim, rsa);
await setUpAccount(sim, shortLived);
await setUpAccount(sim, other, { clientId: OTHER_CLIENT });
const restletsOnly = makeCertificate(dir, [
  "-newkey",
  "ec",
  "-pkeyopt",
  "ec_paramgen_curve:P-256",
]);
await setUpAccount(sim, restletsOnly, {
  clientId: RESTLETS_ONLY,
  scopes: ["restlets"],
});

const ecHeader = { typ: "JWT", alg: "ES256", kid: ec.id };
const valid = (payload = claims(), header = ecHeader) =>
  signWithNode(ec.keyPem, header, payload);

async function assertRefused(answer, status, error, reason) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.deepEqual(answer.body, { error });
  const entry = await lastAuditEntry(sim);
  assert.equal(entry.status, "Failure");
  assert.equal(entry.reason, reason, entry.detail);
  return entry;
}

test("a valid assertion gets a token (the baseline every refusal below changes one thing of)", async () => {
  assert.equal((await requestToken(sim.tokenUrl(), valid())).status, 200);
});

// The request

test("only POST: another method gets 405 invalid_request", async () => {
  const answer = await requestToken(sim.tokenUrl(), valid(), {
    method: "GET",
    contentType: null,
  });
  await assertRefused(answer, 405, "invalid_request", "InvalidRequest");
  assert.equal(answer.headers.get("allow"), "POST");
});

test("the body must be application/x-www-form-urlencoded", async () => {
  const answer = await requestToken(sim.tokenUrl(), valid(), {
    contentType: "application/json",
  });
  await assertRefused(answer, 400, "invalid_request", "InvalidRequest");
});

test("a body over the size cap gets 413 invalid_request", async () => {
  const answer = await requestToken(sim.tokenUrl(), valid(), {
    form: { padding: "x".repeat(70 * 1024) },
  });
  await assertRefused(answer, 413, "invalid_request", "InvalidRequest");
});

test("grant_type must be client_credentials", async () => {
  const answer = await requestToken(sim.tokenUrl(), valid(), {
    form: { grant_type: "authorization_code" },
  });
  await assertRefused(answer, 400, "invalid_request", "UnsupportedGrantType");
});

test("client_assertion_type must be the JWT bearer type", async () => {
  const answer = await requestToken(sim.tokenUrl(), valid(), {
    form: { client_assertion_type: "jwt" },
  });
  await assertRefused(answer, 400, "invalid_request", "InvalidRequest");
});

test("each parameter exactly once: a missing or repeated one is refused", async () => {
  await assertRefused(
    await requestToken(sim.tokenUrl(), undefined),
    400,
    "invalid_request",
    "InvalidRequest",
  );
  const twice = `grant_type=client_credentials&grant_type=client_credentials&client_assertion_type=${encodeURIComponent("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")}&client_assertion=${valid()}`;
  await assertRefused(
    await requestToken(sim.tokenUrl(), null, { body: twice }),
    400,
    "invalid_request",
    "InvalidRequest",
  );
});

// The JWT header

test("client_assertion must be a JWT (three base64url parts of JSON)", async () => {
  for (const jwt of ["not-a-jwt", `${valid()}.extra`, "e30.bm90IGpzb24.c2ln"]) {
    const entry = await assertRefused(
      await requestToken(sim.tokenUrl(), jwt),
      401,
      "invalid_client",
      "InvalidToken",
    );
    assert.equal(entry.clientId, null);
  }
});

test("typ must be JWT; 401 invalid_client with WWW-Authenticate naming the account", async () => {
  const answer = await requestToken(
    sim.tokenUrl(),
    valid(claims(), { ...ecHeader, typ: "JOSE" }),
  );
  await assertRefused(answer, 401, "invalid_client", "InvalidTokenType");
  assert.equal(
    answer.headers.get("www-authenticate"),
    `Basic realm="${ACCOUNT_ID}"`,
  );
});

test("RS256 is refused (and so is any alg outside PS256/384/512, ES256/384/512)", async () => {
  for (const alg of ["RS256", "HS256", "none", "EdDSA"]) {
    const input = signingInput({ typ: "JWT", alg, kid: rsa.id }, claims());
    const signature = sign("sha256", Buffer.from(input), {
      key: createPrivateKey(rsa.keyPem),
      padding: constants.RSA_PKCS1_PADDING,
    });
    const answer = await requestToken(
      sim.tokenUrl(),
      `${input}.${signature.toString("base64url")}`,
    );
    await assertRefused(answer, 401, "invalid_client", "UnsupportedAlgorithm");
  }
});

test("alg must fit the certificate's key: PS* for RSA, ES256 for P-256 only", async () => {
  const esForRsa = signWithNode(
    ec.keyPem,
    { typ: "JWT", alg: "ES256", kid: rsa.id },
    claims(),
  );
  await assertRefused(
    await requestToken(sim.tokenUrl(), esForRsa),
    401,
    "invalid_client",
    "UnsupportedAlgorithm",
  );
  const psForEc = signWithNode(
    rsa.keyPem,
    { typ: "JWT", alg: "PS256", kid: ec.id },
    claims(),
  );
  await assertRefused(
    await requestToken(sim.tokenUrl(), psForEc),
    401,
    "invalid_client",
    "UnsupportedAlgorithm",
  );
  const es384ForP256 = valid(claims(), { ...ecHeader, alg: "ES384" });
  await assertRefused(
    await requestToken(sim.tokenUrl(), es384ForP256),
    401,
    "invalid_client",
    "UnsupportedAlgorithm",
  );
});

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

// The claims

test("aud must be exactly NetSuite's real token URL for this account", async () => {
  for (const aud of [
    sim.tokenUrl(),
    `${REAL_TOKEN_URL}/`,
    REAL_TOKEN_URL.replace("1234567-sb1", "1234567"),
    REAL_TOKEN_URL.toUpperCase(),
    [REAL_TOKEN_URL],
    undefined,
  ]) {
    const answer = await requestToken(sim.tokenUrl(), valid(claims({ aud })));
    await assertRefused(answer, 400, "invalid_grant", "InvalidAudience");
  }
});

test("iat and exp must be numbers, exp after iat", async () => {
  const now = Math.floor(Date.now() / 1000);
  for (const times of [
    { iat: undefined },
    { exp: String(now + 300) },
    { iat: now, exp: now },
  ]) {
    await assertRefused(
      await requestToken(sim.tokenUrl(), valid(claims(times))),
      400,
      "invalid_grant",
      "InvalidTokenTimes",
    );
  }
});

test("exp - iat at most 3600 s: 3600 passes, 3601 is refused", async () => {
  const now = Math.floor(Date.now() / 1000);
  assert.equal(
    (
      await requestToken(
        sim.tokenUrl(),
        valid(claims({ iat: now, exp: now + 3600 })),
      )
    ).status,
    200,
  );
  const answer = await requestToken(
    sim.tokenUrl(),
    valid(claims({ iat: now, exp: now + 3601 })),
  );
  await assertRefused(answer, 400, "invalid_grant", "TokenLifetimeTooLong");
});

test("an expired assertion is refused (beyond the 60 s clock skew)", async () => {
  const now = Math.floor(Date.now() / 1000);
  assert.equal(
    (
      await requestToken(
        sim.tokenUrl(),
        valid(claims({ iat: now - 320, exp: now - 20 })),
      )
    ).status,
    200,
    "within the skew",
  );
  const answer = await requestToken(
    sim.tokenUrl(),
    valid(claims({ iat: now - 400, exp: now - 100 })),
  );
  await assertRefused(answer, 400, "invalid_grant", "ExpiredToken");
});

test("an assertion issued in the future is refused (beyond the 60 s clock skew)", async () => {
  const now = Math.floor(Date.now() / 1000);
  assert.equal(
    (
      await requestToken(
        sim.tokenUrl(),
        valid(claims({ iat: now + 20, exp: now + 320 })),
      )
    ).status,
    200,
    "within the skew",
  );
  const answer = await requestToken(
    sim.tokenUrl(),
    valid(claims({ iat: now + 120, exp: now + 420 })),
  );
  await assertRefused(answer, 400, "invalid_grant", "TokenIssuedInFuture");
});

test("the simulator's clock offset setting moves what 'now' is: a clock 10 minutes behind NetSuite's", async (t) => {
  t.after(() => sim.settings.update({ clockOffsetSeconds: 0 }));
  await sim.api("PUT", "simulator/api/settings", { clockOffsetSeconds: 600 });
  await assertRefused(
    await requestToken(sim.tokenUrl(), valid()),
    400,
    "invalid_grant",
    "ExpiredToken",
  );
});

test("scope is required", async () => {
  for (const scope of [undefined, "", [], 42]) {
    await assertRefused(
      await requestToken(sim.tokenUrl(), valid(claims({ scope }))),
      400,
      "invalid_grant",
      "InvalidScope",
    );
  }
});

test("scope may only name restlets, rest_webservices, suite_analytics", async () => {
  for (const scope of [
    "restlets soap_webservices",
    ["rest_webservices", "openid"],
  ]) {
    await assertRefused(
      await requestToken(sim.tokenUrl(), valid(claims({ scope }))),
      400,
      "invalid_grant",
      "InvalidScope",
    );
  }
});

test("scope must be enabled on the application", async () => {
  const header = { typ: "JWT", alg: "ES256", kid: restletsOnly.id };
  const sign = (scope) =>
    signWithNode(
      restletsOnly.keyPem,
      header,
      claims({ iss: RESTLETS_ONLY, scope }),
    );
  assert.equal(
    (await requestToken(sim.tokenUrl(), sign("restlets"))).status,
    200,
  );
  const answer = await requestToken(
    sim.tokenUrl(),
    sign(["restlets", "rest_webservices"]),
  );
  await assertRefused(answer, 400, "invalid_grant", "ScopeMismatched");
});

// The switches

test("fail-next answers 500 server_error to the next request only", async () => {
  assert.equal((await sim.api("POST", "simulator/api/fail-next")).status, 200);
  await assertRefused(
    await requestToken(sim.tokenUrl(), valid()),
    500,
    "server_error",
    "ServerError",
  );
  assert.equal((await requestToken(sim.tokenUrl(), valid())).status, 200);
});

test("the 500 switch answers 500 server_error until turned off", async (t) => {
  t.after(() => sim.settings.update({ serverError: false }));
  await sim.api("PUT", "simulator/api/settings", { serverError: true });
  for (let i = 0; i < 2; i++)
    await assertRefused(
      await requestToken(sim.tokenUrl(), valid()),
      500,
      "server_error",
      "ServerError",
    );
  await sim.api("PUT", "simulator/api/settings", { serverError: false });
  assert.equal((await requestToken(sim.tokenUrl(), valid())).status, 200);
});

test("refusalsAsServerError answers every refusal as observed in 2025 (500), the audit keeps the reason", async (t) => {
  t.after(() => sim.settings.update({ refusalsAsServerError: false }));
  await sim.api("PUT", "simulator/api/settings", {
    refusalsAsServerError: true,
  });
  const answer = await requestToken(
    sim.tokenUrl(),
    signWithOpenssl(dir, other.keyFile, ecHeader, claims()),
  );
  assert.equal(answer.status, 500);
  assert.deepEqual(answer.body, { error: "server_error" });
  assert.equal((await lastAuditEntry(sim)).reason, "InvalidSignature");
  assert.equal((await requestToken(sim.tokenUrl(), valid())).status, 200);
});

test("settings refuse nonsense", async () => {
  for (const body of [
    { clockOffsetSeconds: 1.5 },
    { serverError: "yes" },
    [],
    { failNext: -1 },
  ]) {
    assert.equal(
      (await sim.api("PUT", "simulator/api/settings", body)).status,
      400,
    );
  }
});

test("a path that is not a NetSuite host label is not found", async () => {
  for (const label of [
    "1234567_SB1",
    "example.com",
    "1234567-sb",
    "simulator",
  ]) {
    const answer = await requestToken(
      `${sim.url}${label}/services/rest/auth/oauth2/v1/token`,
      valid(),
    );
    assert.equal(answer.status, 404, label);
    assert.equal(answer.body.error, "unknown_host");
  }
});
