// The JS API's types. This file is the one description of the module's data: the
// build puts it into www/pkg/netsuite_m2m.d.ts beside the functions, whose JSDoc
// comes from the Rust doc comments in src/wasm/mod.rs.

/** A key type this module makes; all are accepted by NetSuite. */
export type KeyTypeId = "ec-p256" | "ec-p384" | "rsa-3072" | "rsa-4096";
/** A scope an M2M integration can be granted. */
export type ScopeName = "restlets" | "rest_webservices" | "suite_analytics";
/** Where a certificate stands in time. */
export type CertificateStatus =
  "valid" | "expiring" | "expired" | "not_yet_valid";

/**
 * Every code an M2mError can carry (src/error.rs). Each function's documentation
 * says which of them it throws.
 */
export type ErrorCode =
  | "invalid_account_id"
  | "invalid_client_id"
  | "invalid_certificate_id"
  | "unsupported_key_type"
  | "validity_too_long"
  | "invalid_validity"
  | "invalid_common_name"
  | "passphrase_too_short"
  | "passphrase_required"
  | "wrong_passphrase"
  | "invalid_private_key"
  | "not_a_certificate"
  | "private_key_not_certificate"
  | "invalid_scope"
  | "lifetime_too_long"
  | "invalid_lifetime"
  | "invalid_time"
  | "invalid_options"
  | "crypto_failure"
  | "invalid_client_assertion"
  | "invalid_organisation_name";

/** Thrown (or the rejection of a Promise) on bad input. */
export interface M2mError extends Error {
  /** Stable code, e.g. "invalid_account_id", "validity_too_long", "wrong_passphrase". */
  code: ErrorCode;
  /** The option or input at fault, e.g. "accountId", when there is one. */
  field?: string;
}

/** Something noticed about an input that was not refused outright. */
export interface Finding {
  severity: "error" | "warning" | "info";
  /** e.g. "expires_soon", "rsa_key_too_small", "authority_key_identifier_absent". */
  code: string;
  message: string;
}

export interface ParsedAccountId {
  /** Canonical form, e.g. "1234567_SB1". */
  accountId: string;
  /** Host form, e.g. "1234567-sb1". */
  host: string;
  /** A sandbox refresh or a new release preview clears the account's M2M setup. */
  environment: "production" | "sandbox" | "release_preview" | "test_drive";
  /** The OAuth 2.0 token endpoint (the JWT's aud). */
  tokenEndpoint: string;
  /** True when the ID was read from a NetSuite address (a URL or host name) rather than given as an ID. */
  fromAddress: boolean;
}

export interface KeyTypeInfo {
  id: KeyTypeId;
  /** What a person reads where the key type is shown, e.g. "EC P-256". */
  label: string;
  /** What a person choosing a key type reads: the label, "(recommended)" for the default. */
  choiceLabel: string;
  isDefault: boolean;
  /** The JWS algorithm assertions are signed with: "ES256", "ES384" or "PS256". */
  jwsAlg: string;
}

/** A whole-number range with its default. */
export interface Range {
  min: number;
  max: number;
  default: number;
}

/** NetSuite's rules and this product's limits: read them, do not restate them. */
export interface Rules {
  /** Minimum passphrase length, counted as passphraseLength() counts. */
  passphraseMinLength: number;
  /** PBKDF2 iterations of a new encrypted key. */
  pbkdf2Iterations: number;
  /** A new certificate's validity in days. */
  validityDays: Range;
  /** A client assertion's lifetime in seconds. */
  assertionLifetimeSeconds: Range;
  /** Days before expiry from which a certificate is "expiring". */
  expiringWindowDays: number;
  /** Seconds a new certificate's validity starts before "now" (clock skew). */
  notBeforeBackdateSeconds: number;
  /** Browser and backend clocks further apart than this deserve a warning. */
  clockSkewWarningSeconds: number;
  commonNameMaxLength: number;
  /** Characters of the stored form (trimmed, NFC), as organisationName() counts. */
  organisationNameMaxLength: number;
  /** A Client ID's length in hexadecimal characters (64). */
  clientIdLength: number;
  /** The length of every Certificate ID seen so far (43: a base64url SHA-256). */
  certificateIdUsualLength: number;
  /** The default first. */
  keyTypes: KeyTypeInfo[];
  scopes: { id: ScopeName; label: string; isDefault: boolean }[];
  statuses: { id: CertificateStatus; label: string }[];
}

/** An organisation name as organisationName() accepts it. */
export interface OrganisationName {
  /** The form to store and show: trimmed, Unicode NFC. */
  name: string;
  /** Equal keys mean duplicate names: NFKC, case-folded, white space collapsed. */
  key: string;
}

