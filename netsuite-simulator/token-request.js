// The token request's HTTP side: method, content type, size and the form's
// three parameters; and the refusals every rule answers with.

export const GRANT_TYPE = "client_credentials";
export const ASSERTION_TYPE =
  "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** A refused token request: HTTP status, OAuth error, audit reason and detail. */
export class Refusal {
  constructor(status, error, reason, detail) {
    Object.assign(this, { status, error, reason, detail });
  }
}
export const invalidRequest = (reason, detail) =>
  new Refusal(400, "invalid_request", reason, detail);
export const invalidClient = (reason, detail) =>
  new Refusal(401, "invalid_client", reason, detail);
export const invalidGrant = (reason, detail) =>
  new Refusal(400, "invalid_grant", reason, detail);

/** Checks the request and answers its form, or throws a Refusal. */
export function readRequest(request) {
  if (request.method !== "POST")
    throw new Refusal(
      405,
      "invalid_request",
      "InvalidRequest",
      `The token endpoint takes POST, not ${request.method}.`,
    );
  const mediaType = (request.contentType ?? "")
    .split(";")[0]
    .trim()
    .toLowerCase();
  if (mediaType !== "application/x-www-form-urlencoded")
    throw invalidRequest(
      "InvalidRequest",
      `Content-Type must be application/x-www-form-urlencoded, not ${mediaType || "absent"}.`,
    );
  if (request.tooLarge)
    throw new Refusal(
      413,
      "invalid_request",
      "InvalidRequest",
      "The request body is larger than the simulator accepts.",
    );
  const form = readForm(request.body);
  if (form.grant_type !== GRANT_TYPE)
    throw invalidRequest(
      "UnsupportedGrantType",
      `grant_type must be ${GRANT_TYPE}.`,
    );
  if (form.client_assertion_type !== ASSERTION_TYPE)
    throw invalidRequest(
      "InvalidRequest",
      `client_assertion_type must be ${ASSERTION_TYPE}.`,
    );
  return form;
}

// The three parameters, each exactly once (RFC 6749 §3.2).
function readForm(body) {
  const params = new URLSearchParams(body);
  const form = {};
  for (const name of [
    "grant_type",
    "client_assertion_type",
    "client_assertion",
  ]) {
    const values = params.getAll(name);
    if (values.length !== 1)
      throw invalidRequest(
        "InvalidRequest",
        `${name} must be given exactly once (given ${values.length} times).`,
      );
    form[name] = values[0];
  }
  return form;
}
