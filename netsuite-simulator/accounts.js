// In-memory NetSuite accounts: integration records (applications), the
// OAuth 2.0 Client Credentials (M2M) Setup's certificate mappings and the
// login audit trail. Nothing is written to disk.
import { randomBytes } from "node:crypto";

export const TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";
export const SCOPES = ["restlets", "rest_webservices", "suite_analytics"];

// 1234567, 1234567-sb1, 1234567-rp1, tstdrv1431250: the Account ID lower-cased
// with `_` turned into `-`.
const HOST_LABEL = /^(?:\d{1,12}|tstdrv\d{1,12})(?:-(?:sb|rp)\d{1,3})?$/;
const CLIENT_ID = /^[0-9a-f]{64}$/;
const TWO_YEARS = 2;

export const DEFAULT_LIMITS = {
  accounts: 1000,
  applicationsPerAccount: 100,
  mappingsPerAccount: 500,
  activePerApplication: 5,
  auditEntries: 1000,
};

/** A refusal of the setup page or API: an HTTP status, a stable code and a sentence. */
export class SetupError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const isHostLabel = (label) => HOST_LABEL.test(label);
export const accountIdOf = (label) => label.toUpperCase().replace("-", "_");
/** NetSuite's real token URL for the account: what `aud` must be. */
export const realTokenUrl = (label) =>
  `https://${label}.suitetalk.api.netsuite.com${TOKEN_PATH}`;

/** Every simulated account, made on first use. */
export class Accounts {
  constructor({ now, limits }) {
    this.now = now;
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.byLabel = new Map();
  }

  /** The account of `label`, made if new; undefined for an invalid label. */
  get(label) {
    if (!isHostLabel(label)) return undefined;
    let account = this.byLabel.get(label);
    if (!account) {
      if (this.byLabel.size >= this.limits.accounts)
        throw new SetupError(
          507,
          "too_many_accounts",
          `The simulator keeps at most ${this.limits.accounts} accounts; restart it.`,
        );
      account = new Account(label, this.now, this.limits);
      this.byLabel.set(label, account);
    }
    return account;
  }

  list() {
    return [...this.byLabel.values()];
  }
}

class Account {
  constructor(label, now, limits) {
    this.label = label;
    this.accountId = accountIdOf(label);
    this.tokenUrl = realTokenUrl(label);
    this.now = now;
    this.limits = limits;
    this.applications = new Map();
    this.mappings = [];
    this.audit = [];
    this.nextAuditId = 1;
  }

  /** An integration record with the Client Credentials (M2M) grant enabled. */
  addApplication({ name, clientId, scopes = SCOPES } = {}) {
    if (this.applications.size >= this.limits.applicationsPerAccount)
      throw new SetupError(
        409,
        "too_many_applications",
        "This account has as many applications as the simulator keeps.",
      );
    const id =
      clientId === undefined || clientId === ""
        ? randomBytes(32).toString("hex")
        : clientId;
    if (typeof id !== "string" || !CLIENT_ID.test(id))
      throw new SetupError(
        400,
        "invalid_client_id",
        "A Client ID is 64 lower-case hexadecimal characters.",
      );
    if (this.applications.has(id))
      throw new SetupError(
        409,
        "duplicate_client_id",
        `An application with Client ID ${id} already exists.`,
      );
    if (
      !Array.isArray(scopes) ||
      scopes.length === 0 ||
      scopes.some((scope) => !SCOPES.includes(scope))
    )
      throw new SetupError(
        400,
        "invalid_scopes",
        `Scopes are one or more of ${SCOPES.join(", ")}.`,
      );
    const label =
      name === undefined || name === ""
        ? `Application ${this.applications.size + 1}`
        : name;
    if (typeof label !== "string" || label.length > 100)
      throw new SetupError(
        400,
        "invalid_name",
        "An application's name is text of at most 100 characters.",
      );
    const application = {
      name: label,
      clientId: id,
      scopes: SCOPES.filter((scope) => scopes.includes(scope)),
      created: new Date(this.now()),
    };
    this.applications.set(id, application);
    return application;
  }

