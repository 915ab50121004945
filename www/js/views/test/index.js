// #/test and #/test/:orgId — build a signed client assertion in this browser, show
// what is inside it, give ready-to-run curl and PowerShell commands for NetSuite's
// token endpoint and, where the backend relays (config.json `netsuiteCheck`), test
// it with NetSuite for the chosen organisation (live-test.js). Scopes and their
// labels come from the module's rules.
import * as api from "../../backend/api.js";
import { form, h, statusArea, submitButton, withBusy } from "../../ui/dom.js";
import { clockSkewWarning } from "../../ui/clock-skew.js";
import { showError } from "../../ui/errors.js";
import {
  accountIdField,
  certificateIdField,
  clientIdField,
} from "../../ui/fields.js";
import { clearMessage } from "../../ui/messages.js";
import {
  checkInputs,
  fillFromOrganisation,
  organisationSelect,
  scopeBoxes,
} from "./inputs.js";
import { keyMismatchWarning } from "./key-warning.js";
import { keySource } from "./key-source.js";
import { liveCheckOffered } from "../org/live-check/index.js";
import { liveTest } from "./live-test.js";
import { showAssertion } from "./result.js";

export async function renderTest(root, orgId) {
  root.append(
    h("h1", { tabindex: "-1" }, "Test the credentials"),
    h(
      "p",
      { class: "lead" },
      "Build a signed client assertion (JWT) in this browser and see exactly what NetSuite will receive, then run the command yourself" +
        (liveCheckOffered()
          ? " or test it with NetSuite through the backend."
          : ": nothing is sent to NetSuite from this page.") +
        " The private key never leaves this browser.",
    ),
  );
  const organisations = await api.listOrganisations().catch(() => []);
  const organisation = organisationSelect(organisations, orgId);
  const ids = {
    accountId: accountIdField(""),
    clientId: clientIdField(""),
    certificateId: certificateIdField(
      "",
      "The kid of the assertion: the Certificate ID NetSuite shows.",
    ),
  };
  const scopes = scopeBoxes();
  const key = keySource();
  const submit = submitButton("Create client assertion");
  const status = statusArea();
  const results = h("div", { class: "results" });

  let integration = null;
  const fill = async () => {
    integration = null;
    live.reset();
    integration = await fillFromOrganisation(
      organisations,
      organisation,
      ids,
      key,
    );
  };
  organisation.select.addEventListener("change", fill);

  /** Signs and shows the assertion; null (the reason shown) when it cannot. */
  async function signAndShow() {
    clearMessage(status);
    const checked = checkInputs(ids, scopes, key);
    if (!checked.ok) {
      showError(status, checked, { focus: false });
      checked.focus.focus();
      return null;
    }
    const assertion = await key.sign(checked.value);
    const keyWarning = await keyMismatchWarning(key, integration);
    showAssertion(results, assertion, { keyWarning });
    return assertion;
  }
  const signFields = { fields: { ...ids, passphrase: key.passphrase } };

  async function create() {
    await withBusy(submit, "Signing…", async () => {
      try {
        await signAndShow();
      } catch (error) {
        showError(status, error, { ...signFields, prefix: "Could not sign: " });
      }
    });
  }
  const live = liveTest({
    orgId: () => organisation.select.value,
    sign: signAndShow,
    signError: signFields,
  });

  const credentials = form(
    { class: "card", "aria-labelledby": "assertion-form-heading" },
    create,
    h("h2", { id: "assertion-form-heading" }, "Credentials"),
    organisation.element,
    ...Object.values(ids).map((f) => f.element),
    h(
      "fieldset",
      { class: "radios" },
      h("legend", {}, "Scopes"),
      scopes.map((s) => s.element),
    ),
    key.element,
    // The organisations were just fetched: the backend's clock is known.
    clockSkewWarning("assertion"),
    h("div", { class: "button-row" }, submit),
    status,
    live.element,
  );
  root.append(credentials, results);
  if (organisation.select.value) await fill();
  return {};
}
