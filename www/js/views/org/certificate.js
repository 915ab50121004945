// The organisation view's Certificate card: what is saved now (status, days left,
// downloads, a calendar reminder), the way to record a revocation, the key kept in
// this browser (kept-key.js) and the panel that updates the certificate
// (update-panel.js). Its words follow the situation (situation.js).
import { keyTypeLabel, rules } from "../../module/index.js";
import {
  certificateFileStem,
  downloadText,
} from "../../private-key/download.js";
import {
  button,
  card,
  definitionList,
  h,
  replaceWith,
  statusArea,
} from "../../ui/dom.js";
import { formatDate, formatDays, timeElement } from "../../ui/format.js";
import { statusBadge } from "../../ui/status.js";
import { downloadNote } from "../../ui/download-note.js";
import { canEdit } from "../../backend/session.js";
import { keptKeyNote } from "./kept-key.js";
import { pendingSection } from "./pending.js";
import { checkCurrentLink } from "./live-check/current.js";
import { accountChangedNote } from "./account-changed.js";
import { menuPath } from "./netsuite.js";
import { expiryReminder, reminderDate } from "./reminder.js";
import { revokePanel } from "./revoke.js";
import { sandboxNote } from "./sandbox.js";
import {
  certificateSituation,
  howToReplace,
  updateButtonLabel,
} from "./situation.js";
import { updatePanel } from "./update-panel.js";

function note(kind, text) {
  return h("div", { class: ["message", `message--${kind}`] }, h("p", {}, text));
}

function stateNote(situation) {
  const { certificate, state } = situation;
  const how = howToReplace(situation);
  if (state.id === "revoked")
    return note(
      "error",
      `This certificate was revoked in NetSuite. The integration cannot get tokens until you replace it: ${how}.`,
    );
  if (state.id === "expired")
    return note(
      "error",
      `This certificate has expired and NetSuite refuses it. Replace it: ${how}.`,
    );
  if (state.id === "expiring")
    return note(
      "warning",
      `This certificate expires in ${formatDays(state.daysRemaining)} (${rules().expiringWindowDays} days or fewer: NetSuite has started emailing its administrators). Replace it before ${formatDate(certificate.notAfter)}: ${how}.`,
    );
  return null;
}

function details({ certificate, state }) {
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
    ["Saved", timeElement(certificate.savedAt, true)],
    // notBefore: a few minutes before it was made (clock skew), so not "Created".
    ["Valid from", timeElement(certificate.notBefore, true)],
    ["Valid until", timeElement(certificate.notAfter, true)],
    [
      "Days left",
      state.id === "revoked"
        ? `${formatDays(state.daysRemaining)} (revoked)`
        : formatDays(state.daysRemaining),
    ],
  ]);
}

/** The certificate's downloads: their buttons, a hint, and the note confirming each. */
function downloads(ctx, certificate, revoked) {
  const { organisation } = ctx;
  const stem = certificateFileStem(
    ctx.fileSlug,
    certificate.keyType,
    certificate.certificateId,
  );
  const note = downloadNote();
  const current = button("Download the current certificate (.pem)", {
    onclick: () => {
      const name = downloadText(`${stem}-certificate.pem`, certificate.pem);
      note.said("Certificate", name);
    },
  });
  const reminderAt = reminderDate(certificate.notAfter);
  if (revoked || reminderAt.getTime() <= Date.now())
    return { buttons: [current], note: note.element };
  const reminder = button("Add reminder to calendar (.ics)", {
    "aria-describedby": "reminder-hint",
    onclick: () => {
      const name = downloadText(
        `${stem}-reminder.ics`,
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
      note.said(
        "Calendar reminder",
        name,
        "Open it to add the reminder to your calendar.",
      );
    },
  });
  const hint = h(
    "p",
    { class: "hint", id: "reminder-hint" },
    `The reminder is on ${formatDate(reminderAt.toISOString())}, ${rules().expiringWindowDays} days before the certificate expires.`,
  );
  return { buttons: [current, reminder], hint, note: note.element };
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

  const accountNote = accountChangedNote(ctx);

  function render() {
    kept.refresh();
    const shownPending = pending.element();
    if (pendingArea.firstChild !== shownPending)
      replaceWith(pendingArea, shownPending);
    const situation = certificateSituation(ctx.integration);
    const { certificate } = situation;
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
      ? update.toggle(updateButtonLabel(situation))
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
    const files = downloads(ctx, certificate, revoked);
    replaceWith(
      summary,
      // Under a pending certificate, which one this is.
      ctx.integration.pendingCertificate
        ? h("h3", {}, "Current certificate")
        : null,
      details(situation),
      stateNote(situation),
      accountNote.element,
      sandboxNote(ctx.integration.accountId, situation),
      h(
        "p",
        { class: "hint" },
        "NetSuite shows the same certificate on ",
        menuPath(),
        ": find this Certificate ID; its expiry is in the VALID UNTIL column.",
      ),
      revoked ? null : checkCurrentLink(ctx.orgId),
      h("div", { class: "button-row" }, toggle, files.buttons),
      files.note,
      files.hint,
      revoked || !canEdit()
        ? null
        : revokePanel(ctx, certificate, status, { current: true }),
    );
    accountNote.refresh();
    update.refresh();
  }

  return { element, render, keptKeyChanged: () => kept.refresh() };
}
