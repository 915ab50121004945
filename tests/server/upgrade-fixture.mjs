// What the upgrade tests build: a state.json as the JSON store wrote it, and
// databases as earlier releases (schema 1, schema 2) left them, with the rows
// to compare after the upgrade.
import assert from "node:assert/strict";
import {
  ACCOUNT_ID,
  CLIENT_ID,
  CERTIFICATE_ID,
  OTHER_CERTIFICATE_ID,
  m2m,
  makeCertificate,
  openDatabase,
  readDatabase,
} from "./helpers.mjs";
import { MIGRATIONS } from "../../server/store/schema.js";

// What the JSON store kept of a certificate, from the module's report.
export async function storedCertificate(certificateId, status, savedAt) {
  const generated = await makeCertificate();
  const report = await (
    await m2m()
  ).inspectCertificate(generated.certificate.pem);
  return {
    certificateId,
    pem: report.pem,
    fingerprintSha256: report.fingerprintSha256,
    keyType: report.keyType ?? report.key?.keyType ?? null,
    notBefore: report.notBefore,
    notAfter: report.notAfter,
    status,
    savedAt,
  };
}

export function historyEntry(at, change, certificate, previousCertificateId) {
  const { certificateId, fingerprintSha256, keyType, notBefore, notAfter } =
    certificate;
  return {
    at,
    change,
    certificateId,
    previousCertificateId,
    fingerprintSha256,
    keyType,
    notBefore,
    notAfter,
  };
}

// A state.json as the JSON store (6468b7b) wrote it: JSON.stringify(state, null, 1).
export async function oldState() {
  const older = await storedCertificate(
    OTHER_CERTIFICATE_ID,
    "active",
    "2026-03-01T10:00:00Z",
  );
  const current = await storedCertificate(
    CERTIFICATE_ID,
    "revoked",
    "2026-06-01T10:00:00Z",
  );
  return {
    format: "netsuite-m2m/1",
    organisations: [
      {
        id: "demo",
        name: "Demo Company",
        createdAt: "2026-01-01T09:00:00Z",
        integration: {
          accountId: ACCOUNT_ID,
          clientId: CLIENT_ID,
          certificate: current,
          version: 6,
          updatedAt: "2026-07-01T10:00:00Z",
          history: [
            historyEntry("2026-03-01T10:00:00Z", "added", older, null),
            historyEntry(
              "2026-04-01T10:00:00Z",
              "certificate_id_changed",
              older,
              "old-id",
            ),
            historyEntry("2026-06-01T10:00:00Z", "replaced", older, null),
            historyEntry(
              "2026-06-01T10:00:00Z",
              "added",
              current,
              OTHER_CERTIFICATE_ID,
            ),
            historyEntry("2026-07-01T10:00:00Z", "revoked", current, null),
          ],
        },
      },
      {
        id: "societe-generale",
        name: "Société Générale Ω 株式会社",
        createdAt: "2026-02-01T09:00:00Z",
        integration: {
          accountId: "TSTDRV1431250",
          clientId: CLIENT_ID,
          certificate: null,
          version: 1,
          updatedAt: "2026-02-01T09:30:00Z",
          history: [],
        },
      },
      // Saved before names were checked for zero-width characters: kept as saved.
      {
        id: "zero-width",
        name: "Zero\u200bWidth",
        createdAt: "2026-02-02T09:00:00Z",
        integration: null,
      },
    ],
  };
}

// A database as release `schema` (1: before sign-in, 2: before pending
// certificates) left it, holding oldState()'s rows (and, from schema 2, a
// session, a sign-in under way and audit entries).
export async function oldDatabase(dataDir, schema) {
  const state = await oldState();
  const db = openDatabase(dataDir);
  try {
    for (const migration of MIGRATIONS.slice(0, schema)) db.exec(migration);
    const insert = (table, row) =>
      db
        .prepare(
          `INSERT INTO ${table} (${Object.keys(row).join(", ")}) VALUES (${Object.keys(
            row,
          )
            .map((k) => `@${k}`)
            .join(", ")})`,
        )
        .run(row);
    for (const org of state.organisations) {
      insert("organisations", {
        id: org.id,
        name: org.name,
        created_at: org.createdAt,
      });
      const i = org.integration;
      if (!i) continue;
      insert("integrations", {
        organisation_id: org.id,
        account_id: i.accountId,
        client_id: i.clientId,
        version: i.version,
        updated_at: i.updatedAt,
      });
      if (i.certificate)
        insert("certificates", {
          organisation_id: org.id,
          certificate_id: i.certificate.certificateId,
          pem: i.certificate.pem,
          fingerprint_sha256: i.certificate.fingerprintSha256,
          key_type: i.certificate.keyType,
          not_before: i.certificate.notBefore,
          not_after: i.certificate.notAfter,
          status: i.certificate.status,
          saved_at: i.certificate.savedAt,
        });
      for (const h of i.history)
        insert("history", {
          organisation_id: org.id,
          at: h.at,
          change: h.change,
          certificate_id: h.certificateId,
          previous_certificate_id: h.previousCertificateId,
          fingerprint_sha256: h.fingerprintSha256,
          key_type: h.keyType,
          not_before: h.notBefore,
          not_after: h.notAfter,
        });
    }
    insert("meta", { key: "imported_from", value: "test" });
    if (schema >= 2) {
      insert("sessions", {
        id_sha256: "a".repeat(64),
        subject: "someone",
        email: "someone@example.com",
        name: "Some One",
        role: "editor",
        csrf_token: "token",
        created_at: "2026-07-01T10:00:00Z",
        expires_at: "2999-01-01T00:00:00Z",
      });
      insert("logins", {
        state: "state",
        nonce: "nonce",
        code_verifier: "verifier",
        return_to: "/",
        expires_at: "2999-01-01T00:00:00Z",
      });
      for (const [organisation_id, action] of [
        ["demo", "organisation_created"],
        ["demo", "certificate_revoked"],
        ["zero-width", "organisation_created"],
      ])
        insert("audit", {
          organisation_id,
          at: "2026-07-01T10:00:00Z",
          actor_subject: "someone",
          actor_email: "someone@example.com",
          action,
          details: "{}",
        });
    }
    db.pragma(`user_version = ${schema}`);
  } finally {
    db.close();
  }
}

// Every row of `tables`, oldest first.
export const dump = (dataDir, tables) =>
  readDatabase(dataDir, (d) =>
    Object.fromEntries(
      tables.map((t) => [
        t,
        d.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
      ]),
    ),
  );

// Migration 3 gives every organisation removed_at, null: nothing else changes.
export function withoutRemovedAt(rows) {
  return rows.map(({ removed_at, ...row }) => {
    assert.equal(removed_at, null);
    return row;
  });
}

// The tables of schema 1, and of schema 2.
export const SCHEMA_1_TABLES = [
  "organisations",
  "integrations",
  "certificates",
  "history",
  "meta",
];
export const SCHEMA_2_TABLES = [
  ...SCHEMA_1_TABLES,
  "sessions",
  "logins",
  "audit",
];
