// The Certificate card's pending certificate (pending-state.js): a replacement saved
// with the integration, current once its Certificate ID is saved. Anyone who opens
// the organisation sees who made it and when, and what NetSuite should list; an
// editor can finish it (download, upload to NetSuite, paste the ID, the live check
// with a key they choose, save) or discard it (pending-discard.js). A viewer reads.
// When this page made it and still holds its key, the Replace certificate panel
// carries its steps instead, so the card only states it.
import * as api from "../../backend/api.js";
import { canEdit } from "../../backend/session.js";
import { keyTypeLabel } from "../../module/index.js";
import { certificateFileStem } from "../../private-key/download.js";
import { definitionList, h } from "../../ui/dom.js";
import { timeElement } from "../../ui/format.js";
import { keySource } from "../test/key-source.js";
import { discardButton } from "./pending-discard.js";
import { heldHere, madeBy } from "./pending-state.js";
import { netsuiteStep } from "./replace/netsuite-step.js";
import { savedMessage } from "./saved-message.js";
import { certificateSituation } from "./situation.js";
import { saveStep } from "./replace/save-step.js";

function facts(pending) {
  return definitionList([
    ["Made by", madeBy(pending)],
    ["Made on", timeElement(pending.createdAt, true)],
    [
      "Expected Certificate ID",
      h("span", { class: "mono wrap" }, pending.expectedCertificateId),
    ],
    ["Key type", keyTypeLabel(pending.keyType)],
    [
      "SHA-256 fingerprint",
      h("span", { class: "mono wrap fingerprint" }, pending.fingerprintSha256),
    ],
    ["Valid from", timeElement(pending.notBefore, true)],
    ["Valid until", timeElement(pending.notAfter, true)],
  ]);
}

function lead(ctx) {
  const replaces = ctx.integration.certificate
    ? "It replaces the current certificate, which stays in use until then."
    : "It becomes this integration's first certificate.";
  return h(
    "p",
    {},
    h("strong", {}, "A new certificate is waiting for its Certificate ID. "),
    `Once a NetSuite administrator has uploaded it, save the ID NetSuite gives it. ${replaces}`,
  );
}

/** The steps to finish a pending certificate made elsewhere (or before a reload). */
function finishingSteps(ctx, pending, certificateStatus) {
  // Named as the replacement that made it names it: after the certificate.
  const fileName = () =>
    `${certificateFileStem(ctx.fileSlug, pending.keyType, pending.expectedCertificateId)}-certificate.pem`;
  let downloaded = false;
  const netsuite = netsuiteStep({
    certificate: () => pending,
    fileName,
    situation: () => certificateSituation(ctx.integration),
    downloaded: () => {
      downloaded = true;
    },
    number: 1,
  });
  netsuite.element.disabled = false;
  netsuite.refresh();
  if (!canEdit())
    return [
      netsuite.element,
      h(
        "p",
        { class: "hint" },
        "Only an editor of this organisation can save its Certificate ID or discard it.",
      ),
    ];
  const key = keySource();
  key.choose(ctx.orgId, { certificate: pending }, ctx.organisation.name);
  const save = saveStep(ctx, {
    number: 2,
    expected: () => pending.expectedCertificateId,
    send: (value) =>
      api.completePendingCertificate(ctx.orgId, value, ctx.version()),
    signWith: (ids) => key.sign(ids),
    keyChoice: h(
      "div",
      { class: "pending-key" },
      h(
        "p",
        { class: "hint" },
        "The live check signs with the new private key: the key kept in this browser for it, or the key file made with it.",
      ),
      key.element,
    ),
    downloaded: () => downloaded,
    successArea: () => certificateStatus,
    // The latest version may have no pending certificate (finished or discarded
    // elsewhere): say so on the card, which stays.
    reloadLatest: (status, error) => ctx.reloadLatest(certificateStatus, error),
    saved: (answer, annotate) => savedMessage(ctx, answer, annotate),
  });
  save.element.disabled = false;
  return [netsuite.element, save.element];
}

function build(ctx, pending, here, certificateStatus) {
  return h(
    "section",
    { class: "pending-certificate", "aria-labelledby": "pending-heading" },
    h("h3", { id: "pending-heading" }, "Pending certificate"),
    lead(ctx),
    facts(pending),
    here
      ? h(
          "p",
          {},
          "This page made it and holds its private key: go on with Replace certificate below (steps 2 to 4).",
        )
      : finishingSteps(ctx, pending, certificateStatus),
    canEdit() ? discardButton(ctx, pending, certificateStatus) : null,
  );
}

/**
 * `certificateStatus`: the card's status area. `element()` is the section for the
 * integration's pending certificate, or null when there is none; it is built
 * again only when the pending certificate (or who holds its key) changes, so a
 * re-render of the card keeps what was typed in it.
 */
export function pendingSection(ctx, certificateStatus) {
  let shown = { key: null, element: null };
  return {
    element() {
      const pending = ctx.integration?.pendingCertificate;
      if (!pending) {
        shown = { key: null, element: null };
        return null;
      }
      const here = heldHere(ctx);
      const key = `${pending.fingerprintSha256} ${here} ${Boolean(ctx.integration.certificate)}`;
      if (shown.key !== key)
        shown = { key, element: build(ctx, pending, here, certificateStatus) };
      return shown.element;
    },
  };
}
