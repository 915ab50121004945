// The one way the page shows an error: its sentence, its code, and, when the error
// names a field (the module's and the backend's errors do), the same next to that
// field, which then gets focus.
import { button, h } from "./dom.js";
import { showMessage } from "./messages.js";

/** The code that goes with every error message, e.g. "(code wrong_passphrase)". */
export function errorCode(code) {
  return h("span", { class: "error-code" }, ` (code ${code ?? "unexpected"})`);
}

/**
 * Shows `error` ({message, code, field?}) in `area`, and next to `fields[error.field]`
 * when there is one. `text` replaces the area's sentence (default: prefix + message);
 * `actions` are buttons under it; `focus` moves focus to the field, else the message.
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
  showMessage(
    area,
    "error",
    h("p", {}, text ?? `${prefix}${message}`, errorCode(code)),
    { actions, focus: focus && !field },
  );
  if (field && focus) field.input.focus();
}

/** A failed load: the error in `area`, and a button that tries again. */
export function showLoadError(area, error, prefix, retry, label = "Try again") {
  showError(area, error, {
    prefix,
    focus: false,
    actions: [button(label, { onclick: retry })],
  });
}
