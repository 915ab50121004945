// What to check when NetSuite refuses a client assertion: one list, used whole on
// Test the credentials (result.js) and picked from by the live check's explanations
// (views/org/live-check/explain.js).
import { rules } from "../../module/index.js";

/** Where NetSuite shows the real reason of a refused token request. */
export const LOGIN_AUDIT_TRAIL =
  "Setup > Users/Roles > User Management > View Login Audit Trail";

/** The hints by id: [topic, advice]; the lifetime limit is the module's. */
export function hintsById() {
  const minutes = Math.ceil((rules().assertionLifetimeSeconds.max + 1) / 60);
  return {
    kid: [
      "Certificate ID or key",
      "the kid (Certificate ID) is stale or wrong, or the key does not belong to the certificate uploaded in NetSuite. NetSuite then refuses the client; its Login Audit Trail says InvalidSignature.",
    ],
    revoked: [
      "Revoked or expired certificate",
      "a revoked or expired certificate never works again: replace it and upload the new one.",
    ],
    scheme: [
      "Signature scheme",
      "RS256 has been refused since 1 March 2025, and RSA 2048 keys are refused: use PS256/ES256 with RSA 3072+ or EC keys (this page does).",
    ],
    aud: [
      "aud",
      "must be exactly the token endpoint of this account's host (lower case, _ replaced by -).",
    ],
    clock: [
      "Lifetime and clock",
      `exp − iat must be under ${minutes} minutes, and the machine's clock must be right: an assertion from the future or the past is refused.`,
    ],
    iss: [
      "iss",
      "must be the Client ID (consumer key) of the integration record.",
    ],
    scope: [
      "ScopeMismatched",
      "a requested scope is not enabled on the integration record.",
    ],
    audit: [
      "invalid_grant",
      `check NetSuite's Login Audit Trail (${LOGIN_AUDIT_TRAIL}): the real reason is there.`,
    ],
  };
}

/** Every hint, in the order Test the credentials lists them. */
export function hints() {
  return Object.values(hintsById());
}

/** The hints named by `ids`, in that order. */
export function pickHints(ids) {
  const all = hintsById();
  return ids.map((id) => all[id]);
}
