// A live check's outcome in a person's words: what NetSuite said, the likely
// causes (picked from the one list of hints, views/test/hints.js) and where
// NetSuite shows the detail. `explainOutcome` takes the backend's answer,
// `explainFailure` its error; both return
// `{kind, title, text, causes: [[topic, advice]], audit}` and, for the reserved
// place (errorDetails), the `code` and `status` of what refused: NetSuite's own
// (`from`) or the backend's.
import { clockSkewSeconds } from "../../../backend/clock.js";
import { rules } from "../../../module/index.js";
import { pickHints } from "../../test/hints.js";

const AUDIT =
  "NetSuite shows the real reason of each refused request in its Login Audit Trail.";

/** A sentence on this computer's clock, from what the backend's Date headers say. */
export function clockSentence() {
  const skew = clockSkewSeconds();
  if (skew === null)
    return "The assertion's iat and exp come from this computer's clock; check that it is right.";
  const minutes = Math.round(Math.abs(skew) / 60);
  if (Math.abs(skew) > rules().clockSkewWarningSeconds)
    return `This computer's clock is about ${minutes || 1} minute(s) ${skew > 0 ? "behind" : "ahead of"} the server's: the assertion's iat and exp come from it, so this is the likely cause. Set the clock right (automatic date and time), then check again.`;
  return "This computer's clock agrees with the server's, so if the Login Audit Trail names the token's times, it is NetSuite's view of the time that differs: check again in a minute, or ask NetSuite support.";
}

function minutes(seconds) {
  return seconds === null || seconds === undefined
    ? "an hour"
    : `${Math.round(seconds / 60)} minutes`;
}

/** NetSuite's own answer (HTTP status, OAuth error code) goes to the reserved place. */
function refused(outcome, title, text, causes, extra = {}) {
  return {
    kind: "error",
    title,
    text,
    causes,
    audit: true,
    code: outcome.error ?? null,
    status: outcome.status,
    from: "NetSuite",
    ...extra,
  };
}

/** The backend's 200 answer: NetSuite answered something. */
export function explainOutcome(outcome) {
  const { ok, status, error, reason } = outcome;
  if (ok)
    return {
      kind: "success",
      title: "NetSuite issued a token",
      text: `NetSuite accepted the assertion for Certificate ID ${outcome.certificateId} and issued an access token valid for ${minutes(outcome.expiresIn)}. The backend discarded the token unread: it was never shown, kept or logged. The application can get tokens with this key and Certificate ID.`,
      causes: [],
      audit: false,
    };
  if (reason && reason !== "no_token")
    return {
      kind: "warning",
      title: "The answer did not come from NetSuite's token endpoint",
      text: `The backend got HTTP ${status} with ${
        {
          redirected: "a redirect (not followed)",
          answer_too_large: "an answer far larger than NetSuite's",
          not_json: "an answer that is not JSON",
        }[reason] ?? "something else"
      }. A proxy, firewall or captive portal between the backend and NetSuite may have answered instead, or the backend's NETSUITE_URL points elsewhere. Nothing is known about the credentials yet: ask whoever runs the backend.`,
      causes: [],
      audit: false,
      code: reason,
      status,
    };
  if (status === 401 || error === "invalid_client")
    return refused(
      outcome,
      "NetSuite refused the credentials",
      `NetSuite could not establish the client or its key. Usually the Client ID is not that of an integration record of this account, the Certificate ID is not mapped to that application (or was revoked or has expired), or the key does not belong to the certificate uploaded.`,
      pickHints(["iss", "kid", "revoked", "scheme"]),
    );
  if (status === 400 && error === "invalid_grant")
    return refused(
      outcome,
      "NetSuite refused the assertion",
      "NetSuite read the assertion but refused its claims. Usually its times (a wrong clock, here or at NetSuite), the audience, or a scope not enabled on the integration record.",
      pickHints(["clock", "aud", "scope"]),
      { clock: clockSentence() },
    );
  if (status === 400)
    return refused(
      outcome,
      "NetSuite refused the request",
      `NetSuite found the token request itself malformed. The backend builds it as NetSuite documents; if this persists, the backend or something between it and NetSuite changes the request.`,
      pickHints(["aud"]),
    );
  if (status >= 500)
    return refused(
      outcome,
      "NetSuite answered with a server error",
      `On this endpoint it is usually the credentials, not an outage: NetSuite has answered a server error (500) to a certificate not mapped to the application, a revoked one, an unknown Certificate ID, or RS256. If the Login Audit Trail shows nothing, try again later.`,
      pickHints(["kid", "revoked", "iss", "scheme"]),
    );
  return refused(
    outcome,
    "NetSuite did not issue a token",
    "NetSuite answered without a token.",
    pickHints(["kid", "revoked", "clock"]),
  );
}

/** The backend's refusal of the check itself (an ApiError). */
export function explainFailure(error) {
  const says = {
    assertion_not_for_integration: [
      "Save the IDs first",
      "The assertion was made for other IDs than this integration's saved Account ID and Client ID. Save the Account ID and Client ID first (or choose the organisation whose IDs these are), then check again.",
    ],
    invalid_client_assertion: [
      "The assertion could not be read",
      "The backend could not read the signed assertion; sign it again.",
    ],
    too_many_checks: [
      "Too many checks",
      "This organisation was checked many times in the last minute, so the backend waits before asking NetSuite again.",
    ],
    netsuite_unreachable: [
      "NetSuite could not be reached",
      "The backend could not reach NetSuite, so nothing is known about the credentials yet. Try again later, or ask whoever runs the backend whether it may reach NetSuite.",
    ],
    netsuite_timeout: [
      "NetSuite did not answer in time",
      "NetSuite did not answer the backend in time, so nothing is known about the credentials yet. Try again in a minute.",
    ],
  }[error.code];
  const [title, text] = says ?? [
    "The check could not be made",
    "The backend could not make the check.",
  ];
  return {
    kind: error.code === "too_many_checks" ? "warning" : "error",
    title,
    text: `${text} ${error.message ?? ""}`.trim(),
    causes: [],
    audit: false,
    code: error.code,
    status: error.status,
  };
}

export { AUDIT };
