// Every save on the page runs through here: check the inputs → busy button → call
// the backend → apply the answer → say so. A failure keeps everything typed and
// explains itself once, with its code: a conflict (412) loads the latest version
// and says what changed where (reloadLatest), an unreachable or failing server offers to try again, and an ended
// session (401) offers sign-in in a new tab and saves again once it is done.
import { nextSignIn, signInUrl } from "../backend/session.js";
import { button, form, h, statusArea, submitButton, withBusy } from "./dom.js";
import { joinSentences, showError } from "./errors.js";
import { clearMessage, showMessage } from "./messages.js";

function failureText(error, kept) {
  if (error.status === 401)
    return `Not saved: your sign-in has ended. Nothing is lost: ${kept || "everything you typed is kept."} Sign in again in a new tab; this save then runs again by itself.`;
  if (error.status === 412)
    return `These settings were changed elsewhere (another tab or person saved) since you loaded them, so nothing was saved. ${kept} Reload the page to see the latest version, then save again.`;
  if (error.status === 0)
    return `Not saved: could not reach the server. ${kept} Check the connection, then try again.`;
  if (error.status >= 500)
    return `Not saved: the server had a problem. ${kept} Try again in a moment.`;
  return joinSentences("Not saved: ", error.message);
}

/**
 * Returns `run()`, which performs one save.
 * - `check()` → `{ok: true, value}` or `{ok: false, code, message, focus?}`
 *   (or a Promise of one); `{ok: false, nothingToSave: true, message}` is not an
 *   error: the form already holds what is saved, and the message says so
 * - `save(value)` → the backend's answer (a Promise)
 * - `done(answer)` applies it and returns the success sentence
 * - `successArea()` where that sentence goes (default: `status`)
 * - `fields` the fields a backend error can name; `kept` says what is kept on failure
 * - `reloadLatest(status, error)` runs on a 412 conflict: it loads the latest version and
 *   shows in `status` what changed elsewhere and what is kept from here
 */
export function saveFlow({
  submit,
  status,
  check,
  save,
  done,
  successArea = () => status,
  fields = {},
  kept = "",
  reloadLatest,
  busyLabel = "Saving…",
}) {
  async function run() {
    clearMessage(status);
    const checked = await check();
    if (checked.nothingToSave) {
      showMessage(status, "info", checked.message, { focus: true });
      return;
    }
    if (!checked.ok) {
      showError(status, checked, { focus: false });
      checked.focus?.focus();
      return;
    }
    await withBusy(submit, busyLabel, async () => {
      let answer;
      try {
        answer = await save(checked.value);
      } catch (error) {
        if (error.status === 412 && reloadLatest) {
          await reloadLatest(status, error);
          return;
        }
        const action =
          error.status === 401
            ? signInAgain(run)
            : button("Try again", { onclick: () => run() });
        showError(status, error, {
          fields,
          text: failureText(error, kept).replace(/\s+/g, " ").trim(),
          actions: error.field && fields[error.field] ? [] : [action],
        });
        return;
      }
      const text = done(answer);
      showMessage(successArea(), "success", text, { focus: true });
    });
  }
  return run;
}

// Opens the sign-in in a new tab (the page and what is typed stay here) and
// saves again when signed-in.html reports the sign-in done.
function signInAgain(run) {
  return button("Sign in again (new tab)", {
    onclick: () => {
      nextSignIn().then(() => run());
      window.open(signInUrl(), "_blank", "noopener");
    },
  });
}

/**
 * A form that saves: `children` (headings, fields), then the submit button
 * (`label`) and the status area; submitting runs saveFlow with `options`.
 */
export function saveForm(
  { attrs = {}, label = "Save changes", primary = true, children = [] },
  options,
) {
  const submit = submitButton(label, { primary });
  const status = statusArea();
  const run = saveFlow({ submit, status, ...options });
  const element = form(
    attrs,
    run,
    ...children,
    h("div", { class: "button-row" }, submit),
    status,
  );
  return { element, status };
}
