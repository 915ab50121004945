// The one way the page shows an error: its sentence, in words a person acts on,
// and, when the error names a field (the module's and the backend's errors do), the
// same next to that field, which then gets focus. An error about fields goes away
// once the user has corrected them. The error's code (and HTTP status) is for
// whoever reports a problem: it goes in one reserved place, errorDetails, collapsed
// under the sentence, never into the sentence itself.
import { button, h } from "./dom.js";
import { clearMessage, showMessage } from "./messages.js";

/**
 * The reserved place for what support needs: the error's `code` and, when an
 * answer caused it, its HTTP `status` (0: no answer at all); `from` names who
 * gave the code when it is not this page or its backend (NetSuite).
 * A collapsed <details>, so a screen reader reads the sentence without it and
 * the code can be opened, selected and copied.
 */
export function errorDetails({ code, status, from } = {}) {
  return h(
    "details",
    { class: "error-details" },
    h("summary", {}, "Details for support"),
    h(
      "p",
      {},
      from ? `${from}'s code ` : "Code ",
      h(
        "code",
        { class: "error-code" },
        code ?? (from ? "none" : "unexpected"),
      ),
      status === undefined || status === null
        ? ""
        : status === 0
          ? ", no answer from the server"
          : `, HTTP status ${status}`,
    ),
  );
}

/**
 * `prefix` (what failed) and `message` (why) as they read best: "Could not sign:
 * the passphrase…" stays, but before a whole sentence the colon becomes a full
 * stop ("Could not sign. This private key is encrypted: …"), so no sentence
 * starts with a capital after a colon.
 */
export function joinSentences(prefix, message) {
  if (/:\s$/.test(prefix) && /^\p{Lu}/u.test(message))
    return `${prefix.replace(/:\s$/, ".")} ${message}`;
  return `${prefix}${message}`;
}

/**
 * Shows `error` ({message, code, status?, field?}) in `area`, and next to
 * `fields[error.field]` when there is one. `text` replaces the area's sentence
 * (default: prefix + message); `actions` are buttons under it; `focus` moves
 * focus to the field, else the message. `error.fields` (from checkFields) are
 * the fields the error is about.
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
    h("p", {}, text ?? joinSentences(prefix, message)),
    {
      actions,
      focus: focus && !field,
      support: errorDetails({ code, status: error?.status }),
    },
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
