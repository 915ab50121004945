// The overview's "Add an organisation" form. The name's limit is the module's rule.
import * as api from "../../backend/api.js";
import { rules } from "../../module/index.js";
import { announce, h } from "../../ui/dom.js";
import { checkFields, textField } from "../../ui/fields.js";
import { saveFlow } from "../../ui/save-flow.js";

/** `added(org)` reloads the list; the form says where to go next. */
export function addOrganisationForm(added) {
  const max = rules().organisationNameMaxLength;
  const name = textField({
    label: "Organisation name",
    name: "organisationName",
    hint: `At most ${max} characters.`,
    validate: (raw) =>
      [...raw].length > max
        ? { error: `Use at most ${max} characters.`, code: "name_too_long" }
        : { value: raw },
  });
  const status = h("div", { class: "status-area" });
  const submit = h(
    "button",
    { type: "submit", class: "button" },
    "Add organisation",
  );
  const form = h(
    "form",
    {
      class: "card form-inline",
      novalidate: true,
      "aria-labelledby": "add-org-heading",
    },
    h("h2", { id: "add-org-heading" }, "Add an organisation"),
    name.element,
    h("div", { class: "button-row" }, submit),
    status,
  );
  const run = saveFlow({
    submit,
    status,
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
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  return form;
}
