// When certificates lapse, one screen high whatever the count: a column per month
// for the next twelve months (and one for those already expired, one for later),
// each a button with how many certificates lapse then; choosing one narrows the
// table to it. The columns are text, so they are their own text alternative; under
// them a summary, and the expired and expiring certificates named (the first few).
import { rules } from "../../module/index.js";
import { h } from "../../ui/dom.js";
import { DAY_MS, formatDate, formatDays } from "../../ui/format.js";
import { statusLabel } from "../../module/index.js";

const NAMED = 6;
const MONTH = { month: "short", timeZone: "UTC" };

function monthKey(t) {
  return new Date(t).toISOString().slice(0, 7);
}

/** The months from `now`'s to the one before the same month next year. */
function bucketKeys(now) {
  const d = new Date(now);
  const end = monthKey(Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth(), 1));
  const keys = [];
  for (let i = 0; ; i += 1) {
    const key = monthKey(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + i, 1));
    if (key === end) return keys;
    keys.push(key);
  }
}

/** The bucket a row's certificate lapses in, or null (none, or revoked). */
export function bucketOf(row, now, lastMonth) {
  if (row.month === null || row.state.id === "revoked") return null;
  if (row.expiresAt <= now) return "expired";
  if (row.month > lastMonth) return "later";
  return row.month;
}

function bucketLabel(key) {
  if (key === "expired") return ["Expired", ""];
  if (key === "later") return ["Later", ""];
  const t = Date.parse(`${key}-01T00:00:00Z`);
  return [
    new Date(t).toLocaleDateString("en-GB", MONTH),
    String(new Date(t).getUTCFullYear()),
  ];
}

/** The column's colour: the most urgent state among its certificates. */
function tone(bucketRows) {
  for (const id of ["expired", "expiring"])
    if (bucketRows.some((r) => r.state.id === id)) return id;
  return "valid";
}

function column(key, bucketRows, most, select) {
  const count = bucketRows.length;
  const [label, year] = bucketLabel(key);
  const height = count ? Math.max(4, Math.round((count / most) * 100)) : 0;
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 10 100");
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "timeline__plot");
  const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  for (const [name, value] of Object.entries({
    x: 1,
    width: 8,
    y: 100 - height,
    height,
    class: `timeline__bar timeline__bar--${tone(bucketRows)}`,
  }))
    rect.setAttribute(name, String(value));
  svg.append(rect);
  const words =
    count === 1 ? " certificate lapses in " : " certificates lapse in ";
  return h(
    "button",
    {
      type: "button",
      class: "timeline__month",
      "aria-pressed": "false",
      dataset: { month: key },
      onclick: () => select(key),
    },
    h("span", { class: "timeline__count" }, String(count)),
    h(
      "span",
      { class: "visually-hidden" },
      key === "expired" ? " certificates: " : words,
    ),
    svg,
    h(
      "span",
      { class: "timeline__label" },
      label,
      year && h("span", { class: "timeline__year" }, ` ${year}`),
    ),
  );
}

/** What follows an organisation's name in the list: its standing, in the table's words. */
function standing({ org, state }) {
  return `: ${state.label}, valid until ${formatDate(org.integration.notAfter)} (${formatDays(state.daysRemaining)}).`;
}

function attention(rows, windowDays, show) {
  const urgent = rows.filter(
    (r) => r.state.id === "expired" || r.state.id === "expiring",
  );
  if (!urgent.length)
    return h(
      "p",
      { class: "timeline__none" },
      `No certificate expires within ${windowDays} days.`,
    );
  const counts = ["expired", "expiring"].map((id) => ({
    id,
    count: urgent.filter((r) => r.state.id === id).length,
  }));
  return h(
    "div",
    { class: "timeline__attention" },
    h("h3", { id: "timeline-attention" }, "Needs attention"),
    h(
      "ul",
      { class: "timeline__named", "aria-labelledby": "timeline-attention" },
      urgent
        .slice(0, NAMED)
        .map((row) =>
          h(
            "li",
            {},
            h(
              "a",
              { href: `#/org/${encodeURIComponent(row.org.id)}` },
              row.org.name,
            ),
            standing(row),
          ),
        ),
    ),
    h(
      "p",
      { class: "button-row" },
      urgent.length > NAMED
        ? h("span", {}, `and ${urgent.length - NAMED} more.`)
        : null,
      counts
        .filter((c) => c.count)
        .map(({ id, count }) =>
          h(
            "button",
            { type: "button", class: "button", onclick: () => show(id) },
            `List ${count === 1 ? "the one" : `all ${count}`}: ${statusLabel(id)}`,
          ),
        ),
    ),
  );
}

/**
 * `rows` from rowsOf. `select(bucket)` chooses a column (again: none), `show(status)`
 * filters the table by a status. Returns `{element, matches(row, bucket), mark(bucket)}`.
 */
export function certificateTimeline(rows, { select, show }, now = Date.now()) {
  const keys = bucketKeys(now);
  const last = keys.at(-1);
  const byBucket = new Map(["expired", ...keys, "later"].map((k) => [k, []]));
  for (const row of rows) byBucket.get(bucketOf(row, now, last))?.push(row);
  for (const k of ["expired", "later"])
    if (!byBucket.get(k).length) byBucket.delete(k);
  const most = Math.max(1, ...[...byBucket.values()].map((b) => b.length));
  const windowDays = rules().expiringWindowDays;
  const windowEnd = new Date(now + windowDays * DAY_MS).toISOString();
  const columns = [...byBucket].map(([key, list]) =>
    column(key, list, most, select),
  );
  const element = h(
    "figure",
    {
      class: "card timeline",
      id: "timeline",
      "aria-labelledby": "timeline-caption",
    },
    h(
      "figcaption",
      { class: "timeline__caption", id: "timeline-caption" },
      "When certificates lapse",
    ),
    h(
      "p",
      { class: "timeline__summary", id: "timeline-text" },
      `Today is ${formatDate(new Date(now).toISOString())}. Certificates that expire within ${windowDays} days (by ${formatDate(windowEnd)}) are shown as “${statusLabel("expiring")}”. Choose a month to list the organisations whose certificate lapses then.`,
    ),
    h(
      "div",
      {
        class: "timeline__months",
        role: "group",
        "aria-label": "Certificates lapsing, by month",
      },
      columns,
    ),
    attention(rows, windowDays, show),
  );
  return {
    element,
    matches: (row, bucket) => bucketOf(row, now, last) === bucket,
    mark(bucket) {
      for (const button of columns)
        button.setAttribute(
          "aria-pressed",
          String(button.dataset.month === bucket),
        );
    },
    label: (bucket) => bucketLabel(bucket).join(" ").trim(),
  };
}
