// The rules on the claims: aud, iat and exp (lifetime, clock skew, the clock
// offset setting) and scope; one test per rule (netsuite-simulator/README.md).
import assert from "node:assert/strict";
import { sign } from "node:crypto";
import { test } from "node:test";
import {
  claims,
  REAL_TOKEN_URL,
  requestToken,
  signWithNode,
  simulator,
} from "./helpers.mjs";
import {
  sim,
  RESTLETS_ONLY,
  restletsOnly,
  valid,
  assertRefused,
} from "./refusals-fixture.mjs";

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
