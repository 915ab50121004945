// What the token endpoint's rule tests share: a simulator with an account whose
// applications have EC P-256, RSA 3072, short-lived and restlets-only
// certificates, a valid assertion to change one thing of, and assertRefused.
import assert from "node:assert/strict";
import {
  claims,
  lastAuditEntry,
  makeCertificate,
  setUpAccount,
  signWithNode,
  simulator,
  tempDir,
} from "./helpers.mjs";
export const dir = tempDir();
export const sim = await simulator();
export const ec = makeCertificate(dir, [
  "-newkey",
  "ec",
  "-pkeyopt",
  "ec_paramgen_curve:P-256",
]);
export const rsa = makeCertificate(dir, ["-newkey", "rsa:3072"]);
export const other = makeCertificate(dir, [
  "-newkey",
  "ec",
  "-pkeyopt",
  "ec_paramgen_curve:P-256",
]);
export const shortLived = makeCertificate(
  dir,
  ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
  { days: 1 },
);
export const OTHER_CLIENT = "b".repeat(64);
export const RESTLETS_ONLY = "c".repeat(64);
await setUpAccount(sim, ec);
await setUpAccount(sim, rsa);
await setUpAccount(sim, shortLived);
await setUpAccount(sim, other, { clientId: OTHER_CLIENT });
export const restletsOnly = makeCertificate(dir, [
  "-newkey",
  "ec",
  "-pkeyopt",
  "ec_paramgen_curve:P-256",
]);
await setUpAccount(sim, restletsOnly, {
  clientId: RESTLETS_ONLY,
  scopes: ["restlets"],
});

export const ecHeader = { typ: "JWT", alg: "ES256", kid: ec.id };
export const valid = (payload = claims(), header = ecHeader) =>
  signWithNode(ec.keyPem, header, payload);

export async function assertRefused(answer, status, error, reason) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.deepEqual(answer.body, { error });
  const entry = await lastAuditEntry(sim);
  assert.equal(entry.status, "Failure");
  assert.equal(entry.reason, reason, entry.detail);
  return entry;
}
