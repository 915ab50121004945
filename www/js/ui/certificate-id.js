// The Certificate ID NetSuite is expected to list for a certificate (the module's
// expectedCertificateId) and the comparison of a pasted ID with it. The derivation
// is observed, not documented by Oracle: the page uses it to check what the user
// copied from NetSuite, never to replace it, so a different ID can still be saved
// after an explicit confirmation.
import * as api from "../backend/api.js";
import { h, uniqueId } from "./dom.js";

const DERIVATION =
  "NetSuite's Certificate IDs are observed to be the SHA-256 of the certificate, base64url; Oracle does not document this, so the ID NetSuite shows is what counts.";

const mono = (text) => h("span", { class: "mono wrap" }, text);

/** "NetSuite should list it as <ID>", with the note on where the ID comes from. */
export function expectedIdNote(expectedId) {
  return h(
    "p",
    { class: "hint expected-id" },
    "NetSuite should list it as ",
    h("span", { class: "mono wrap", "data-expected-id": "" }, expectedId),
    ". ",
    DERIVATION,
  );
}

/** The other organisation whose saved certificate has `certificateId`, or null. */
async function otherOrganisationWith(certificateId, orgId) {
  let organisations = [];
  try {
    organisations = await api.listOrganisations();
  } catch {
    return null; // the cause is a guess: without the list, say what else it may be
  }
  return (
    organisations.find(
      (o) => o.id !== orgId && o.integration?.certificateId === certificateId,
    ) ?? null
  );
}

/** The likely cause of `certificateId` differing from the expected one, in words. */
// (The current certificate's ID never gets here: step 4 stops it outright.)
async function likelyCause(certificateId, orgId) {
  const other = await otherOrganisationWith(certificateId, orgId);
  if (other)
    return `It is the Certificate ID of ${other.name}'s certificate (another organisation here): you probably copied a row of another mapping in NetSuite's list.`;
  return "It may be a typo, or the ID of another row in NetSuite's list (another application, role or entity, or an older certificate).";
}

/**
 * The warning and confirmation box shown when a pasted ID differs from the
 * expected one. `compare(id, expected)` → `{ok: true, value}` (value carries
 * `certificateIdConfirmed` once the user ticked the box for this very ID) or
 * `{ok: false, code, message, focus}` for saveFlow, with the box shown.
 * `orgId`: this organisation, left out of the likely cause.
 */
export function idConfirmation(field, orgId) {
  const checkbox = h("input", {
    type: "checkbox",
    id: uniqueId("certificate-id-confirm"),
  });
  const label = h("label", { for: checkbox.id });
  const text = h("div");
  const element = h(
    "div",
    {
      class: "message message--warning id-mismatch",
      hidden: true,
      role: "group",
      "aria-label": "Not the ID NetSuite should list",
    },
    text,
    h("div", { class: "checkbox" }, checkbox, label),
  );
  let shownFor = null;

  function reset() {
    shownFor = null;
    checkbox.checked = false;
    element.hidden = true;
  }
  field.input.addEventListener("input", reset);

  async function show(id, expected) {
    const cause = await likelyCause(id, orgId);
    text.replaceChildren(
      h(
        "p",
        {},
        h("strong", {}, "This is not the ID NetSuite should list. "),
        "You entered ",
        mono(id),
        "; NetSuite should list this certificate as ",
        mono(expected),
        ".",
      ),
      h("p", {}, "Likely cause: ", cause),
      h(
        "p",
        {},
        "Check the row in NetSuite's list (its VALID UNTIL should match). Saved with a wrong ID, the application's tokens are refused. ",
        DERIVATION,
      ),
    );
    label.replaceChildren(
      "NetSuite really lists ",
      mono(id),
      " for this certificate: save it anyway",
    );
    checkbox.checked = false;
    shownFor = id;
    element.hidden = false;
  }

  async function compare(id, expected) {
    if (shownFor === id && checkbox.checked)
      return { ok: true, value: { certificateIdConfirmed: true } };
    if (!expected || id === expected) return { ok: true, value: {} };
    if (shownFor !== id) await show(id, expected);
    return {
      ok: false,
      code: "certificate_id_mismatch",
      message:
        "Not saved: the Certificate ID differs from the one NetSuite should list. Read the warning, then correct the ID or tick the box to save it anyway.",
      focus: checkbox,
      fields: [field],
    };
  }

  /**
   * Runs `save()`; when the backend refuses the ID as not the expected one
   * (another backend may judge first), shows the box with the backend's expected
   * ID (else `expected()`) before the error goes on to saveFlow.
   */
  async function saving(id, save, expected) {
    try {
      return await save();
    } catch (error) {
      if (error.code !== "certificate_id_mismatch") throw error;
      await show(
        id,
        error.details?.expectedCertificateId ?? (await expected()),
      );
      // The box explains it: no message at the field, whose clearing on blur
      // would move the box under the pointer on the way to the checkbox.
      error.field = undefined;
      throw error;
    }
  }

  return { element, compare, saving, reset };
}
