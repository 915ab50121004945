// The organisation view's Certificate history card: every change, newest first.
import * as api from "../../backend/api.js";
import { keyTypeLabel } from "../../module/index.js";
import { card, dataTable, h } from "../../ui/dom.js";
import { showLoadError } from "../../ui/errors.js";
import { timeElement } from "../../ui/format.js";

const CHANGE_LABELS = {
  added: "Added",
  replaced: "Replaced",
  certificate_id_changed: "Certificate ID changed",
  revoked: "Revoked",
};

const COLUMNS = [
  "When",
  "Change",
  "Certificate ID",
  "Key type",
  "Valid until",
  "SHA-256 fingerprint",
];

function historyRow(entry) {
  const was =
    entry.previousCertificateId &&
    entry.previousCertificateId !== entry.certificateId
      ? h(
          "span",
          { class: "muted block small wrap" },
          `was ${entry.previousCertificateId}`,
        )
      : null;
  return h(
    "tr",
    {},
    h("td", {}, timeElement(entry.at, true)),
    h("td", {}, CHANGE_LABELS[entry.change] ?? entry.change, was),
    h("td", { class: "mono wrap" }, entry.certificateId ?? "—"),
    h("td", { class: "nowrap" }, keyTypeLabel(entry.keyType)),
    h("td", { class: "nowrap" }, timeElement(entry.notAfter)),
    h(
      "td",
      { class: "mono wrap fingerprint small" },
      entry.fingerprintSha256 ?? "—",
    ),
  );
}

function historyTable(history) {
  return dataTable(
    {
      id: "history-table",
      className: "table table--compact",
      caption: "Certificate changes, newest first",
      columns: COLUMNS,
    },
    history.map(historyRow),
  );
}

export function historyCard(ctx) {
  const area = h("div", {});
  const element = card("history", "Certificate history", area);
  const empty = () => h("p", { class: "muted" }, "No certificate changes yet.");

  async function load() {
    if (!ctx.integration) {
      area.replaceChildren(empty());
      return;
    }
    let history;
    try {
      ({ history } = await api.certificateHistory(ctx.orgId));
    } catch (error) {
      showLoadError(area, error, "Could not load the history. ", load);
      return;
    }
    area.replaceChildren(history.length ? historyTable(history) : empty());
  }

  return { element, load };
}
