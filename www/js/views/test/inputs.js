// Test the credentials' inputs: the scopes (the module's), the organisation whose
// saved IDs (and kept key) fill the form, and the check before signing.
import * as api from "../../backend/api.js";
import { rules } from "../../module/index.js";
import { h, uniqueId } from "../../ui/dom.js";
import { errorDetails, joinSentences } from "../../ui/errors.js";
import { checkFields, labelledField } from "../../ui/fields.js";

export function scopeBoxes() {
  return rules().scopes.map((scope) => {
    const id = uniqueId(`scope-${scope.id}`);
    const input = h("input", {
      type: "checkbox",
      id,
      value: scope.id,
      checked: scope.isDefault,
    });
    return {
      input,
      element: h(
        "div",
        { class: "checkbox" },
        input,
        h("label", { for: id }, `${scope.label} (${scope.id})`),
      ),
    };
  });
}

export function organisationSelect(organisations, orgId) {
  const id = uniqueId("organisation");
  const select = h(
    "select",
    { id, class: "input", name: "organisation" },
    h("option", { value: "" }, "None: enter the IDs by hand"),
    organisations.map((o) =>
      h("option", { value: o.id, selected: o.id === orgId }, o.name),
    ),
  );
  const note = h("p", { class: "hint", "aria-live": "polite" });
  const support = h("div", { class: "field__support" });
  return {
    select,
    note,
    support,
    element: labelledField(id, "Organisation", select, note, support),
  };
}

/** Fills the IDs (and the kept key) from the chosen organisation. */
export async function fillFromOrganisation(
  organisations,
  organisation,
  ids,
  key,
) {
  const id = organisation.select.value;
  organisation.note.textContent = "";
  organisation.support.replaceChildren();
  let integration = null;
  try {
    if (organisations.find((o) => o.id === id)?.integration)
      integration = await api.getIntegration(id);
  } catch (error) {
    organisation.note.textContent = joinSentences(
      "Could not load the organisation: ",
      error.message,
    );
    organisation.support.replaceChildren(errorDetails(error));
  }
  if (integration) {
    ids.accountId.value = integration.accountId;
    ids.clientId.value = integration.clientId;
    ids.certificateId.value = integration.certificate?.certificateId ?? "";
    for (const field of Object.values(ids)) field.check(false);
    organisation.note.textContent = "Filled in the organisation's saved IDs.";
  } else if (id && !organisation.note.textContent)
    organisation.note.textContent =
      "This organisation has no integration yet: enter the IDs by hand.";
  const name = organisations.find((o) => o.id === id)?.name ?? id;
  await key.choose(id || null, integration, name);
  return integration;
}

/** `{ok, value}` (the assertion's options), or what to correct and where. */
export function checkInputs(ids, scopes, key) {
  const checked = checkFields(ids);
  if (!checked.ok)
    return { ...checked, message: "Correct the highlighted fields." };
  const chosen = scopes
    .filter((s) => s.input.checked)
    .map((s) => s.input.value);
  if (!chosen.length)
    return {
      ok: false,
      code: "scope_required",
      message: "Choose at least one scope.",
      focus: scopes[0].input,
    };
  if (!key.keptKey() && !key.file.input.files?.length)
    return {
      ok: false,
      code: "key_file_required",
      message: "Choose the private key file, or a kept key.",
      focus: key.file.input,
    };
  return { ok: true, value: { ...checked.value, scopes: chosen } };
}
