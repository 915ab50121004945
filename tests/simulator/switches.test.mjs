// The simulator's switches (fail-next, the 500 switch, refusals as 500), its
// settings' checks, and paths that are no NetSuite host.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  claims,
  lastAuditEntry,
  requestToken,
  signWithOpenssl,
  simulator,
} from "./helpers.mjs";
import {
  dir,
  sim,
  other,
  ecHeader,
  valid,
  assertRefused,
} from "./refusals-fixture.mjs";

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
