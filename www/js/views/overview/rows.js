// The overview's rows: each organisation with its certificate's state (the module's
// rule, through ui/status.js), the month its certificate lapses, and the text a
// search looks in. Built once per load; a search or filter only picks among them.
import { certificateState } from "../../ui/status.js";

/** "2027-01": the UTC month of an ISO time. */
export function monthOf(iso) {
  return iso.slice(0, 7);
}

function byNextExpiry(a, b) {
  return a.expiresAt - b.expiresAt || a.org.name.localeCompare(b.org.name);
}

/** `[{org, state, expiresAt, month, text}]`, the next certificate to expire first. */
export function rowsOf(organisations) {
  return organisations
    .map((org) => {
      const integration = org.integration;
      const notAfter = integration?.notAfter;
      return {
        org,
        state: certificateState({
          notAfter,
          revoked: integration?.status === "revoked",
        }),
        expiresAt: Date.parse(notAfter ?? "") || Infinity,
        month: notAfter ? monthOf(notAfter) : null,
        text: [org.name, integration?.accountId, integration?.certificateId]
          .filter(Boolean)
          .join("\n")
          .toLowerCase(),
      };
    })
    .sort(byNextExpiry);
}

/**
 * The rows that match `q` (in the name, Account ID or Certificate ID, any case),
 * `status` (a state id) and `month` (a timeline bucket's `matches`), when set.
 */
export function filterRows(rows, { q, status, month }, monthMatches) {
  const needle = q.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (!needle || row.text.includes(needle)) &&
      (!status || row.state.id === status) &&
      (!month || monthMatches(row)),
  );
}