/** A certificate's standing at one moment. */
export interface Standing {
  status: CertificateStatus;
  label: string;
  /** Days until notAfter, rounded up; 0 on the last day; negative once expired. */
  daysRemaining: number;
}

export interface StatusOptions {
  /** RFC 3339 with an offset ("2026-11-27T10:41:44Z"); before it the certificate is "not_yet_valid". */
  notBefore?: string;
  /** Epoch milliseconds; default Date.now(). */
  now?: number;
}

export interface GenerateOptions {
  /** Default "ec-p256". */
  keyType?: KeyTypeId;
  /** rules().validityDays; default 365. */
  validityDays?: number;
  /** Subject CN; default "NetSuite M2M <accountId>", or "NetSuite M2M integration" without one. */
  commonName?: string;
  accountId?: string;
  /** Epoch milliseconds; default Date.now(). */
  now?: number;
}

export interface KeyDescription {
  algorithm: "EC" | "RSA" | "Ed25519" | "unknown";
  bits: number | null;
  curve: string | null;
  keyType: string | null;
}

export interface CertificateReport {
  pem: string;
  subject: string;
  issuer: string;
  /** Upper-case hex. */
  serialNumber: string;
  /** ISO 8601 UTC. */
  notBefore: string;
  /** ISO 8601 UTC: NetSuite's VALID UNTIL. */
  notAfter: string;
  validityDays: number;
  /** As certificateStatus() counts: rounded up; negative once expired. */
  daysRemaining: number;
  status: CertificateStatus;
  /** SHA-256 of the DER, "AB:CD:..." as openssl prints it. */
  fingerprintSha256: string;
  key: KeyDescription;
  /** e.g. "ec-p256", "rsa-2048", "ec-p521"; null if unknown. */
  keyType: string | null;
  signatureAlgorithm: string;
  /** selfSignature is "verified": issuer is subject and WebCrypto verified the signature with the certificate's own key. */
  selfSigned: boolean;
  /**
   * The check of the certificate's own signature: "verified"; "does_not_verify"
   * (damaged or altered; an error finding "self_signature_invalid");
   * "not_checked" (an algorithm or key WebCrypto cannot use; a warning
   * "self_signature_not_checked"); "not_self_issued" (issuer is not subject).
   */
  selfSignature:
    "verified" | "does_not_verify" | "not_checked" | "not_self_issued";
  /**
   * The Certificate ID NetSuite is expected to list: SHA-256 of the DER,
   * base64url without padding (43 characters). Observed, not documented by
   * Oracle: check the ID NetSuite shows against it, never use it instead.
   */
  expectedCertificateId: string;
  /** No finding of severity "error". */
  acceptedByNetSuite: boolean;
  findings: Finding[];
}

export interface Generated {
  /** Unencrypted PKCS#8 PEM. Give it only to the user; see encryptPrivateKey. */
  privateKeyPem: string;
  keyType: KeyTypeId;
  certificate: CertificateReport;
  certificateDer: Uint8Array;
}

export interface InspectOptions {
  /** Epoch milliseconds; default Date.now(). */
  now?: number;
}

export interface ReadPrivateKey {
  keyType: KeyTypeId;
  /** Unencrypted PKCS#8 PEM. */
  privateKeyPem: string;
  encrypted: boolean;
}

export interface AssertionParams {
  certificateId: string;
  clientId: string;
  accountId: string;
  /** Default ["rest_webservices"]. */
  scopes?: ScopeName[];
  /** rules().assertionLifetimeSeconds; default 300. */
  lifetimeSeconds?: number;
  /** Epoch milliseconds; default Date.now(). */
  now?: number;
}

export interface AssertionOptions extends AssertionParams {
  privateKeyPem: string;
  /** Needed when privateKeyPem is encrypted. */
  passphrase?: string;
}

export interface ClientAssertion {
  jwt: string;
  header: { typ: "JWT"; alg: "ES256" | "ES384" | "PS256"; kid: string };
  claims: {
    iss: string;
    scope: ScopeName[];
    aud: string;
    iat: number;
    exp: number;
    jti: string;
  };
  tokenEndpoint: string;
  /** application/x-www-form-urlencoded body for POST tokenEndpoint. */
  requestBody: string;
  warnings: Finding[];
}

/** A client assertion read by `readClientAssertion` (its signature unchecked). */
export interface ReadAssertion {
  header: {
    typ: "JWT";
    alg: "PS256" | "PS384" | "PS512" | "ES256" | "ES384" | "ES512";
    kid: string;
  };
  claims: {
    iss: string;
    aud: string;
    /** Sent as an array or as one space- or comma-separated string. */
    scope: string[];
    iat: number;
    exp: number;
  };
}
