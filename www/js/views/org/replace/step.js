// The frame of a replace step: a numbered heading; steps after the first start locked.
import { h } from "../../../ui/dom.js";

export function stepHeading(number, id, title) {
  return h(
    "h4",
    { id },
    // Read as "Step 1: Generate…"; the circle shows the number alone.
    h("span", { class: "step__number", "aria-hidden": "true" }, String(number)),
    h("span", { class: "visually-hidden" }, `Step ${number}: `),
    title,
  );
}

/** A locked step (a fieldset, disabled until the step before is done). */
export function lockedStep(number, id, title, ...children) {
  return h(
    "fieldset",
    { class: "step", disabled: true, "aria-labelledby": id },
    stepHeading(number, id, title),
    ...children,
  );
}
