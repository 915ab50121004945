// "Update certificate": a choice between updating the current certificate's ID
// (update-id.js) and replacing the certificate (replace/). The panels are kept while
// the view lives, so a half-done replacement survives re-renders of the card. A
// first certificate has nothing to choose: the panel is the replacement's steps.
import { announce, focusElement, h, replaceWith } from "../../ui/dom.js";
import { replacePanel } from "./replace/index.js";
import { certificateSituation } from "./situation.js";
import { updateIdPanel } from "./update-id.js";

function option(value, label, description, { checked, disabled, onChoose }) {
  const id = `choice-${value}`;
  const input = h("input", {
    type: "radio",
    name: "certificate-choice",
    id,
    value,
    checked,
    disabled,
    "aria-describedby": `${id}-description`,
  });
  input.addEventListener("change", () => {
    onChoose(value);
    announce(`${label}: the steps are shown below the choices.`);
  });
  return h(
    "div",
    { class: "choice" },
    input,
    h(
      "div",
      {},
      h("label", { for: id, class: "choice__label" }, label),
      h(
        "p",
        { class: "choice__description", id: `${id}-description` },
        description,
      ),
    ),
  );
}

function updateIdDescription(situation) {
  if (!situation.refused)
    return "Keep this certificate and key; only enter the Certificate ID NetSuite shows for it (for example after it was uploaded again).";
  if (situation.state.id === "revoked")
    return "Not possible: this certificate was revoked. Replace it.";
  return "Not possible: this certificate has expired and NetSuite refuses it. Replace it.";
}

/** The two choices, "update" disabled when NetSuite refuses the certificate. */
function choices(situation, choice, onChoose) {
  const canUpdateId = !situation.refused;
  return h(
    "fieldset",
    { class: "choices" },
    h(
      "legend",
      { tabindex: "-1" },
      "How do you want to update the certificate?",
    ),
    option(
      "update",
      "Update current certificate",
      updateIdDescription(situation),
      { checked: choice === "update", disabled: !canUpdateId, onChoose },
    ),
    option(
      "replace",
      "Replace certificate",
      "Make a new key pair and certificate here, upload it to NetSuite, and save its new Certificate ID.",
      { checked: choice === "replace", disabled: false, onChoose },
    ),
  );
}

/** A disclosure button for `panel`; opening it runs `render()` and moves focus in. */
function toggleButton(label, panel, render) {
  const toggle = h(
    "button",
    {
      type: "button",
      class: "button button--primary",
      "aria-expanded": String(!panel.hidden),
      "aria-controls": panel.id,
      id: "update-certificate-toggle",
    },
    label,
  );
  toggle.addEventListener("click", () => {
    const open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (open) {
      render();
      // The choices' legend, or for a first certificate the steps' heading.
      focusElement(panel.querySelector("legend, h3") ?? panel);
    }
  });
  return toggle;
}

/** `certificateStatus`: the card's status area, where a finished replacement is announced. */
export function updatePanel(ctx, certificateStatus) {
  const element = h("div", {
    class: "update-panel",
    id: "update-certificate-panel",
    hidden: true,
  });
  let choice = null; // "update" | "replace"
  let panels = {};

  function finished() {
    choice = null;
    panels = {};
    element.hidden = true;
  }

  function panelFor(value) {
    panels[value] ??=
      value === "update"
        ? updateIdPanel(ctx)
        : replacePanel(ctx, { certificateStatus, finished });
    return panels[value];
  }

  function render() {
    const situation = certificateSituation(ctx.integration);
    if (situation.first || situation.refused) choice = "replace";
    const area = h("div", { class: "choice-area" });
    const show = () =>
      area.replaceChildren(...(choice ? [panelFor(choice)] : []));
    const onChoose = (value) => {
      choice = value;
      show();
    };
    replaceWith(
      element,
      situation.first ? null : choices(situation, choice, onChoose),
      area,
    );
    show();
  }

  return {
    element,
    hide() {
      element.hidden = true;
    },
    /** Re-renders the open panel after the card changed. */
    refresh() {
      if (!element.hidden) render();
    },
    /** The button that opens and closes the panel. */
    toggle: (label) => toggleButton(label, element, render),
  };
}
