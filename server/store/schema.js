// The database schema, as a list of migrations. PRAGMA user_version records
// how many have run; each runs once, inside the start-up transaction, so two
// servers starting together on one directory cannot both apply it.
// Never edit a migration that has shipped: add the next one.
export const MIGRATIONS = [
  `
  CREATE TABLE organisations (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE integrations (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations (id),
    account_id      TEXT NOT NULL,
    client_id       TEXT NOT NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    updated_at      TEXT NOT NULL
  ) STRICT;

  -- The current certificate of an integration (at most one).
  CREATE TABLE certificates (
    organisation_id    TEXT PRIMARY KEY REFERENCES integrations (organisation_id),
    certificate_id     TEXT NOT NULL,
    pem                TEXT NOT NULL,
    fingerprint_sha256 TEXT NOT NULL,
    key_type           TEXT,
    not_before         TEXT NOT NULL,
    not_after          TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    saved_at           TEXT NOT NULL
  ) STRICT;

  -- Oldest first: seq orders entries written in the same millisecond.
  CREATE TABLE history (
    seq                     INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id         TEXT NOT NULL REFERENCES integrations (organisation_id),
    at                      TEXT NOT NULL,
    change                  TEXT NOT NULL,
    certificate_id          TEXT NOT NULL,
    previous_certificate_id TEXT,
    fingerprint_sha256      TEXT NOT NULL,
    key_type                TEXT,
    not_before              TEXT NOT NULL,
    not_after               TEXT NOT NULL
  ) STRICT;
  CREATE INDEX history_by_organisation ON history (organisation_id, seq);

  -- Facts about this database, e.g. which state.json it was imported from.
  CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;
  `,
  // 2: sign-in (server/auth/) and the audit trail (server/audit.js).
  `
  -- A signed-in browser: the cookie holds the session ID, this table only its
  -- SHA-256, so a copy of the database cannot be used to sign in.
  CREATE TABLE sessions (
    id_sha256  TEXT PRIMARY KEY,
    subject    TEXT NOT NULL,
    email      TEXT,
    name       TEXT,
    role       TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX sessions_by_expiry ON sessions (expires_at);

  -- A sign-in under way: what the callback needs to finish it (PKCE, nonce).
  CREATE TABLE logins (
    state         TEXT PRIMARY KEY,
    nonce         TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    return_to     TEXT NOT NULL,
    expires_at    TEXT NOT NULL
  ) STRICT;

  -- Every change, who made it and when. Append-only: no statement of the
  -- server updates or deletes an entry, and the triggers refuse it anyway.
  CREATE TABLE audit (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id TEXT NOT NULL,
    at              TEXT NOT NULL,
    actor_subject   TEXT NOT NULL,
    actor_email     TEXT,
    action          TEXT NOT NULL,
    details         TEXT NOT NULL -- a JSON object
  ) STRICT;
  CREATE INDEX audit_by_organisation ON audit (organisation_id, seq);
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit entries cannot be removed'); END;
  `,
  // 3: a pending certificate (made, not yet uploaded to NetSuite), organisations
  // removed softly (their audit trail stays), and history entries without a
  // Certificate ID (pending and discarded: NetSuite never gave one).
  `
  CREATE TABLE pending_certificates (
    organisation_id         TEXT PRIMARY KEY REFERENCES integrations (organisation_id),
    pem                     TEXT NOT NULL,
    expected_certificate_id TEXT,
    fingerprint_sha256      TEXT NOT NULL,
    key_type                TEXT,
    not_before              TEXT NOT NULL,
    not_after               TEXT NOT NULL,
    created_at              TEXT NOT NULL,
    created_by_subject      TEXT NOT NULL,
    created_by_email        TEXT
  ) STRICT;

  ALTER TABLE organisations ADD COLUMN removed_at TEXT;

  -- SQLite cannot drop a NOT NULL: the table is rebuilt, every row and seq kept.
  CREATE TABLE history_3 (
    seq                     INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id         TEXT NOT NULL REFERENCES integrations (organisation_id),
    at                      TEXT NOT NULL,
    change                  TEXT NOT NULL,
    certificate_id          TEXT,
    previous_certificate_id TEXT,
    fingerprint_sha256      TEXT NOT NULL,
    key_type                TEXT,
    not_before              TEXT NOT NULL,
    not_after               TEXT NOT NULL
  ) STRICT;
  INSERT INTO history_3 SELECT seq, organisation_id, at, change, certificate_id,
    previous_certificate_id, fingerprint_sha256, key_type, not_before, not_after
    FROM history ORDER BY seq;
  -- The next seq continues where the old table's would have.
  DELETE FROM sqlite_sequence WHERE name = 'history_3';
  INSERT INTO sqlite_sequence (name, seq)
    SELECT 'history_3', seq FROM sqlite_sequence WHERE name = 'history';
  DROP TABLE history;
  ALTER TABLE history_3 RENAME TO history;
  CREATE INDEX history_by_organisation ON history (organisation_id, seq);
  `,
];
