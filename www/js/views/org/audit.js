// The organisation view's Audit trail card: every change, who made it and
// when, newest first, and the export of all entries for an auditor.
import * as api from "../../backend/api.js";
import { currentConfig } from "../../backend/config.js";
import { card, dataTable, h } from "../../ui/dom.js";
import { downloadNote } from "../../ui/download-note.js";
import { showLoadError } from "../../ui/errors.js";
import { formatDate, personName, timeElement } from "../../ui/format.js";

const ACTIONS = {
  organisation_created: "Organisation created",
  integration_created: "Integration created",
  integration_changed: "Account or Client ID edited",
  certificate_added: "Certificate added",
  certificate_replaced: "Certificate replaced",
  certificate_id_changed: "Certificate ID edited",
  certificate_revoked: "Revocation noted",
  certificate_pending: "New certificate made, pending",
  certificate_pending_discarded: "Pending certificate discarded",
  certificate_pending_completed: "Pending certificate completed",
  organisation_renamed: "Organisation renamed",
  organisation_removed: "Organisation removed",
};

/** An action's words; one this page does not know yet, in words all the same. */
function actionLabel(action) {
  if (ACTIONS[action]) return ACTIONS[action];
  const words = String(action).replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// The names the backend gives the details' members, as a person reads them.
const FIELDS = {
  accountId: "Account ID",
  clientId: "Client ID",
  certificateId: "Certificate ID",
  previousCertificateId: "previous Certificate ID",
  expectedCertificateId: "expected Certificate ID",
  fingerprintSha256: "SHA-256 fingerprint",
  keyType: "key type",
  notAfter: "valid until",
  name: "name",
};

/** A member's words; one this page does not know yet, from its camelCase. */
function fieldLabel(field) {
  return (
    FIELDS[field] ?? field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()
  );
}

// A time (valid until) as a date; other values as they are.
const valueText = (field, value) =>
  field === "notAfter" ? formatDate(value) : String(value);

// { field: { old, new } } reads "field: old → new"; other values as they are.
function detailsText(details) {
  return Object.entries(details)
    .filter(([, value]) => value !== null)
    .map(([field, value]) =>
      value && typeof value === "object" && "new" in value
        ? `${fieldLabel(field)}: ${value.old === null || value.old === undefined ? "—" : valueText(field, value.old)} → ${valueText(field, value.new)}`
        : `${fieldLabel(field)}: ${valueText(field, value)}`,
    )
    .join("; ");
}

function auditRow(entry) {
  const who = personName(entry.actor);
  return h(
    "tr",
    {},
    h("td", {}, timeElement(entry.at, true)),
    h("td", { class: "wrap" }, who),
    h("td", {}, actionLabel(entry.action)),
    h("td", { class: "mono wrap small" }, detailsText(entry.details)),
  );
}

export function auditCard(ctx) {
  const area = h("div", {});
  const exportName = "netsuite-m2m-audit.jsonl";
  const exported = downloadNote();
  const exportLink = h(
    "a",
    {
      href: `${currentConfig().backendUrl}/api/audit`,
      download: exportName,
      onclick: () => exported.asked("the audit trail", exportName),
    },
    "Export the whole audit trail (JSON Lines)",
  );
  const element = card(
    "audit",
    "Audit trail",
    area,
    h(
      "p",
      { class: "hint" },
      exportLink,
      " of every organisation, for auditors.",
    ),
    exported.element,
  );

  async function load() {
    let entries;
    try {
      entries = await api.auditEntries(ctx.orgId);
    } catch (error) {
      showLoadError(area, error, "Could not load the audit trail. ", load);
      return;
    }
    area.replaceChildren(
      entries.length
        ? dataTable(
            {
              id: "audit-table",
              className: "table table--compact",
              caption: "Changes and who made them, newest first",
              columns: ["When", "Who", "Change", "Details"],
            },
            entries.map(auditRow),
          )
        : h("p", { class: "muted" }, "No changes recorded yet."),
    );
  }

  return { element, load };
}
