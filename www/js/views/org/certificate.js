// The organisation view's Certificate card: what is saved now (status, days left,
// downloads, a calendar reminder), the way to record a revocation, the key kept in
// this browser (kept-key.js) and the panel that updates the certificate
// (update-panel.js).
import { keyTypeLabel, rules } from "../../module/index.js";
import { downloadText } from "../../private-key/download.js";
import {
  announce,
  button,
  card,
  definitionList,
  h,
  replaceWith,
  statusArea,
} from "../../ui/dom.js";
import { formatDate, formatDays, timeElement } from "../../ui/format.js";
import { certificateState, statusBadge } from "../../ui/status.js";
import { canEdit } from "../../backend/session.js";
import { keptKeyNote } from "./kept-key.js";
import { pendingSection } from "./pending.js";
import { checkCurrentLink } from "./live-check/current.js";
import { menuPath } from "./netsuite.js";
import { expiryReminder, reminderDate } from "./reminder.js";
import { revokePanel } from "./revoke.js";
import { sandboxNote } from "./sandbox.js";
import { updatePanel } from "./update-panel.js";

function note(kind, text) {
  return h("div", { class: ["message", `message--${kind}`] }, h("p", {}, text));
}

function stateNote(certificate, state) {
  if (state.id === "revoked")
    return note(
      "error",
      "This certificate was revoked in NetSuite. The integration cannot get tokens until you replace it: choose Update certificate, then Replace certificate.",
    );
  if (state.id === "expired")
    return note(
      "error",
      "This certificate has expired. Replace it: NetSuite refuses expired certificates.",
    );
  if (state.id === "expiring")
    return note(
      "warning",
      `This certificate expires in ${formatDays(state.daysRemaining)} (${rules().expiringWindowDays} days or fewer: NetSuite has started emailing its administrators). Replace it before ${formatDate(certificate.notAfter)}.`,
    );
  return null;
}

function details(certificate, state) {
  return definitionList([
    ["Status", statusBadge(state)],
    [
      "Certificate ID",
      h("span", { class: "mono wrap" }, certificate.certificateId),
    ],
    [
      "SHA-256 fingerprint",
      h(
        "span",
        { class: "mono wrap fingerprint" },
        certificate.fingerprintSha256,
      ),
    ],
    ["Key type", keyTypeLabel(certificate.keyType)],
    ["Created", timeElement(certificate.notBefore, true)],
    ["Valid until", timeElement(certificate.notAfter, true)],
    [
      "Days left",
      state.id === "revoked"
        ? `${formatDays(state.daysRemaining)} (revoked)`
        : formatDays(state.daysRemaining),
    ],
  ]);
}

function downloads(ctx, certificate, revoked) {
  const { fileSlug, organisation } = ctx;
  const current = button("Download certificate (.pem)", {
    onclick: () => {
      downloadText(
        `${fileSlug}-netsuite-certificate-${certificate.certificateId.slice(0, 8)}.pem`,
        certificate.pem,
      );
      announce("Certificate downloaded.");
    },
  });
  const reminderAt = reminderDate(certificate.notAfter);
  if (revoked || reminderAt.getTime() <= Date.now())
    return { buttons: [current] };
  const reminder = button("Add reminder to calendar (.ics)", {
    "aria-describedby": "reminder-hint",
    onclick: () => {
      downloadText(
        `${fileSlug}-netsuite-certificate-reminder.ics`,
        expiryReminder({
          organisationName: organisation.name,
          certificateId: certificate.certificateId,
          notAfter: certificate.notAfter,
          url: new URL(
            `#/org/${encodeURIComponent(organisation.id)}`,
            location.href,
          ).href,
        }),
        "text/calendar",
      );
      announce("Calendar reminder downloaded.");
    },
  });
  const hint = h(
    "p",
    { class: "hint", id: "reminder-hint" },
    `The reminder is on ${formatDate(reminderAt.toISOString())}, ${rules().expiringWindowDays} days before the certificate expires.`,
  );
  return { buttons: [current, reminder], hint };
}

export function certificateCard(ctx) {
  const status = statusArea();
  const summary = h("div", { class: "certificate-summary" });
  const update = updatePanel(ctx, status);
  const kept = keptKeyNote(ctx);
  const pending = pendingSection(ctx, status);
  const pendingArea = h("div", { class: "pending-area" });
  const element = card(
    "certificate",
    "Certificate",
    status,
    pendingArea,
    summary,
    kept.element,
    update.element,
  );

  function render() {
    kept.refresh();
    const shownPending = pending.element();
    if (pendingArea.firstChild !== shownPending)
      replaceWith(pendingArea, shownPending);
    const certificate = ctx.integration?.certificate ?? null;
    if (!ctx.integration) {
      summary.replaceChildren(
        h(
          "p",
          {},
          "Save the Account ID and Client ID first; then you can add a certificate.",
        ),
      );
      update.hide();
      return;
    }
    // A viewer sees no control they cannot use.
    const toggle = canEdit()
      ? update.toggle(certificate ? "Update certificate" : "Add a certificate")
      : null;
    if (!certificate) {
      summary.replaceChildren(
        h(
          "p",
          {},
          "No certificate yet. Add one: it is generated in this browser and uploaded to NetSuite by you.",
        ),
        h("div", { class: "button-row" }, toggle),
      );
      update.refresh();
      return;
    }
    const revoked = certificate.status === "revoked";
    const state = certificateState({ ...certificate, revoked });
    const files = downloads(ctx, certificate, revoked);
    replaceWith(
      summary,
      // Under a pending certificate, which one this is.
      ctx.integration.pendingCertificate
        ? h("h3", {}, "Current certificate")
        : null,
      details(certificate, state),
      stateNote(certificate, state),
      sandboxNote(ctx.integration.accountId),
      h(
        "p",
        { class: "hint" },
        "NetSuite shows the same certificate on ",
        menuPath(),
        ": find this Certificate ID; its expiry is in the VALID UNTIL column.",
      ),
      revoked ? null : checkCurrentLink(ctx.orgId),
      h("div", { class: "button-row" }, toggle, files.buttons),
      files.hint,
      revoked || !canEdit() ? null : revokePanel(ctx, certificate, status),
    );
    update.refresh();
  }

  return { element, render, keptKeyChanged: () => kept.refresh() };
}
