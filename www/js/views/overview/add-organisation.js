// The overview's "Add an organisation" form. The name's limit is the module's rule.
import * as api from "../../backend/api.js";
import { rules } from "../../module/index.js";
import { announce, h } from "../../ui/dom.js";
import { checkFields, textField } from "../../ui/fields.js";
import { saveForm } from "../../ui/save-flow.js";

/** `added(org)` reloads the list; the form says where to go next. */
export function addOrganisationForm(added) {
  const max = rules().organisationNameMaxLength;
  const name = textField({
    label: "Organisation name",
    name: "organisationName",
    hint: `At most ${max} characters.`,
    // Counted as the backend stores it: trimmed, in NFC, in characters.
    validate: (raw) =>
      [...raw.trim().normalize("NFC")].length > max
        ? { error: `Use at most ${max} characters.`, code: "name_too_long" }
        : { value: raw },
  });
  const { element } = saveForm(
    {
      attrs: {
        class: "card form-inline",
        "aria-labelledby": "add-org-heading",
      },
      label: "Add organisation",
      primary: false,
      children: [
        h("h2", { id: "add-org-heading" }, "Add an organisation"),
        name.element,
      ],
    },
    {
      busyLabel: "Adding…",
      check: () => checkFields({ name }),
      save: (value) => api.createOrganisation(value.name),
      fields: { name },
      kept: "The name you typed is kept.",
      done: (org) => {
        name.value = "";
        added(org);
        announce(`Added ${org.name}.`);
        const link = h(
          "a",
          { href: `#/org/${encodeURIComponent(org.id)}` },
          `Set up ${org.name}'s integration`,
        );
        return h("p", {}, `Added ${org.name}. `, link, ".");
      },
    },
  );
  return element;
}
