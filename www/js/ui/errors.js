// The one way the page shows an error: its sentence, its code, and, when the error
// names a field (the module's and the backend's errors do), the same next to that
// field, which then gets focus. An error about fields goes away once the user has
// corrected them.
import { button, h } from "./dom.js";
import { clearMessage, showMessage } from "./messages.js";

/** The code that goes with every error message, e.g. "(code wrong_passphrase)". */
export function errorCode(code) {
  return h("span", { class: "error-code" }, ` (code ${code ?? "unexpected"})`);
}

/**
 * Shows `error` ({message, code, field?}) in `area`, and next to `fields[error.field]`
 * when there is one. `text` replaces the area's sentence (default: prefix + message);
 * `actions` are buttons under it; `focus` moves focus to the field, else the message.
 * `error.fields` (from checkFields) are the fields the error is about.
 */
export function showError(
  area,
  error,
  { fields = {}, prefix = "", text, actions = [], focus = true } = {},
) {
  const code = error?.code ?? "unexpected";
  const message = error?.message ?? String(error);
  const field = error?.field ? fields[error.field] : null;
  field?.setError(message, code);
  const shown = showMessage(
    area,
    "error",
    h("p", {}, text ?? `${prefix}${message}`, errorCode(code)),
    { actions, focus: focus && !field },
  );
  if (field && focus) field.input.focus();
  const about = error?.fields ?? (field ? [field] : []);
  if (about.length) dismissWhenCorrected(area, shown, about);
}

// Removes `shown` from `area` once none of `fields` is marked invalid any more
// (each field re-checks itself as the user types, before this listener runs).
function dismissWhenCorrected(area, shown, fields) {
  const inputs = fields.map((field) => field.input);
  const check = () => {
    if (shown.parentNode !== area) return stop();
    if (inputs.some((input) => input.getAttribute("aria-invalid") === "true"))
      return;
    clearMessage(area);
    stop();
  };
  const stop = () =>
    inputs.forEach((input) => input.removeEventListener("input", check));
  inputs.forEach((input) => input.addEventListener("input", check));
}

/** A failed load: the error in `area`, and a button that tries again. */
export function showLoadError(area, error, prefix, retry, label = "Try again") {
  showError(area, error, {
    prefix,
    focus: false,
    actions: [button(label, { onclick: retry })],
  });
}
