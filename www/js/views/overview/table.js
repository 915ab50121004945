// The overview's table: one row per organisation, next certificate expiry first.
import { dataTable, h } from "../../ui/dom.js";
import { formatDays, timeElement } from "../../ui/format.js";
import { statusBadge } from "../../ui/status.js";

const COLUMNS = [
  "Organisation",
  "Account ID",
  "Certificate ID",
  "Valid until",
  "Days left",
  "Status",
];

function organisationRow({ org, state }) {
  const integration = org.integration;
  const notAfter = integration?.notAfter;
  return h(
    "tr",
    { dataset: { orgId: org.id } },
    h(
      "th",
      { scope: "row" },
      h(
        "a",
        {
          href: `#/org/${encodeURIComponent(org.id)}`,
          "aria-label": `Edit ${org.name}`,
        },
        org.name,
      ),
    ),
    h(
      "td",
      { class: "mono" },
      integration?.accountId ?? h("span", { class: "muted" }, "Not set up"),
    ),
    h("td", { class: "mono wrap" }, integration?.certificateId ?? "—"),
    h("td", { class: "nowrap" }, notAfter ? timeElement(notAfter) : "—"),
    h("td", { class: "num" }, formatDays(state.daysRemaining)),
    h("td", {}, statusBadge(state)),
  );
}

/** `rows`: [{org, state}] already sorted. */
export function organisationTable(rows) {
  return dataTable(
    {
      id: "organisations",
      caption: "Organisations, next certificate expiry first",
      columns: COLUMNS,
    },
    rows.map(organisationRow),
  );
}
