// The overview's "Add an organisation" form. The name is judged by the module
// (organisationName), and its stored form is what is sent.
import * as api from "../../backend/api.js";
import { announce, h } from "../../ui/dom.js";
import { checkFields, organisationNameField } from "../../ui/fields.js";
import { saveForm } from "../../ui/save-flow.js";

/** `added(org)` reloads the list; the form says where to go next. */
export function addOrganisationForm(added) {
  const name = organisationNameField();
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
