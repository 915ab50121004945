// The organisation view's Certificate history card: the previous certificates, each
// with the way to record that it was revoked in NetSuite, and every change, newest
// first.
import * as api from "../../backend/api.js";
import { keyTypeLabel } from "../../module/index.js";
import {
  button,
  card,
  dataTable,
  focusElement,
  h,
  statusArea,
} from "../../ui/dom.js";
import { showLoadError } from "../../ui/errors.js";
import { formatDate, timeElement } from "../../ui/format.js";
import { canEdit } from "../../backend/session.js";
import { revokePanel } from "./revoke.js";

const CHANGE_LABELS = {
  added: "Added",
  replaced: "Replaced",
  certificate_id_changed: "Certificate ID changed",
  revoked: "Revoked",
  pending: "New certificate made, waiting for its ID",
  completed: "New certificate's ID saved",
  discarded: "New certificate discarded",
};

const COLUMNS = [
  "When",
  "Change",
  "Certificate ID",
  "Key type",
  "Valid until",
  "SHA-256 fingerprint",
];

const PREVIOUS_COLUMNS = [
  "Certificate ID",
  "Key type",
  "Valid until",
  "Revoked in NetSuite",
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

/** A previous certificate: revoked (when recorded), or the control to record it. */
function previousRow(ctx, certificate, status) {
  const revoked = certificate.revoked
    ? h(
        "span",
        {},
        "Revoked",
        certificate.revokedAt
          ? ` (recorded ${formatDate(certificate.revokedAt)})`
          : "",
      )
    : h(
        "div",
        {},
        h("span", { class: "muted" }, "Not recorded"),
        canEdit()
          ? revokePanel(ctx, certificate, status, { current: false })
          : null,
      );
  return h(
    "tr",
    {
      class: "previous-certificate",
      "data-certificate-id": certificate.certificateId,
      tabindex: "-1",
    },
    h("td", { class: "mono wrap" }, certificate.certificateId),
    h("td", { class: "nowrap" }, keyTypeLabel(certificate.keyType)),
    h("td", { class: "nowrap" }, timeElement(certificate.notAfter)),
    h("td", {}, revoked),
  );
}

function previousTable(ctx, certificates, status) {
  return dataTable(
    {
      id: "previous-certificates",
      className: "table table--compact",
      caption: "Previous certificates, newest first",
      columns: PREVIOUS_COLUMNS,
    },
    certificates.map((c) => previousRow(ctx, c, status)),
  );
}

/** The previous certificate's row in the history, focused, its revoke control open. */
function showPrevious(certificateId) {
  const row = document.querySelector(
    `#previous-certificates tr[data-certificate-id="${CSS.escape(certificateId)}"]`,
  );
  if (!row) return;
  const details = row.querySelector("details");
  if (details) details.open = true;
  focusElement(row);
}

/** A button that goes to `certificateId`'s row among the previous certificates. */
export function previousCertificateLink(certificateId) {
  return button(`Go to certificate ${certificateId} in the history`, {
    onclick: () => showPrevious(certificateId),
  });
}

export function historyCard(ctx) {
  const status = statusArea();
  const area = h("div", {});
  const element = card("history", "Certificate history", status, area);
  const empty = () => h("p", { class: "muted" }, "No certificate changes yet.");

  async function load() {
    if (!ctx.integration) {
      area.replaceChildren(empty());
      return;
    }
    let answer;
    try {
      answer = await api.certificateHistory(ctx.orgId);
    } catch (error) {
      showLoadError(area, error, "Could not load the history. ", load);
      return;
    }
    const previous = answer.certificates.filter((c) => !c.current);
    const changes = answer.history.length
      ? historyTable(answer.history)
      : empty();
    if (!previous.length) {
      area.replaceChildren(changes);
      return;
    }
    area.replaceChildren(
      h("h3", {}, "Previous certificates"),
      previousTable(ctx, previous, status),
      h("h3", {}, "Changes"),
      changes,
    );
  }

  return { element, load };
}
