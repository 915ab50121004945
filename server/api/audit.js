// The audit trail: every change, who made it (the provider's subject and
// e-mail, or "local") and when. Entries are only ever appended (the database
// refuses updates and deletes); MAX_HISTORY_ENTRIES never prunes them.
import { isoNow, organisationNotFound } from "./common.js";

// How many of an organisation's newest entries GET .../audit answers.
export const AUDIT_PAGE = 500;

/** Appends an entry inside a write transaction `q`; `user` is the actor. */
export function audit(q, orgId, user, action, details, at = isoNow()) {
  q.addAudit(orgId, {
    at,
    actor: { subject: user.subject, email: user.email ?? null },
    action,
    details,
  });
}

export async function getAudit({ store, orgId, validOrgId }) {
  const entries = await store.read((q) => {
    // A removed organisation's trail keeps answering (as long as the database is kept).
    if (!validOrgId || !q.organisationIdTaken(orgId))
      throw organisationNotFound();
    return q.audit(orgId, AUDIT_PAGE);
  });
  return { status: 200, body: { entries } };
}

/** Every entry of every organisation, oldest first, as JSON Lines. */
export async function exportAudit({ store }) {
  const entries = await store.read((q) => q.allAudit());
  const text = entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
  return {
    status: 200,
    raw: text,
    headers: {
      "Content-Type": "application/jsonl; charset=utf-8",
      "Content-Disposition": 'attachment; filename="netsuite-m2m-audit.jsonl"',
    },
  };
}
