// The assertion's claims that depend on time and on the application:
// iat/exp (lifetime, expiry, clock skew) and scope.
import { SCOPES } from "./accounts.js";
import { invalidGrant } from "./token-request.js";

export const MAX_LIFETIME_SECONDS = 3600;
export const CLOCK_SKEW_SECONDS = 60;

/** Checks iat and exp against `now` (seconds), or throws a Refusal. */
export function checkTimes({ iat, exp }, now) {
  if (!Number.isFinite(iat) || !Number.isFinite(exp))
    throw invalidGrant(
      "InvalidTokenTimes",
      "iat and exp must be numbers (seconds since the epoch).",
    );
  if (exp <= iat)
    throw invalidGrant("InvalidTokenTimes", "exp must be after iat.");
  if (exp - iat > MAX_LIFETIME_SECONDS)
    throw invalidGrant(
      "TokenLifetimeTooLong",
      `exp - iat is ${exp - iat} s; at most ${MAX_LIFETIME_SECONDS} s.`,
    );
  if (exp <= now - CLOCK_SKEW_SECONDS)
    throw invalidGrant(
      "ExpiredToken",
      `The assertion expired ${now - exp} s ago (clock skew allowed: ${CLOCK_SKEW_SECONDS} s).`,
    );
  if (iat > now + CLOCK_SKEW_SECONDS)
    throw invalidGrant(
      "TokenIssuedInFuture",
      `iat is ${iat - now} s in the future (clock skew allowed: ${CLOCK_SKEW_SECONDS} s).`,
    );
}

/** Answers the scopes asked for, or throws a Refusal. */
export function checkScope(scope, application) {
  let scopes;
  if (typeof scope === "string") scopes = scope.split(/[\s,]+/).filter(Boolean);
  else if (
    Array.isArray(scope) &&
    scope.every((item) => typeof item === "string")
  )
    scopes = scope;
  if (!scopes || scopes.length === 0)
    throw invalidGrant(
      "InvalidScope",
      "scope is missing: give restlets, rest_webservices and/or suite_analytics.",
    );
  const unknown = scopes.filter((item) => !SCOPES.includes(item));
  if (unknown.length > 0)
    throw invalidGrant(
      "InvalidScope",
      `Unknown scope ${unknown.map((item) => JSON.stringify(item).slice(0, 40)).join(", ")}.`,
    );
  const notEnabled = scopes.filter(
    (item) => !application.scopes.includes(item),
  );
  if (notEnabled.length > 0)
    throw invalidGrant(
      "ScopeMismatched",
      `Scope ${notEnabled.join(", ")} is not enabled on ${application.name}.`,
    );
  return [...new Set(scopes)];
}
