// Test the credentials: build a signed client assertion in this browser, show what
// is inside it, and give a ready-to-run curl command for NetSuite's token endpoint.
import * as api from "./api.js";
import { runInWorker } from "./bridge.js";
import {
  h,
  uniqueId,
  showMessage,
  clearMessage,
  withBusy,
  focusElement,
  announce,
} from "./dom.js";
import {
  accountIdField,
  clientIdField,
  certificateIdField,
  textField,
} from "./fields.js";
import { formatDateTime, keyTypeLabel } from "./format.js";
import { keptKey } from "./keystore.js";
import { m2m } from "./m2m.js";

const SCOPES = [
  ["rest_webservices", "REST web services"],
  ["restlets", "RESTlets"],
  ["suite_analytics", "SuiteAnalytics Connect"],
];

const HINTS = [
  [
    "invalid_client or InvalidSignature",
    "the kid (Certificate ID) is stale or wrong, or the key does not belong to the certificate uploaded in NetSuite.",
  ],
  [
    "Revoked or expired certificate",
    "a revoked or expired certificate never works again: replace it and upload the new one.",
  ],
  [
    "Signature scheme",
    "RS256 has been refused since 1 March 2025, and RSA 2048 keys are refused: use PS256/ES256 with RSA 3072+ or EC keys (this page does).",
  ],
  [
    "aud",
    "must be exactly the token endpoint of this account's host (lower case, _ replaced by -).",
  ],
  [
    "Lifetime and clock",
    "exp − iat must be under 60 minutes, and the machine's clock must be right: an assertion from the future or the past is refused.",
  ],
  ["iss", "must be the Client ID (consumer key) of the integration record."],
  [
    "ScopeMismatched",
    "a requested scope is not enabled on the integration record.",
  ],
  [
    "invalid_grant",
    "check NetSuite's Login Audit Trail (Setup > Users/Roles > User Management > View Login Audit Trail): the real reason is there.",
  ],
];

function shellQuote(text) {
  return `'${String(text).replace(/'/g, "'\\''")}'`;
}

function withDates(claims) {
  const out = { ...claims };
  return JSON.stringify(out, null, 2);
}

