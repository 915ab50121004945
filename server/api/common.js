// What the API's handlers share: errors, ETags and If-Match, the module's verdicts.
import { HttpError, invalidFieldCode } from "../errors.js";

export function isoNow() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function etag(version) {
  return `"${version}"`;
}

export function notFound() {
  return new HttpError(404, "not_found", "There is no such API endpoint.");
}

export function organisationNotFound() {
  return new HttpError(
    404,
    "organisation_not_found",
    "There is no organisation with this ID.",
  );
}

export function privateKeyRefused(field) {
  return new HttpError(
    422,
    "private_key_refused",
    "This contains a private key, which must never leave your machine; it was not stored. Send only the public certificate.",
    field ? { field } : {},
  );
}

// If-Match carries the version the client last saw (its ETag). A change based on
// any other version would overwrite someone else's: refuse it.
export function checkIfMatch(headers, integration) {
  const header = headers["if-match"];
  if (header === undefined) {
    throw new HttpError(
      428,
      "if_match_required",
      'Send the version you are changing in an If-Match header (the ETag of GET, e.g. "3").',
    );
  }
  const tags = header.split(",").map((tag) => tag.trim());
  // "*" would skip the lost-update guard: a real version is required.
  if (tags.includes("*")) {
    throw new HttpError(
      428,
      "if_match_required",
      'If-Match: * is not accepted; send the version you are changing (the ETag of GET, e.g. "3").',
    );
  }
  const matches = tags.some(
    (tag) =>
      tag === etag(integration.version) || tag === String(integration.version),
  );
  if (!matches) {
    throw new HttpError(
      412,
      "version_mismatch",
      `The integration was changed meanwhile (it is now at version ${integration.version}); reload it and apply your change again.`,
      { extra: { currentVersion: integration.version } },
    );
  }
}

/**
 * Asks the module (sync or async) and keeps its verdict for later: the
 * transaction that follows is synchronous, and checks such as If-Match must
 * still come first. `verdict.value()` returns the result or throws the
 * module's error as an HttpError.
 */
export async function askModule(call, field) {
  try {
    const result = await call();
    return { value: () => result };
  } catch (error) {
    return {
      value: () => {
        throw moduleError(error, field);
      },
    };
  }
}

// The module throws Errors with a stable `code`, a `message` and often a `field`.
export function moduleError(error, field) {
  if (error?.code === "private_key_not_certificate")
    return privateKeyRefused(field);
  if (typeof error?.code !== "string") {
    return new HttpError(
      422,
      invalidFieldCode(field),
      `The value of ${field} could not be read.`,
      { field },
    );
  }
  return new HttpError(422, error.code, String(error.message), {
    field: error.field || field,
  });
}