  /**
   * Maps a certificate (from readCertificate) to an application, entity and
   * role, as Create New on the M2M setup page does.
   */
  addMapping({ clientId, entity, role, certificate }) {
    const application = this.applications.get(clientId);
    if (!application)
      throw new SetupError(
        400,
        "unknown_application",
        "Choose an application of this account (by its Client ID).",
      );
    const entityText = requiredText(entity, "entity");
    const roleText = requiredText(role, "role");
    if (this.mappings.length >= this.limits.mappingsPerAccount)
      throw new SetupError(
        409,
        "too_many_mappings",
        "This account has as many mappings as the simulator keeps.",
      );
    const existing = this.mappings.find(
      (mapping) => mapping.certificateId === certificate.id,
    );
    if (existing)
      throw new SetupError(
        409,
        "duplicate_certificate",
        `This certificate (Certificate ID ${certificate.id}) is already mapped to ${existing.application.name}, ${existing.entity}, ${existing.role}; a certificate serves exactly one application, role and entity. Make a new certificate.`,
      );
    const active = this.mappings.filter(
      (mapping) =>
        mapping.application === application &&
        this.status(mapping) === "active",
    );
    if (active.length >= this.limits.activePerApplication)
      throw new SetupError(
        409,
        "too_many_certificates",
        `${application.name} already has ${active.length} active certificates, the most one application may have. Revoke one first.`,
      );
    const created = new Date(this.now());
    const mapping = {
      certificateId: certificate.id,
      application,
      entity: entityText,
      role: roleText,
      certificate,
      created,
      validFrom: certificate.validFrom,
      validUntil: cutValidity(certificate.validFrom, certificate.notAfter),
      revoked: null,
    };
    if (mapping.validUntil.getTime() <= created.getTime())
      throw new SetupError(
        400,
        "expired_certificate",
        `This certificate is no longer valid (VALID UNTIL ${mapping.validUntil.toISOString()} once cut to two years from ${certificate.validFrom.toISOString()}).`,
      );
    this.mappings.push(mapping);
    return mapping;
  }

  /** Revokes a mapping, for good. */
  revoke(certificateId) {
    const mapping = this.mapping(certificateId);
    if (!mapping)
      throw new SetupError(
        404,
        "unknown_certificate",
        `No certificate ${certificateId} in this account.`,
      );
    if (mapping.revoked)
      throw new SetupError(
        409,
        "already_revoked",
        `Certificate ${certificateId} is already revoked.`,
      );
    mapping.revoked = new Date(this.now());
    return mapping;
  }

  mapping(certificateId) {
    return this.mappings.find(
      (mapping) => mapping.certificateId === certificateId,
    );
  }

  /** "active", "revoked", "expired" or "not yet valid". */
  status(mapping) {
    const now = this.now();
    if (mapping.revoked) return "revoked";
    if (now >= mapping.validUntil.getTime()) return "expired";
    if (now < mapping.validFrom.getTime()) return "not yet valid";
    return "active";
  }

  /** A sandbox refresh: the M2M setup is cleared (documented by Oracle). */
  refresh() {
    this.mappings = [];
  }

  /** Adds a login audit trail entry; the oldest go past the limit. */
  record(entry) {
    this.audit.push({
      id: this.nextAuditId++,
      date: new Date(this.now()),
      ...entry,
    });
    if (this.audit.length > this.limits.auditEntries) this.audit.shift();
  }
}

function requiredText(value, name) {
  if (typeof value === "number" && Number.isInteger(value))
    return String(value);
  if (typeof value !== "string" || value.trim() === "" || value.length > 100)
    throw new SetupError(
      400,
      `invalid_${name}`,
      `Give the ${name} (its name or internal ID, at most 100 characters).`,
    );
  return value.trim();
}

/** VALID UNTIL: the certificate's notAfter, cut to two years after its notBefore. */
export function cutValidity(notBefore, notAfter) {
  const cut = new Date(notBefore.getTime());
  cut.setUTCFullYear(cut.getUTCFullYear() + TWO_YEARS);
  return notAfter.getTime() < cut.getTime()
    ? new Date(notAfter.getTime())
    : cut;
}
