// The live check: signs a short-lived client assertion in this browser (`sign`,
// the caller's choice of key) and asks the backend to relay it to NetSuite's token
// endpoint (api.checkToken), then explains the outcome (explain.js). Offered only
// where config.json says the backend relays (`netsuiteCheck`). The token NetSuite
// may issue never reaches the page: the backend answers the outcome only.
import * as api from "../../../backend/api.js";
import { currentConfig } from "../../../backend/config.js";
import { canEdit } from "../../../backend/session.js";
import { button, h, statusArea, withBusy } from "../../../ui/dom.js";
import { errorDetails, showError } from "../../../ui/errors.js";
import { clearMessage, showMessage } from "../../../ui/messages.js";
import { LOGIN_AUDIT_TRAIL } from "../../test/hints.js";
import { menuPath } from "../netsuite.js";
import { AUDIT, explainFailure, explainOutcome } from "./explain.js";

/**
 * True when the backend relays live checks (config.json `netsuiteCheck`) and this
 * person may ask it to: a check is a write (POST), so a viewer is not offered one.
 */
export const liveCheckOffered = () =>
  currentConfig().netsuiteCheck && canEdit();

function explanation({ title, text, causes, audit, clock }) {
  return h(
    "div",
    { class: "live-check__outcome" },
    h("p", {}, h("strong", {}, `${title}. `), text),
    clock ? h("p", {}, clock) : null,
    causes.length
      ? h(
          "ul",
          { class: "hints" },
          causes.map(([topic, advice]) =>
            h("li", {}, h("strong", {}, `${topic}: `), advice),
          ),
        )
      : null,
    audit ? h("p", {}, `${AUDIT} `, menuPath(LOGIN_AUDIT_TRAIL), ".") : null,
  );
}

/**
 * `orgId()` the organisation whose backend relays; `sign()` resolves to the module's
 * ClientAssertion, or null when the caller has shown why it cannot sign.
 * Returns `{element, run(), result(), reset()}`; `result()` is the last
 * outcome `{ok, title}` or null.
 */
export function liveCheck({
  orgId,
  sign,
  label = "Check with NetSuite",
  intro,
  signError = {},
}) {
  const status = statusArea();
  status.classList.add("live-check__status");
  const check = button(label);
  let last = null;

  async function run() {
    clearMessage(status);
    last = null;
    await withBusy(check, "Checking…", async () => {
      let assertion;
      try {
        assertion = await sign();
      } catch (error) {
        showError(status, error, { ...signError, prefix: "Could not sign: " });
        return;
      }
      if (!assertion) return;
      let shown;
      try {
        shown = explainOutcome(await api.checkToken(orgId(), assertion.jwt));
      } catch (error) {
        shown = explainFailure(error);
      }
      last = { ok: shown.kind === "success", title: shown.title };
      showMessage(status, shown.kind, explanation(shown), {
        focus: true,
        // Who refused (NetSuite or the backend), with what code, for support.
        support: shown.kind === "success" ? null : errorDetails(shown),
      });
    });
  }
  check.addEventListener("click", run);

  return {
    element: h(
      "div",
      { class: "live-check" },
      intro ? h("p", { class: "hint" }, intro) : null,
      h("div", { class: "button-row" }, check),
      status,
    ),
    run,
    result: () => last,
    reset() {
      last = null;
      clearMessage(status);
    },
  };
}
