// What to check when NetSuite refuses a client assertion.
import { rules } from "../../module/index.js";

/** [topic, advice] pairs; the lifetime limit is the module's. */
export function hints() {
  const minutes = Math.ceil((rules().assertionLifetimeSeconds.max + 1) / 60);
  return [
    [
      "invalid_client or InvalidSignature",
      "the kid (Certificate ID) is stale or wrong, or the key does not belong to the certificate uploaded in NetSuite.",
    ],
    [
      "Revoked or expired certificate",
      "a revoked or expired certificate never works again: replace it and upload the new one.",
    ],
    [
      "Signature scheme",
      "RS256 has been refused since 1 March 2025, and RSA 2048 keys are refused: use PS256/ES256 with RSA 3072+ or EC keys (this page does).",
    ],
    [
      "aud",
      "must be exactly the token endpoint of this account's host (lower case, _ replaced by -).",
    ],
    [
      "Lifetime and clock",
      `exp − iat must be under ${minutes} minutes, and the machine's clock must be right: an assertion from the future or the past is refused.`,
    ],
    ["iss", "must be the Client ID (consumer key) of the integration record."],
    [
      "ScopeMismatched",
      "a requested scope is not enabled on the integration record.",
    ],
    [
      "invalid_grant",
      "check NetSuite's Login Audit Trail (Setup > Users/Roles > User Management > View Login Audit Trail): the real reason is there.",
    ],
  ];
}
