// The overview's table: one row per organisation, next certificate expiry first,
// a page of them at a time, with how many there are and a pager. Under tablet
// width the stylesheet shows each row as a card (the cells carry their column's
// name, see dataTable).
import { button, dataTable, h } from "../../ui/dom.js";
import { formatDays, timeElement } from "../../ui/format.js";
import { statusBadge } from "../../ui/status.js";

export const PAGE_SIZE = 50;

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

const number = (n) => n.toLocaleString("en-GB");

/** "Showing 51–100 of 1,000 organisations (of 1,001)". */
function countText(first, last, shown, total) {
  const of = shown === total ? "" : ` (${number(total)} in all)`;
  if (!shown) return `No organisation matches${of}.`;
  const noun = shown === 1 ? "organisation" : "organisations";
  return `Showing ${number(first)}–${number(last)} of ${number(shown)} ${noun}${of}.`;
}

/**
 * The table area: `show(rows, page, total)` draws `rows` (already filtered) at
 * `page`; `turn(page)` is called by the pager. Returns `{element, show}`.
 */
export function organisationTable(turn) {
  const count = h("p", {
    class: "table-count",
    id: "organisations-count",
    role: "status",
  });
  const body = h("div", { class: "table-body" });
  const previous = button("Previous page", { onclick: () => turn(-1) });
  const next = button("Next page", { onclick: () => turn(1) });
  const pager = h(
    "nav",
    { class: "pager button-row", "aria-label": "Pages of organisations" },
    previous,
    next,
  );
  const element = h("div", { class: "organisations" }, count, body, pager);
  return {
    element,
    /** Draws `rows` at `page` (clamped); returns the page shown. */
    show(rows, page, total) {
      const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
      const at = Math.min(Math.max(1, page), pages);
      const first = (at - 1) * PAGE_SIZE;
      const slice = rows.slice(first, first + PAGE_SIZE);
      count.textContent = countText(
        first + 1,
        first + slice.length,
        rows.length,
        total,
      );
      body.replaceChildren(
        slice.length
          ? dataTable(
              {
                id: "organisations",
                caption: "Organisations, next certificate expiry first",
                columns: COLUMNS,
              },
              slice.map(organisationRow),
            )
          : "",
      );
      previous.disabled = at === 1;
      next.disabled = at === pages;
      pager.hidden = pages === 1;
      return at;
    },
  };
}
