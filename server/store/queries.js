// Every SQL statement the API runs, behind small functions that speak the
// API's shapes (camelCase objects). Statements are prepared once per database.
import { prepareAuthQueries } from "./auth-queries.js";

/** Returns the query functions for `db` (a better-sqlite3 Database). */
export function prepareQueries(db) {
  const sql = (text) => db.prepare(text);
  const statements = {
    listOrganisations: sql(`
      SELECT o.id, o.name, i.account_id, c.certificate_id, c.not_after, c.status
      FROM organisations o
      LEFT JOIN integrations i ON i.organisation_id = o.id
      LEFT JOIN certificates c ON c.organisation_id = o.id
      WHERE o.removed_at IS NULL AND (@id IS NULL OR o.id = @id)`),
    organisation: sql(
      "SELECT id, name, created_at, removed_at FROM organisations WHERE id = ?",
    ),
    countOrganisations: sql(
      "SELECT count(*) AS n FROM organisations WHERE removed_at IS NULL",
    ),
    insertOrganisation: sql(
      "INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)",
    ),
    renameOrganisation: sql("UPDATE organisations SET name = ? WHERE id = ?"),
    removeOrganisation: sql(
      "UPDATE organisations SET removed_at = ? WHERE id = ?",
    ),
    integration: sql(
      "SELECT account_id, client_id, version, updated_at FROM integrations WHERE organisation_id = ?",
    ),
    certificate: sql("SELECT * FROM certificates WHERE organisation_id = ?"),
    pending: sql(
      "SELECT * FROM pending_certificates WHERE organisation_id = ?",
    ),
    upsertPending: sql(`
      INSERT OR REPLACE INTO pending_certificates (organisation_id, pem,
        expected_certificate_id, fingerprint_sha256, key_type, not_before, not_after,
        created_at, created_by_subject, created_by_email)
      VALUES (@organisationId, @pem, @expectedCertificateId, @fingerprintSha256,
        @keyType, @notBefore, @notAfter, @createdAt, @subject, @email)`),
    deletePending: sql(
      "DELETE FROM pending_certificates WHERE organisation_id = ?",
    ),
    upsertIntegration: sql(`
      INSERT INTO integrations (organisation_id, account_id, client_id, version, updated_at)
      VALUES (@organisationId, @accountId, @clientId, @version, @updatedAt)
      ON CONFLICT (organisation_id) DO UPDATE SET account_id = excluded.account_id,
        client_id = excluded.client_id, version = excluded.version, updated_at = excluded.updated_at`),
    upsertCertificate: sql(`
      INSERT OR REPLACE INTO certificates (organisation_id, certificate_id, pem,
        fingerprint_sha256, key_type, not_before, not_after, status, saved_at)
      VALUES (@organisationId, @certificateId, @pem, @fingerprintSha256, @keyType,
        @notBefore, @notAfter, @status, @savedAt)`),
    history: sql(
      "SELECT * FROM history WHERE organisation_id = ? ORDER BY seq DESC",
    ),
    insertHistory: sql(`
      INSERT INTO history (organisation_id, at, change, certificate_id, previous_certificate_id,
        fingerprint_sha256, key_type, not_before, not_after)
      VALUES (@organisationId, @at, @change, @certificateId, @previousCertificateId,
        @fingerprintSha256, @keyType, @notBefore, @notAfter)`),
    pruneHistory: sql(`
      DELETE FROM history WHERE organisation_id = ? AND seq NOT IN
        (SELECT seq FROM history WHERE organisation_id = ? ORDER BY seq DESC LIMIT ?)`),
    getMeta: sql("SELECT value FROM meta WHERE key = ?"),
    setMeta: sql("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"),
  };
  const s = statements;

  return {
    ...prepareAuthQueries(db),
    /** Every organisation (or only the one with `id`) with the summary of its integration. */
    organisations: (id = null) =>
      s.listOrganisations.all({ id }).map((row) => ({
        id: row.id,
        name: row.name,
        integration:
          row.account_id === null
            ? null
            : {
                accountId: row.account_id,
                certificateId: row.certificate_id,
                notAfter: row.not_after,
                status: row.status ?? "none",
              },
      })),
    /** The organisation (not removed), or undefined. */
    organisation(id) {
      const row = s.organisation.get(id);
      return (
        row &&
        row.removed_at === null && {
          id: row.id,
          name: row.name,
          createdAt: row.created_at,
        }
      );
    },
    /**
     * Whether `id` was ever given to an organisation, removed ones included:
     * such an ID is never given again, and its audit trail is kept.
     */
    organisationIdTaken: (id) => s.organisation.get(id) !== undefined,
    organisationCount: () => s.countOrganisations.get().n,
    insertOrganisation: ({ id, name, createdAt }) =>
      s.insertOrganisation.run(id, name, createdAt),
    renameOrganisation: (id, name) => s.renameOrganisation.run(name, id),
    /** Soft removal: the row (and its ID) stays, for the audit trail. */
    removeOrganisation: (id, at) => s.removeOrganisation.run(at, id),

    /** The integration of `organisationId` with its current certificate, or undefined. */
    integration(organisationId) {
      const row = s.integration.get(organisationId);
      if (!row) return undefined;
      const certificate = s.certificate.get(organisationId);
      const pending = s.pending.get(organisationId);
      return {
        accountId: row.account_id,
        clientId: row.client_id,
        certificate: certificate ? certificateFromRow(certificate) : null,
        pendingCertificate: pending ? pendingFromRow(pending) : null,
        version: row.version,
        updatedAt: row.updated_at,
      };
    },
    /**
     * Writes the integration, its current certificate (never removed once
     * set) and its pending certificate (removed when null; kept as it is when
     * the object has no pendingCertificate, as in an import).
     */
    saveIntegration(organisationId, integration) {
      s.upsertIntegration.run({ organisationId, ...integration });
      if (integration.certificate)
        s.upsertCertificate.run({
          organisationId,
          ...integration.certificate,
        });
      const pending = integration.pendingCertificate;
      if (pending)
        s.upsertPending.run({
          organisationId,
          ...pending,
          subject: pending.createdBy.subject,
          email: pending.createdBy.email ?? null,
        });
      else if (pending === null) s.deletePending.run(organisationId);
    },

    /** Newest first. */
    history: (organisationId) =>
      s.history.all(organisationId).map(historyFromRow),
    addHistory: (organisationId, entry) =>
      s.insertHistory.run({ organisationId, ...entry }),
    /** Keeps only the newest `keep` entries. */
    pruneHistory: (organisationId, keep) =>
      s.pruneHistory.run(organisationId, organisationId, keep),

    meta: (key) => s.getMeta.get(key)?.value,
    setMeta: (key, value) => s.setMeta.run(key, value),
  };
}

function certificateFromRow(row) {
  return {
    certificateId: row.certificate_id,
    pem: row.pem,
    fingerprintSha256: row.fingerprint_sha256,
    keyType: row.key_type,
    notBefore: row.not_before,
    notAfter: row.not_after,
    status: row.status,
    savedAt: row.saved_at,
  };
}

function pendingFromRow(row) {
  return {
    pem: row.pem,
    expectedCertificateId: row.expected_certificate_id,
    fingerprintSha256: row.fingerprint_sha256,
    keyType: row.key_type,
    notBefore: row.not_before,
    notAfter: row.not_after,
    createdAt: row.created_at,
    createdBy: { subject: row.created_by_subject, email: row.created_by_email },
  };
}

function historyFromRow(row) {
  return {
    at: row.at,
    change: row.change,
    certificateId: row.certificate_id,
    previousCertificateId: row.previous_certificate_id,
    fingerprintSha256: row.fingerprint_sha256,
    keyType: row.key_type,
    notBefore: row.not_before,
    notAfter: row.not_after,
  };
}
