// The certificate situation of an integration, decided here once: a first
// certificate, a replacement of a usable one, a replacement of one NetSuite
// refuses (expired or revoked), a certificate saved under another Account ID.
// Every text of the organisation view that depends on it asks this file, so a
// first certificate is never worded as a replacement and a note never names a
// button the card does not show.
import { certificateState } from "../../ui/status.js";

/**
 * `{first, certificate, state, refused, accountIdAtSave}` of `integration`;
 * `accountIdAtSave` (the Account ID when the certificate was saved, if it was
 * another one) comes from accountIdAtSave() below.
 */
export function certificateSituation(integration, { accountIdAtSave } = {}) {
  const certificate = integration?.certificate ?? null;
  if (!certificate)
    return {
      first: true,
      certificate: null,
      state: certificateState({}),
      refused: false,
      accountIdAtSave: null,
    };
  const state = certificateState({
    ...certificate,
    revoked: certificate.status === "revoked",
  });
  return {
    first: false,
    certificate,
    state,
    // NetSuite refuses it: only a replacement helps, updating its ID does not.
    refused: state.id === "revoked" || state.id === "expired",
    accountIdAtSave:
      accountIdAtSave && accountIdAtSave !== integration.accountId
        ? accountIdAtSave
        : null,
  };
}

/**
 * The Account ID the current certificate was saved under, read from the audit
 * trail (`entries`, newest first): the old value of the first Account ID change
 * after the certificate was saved, or null when the Account ID never changed.
 */
export function accountIdAtSave(integration, entries) {
  const savedAt = integration?.certificate?.savedAt;
  if (!savedAt) return null;
  const changes = entries.filter(
    (entry) =>
      entry.action === "integration_changed" &&
      entry.details?.accountId?.old &&
      Date.parse(entry.at) >= Date.parse(savedAt),
  );
  return changes.at(-1)?.details.accountId.old ?? null;
}

/** The Certificate card's button that opens the update panel. */
export function updateButtonLabel(situation) {
  if (situation.first) return "Add a certificate";
  if (situation.refused) return "Replace certificate";
  return "Update certificate";
}

/** How a person gets to the replacement, in the words of the buttons shown. */
export function howToReplace(situation) {
  if (situation.first || situation.refused)
    return `choose ${updateButtonLabel(situation)}`;
  return `choose ${updateButtonLabel(situation)}, then Replace certificate`;
}

/** The replace panel's heading. */
export function replaceHeading(situation) {
  return situation.first ? "Add a certificate" : "Replace certificate";
}

/** The replace panel's warning: what saving it changes. */
export function replaceWarning(situation) {
  if (situation.first)
    return [
      "This makes a certificate and its private key in this browser. ",
      "Once its Certificate ID is saved here, the application signs in with this private key; a NetSuite administrator uploads the certificate.",
    ];
  return [
    "This makes a new certificate and key. ",
    `Once the new Certificate ID is saved here, this integration uses the new certificate instead of ${situation.certificate.certificateId}: the application must be given the new private key. A NetSuite administrator uploads the new certificate; the certificate it replaces keeps working in NetSuite until it is revoked there.`,
  ];
}

/** Step 3's words for the Entity, Role and Application to choose in NetSuite. */
export function mappingHint(situation) {
  if (situation.first)
    return " of this integration (the ones the application signs in as).";
  return ` of this integration (the same as for certificate ${situation.certificate.certificateId} in NetSuite's list).`;
}

/** The success sentence once a new certificate is saved; `before` is the situation before it. */
export function savedSentence(before, saved) {
  const id = saved.certificate.certificateId;
  if (before.first)
    return `New certificate saved: Certificate ID ${id} is now this integration's certificate. Deploy its private key to the application.`;
  const previous = before.certificate;
  const revokeNext =
    previous.status === "revoked"
      ? `The previous certificate, ${previous.certificateId}, is already recorded as revoked.`
      : `Then revoke the previous certificate, ${previous.certificateId}, in NetSuite and record it in the Certificate history.`;
  return `New certificate saved: Certificate ID ${id} is now current. Deploy the new private key to the application. ${revokeNext}`;
}

/** What an Account ID changed since the certificate was saved means, or null. */
export function accountChangedText(situation, accountId, netsuitePage) {
  const before = situation.accountIdAtSave;
  if (!before) return null;
  return `This certificate was saved when the Account ID was ${before}; it is now ${accountId}. A certificate and its Certificate ID belong to one NetSuite account: the certificate works for ${accountId} only once it is uploaded in that account (${netsuitePage}), where NetSuite should list it with the same Certificate ID. If it is not, ${howToReplace(situation)}, and have the new certificate uploaded there.`;
}

/** Step 4's note on what is in use until its save succeeds. */
export function untilSavedHint(situation) {
  if (situation.first)
    return "The certificate is this integration's only once this save succeeds; until then nothing is saved here.";
  return "Until this save succeeds the current certificate stays in use, so nothing breaks mid-rotation.";
}

/** What a failed save in step 4 keeps. */
export function keptOnFailure(situation) {
  if (situation.first) return "The new certificate and key are kept here.";
  return "The new certificate and key are kept here, and the current certificate is still in use.";
}
