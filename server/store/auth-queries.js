// The statements of sign-in (sessions, logins under way) and of the audit
// trail, in the API's shapes. Merged into prepareQueries (queries.js).

/** Returns the query functions for `db` (a better-sqlite3 Database). */
export function prepareAuthQueries(db) {
  const sql = (text) => db.prepare(text);
  const s = {
    session: sql(
      "SELECT * FROM sessions WHERE id_sha256 = ? AND expires_at > ?",
    ),
    insertSession: sql(`
      INSERT INTO sessions (id_sha256, subject, email, name, role, csrf_token, created_at, expires_at)
      VALUES (@idSha256, @subject, @email, @name, @role, @csrfToken, @createdAt, @expiresAt)`),
    deleteSession: sql("DELETE FROM sessions WHERE id_sha256 = ?"),
    pruneSessions: sql("DELETE FROM sessions WHERE expires_at <= ?"),
    login: sql("SELECT * FROM logins WHERE state = ? AND expires_at > ?"),
    insertLogin: sql(`
      INSERT INTO logins (state, nonce, code_verifier, return_to, expires_at)
      VALUES (@state, @nonce, @codeVerifier, @returnTo, @expiresAt)`),
    deleteLogin: sql("DELETE FROM logins WHERE state = ?"),
    pruneLogins: sql("DELETE FROM logins WHERE expires_at <= ?"),
    countLogins: sql("SELECT count(*) AS n FROM logins"),
    insertAudit: sql(`
      INSERT INTO audit (organisation_id, at, actor_subject, actor_email, action, details)
      VALUES (@organisationId, @at, @subject, @email, @action, @details)`),
    audit: sql(
      "SELECT * FROM audit WHERE organisation_id = ? ORDER BY seq DESC LIMIT ?",
    ),
    allAudit: sql("SELECT * FROM audit ORDER BY seq"),
  };
  return {
    /** The unexpired session whose ID hashes to `idSha256`, or undefined. */
    session(idSha256, now) {
      const row = s.session.get(idSha256, now);
      return (
        row && {
          subject: row.subject,
          email: row.email,
          name: row.name,
          role: row.role,
          csrfToken: row.csrf_token,
          expiresAt: row.expires_at,
        }
      );
    },
    insertSession: (session) => s.insertSession.run(session),
    deleteSession: (idSha256) => s.deleteSession.run(idSha256),
    /** Forgets expired sessions and sign-ins never finished. */
    pruneSessions(now) {
      s.pruneSessions.run(now);
      s.pruneLogins.run(now);
    },
    login(state, now) {
      const row = s.login.get(state, now);
      return (
        row && {
          nonce: row.nonce,
          codeVerifier: row.code_verifier,
          returnTo: row.return_to,
        }
      );
    },
    insertLogin: (login) => s.insertLogin.run(login),
    loginCount: () => s.countLogins.get().n,
    deleteLogin: (state) => s.deleteLogin.run(state),

    /** Appends one audit entry: `actor` { subject, email }, `details` an object. */
    addAudit: (organisationId, { at, actor, action, details }) =>
      s.insertAudit.run({
        organisationId,
        at,
        subject: actor.subject,
        email: actor.email ?? null,
        action,
        details: JSON.stringify(details),
      }),
    /** An organisation's newest `limit` entries, newest first. */
    audit: (organisationId, limit) =>
      s.audit.all(organisationId, limit).map(auditFromRow),
    /** Every entry, oldest first (the export). */
    allAudit: () => s.allAudit.all().map(auditFromRow),
  };
}

function auditFromRow(row) {
  return {
    seq: row.seq,
    organisationId: row.organisation_id,
    at: row.at,
    actor: { subject: row.actor_subject, email: row.actor_email },
    action: row.action,
    details: JSON.parse(row.details),
  };
}