export async function renderCredentialsTest(root, { orgId = null } = {}) {
  const heading = h("h1", { tabindex: "-1" }, "Test the credentials");
  root.append(
    heading,
    h(
      "p",
      { class: "lead" },
      "Build a signed client assertion (JWT) in this browser and see exactly what NetSuite will receive. Nothing is sent to NetSuite from this page: run the curl command yourself.",
    ),
  );

  let organisations = [];
  try {
    organisations = await api.listOrganisations();
  } catch {
    organisations = [];
  }

  const orgSelectId = uniqueId("organisation");
  const orgSelect = h(
    "select",
    { id: orgSelectId, class: "input", name: "organisation" },
    h("option", { value: "" }, "None: enter the IDs by hand"),
    organisations.map((o) =>
      h("option", { value: o.id, selected: o.id === orgId }, o.name),
    ),
  );
  const orgNote = h("p", { class: "hint", "aria-live": "polite" });

  const accountId = accountIdField("");
  const clientId = clientIdField("");
  const certificateId = certificateIdField(
    "",
    "The kid of the assertion: the Certificate ID NetSuite shows.",
  );

  const scopeBoxes = SCOPES.map(([value, label]) => {
    const id = uniqueId(`scope-${value}`);
    const input = h("input", {
      type: "checkbox",
      id,
      value,
      checked: value === "rest_webservices",
    });
    return {
      input,
      element: h(
        "div",
        { class: "checkbox" },
        input,
        h("label", { for: id }, `${label} (${value})`),
      ),
    };
  });

  const sourceName = uniqueId("key-source");
  const keptRadio = h("input", {
    type: "radio",
    name: sourceName,
    id: `${sourceName}-kept`,
    value: "kept",
    disabled: true,
  });
  const fileRadio = h("input", {
    type: "radio",
    name: sourceName,
    id: `${sourceName}-file`,
    value: "file",
    checked: true,
  });
  const keptNote = h(
    "p",
    { class: "hint", id: `${sourceName}-kept-note` },
    "Choose an organisation whose key is kept in this browser.",
  );
  keptRadio.setAttribute("aria-describedby", keptNote.id);
  const keyFileId = uniqueId("key-file");
  const keyFileInput = h("input", {
    type: "file",
    id: keyFileId,
    accept: ".pem,.key",
    class: "input-file",
  });
  const passphrase = textField({
    label: "Passphrase (if the key file is encrypted)",
    name: "passphrase",
    type: "password",
    required: false,
  });
  const fileFields = h(
    "div",
    { class: "indent" },
    h(
      "div",
      { class: "field" },
      h("label", { for: keyFileId, class: "field__label" }, "Private key file"),
      keyFileInput,
    ),
    passphrase.element,
  );
  for (const radio of [keptRadio, fileRadio])
    radio.addEventListener(
      "change",
      () => (fileFields.hidden = !fileRadio.checked),
    );

  let kept = null;

  async function fillFromOrganisation() {
    const id = orgSelect.value;
    kept = null;
    keptRadio.disabled = true;
    keptNote.textContent =
      "Choose an organisation whose key is kept in this browser.";
    if (!id) {
      orgNote.textContent = "";
      fileRadio.checked = true;
      fileFields.hidden = false;
      return;
    }
    try {
      const listed = organisations.find((o) => o.id === id);
      const integration = listed?.integration
        ? await api.getIntegration(id)
        : null;
      if (integration) {
        accountId.value = integration.accountId;
        clientId.value = integration.clientId;
        certificateId.value = integration.certificate?.certificateId ?? "";
        for (const f of [accountId, clientId, certificateId]) f.check(false);
        orgNote.textContent = "Filled in the organisation's saved IDs.";
      } else {
        orgNote.textContent =
          "This organisation has no integration yet: enter the IDs by hand.";
      }
      kept = await keptKey(id);
      if (kept) {
        keptRadio.disabled = false;
        keptRadio.checked = true;
        fileFields.hidden = true;
        const current = integration?.certificate?.fingerprintSha256;
        const mismatch =
          current &&
          kept.fingerprintSha256 &&
          current !== kept.fingerprintSha256;
        keptNote.textContent =
          `A ${keyTypeLabel(kept.keyType)} key kept on ${formatDateTime(kept.savedAt)}.` +
          (mismatch
            ? " It belongs to a different certificate than the one saved now: NetSuite will refuse it."
            : "");
      } else {
        fileRadio.checked = true;
        fileFields.hidden = false;
        keptNote.textContent =
          "No key of this organisation is kept in this browser.";
      }
    } catch (error) {
      orgNote.textContent = `Could not load the organisation: ${error.message}`;
    }
  }
  orgSelect.addEventListener("change", fillFromOrganisation);

  const createButton = h(
    "button",
    { type: "submit", class: "button button--primary" },
    "Create client assertion",
  );
  const status = h("div", { class: "status-area" });
  const results = h("div", { class: "results" });

  const form = h(
    "form",
    {
      class: "card",
      novalidate: true,
      "aria-labelledby": "assertion-form-heading",
    },
    h("h2", { id: "assertion-form-heading" }, "Credentials"),
    h(
      "div",
      { class: "field" },
      h("label", { for: orgSelectId, class: "field__label" }, "Organisation"),
      orgSelect,
      orgNote,
    ),
    accountId.element,
    clientId.element,
    certificateId.element,
    h(
      "fieldset",
      { class: "radios" },
      h("legend", {}, "Scopes"),
      scopeBoxes.map((s) => s.element),
    ),
    h(
      "fieldset",
      { class: "radios" },
      h("legend", {}, "Private key"),
      h(
        "div",
        { class: "radio" },
        keptRadio,
        h("label", { for: keptRadio.id }, "The key kept in this browser"),
      ),
      h("div", { class: "indent" }, keptNote),
      h(
        "div",
        { class: "radio" },
        fileRadio,
        h("label", { for: fileRadio.id }, "A private key file"),
      ),
      fileFields,
    ),
    h("div", { class: "button-row" }, createButton),
    status,
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearMessage(status);
    const values = [
      accountId.check(true),
      clientId.check(true),
      certificateId.check(true),
    ];
    const firstBad = [accountId, clientId, certificateId].find(
      (_, i) => values[i] === null,
    );
    if (firstBad) {
      showMessage(status, "error", "Correct the highlighted fields.");
      firstBad.input.focus();
      return;
    }
    const scopes = scopeBoxes
      .filter((s) => s.input.checked)
      .map((s) => s.input.value);
    if (!scopes.length) {
      showMessage(status, "error", "Choose at least one scope.", {
        focus: false,
      });
      scopeBoxes[0].input.focus();
      return;
    }
    const [account, client, certificate] = values;
    const options = {
      accountId: account,
      clientId: client,
      certificateId: certificate,
      scopes,
    };
    await withBusy(createButton, "Signing…", async () => {
      try {
        let result;
        if (keptRadio.checked && kept) {
          result = await m2m.createClientAssertionWithCryptoKey(
            kept.cryptoKey,
            options,
          );
        } else {
          const file = keyFileInput.files?.[0];
          if (!file) {
            showMessage(
              status,
              "error",
              "Choose the private key file, or a kept key.",
            );
            keyFileInput.focus();
            return;
          }
          const privateKeyPem = await file.text();
          result = await runInWorker("createClientAssertion", {
            ...options,
            privateKeyPem,
            passphrase: passphrase.input.value || undefined,
          });
        }
        showResult(result);
      } catch (error) {
        const fields = { accountId, clientId, certificateId };
        if (error.field && fields[error.field]) {
          fields[error.field].setError(error.message);
          fields[error.field].input.focus();
          showMessage(status, "error", error.message);
        } else if (
          error.code === "wrong_passphrase" ||
          error.code === "passphrase_required"
        ) {
          passphrase.setError(error.message);
          passphrase.input.focus();
          showMessage(status, "error", error.message);
        } else {
          showMessage(status, "error", `Could not sign: ${error.message}`, {
            focus: true,
          });
        }
      }
    });
  });

  function showResult(result) {
    const curl = [
      `curl -sS -X POST ${shellQuote(result.tokenEndpoint)} \\`,
      `  -H 'Content-Type: application/x-www-form-urlencoded' \\`,
      `  --data ${shellQuote(result.requestBody)}`,
    ].join("\n");
    const copyButton = h(
      "button",
      { type: "button", class: "button" },
      "Copy curl command",
    );
    const copyStatus = h("span", { class: "hint", role: "status" });
    copyButton.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(curl);
        copyStatus.textContent = "Copied.";
      } catch {
        copyStatus.textContent =
          "Could not copy: select the command and copy it by hand.";
      }
    });
    const claims = result.claims ?? {};
    const resultHeading = h(
      "h2",
      { tabindex: "-1", id: "assertion-heading" },
      "Signed client assertion",
    );
    results.replaceChildren(
      h(
        "section",
        { class: "card", "aria-labelledby": "assertion-heading" },
        resultHeading,
        result.warnings?.length
          ? h(
              "div",
              { class: "message message--warning" },
              h(
                "ul",
                {},
                result.warnings.map((w) => h("li", {}, w.message)),
              ),
            )
          : null,
        h(
          "p",
          {},
          `Valid from ${formatDateTime(new Date(claims.iat * 1000).toISOString())} to ${formatDateTime(
            new Date(claims.exp * 1000).toISOString(),
          )} (${Math.round((claims.exp - claims.iat) / 60)} minutes).`,
        ),
        h(
          "div",
          { class: "two-columns" },
          h(
            "div",
            {},
            h("h3", {}, "Header"),
            h(
              "pre",
              {
                class: "code code--wrap",
                id: "assertion-header",
                tabindex: "0",
                "aria-label": "Decoded header",
              },
              JSON.stringify(result.header, null, 2),
            ),
          ),
          h(
            "div",
            {},
            h("h3", {}, "Claims"),
            h(
              "pre",
              {
                class: "code code--wrap",
                id: "assertion-claims",
                tabindex: "0",
                "aria-label": "Decoded claims",
              },
              withDates(claims),
            ),
          ),
        ),
        h("h3", {}, "curl command for the token endpoint"),
        h(
          "pre",
          {
            class: "code code--wrap",
            id: "curl-command",
            tabindex: "0",
            "aria-label": "curl command",
          },
          curl,
        ),
        h("div", { class: "button-row" }, copyButton, copyStatus),
        h(
          "p",
          { class: "hint" },
          "A working answer has access_token, expires_in (3600) and token_type. The assertion itself expires in a few minutes: make a new one to try again later.",
        ),
        h("h3", {}, "If NetSuite refuses it"),
        h(
          "ul",
          { class: "hints" },
          HINTS.map(([topic, text]) =>
            h("li", {}, h("strong", {}, `${topic}: `), text),
          ),
        ),
      ),
    );
    announce("Client assertion created.");
    focusElement(resultHeading);
  }

  root.append(form, results);
  if (orgSelect.value) await fillFromOrganisation();
  return {};
}
