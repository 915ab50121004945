// The token endpoint: POST /services/rest/auth/oauth2/v1/token with the
// client-credentials grant and a JWT client assertion. Each refusal names a
// login audit trail reason; README.md lists every rule and its source.
import { randomBytes } from "node:crypto";
import { checkScope, checkTimes } from "./claims.js";
import {
  ALGORITHMS,
  algorithmFits,
  decodeJwt,
  signatureIsValid,
} from "./jwt.js";
import {
  invalidClient,
  invalidGrant,
  readRequest,
  Refusal,
} from "./token-request.js";

export const TOKEN_LIFETIME_SECONDS = 3600;

/**
 * Answers one token request to `account`. `request` is { method, contentType,
 * body (string), tooLarge }; `settings` the simulator's switches. Returns
 * { status, headers, body } and records the outcome in the audit trail.
 */
export function answerTokenRequest(account, request, settings) {
  const facts = {};
  let outcome;
  try {
    outcome = issue(account, request, settings, facts);
  } catch (caught) {
    if (!(caught instanceof Refusal)) throw caught;
    outcome = caught;
  }
  account.record({
    status: outcome instanceof Refusal ? "Failure" : "Success",
    httpStatus: outcome.status,
    error: outcome.error ?? null,
    reason: outcome.reason,
    detail: outcome.detail ?? "",
    clientId: facts.clientId ?? null,
    application:
      facts.mapping?.application.name ?? facts.application?.name ?? null,
    certificateId: facts.certificateId ?? null,
    entity: facts.mapping?.entity ?? null,
    role: facts.mapping?.role ?? null,
    scope: facts.scopes?.join(" ") ?? null,
  });
  if (!(outcome instanceof Refusal)) return outcome;
  // As observed in March 2025: the real endpoint answered 500 server_error
  // to bad credentials. The setting reproduces that; the audit keeps the reason.
  if (settings.refusalsAsServerError && outcome.status !== 500)
    return errorAnswer(account, new Refusal(500, "server_error"));
  return errorAnswer(account, outcome);
}

function errorAnswer(account, refusal) {
  const headers = { "Cache-Control": "no-store" };
  if (refusal.status === 401)
    headers["WWW-Authenticate"] = `Basic realm="${account.accountId}"`;
  if (refusal.status === 405) headers.Allow = "POST";
  return { status: refusal.status, headers, body: { error: refusal.error } };
}

function issue(account, request, settings, facts) {
  if (settings.takeServerError())
    throw new Refusal(
      500,
      "server_error",
      "ServerError",
      "Simulated by the simulator's 500 switch.",
    );
  const form = readRequest(request);
  const jwt = decodeJwt(form.client_assertion);
  if (!jwt)
    throw invalidClient(
      "InvalidToken",
      "client_assertion is not a JWT (three base64url parts, JSON header and payload).",
    );
  const { header, payload } = jwt;
  if (typeof payload.iss === "string")
    facts.clientId = payload.iss.slice(0, 64);
  if (typeof header.kid === "string")
    facts.certificateId = header.kid.slice(0, 64);

  if (header.typ !== "JWT")
    throw invalidClient("InvalidTokenType", `The header's typ must be "JWT".`);
  if (!Object.hasOwn(ALGORITHMS, header.alg))
    throw invalidClient(
      "UnsupportedAlgorithm",
      `alg ${JSON.stringify(header.alg)} is not accepted; use ${Object.keys(ALGORITHMS).join(", ")} (RS256 stopped being accepted on 1 March 2025).`,
    );
  const application =
    typeof payload.iss === "string"
      ? account.applications.get(payload.iss)
      : undefined;
  if (!application)
    throw invalidClient(
      "InvalidClientId",
      "iss is not the Client ID of an application of this account.",
    );
  facts.application = application;
  const mapping = checkCertificate(account, application, header.kid);
  facts.mapping = mapping;
  if (!algorithmFits(header.alg, mapping.certificate))
    throw invalidClient(
      "UnsupportedAlgorithm",
      `${header.alg} does not fit the certificate's ${mapping.certificate.keyType} key.`,
    );
  if (
    !signatureIsValid(
      header.alg,
      mapping.certificate.publicKey,
      jwt.signingInput,
      jwt.signature,
    )
  )
    throw invalidClient(
      "InvalidSignature",
      "The signature does not verify with the certificate's public key.",
    );

  if (payload.aud !== account.tokenUrl)
    throw invalidGrant(
      "InvalidAudience",
      `aud must be exactly ${account.tokenUrl}.`,
    );
  checkTimes(payload, Math.floor(settings.now() / 1000));
  facts.scopes = checkScope(payload.scope, application);

  return {
    status: 200,
    headers: { "Cache-Control": "no-store", Pragma: "no-cache" },
    body: {
      access_token: randomBytes(48).toString("base64url"),
      expires_in: TOKEN_LIFETIME_SECONDS,
      token_type: "bearer",
    },
    reason: "Success",
  };
}

function checkCertificate(account, application, kid) {
  if (typeof kid !== "string" || kid === "")
    throw invalidClient(
      "InvalidCertificate",
      "The header has no kid (the Certificate ID).",
    );
  const mapping = account.mapping(kid);
  if (!mapping || mapping.application !== application)
    throw invalidClient(
      "InvalidCertificate",
      "kid is not the Certificate ID of a certificate mapped to this application.",
    );
  const status = account.status(mapping);
  if (status === "revoked")
    throw invalidClient("RevokedCertificate", "The certificate was revoked.");
  if (status === "expired")
    throw invalidClient(
      "ExpiredCertificate",
      "The certificate is past its VALID UNTIL.",
    );
  if (status !== "active")
    throw invalidClient(
      "InvalidCertificate",
      "The certificate is not valid yet.",
    );
  return mapping;
}
