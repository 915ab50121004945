// The overview's picture of when certificates lapse: one row per certificate, a bar
// from today to its expiry, today and the module's expiring window marked. The SVG
// is role=img; a list under it (its description) says the same in words.
import { rules } from "../../module/index.js";
import { h } from "../../ui/dom.js";
import { DAY_MS, formatDate, formatDays } from "../../ui/format.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 1000;
const LABEL_WIDTH = 220;
const ROW = 30;
const TOP = 34;

function s(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs))
    el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Month starts between `from` and `to`, at most about six of them. */
function monthTicks(from, to) {
  const months = (to - from) / (30 * DAY_MS);
  const step = Math.max(1, Math.ceil(months / 6));
  const ticks = [];
  const d = new Date(from);
  let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  while (t < to) {
    ticks.push(t);
    const next = new Date(t);
    t = Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + step, 1);
  }
  return ticks;
}

/** One sentence per certificate, in the table's words. */
function timelineSentence({ org, state }) {
  return `${org.name}: ${state.label}, valid until ${formatDate(org.integration.notAfter)} (${formatDays(state.daysRemaining)}).`;
}

/** The scale: where `from`..`to` falls across the drawing, and its height. */
function scale(drawn, ends, now, windowEnd) {
  const first = Math.min(now, ...ends);
  const last = Math.max(windowEnd, ...ends);
  const margin = (last - first) * 0.04 || DAY_MS;
  const from = first - margin;
  const to = last + margin;
  return {
    from,
    to,
    x: (t) =>
      LABEL_WIDTH + ((t - from) / (to - from)) * (WIDTH - LABEL_WIDTH - 10),
    height: TOP + drawn.length * ROW + 26,
  };
}

function axis({ from, to, x, height }) {
  return monthTicks(from, to).flatMap((t) => [
    s("line", {
      class: "timeline__tick",
      x1: x(t),
      x2: x(t),
      y1: TOP - 8,
      y2: height - 22,
    }),
    s(
      "text",
      { class: "timeline__axis", x: x(t) + 3, y: height - 6 },
      formatDate(new Date(t).toISOString()).replace(/^1 /, ""),
    ),
  ]);
}

/** A row: the organisation's name, and a bar from today to the expiry. */
function bar(row, i, end, { x }, now) {
  const y = TOP + i * ROW;
  return [
    s(
      "text",
      {
        class: "timeline__label",
        x: LABEL_WIDTH - 10,
        y: y + 14,
        "text-anchor": "end",
      },
      row.org.name,
    ),
    s("rect", {
      class: `timeline__bar timeline__bar--${row.state.id}`,
      x: Math.min(x(now), x(end)),
      y: y + 3,
      width: Math.max(3, Math.abs(x(end) - x(now))),
      height: 16,
      rx: 3,
    }),
  ];
}

function drawing(drawn, ends, now, windowEnd, windowDays) {
  const sc = scale(drawn, ends, now, windowEnd);
  const { x, height } = sc;
  const svg = s("svg", {
    viewBox: `0 0 ${WIDTH} ${height}`,
    class: "timeline__svg",
    role: "img",
    "aria-labelledby": "timeline-title",
    "aria-describedby": "timeline-text",
    focusable: "false",
  });
  svg.append(
    s("title", { id: "timeline-title" }, "Certificate validity timeline"),
    s("rect", {
      class: "timeline__window",
      x: x(now),
      y: TOP - 8,
      width: x(windowEnd) - x(now),
      height: drawn.length * ROW + 8,
    }),
    ...axis(sc),
    ...drawn.flatMap((row, i) => bar(row, i, ends[i], sc, now)),
    s("line", {
      class: "timeline__today",
      x1: x(now),
      x2: x(now),
      y1: 10,
      y2: height - 22,
    }),
    s("text", { class: "timeline__marker", x: x(now) + 4, y: 14 }, "Today"),
    s(
      "text",
      { class: "timeline__marker", x: x(windowEnd) + 4, y: 14 },
      `${windowDays} days`,
    ),
  );
  return svg;
}

/** `rows`: [{org, state}] sorted by expiry; only those with a certificate are drawn. */
export function certificateTimeline(rows, now = Date.now()) {
  const drawn = rows.filter((r) => r.org.integration?.notAfter);
  if (!drawn.length) return null;
  const windowDays = rules().expiringWindowDays;
  const windowEnd = now + windowDays * DAY_MS;
  const ends = drawn.map((r) => Date.parse(r.org.integration.notAfter));
  const summary = `Today is ${formatDate(new Date(now).toISOString())}; certificates that expire within ${windowDays} days (by ${formatDate(new Date(windowEnd).toISOString())}) are in the shaded window.`;
  return h(
    "figure",
    { class: "card timeline", id: "timeline" },
    h("figcaption", { class: "timeline__caption" }, "When certificates lapse"),
    drawing(drawn, ends, now, windowEnd, windowDays),
    h(
      "div",
      { id: "timeline-text", class: "visually-hidden" },
      h("p", {}, summary),
      h(
        "ul",
        {},
        drawn.map((row) => h("li", {}, timelineSentence(row))),
      ),
    ),
  );
}
