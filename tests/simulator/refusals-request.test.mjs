// The token endpoint's rules on the request itself and on the JWT's header: one
// test per rule, each refusal's HTTP status, OAuth error code and Login Audit
// Trail reason (netsuite-simulator/README.md).
import assert from "node:assert/strict";
import { constants, createPrivateKey, sign } from "node:crypto";
import { test } from "node:test";
import {
  ACCOUNT_ID,
  claims,
  requestToken,
  signingInput,
  signWithNode,
} from "./helpers.mjs";
import {
  sim,
  ec,
  rsa,
  ecHeader,
  valid,
  assertRefused,
} from "./refusals-fixture.mjs";

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
