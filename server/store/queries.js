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
      WHERE @id IS NULL OR o.id = @id`),
    organisation: sql(
      "SELECT id, name, created_at FROM organisations WHERE id = ?",
    ),
    countOrganisations: sql("SELECT count(*) AS n FROM organisations"),
    insertOrganisation: sql(
      "INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)",
    ),
    integration: sql(
      "SELECT account_id, client_id, version, updated_at FROM integrations WHERE organisation_id = ?",
    ),
    certificate: sql("SELECT * FROM certificates WHERE organisation_id = ?"),
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
    organisation(id) {
      const row = s.organisation.get(id);
      return row && { id: row.id, name: row.name, createdAt: row.created_at };
    },
    organisationCount: () => s.countOrganisations.get().n,
    insertOrganisation: ({ id, name, createdAt }) =>
      s.insertOrganisation.run(id, name, createdAt),

    /** The integration of `organisationId` with its current certificate, or undefined. */
    integration(organisationId) {
      const row = s.integration.get(organisationId);
      if (!row) return undefined;
      const certificate = s.certificate.get(organisationId);
      return {
        accountId: row.account_id,
        clientId: row.client_id,
        certificate: certificate ? certificateFromRow(certificate) : null,
        version: row.version,
        updatedAt: row.updated_at,
      };
    },
    /** Writes the integration and its current certificate (never removed once set). */
    saveIntegration(organisationId, integration) {
      s.upsertIntegration.run({ organisationId, ...integration });
      if (integration.certificate)
        s.upsertCertificate.run({
          organisationId,
          ...integration.certificate,
        });
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
