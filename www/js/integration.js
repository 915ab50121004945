// Edit one organisation's NetSuite integration: Account ID, Client ID, and the
// certificate (update its ID, replace it, record a revocation).
import * as api from "./api.js";
import { runInWorker } from "./bridge.js";
import {
  h,
  uniqueId,
  showMessage,
  clearMessage,
  withBusy,
  announce,
  focusElement,
  definitionList,
} from "./dom.js";
import { downloadText } from "./download.js";
import {
  accountIdField,
  clientIdField,
  certificateIdField,
  textField,
} from "./fields.js";
import {
  certificateStatus,
  daysUntil,
  formatDays,
  formatDate,
  keyTypeLabel,
  slug,
  statusBadge,
  timeElement,
  today,
  EXPIRING_DAYS,
} from "./format.js";
import { expiryReminder, reminderDate } from "./ics.js";
import { keepKey } from "./keystore.js";
import { m2m } from "./m2m.js";

const NETSUITE_PAGE =
  "Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup";
const MIN_PASSPHRASE = 12;
const MAX_VALIDITY_DAYS = 730;

function inspect(pem) {
  try {
    return m2m.inspectCertificate(pem);
  } catch {
    return null;
  }
}

/** replaceChildren without the "null" text nodes it would make of absent parts. */
function replaceWith(container, ...children) {
  container.replaceChildren(
    ...children.filter(
      (child) => child !== null && child !== undefined && child !== false,
    ),
  );
}

function button(label, attrs = {}) {
  return h("button", { type: "button", class: "button", ...attrs }, label);
}

function menuPath(path = NETSUITE_PAGE) {
  return h("span", { class: "menu-path" }, path);
}

export async function renderIntegration(root, { orgId }) {
  const loading = h("p", { class: "loading" }, "Loading the integration…");
  root.append(
    h(
      "p",
      { class: "breadcrumb" },
      h("a", { href: "#/" }, "← All organisations"),
    ),
    loading,
  );

  let organisation;
  let integration;
  try {
    const organisations = await api.listOrganisations();
    organisation = organisations.find((o) => o.id === orgId);
    // The list already says whether there is an integration: no GET (and no 404) without one.
    if (organisation?.integration)
      integration = await api.getIntegration(orgId);
    else integration = null;
  } catch (error) {
    loading.remove();
    root.append(h("h1", { tabindex: "-1" }, "NetSuite integration"));
    const status = h("div", { class: "status-area" });
    root.append(status);
    showMessage(
      status,
      "error",
      `Could not load this organisation. ${error.message}`,
      {
        actions: [button("Try again")],
      },
    );
    status.querySelector("button").addEventListener("click", () => {
      root.replaceChildren();
      renderIntegration(root, { orgId });
    });
    return {};
  }
  loading.remove();
  if (!organisation) {
    root.append(
      h("h1", { tabindex: "-1" }, "Organisation not found"),
      h(
        "p",
        {},
        `There is no organisation with the ID “${orgId}”. `,
        h("a", { href: "#/" }, "See all organisations."),
      ),
    );
    return {};
  }

  // ---- state ----------------------------------------------------------------
  const state = {
    integration, // latest from the server, or null
    pending: null, // a generated, not yet saved certificate + key
  };
  const version = () => state.integration?.version;
  const orgSlug = slug(organisation.name);

  // ---- layout ---------------------------------------------------------------
  const heading = h(
    "h1",
    { tabindex: "-1" },
    `NetSuite integration: ${organisation.name}`,
  );
  root.append(
    heading,
    h(
      "p",
      { class: "lead" },
      "Edit the IDs NetSuite gave this integration and manage its certificate. ",
      h(
        "a",
        { href: `#/test/${encodeURIComponent(orgId)}` },
        "Test the credentials",
      ),
      ".",
    ),
  );

  // ---- settings form ----------------------------------------------------------
  const accountId = accountIdField(state.integration?.accountId ?? "");
  const clientId = clientIdField(state.integration?.clientId ?? "");
  const settingsStatus = h("div", { class: "status-area" });
  const saveSettingsButton = h(
    "button",
    { type: "submit", class: "button button--primary" },
    "Save changes",
  );
  const settingsForm = h(
    "form",
    {
      class: "card",
      novalidate: true,
      "aria-labelledby": "settings-heading",
      id: "settings",
    },
    h("h2", { id: "settings-heading" }, "Settings"),
    state.integration
      ? null
      : h(
          "p",
          { class: "hint", id: "no-integration-note" },
          "This organisation has no NetSuite integration yet. Enter its IDs and save.",
        ),
    accountId.element,
    clientId.element,
    h("div", { class: "button-row" }, saveSettingsButton),
    settingsStatus,
  );
  root.append(settingsForm);

  // ---- certificate ------------------------------------------------------------
  const certificateSummary = h("div", { class: "certificate-summary" });
  const certificateStatusArea = h("div", { class: "status-area" });
  const updatePanel = h("div", {
    class: "update-panel",
    id: "update-certificate-panel",
    hidden: true,
  });
  const certificateSection = h(
    "section",
    {
      class: "card",
      "aria-labelledby": "certificate-heading",
      id: "certificate",
    },
    h("h2", { id: "certificate-heading" }, "Certificate"),
    certificateStatusArea,
    certificateSummary,
    updatePanel,
  );
  root.append(certificateSection);

  // ---- history ------------------------------------------------------------------
  const historyArea = h("div", {});
  root.append(
    h(
      "section",
      { class: "card", "aria-labelledby": "history-heading", id: "history" },
      h("h2", { id: "history-heading" }, "Certificate history"),
      historyArea,
    ),
  );

  // ---- behaviour: shared error handling -------------------------------------------
  async function reloadLatest(statusEl) {
    try {
      const latest = await api.getIntegration(orgId);
      applyIntegration(latest, { keepForm: true });
      const parts = latest
        ? [
            `Account ID ${latest.accountId}`,
            `Client ID ${latest.clientId}`,
            latest.certificate
              ? `Certificate ID ${latest.certificate.certificateId}`
              : "no certificate",
          ]
        : ["no integration"];
      showMessage(
        statusEl,
        "info",
        `Loaded the latest version (saved elsewhere: ${parts.join(", ")}). What you typed here is unchanged: check it, then save again.`,
        { focus: true },
      );
    } catch (error) {
      showMessage(statusEl, "error", `Could not reload. ${error.message}`, {
        focus: true,
        actions: [
          button("Reload latest version", {
            onclick: () => reloadLatest(statusEl),
          }),
        ],
      });
    }
  }

  /** Shows a save failure next to what was being saved; nothing typed is touched. */
  function reportSaveError(
    error,
    statusEl,
    { fields = {}, retry, kept = "Your changes are kept." },
  ) {
    if (error.status === 412) {
      showMessage(
        statusEl,
        "error",
        `These settings were changed elsewhere (another tab or person saved) since you loaded them, so nothing was saved. ${kept} Reload the latest version, then save again.`,
        {
          focus: true,
          actions: [
            button("Reload latest version", {
              onclick: () => reloadLatest(statusEl),
            }),
          ],
        },
      );
      return;
    }
    if (error.field && fields[error.field]) {
      fields[error.field].setError(error.message);
      showMessage(statusEl, "error", `Not saved: ${error.message}`);
      fields[error.field].input.focus();
      return;
    }
    const retryActions = retry
      ? [button("Try again", { onclick: () => retry() })]
      : [];
    if (error.status === 0) {
      showMessage(
        statusEl,
        "error",
        `Not saved: could not reach the server. ${kept} Check the connection, then try again.`,
        {
          focus: true,
          actions: retryActions,
        },
      );
    } else if (error.status >= 500) {
      showMessage(
        statusEl,
        "error",
        `Not saved: the server had a problem (error ${error.status}). ${kept} Try again in a moment.`,
        { focus: true, actions: retryActions },
      );
    } else {
      showMessage(statusEl, "error", `Not saved: ${error.message}`, {
        focus: true,
        actions: retryActions,
      });
    }
  }

  function applyIntegration(latest, { keepForm = false } = {}) {
    state.integration = latest;
    if (latest) settingsForm.querySelector("#no-integration-note")?.remove();
    if (!keepForm && latest) {
      accountId.value = latest.accountId;
      clientId.value = latest.clientId;
    }
    renderCertificate();
    loadHistory();
  }

  // ---- settings save -----------------------------------------------------------
  async function saveSettings() {
    clearMessage(settingsStatus);
    const account = accountId.check(true);
    const client = clientId.check(true);
    if (account === null || client === null) {
      showMessage(
        settingsStatus,
        "error",
        "Not saved: correct the highlighted fields.",
      );
      (account === null ? accountId : clientId).input.focus();
      return;
    }
    await withBusy(saveSettingsButton, "Saving…", async () => {
      try {
        const saved = await api.saveIntegration(
          orgId,
          { accountId: account, clientId: client },
          version(),
        );
        applyIntegration(saved, { keepForm: true });
        showMessage(
          settingsStatus,
          "success",
          "Saved. NetSuite needs no change for this.",
          { focus: true },
        );
      } catch (error) {
        reportSaveError(error, settingsStatus, {
          fields: { accountId, clientId },
          retry: saveSettings,
          kept: "What you typed is kept.",
        });
      }
    });
  }
  settingsForm.addEventListener("submit", (event) => {
    event.preventDefault();
    saveSettings();
  });

  // ---- certificate summary -------------------------------------------------------
  function renderCertificate() {
    const certificate = state.integration?.certificate ?? null;
    if (!state.integration) {
      certificateSummary.replaceChildren(
        h(
          "p",
          {},
          "Save the Account ID and Client ID first; then you can add a certificate.",
        ),
      );
      updatePanel.hidden = true;
      return;
    }
    const toggle = h(
      "button",
      {
        type: "button",
        class: "button button--primary",
        "aria-expanded": String(!updatePanel.hidden),
        "aria-controls": "update-certificate-panel",
        id: "update-certificate-toggle",
      },
      certificate ? "Update certificate" : "Add a certificate",
    );
    toggle.addEventListener("click", () => {
      const open = updatePanel.hidden;
      updatePanel.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      if (open) {
        renderUpdateChoices();
        focusElement(updatePanel.querySelector("legend") ?? updatePanel);
      }
    });

    if (!certificate) {
      certificateSummary.replaceChildren(
        h(
          "p",
          {},
          "No certificate yet. Add one: it is generated in this browser and uploaded to NetSuite by you.",
        ),
        h("div", { class: "button-row" }, toggle),
      );
      if (!updatePanel.hidden) renderUpdateChoices();
      return;
    }

    const report = inspect(certificate.pem);
    const revoked = certificate.status === "revoked";
    const status = certificateStatus({
      revoked,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      moduleStatus: report?.status,
    });
    const days = report?.daysRemaining ?? daysUntil(certificate.notAfter);
    const details = definitionList([
      ["Status", statusBadge(status)],
      [
        "Certificate ID",
        h("span", { class: "mono wrap" }, certificate.certificateId),
      ],
      [
        "SHA-256 fingerprint",
        h(
          "span",
          { class: "mono wrap fingerprint" },
          certificate.fingerprintSha256,
        ),
      ],
      ["Key type", keyTypeLabel(certificate.keyType, report?.key)],
      ["Created", timeElement(certificate.notBefore, true)],
      ["Valid until", timeElement(certificate.notAfter, true)],
      [
        "Days left",
        revoked ? `${formatDays(days)} (revoked)` : formatDays(days),
      ],
    ]);

    const notes = [];
    if (revoked) {
      notes.push(
        h(
          "div",
          { class: "message message--error" },
          h(
            "p",
            {},
            "This certificate was revoked in NetSuite. The integration cannot get tokens until you replace it: choose Update certificate, then Replace certificate.",
          ),
        ),
      );
    } else if (status === "expired") {
      notes.push(
        h(
          "div",
          { class: "message message--error" },
          h(
            "p",
            {},
            "This certificate has expired. Replace it: NetSuite refuses expired certificates.",
          ),
        ),
      );
    } else if (status === "expiring") {
      notes.push(
        h(
          "div",
          { class: "message message--warning" },
          h(
            "p",
            {},
            `This certificate expires in ${formatDays(days)} (${EXPIRING_DAYS} days or fewer: NetSuite has started emailing its administrators). Replace it before ${formatDate(certificate.notAfter)}.`,
          ),
        ),
      );
    }

    const downloadCurrent = button("Download certificate (.pem)", {
      onclick: () => {
        downloadText(
          `${orgSlug}-netsuite-certificate-${certificate.certificateId.slice(0, 8)}.pem`,
          certificate.pem,
        );
        announce("Certificate downloaded.");
      },
    });
    const reminderAt = reminderDate(certificate.notAfter, 30);
    const reminder = button("Add reminder to calendar (.ics)", {
      "aria-describedby": "reminder-hint",
      onclick: () => {
        downloadText(
          `${orgSlug}-netsuite-certificate-reminder.ics`,
          expiryReminder({
            organisationName: organisation.name,
            certificateId: certificate.certificateId,
            notAfter: certificate.notAfter,
          }),
          "text/calendar",
        );
        announce("Calendar reminder downloaded.");
      },
    });

    const actions = [toggle, downloadCurrent];
    if (!revoked && reminderAt.getTime() > Date.now()) actions.push(reminder);

    replaceWith(
      certificateSummary,
      details,
      ...notes,
      h(
        "p",
        { class: "hint" },
        "NetSuite shows the same certificate on ",
        menuPath(),
        ": find this Certificate ID; its expiry is in the VALID UNTIL column.",
      ),
      h("div", { class: "button-row" }, actions),
      actions.includes(reminder)
        ? h(
            "p",
            { class: "hint", id: "reminder-hint" },
            `The reminder is on ${formatDate(reminderAt.toISOString())}, 30 days before the certificate expires.`,
          )
        : null,
      revoked ? null : revokePanel(certificate),
    );
    if (!updatePanel.hidden) renderUpdateChoices();
  }

  // ---- revoke ----------------------------------------------------------------
  function revokePanel(certificate) {
    const id = uniqueId("revoke");
    const confirmBox = h("input", { type: "checkbox", id: `${id}-confirm` });
    const status = h("div", { class: "status-area" });
    const recordButton = h(
      "button",
      { type: "button", class: "button button--danger" },
      "Record revocation",
    );
    const details = h(
      "details",
      { class: "revoke" },
      h("summary", {}, "Record that this certificate was revoked in NetSuite"),
      h(
        "div",
        { class: "message message--warning" },
        h(
          "p",
          {},
          h("strong", {}, "Revoking is irreversible. "),
          "It happens in NetSuite (",
          menuPath(),
          ", Revoke). A revoked certificate never works again: the integration stops getting tokens until a replacement certificate is uploaded and saved here.",
        ),
      ),
      h(
        "div",
        { class: "checkbox" },
        confirmBox,
        h(
          "label",
          { for: `${id}-confirm` },
          `I revoked certificate ${certificate.certificateId} in NetSuite`,
        ),
      ),
      h("div", { class: "button-row" }, recordButton),
      status,
    );
    async function record() {
      if (!confirmBox.checked) {
        showMessage(
          status,
          "error",
          "Tick the box to confirm that the certificate was revoked in NetSuite.",
          {
            focus: false,
          },
        );
        confirmBox.focus();
        return;
      }
      await withBusy(recordButton, "Recording…", async () => {
        try {
          const saved = await api.recordRevocation(orgId, version());
          applyIntegration(saved, { keepForm: true });
          showMessage(
            certificateStatusArea,
            "success",
            "Revocation recorded. Replace the certificate now: Update certificate, then Replace certificate.",
            { focus: true },
          );
        } catch (error) {
          reportSaveError(error, status, { retry: record, kept: "" });
        }
      });
    }
    recordButton.addEventListener("click", record);
    return details;
  }

  // ---- update certificate: the two choices ----------------------------------------
  let choice = null; // "update" | "replace"
  let updateIdPanel = null;
  let replacePanel = null;

  function renderUpdateChoices() {
    const certificate = state.integration?.certificate ?? null;
    const canUpdateId =
      Boolean(certificate) && certificate.status !== "revoked";
    if (!canUpdateId && choice === "update") choice = null;
    if (!certificate && !choice) choice = "replace";
    const name = "certificate-choice";
    const option = (value, label, description, disabled) => {
      const id = `choice-${value}`;
      const input = h("input", {
        type: "radio",
        name,
        id,
        value,
        checked: choice === value,
        disabled,
        "aria-describedby": `${id}-description`,
      });
      input.addEventListener("change", () => {
        choice = value;
        showChoice();
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
    };
    const choiceArea = h("div", { class: "choice-area" });
    updatePanel.replaceChildren(
      h(
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
          canUpdateId
            ? "Keep this certificate and key; only enter the Certificate ID NetSuite shows for it (for example after it was uploaded again)."
            : certificate
              ? "Not possible: this certificate was revoked. Replace it."
              : "Not possible yet: there is no certificate.",
          !canUpdateId,
        ),
        option(
          "replace",
          "Replace certificate",
          "Make a new key pair and certificate here, upload it to NetSuite, and save its new Certificate ID.",
          false,
        ),
      ),
      choiceArea,
    );
    function showChoice() {
      if (choice === "update") choiceArea.replaceChildren(getUpdateIdPanel());
      else if (choice === "replace")
        choiceArea.replaceChildren(getReplacePanel());
      else choiceArea.replaceChildren();
    }
    showChoice();
  }

  // ---- update current certificate (ID only) ----------------------------------------
  function getUpdateIdPanel() {
    if (updateIdPanel) return updateIdPanel;
    const certificateId = certificateIdField(
      state.integration?.certificate?.certificateId ?? "",
    );
    const status = h("div", { class: "status-area" });
    const save = h(
      "button",
      { type: "submit", class: "button button--primary" },
      "Save changes",
    );
    const form = h(
      "form",
      {
        class: "subpanel",
        novalidate: true,
        "aria-labelledby": "update-id-heading",
        id: "update-id",
      },
      h(
        "h3",
        { id: "update-id-heading", tabindex: "-1" },
        "Update current certificate",
      ),
      h(
        "p",
        {},
        "The certificate and its key stay as they are; no new certificate is made. Enter the Certificate ID that NetSuite shows for it on ",
        menuPath(),
        ".",
      ),
      certificateId.element,
      h("div", { class: "button-row" }, save),
      status,
    );
    async function submit() {
      clearMessage(status);
      const value = certificateId.check(true);
      if (value === null) {
        certificateId.input.focus();
        return;
      }
      await withBusy(save, "Saving…", async () => {
        try {
          const saved = await api.saveCertificate(
            orgId,
            { certificateId: value },
            version(),
          );
          applyIntegration(saved, { keepForm: true });
          showMessage(
            status,
            "success",
            `Saved. The current certificate's ID is now ${saved.certificate.certificateId}.`,
            {
              focus: true,
            },
          );
          announce("Certificate ID saved.");
        } catch (error) {
          reportSaveError(error, status, {
            fields: { certificateId },
            retry: submit,
            kept: "The Certificate ID you typed is kept.",
          });
        }
      });
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit();
    });
    updateIdPanel = form;
    return form;
  }

  // ---- replace certificate ----------------------------------------------------------
  function getReplacePanel() {
    if (replacePanel) return replacePanel;

    // Step 1: generate.
    const keyTypes = (() => {
      try {
        return m2m.supportedKeyTypes();
      } catch {
        return [
          { id: "ec-p256", label: "EC P-256 (recommended)", isDefault: true },
        ];
      }
    })();
    const keyTypeId = uniqueId("key-type");
    const keyTypeSelect = h(
      "select",
      { id: keyTypeId, name: "keyType", class: "input" },
      keyTypes.map((t) =>
        h("option", { value: t.id, selected: Boolean(t.isDefault) }, t.label),
      ),
    );
    const validity = textField({
      label: "Validity (days)",
      name: "validityDays",
      value: "365",
      type: "number",
      hint: `Default 365 days; at most ${MAX_VALIDITY_DAYS} (2 years, NetSuite's limit). NetSuite emails administrators 60, 30 and 14 days before expiry.`,
      inputAttrs: {
        min: "1",
        max: String(MAX_VALIDITY_DAYS),
        step: "1",
        inputmode: "numeric",
      },
      validate: (raw) => {
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 1)
          return { error: "Enter a whole number of days, 1 or more." };
        if (n > MAX_VALIDITY_DAYS)
          return {
            error: `At most ${MAX_VALIDITY_DAYS} days: NetSuite cuts longer certificates to 2 years.`,
          };
        return { value: n };
      },
    });
    const generateButton = h(
      "button",
      { type: "submit", class: "button button--primary" },
      "Generate new certificate",
    );
    const generateStatus = h("div", { class: "status-area" });
    const generatedSummary = h("div", { class: "generated" });
    const generateForm = h(
      "form",
      { class: "step", novalidate: true, "aria-labelledby": "step-generate" },
      h(
        "h4",
        { id: "step-generate" },
        h("span", { class: "step__number" }, "1"),
        "Generate a key pair and certificate",
      ),
      h(
        "div",
        { class: "field" },
        h("label", { for: keyTypeId, class: "field__label" }, "Key type"),
        keyTypeSelect,
      ),
      validity.element,
      h("div", { class: "button-row" }, generateButton),
      generateStatus,
      generatedSummary,
    );

    // Step 2: save the private key.
    const protection = uniqueId("protection");
    const encryptedRadio = h("input", {
      type: "radio",
      name: protection,
      id: `${protection}-encrypted`,
      value: "encrypted",
      checked: true,
    });
    const plainRadio = h("input", {
      type: "radio",
      name: protection,
      id: `${protection}-plain`,
      value: "plain",
    });
    const passphrase = textField({
      label: "Passphrase",
      name: "passphrase",
      type: "password",
      autocomplete: "new-password",
      hint: `At least ${MIN_PASSPHRASE} characters. You need it whenever the key is used; it is not stored anywhere.`,
      validate: (raw) =>
        raw.length < MIN_PASSPHRASE
          ? { error: `Use at least ${MIN_PASSPHRASE} characters.` }
          : { value: raw },
    });
    const passphraseAgain = textField({
      label: "Repeat passphrase",
      name: "passphraseAgain",
      type: "password",
      autocomplete: "new-password",
      validate: (raw) =>
        raw !== passphrase.input.value
          ? { error: "The two passphrases differ." }
          : { value: raw },
    });
    // Passphrases are used as typed, including spaces.
    const passphraseValue = () => passphrase.input.value;
    const plainConfirmId = uniqueId("plain-confirm");
    const plainConfirm = h("input", { type: "checkbox", id: plainConfirmId });
    const encryptedFields = h(
      "div",
      { class: "indent" },
      passphrase.element,
      passphraseAgain.element,
    );
    const plainFields = h(
      "div",
      { class: "indent", hidden: true },
      h(
        "div",
        { class: "message message--warning" },
        h(
          "p",
          {},
          "Anyone who gets an unencrypted key file can get tokens as this integration. Store it only where secrets belong (a secrets manager or vault).",
        ),
      ),
      h(
        "div",
        { class: "checkbox" },
        plainConfirm,
        h(
          "label",
          { for: plainConfirmId },
          "I understand: download the private key without encryption",
        ),
      ),
    );
    for (const radio of [encryptedRadio, plainRadio]) {
      radio.addEventListener("change", () => {
        encryptedFields.hidden = !encryptedRadio.checked;
        plainFields.hidden = encryptedRadio.checked;
      });
    }
    const downloadKeyButton = h(
      "button",
      { type: "submit", class: "button button--primary" },
      "Download private key",
    );
    const keyStatus = h("div", { class: "status-area" });
    const keepButton = button("Keep the key in this browser", {
      "aria-describedby": "keep-key-hint",
    });
    const keepStatus = h("div", { class: "status-area" });
    const keyFieldset = h(
      "fieldset",
      { class: "step", disabled: true, "aria-labelledby": "step-key" },
      h(
        "h4",
        { id: "step-key" },
        h("span", { class: "step__number" }, "2"),
        "Save the private key",
      ),
      h(
        "p",
        {},
        "The private key exists only in this page. Download it now: nothing else can be saved before it, and it cannot be shown again.",
      ),
      h(
        "fieldset",
        { class: "radios" },
        h("legend", {}, "Key file"),
        h(
          "div",
          { class: "radio" },
          encryptedRadio,
          h(
            "label",
            { for: `${protection}-encrypted` },
            "Encrypted with a passphrase (recommended)",
          ),
        ),
        encryptedFields,
        h(
          "div",
          { class: "radio" },
          plainRadio,
          h("label", { for: `${protection}-plain` }, "Not encrypted"),
        ),
        plainFields,
      ),
      h("div", { class: "button-row" }, downloadKeyButton),
      keyStatus,
      h(
        "div",
        { class: "keep-key" },
        h(
          "p",
          { class: "hint", id: "keep-key-hint" },
          "Optional: also keep the key in this browser as a non-extractable key (IndexedDB). The browser can sign with it to test the credentials, but nobody can read it out again.",
        ),
        h("div", { class: "button-row" }, keepButton),
        keepStatus,
      ),
    );

    // Step 3: NetSuite.
    const downloadCertificateButton = button("Download certificate (.pem)");
    const certificateFileName = h(
      "span",
      { class: "mono" },
      "the certificate file",
    );
    const netsuiteFieldset = h(
      "fieldset",
      { class: "step", disabled: true, "aria-labelledby": "step-netsuite" },
      h(
        "h4",
        { id: "step-netsuite" },
        h("span", { class: "step__number" }, "3"),
        "Upload the certificate to NetSuite",
      ),
      h(
        "p",
        {},
        "Download the certificate (public, safe to share) and give it to a NetSuite administrator.",
      ),
      h("div", { class: "button-row" }, downloadCertificateButton),
      h(
        "ol",
        { class: "netsuite-steps" },
        h("li", {}, "In NetSuite, go to ", menuPath(), "."),
        h("li", {}, "Click ", h("strong", {}, "Create New"), "."),
        h(
          "li",
          {},
          "Choose the ",
          h("strong", {}, "Entity"),
          ", the ",
          h("strong", {}, "Role"),
          " and the ",
          h("strong", {}, "Application"),
          " of this integration (the same as in the current mapping).",
        ),
        h(
          "li",
          {},
          "In ",
          h("strong", {}, "Certificate"),
          ", choose ",
          certificateFileName,
          ".",
        ),
        h("li", {}, "Click ", h("strong", {}, "Save"), "."),
        h(
          "li",
          {},
          "In the list, copy the new ",
          h("strong", {}, "Certificate ID"),
          " (check that VALID UNTIL matches) and paste it below.",
        ),
      ),
    );

    // Step 4: save.
    const newCertificateId = certificateIdField(
      "",
      "The new ID from NetSuite, usually 43 characters.",
    );
    const saveButton = h(
      "button",
      { type: "submit", class: "button button--primary" },
      "Save changes",
    );
    const saveStatus = h("div", { class: "status-area" });
    const saveForm = h(
      "form",
      { novalidate: true },
      newCertificateId.element,
      h("div", { class: "button-row" }, saveButton),
      saveStatus,
    );
    const saveFieldset = h(
      "fieldset",
      { class: "step", disabled: true, "aria-labelledby": "step-save" },
      h(
        "h4",
        { id: "step-save" },
        h("span", { class: "step__number" }, "4"),
        "Save the new Certificate ID",
      ),
      h(
        "p",
        { class: "hint" },
        "Until this save succeeds the current certificate stays in use, so nothing breaks mid-rotation.",
      ),
      saveForm,
    );
    const keyFirstNote = h(
      "p",
      { class: "hint locked-note" },
      "Steps 3 and 4 unlock once the private key is downloaded.",
    );

    const panel = h(
      "div",
      { class: "subpanel", id: "replace" },
      h("h3", { tabindex: "-1" }, "Replace certificate"),
      h(
        "div",
        { class: "message message--warning" },
        h(
          "p",
          {},
          h("strong", {}, "This makes a new certificate and key. "),
          "Once saved here, the old certificate is void for this integration: the application must use the new private key. A NetSuite administrator must upload the new certificate.",
        ),
      ),
      generateForm,
      keyFieldset,
      keyFirstNote,
      netsuiteFieldset,
      saveFieldset,
    );

    function setStepsEnabled() {
      const generated = Boolean(state.pending);
      const keySaved = Boolean(state.pending?.keySaved);
      keyFieldset.disabled = !generated;
      netsuiteFieldset.disabled = !keySaved;
      saveFieldset.disabled = !keySaved;
      keyFirstNote.hidden = keySaved || !generated;
    }

    // -- generate
    generateForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const days = validity.check(true);
      if (days === null) {
        validity.input.focus();
        return;
      }
      if (
        state.pending &&
        !window.confirm(
          "Discard the certificate and key generated before? A key you already downloaded for it will match nothing.",
        )
      ) {
        return;
      }
      const keyType = keyTypeSelect.value;
      const label = keyTypeSelect.selectedOptions[0]?.textContent ?? keyType;
      state.pending = null;
      generatedSummary.replaceChildren();
      clearMessage(keyStatus);
      clearMessage(keepStatus);
      clearMessage(saveStatus);
      setStepsEnabled();
      const started = performance.now();
      const progressText = h(
        "span",
        {},
        `Generating a ${label} key pair and certificate… You can keep using the page.`,
      );
      const elapsed = h("span", { class: "muted" }, "");
      showMessage(
        generateStatus,
        "info",
        h(
          "div",
          { class: "progress" },
          h("progress", { "aria-label": "Generating the key pair" }),
          h("p", {}, progressText, " ", elapsed),
        ),
      );
      const timer = setInterval(() => {
        elapsed.textContent = `${Math.round((performance.now() - started) / 1000)} s`;
      }, 500);
      await withBusy(generateButton, "Generating…", async () => {
        try {
          const options = { keyType, validityDays: days };
          if (state.integration?.accountId)
            options.accountId = state.integration.accountId;
          const generated = await runInWorker("generate", options);
          state.pending = {
            generated,
            keyType,
            validityDays: days,
            keySaved: false,
          };
          const report = generated.certificate;
          certificateFileName.textContent = certificateFile();
          generatedSummary.replaceChildren(
            h("p", {}, h("strong", {}, "New certificate (not saved yet):")),
            definitionList([
              ["Key type", keyTypeLabel(report.keyType, report.key)],
              [
                "SHA-256 fingerprint",
                h(
                  "span",
                  { class: "mono wrap fingerprint" },
                  report.fingerprintSha256,
                ),
              ],
              ["Created", timeElement(report.notBefore, true)],
              ["Valid until", timeElement(report.notAfter, true)],
              ["Days left", formatDays(report.daysRemaining)],
            ]),
          );
          setStepsEnabled();
          showMessage(
            generateStatus,
            "success",
            `Generated in ${((performance.now() - started) / 1000).toFixed(1)} s. Now save the private key (step 2).`,
          );
          announce("Certificate generated. Step 2: save the private key.");
          focusElement(keyFieldset.querySelector("h4"));
        } catch (error) {
          showMessage(
            generateStatus,
            "error",
            `Could not generate: ${error.message}`,
            { focus: true },
          );
        } finally {
          clearInterval(timer);
        }
      });
    });

    const keyFile = () => `${orgSlug}-netsuite-${today()}-private-key.pem`;
    const certificateFile = () =>
      `${orgSlug}-netsuite-${today()}-certificate.pem`;

    // -- download the key
    async function downloadKey() {
      clearMessage(keyStatus);
      const pending = state.pending;
      if (!pending) return;
      let contents;
      if (encryptedRadio.checked) {
        const first = passphrase.check(true);
        const second = passphraseAgain.check(true);
        if (first === null || second === null) {
          (first === null ? passphrase : passphraseAgain).input.focus();
          return;
        }
        await withBusy(downloadKeyButton, "Encrypting…", async () => {
          showMessage(
            keyStatus,
            "info",
            h(
              "div",
              { class: "progress" },
              h("progress", { "aria-label": "Encrypting the private key" }),
              h(
                "p",
                {},
                "Encrypting the key (600,000 PBKDF2 iterations, a few seconds)…",
              ),
            ),
          );
          try {
            contents = await runInWorker(
              "encryptPrivateKey",
              pending.generated.privateKeyPem,
              passphraseValue(),
            );
          } catch (error) {
            if (error.code === "passphrase_too_short")
              passphrase.setError(error.message);
            showMessage(
              keyStatus,
              "error",
              `The key was not downloaded: ${error.message}`,
              { focus: true },
            );
          }
        });
        if (!contents) return;
      } else {
        if (!plainConfirm.checked) {
          showMessage(
            keyStatus,
            "error",
            "Tick the box to confirm an unencrypted download, or choose Encrypted.",
          );
          plainConfirm.focus();
          return;
        }
        contents = pending.generated.privateKeyPem;
      }
      if (state.pending !== pending) return;
      downloadText(keyFile(), contents);
      pending.keySaved = true;
      setStepsEnabled();
      showMessage(
        keyStatus,
        "success",
        `Private key downloaded as ${keyFile()}${encryptedRadio.checked ? " (encrypted)" : " (not encrypted)"}. Keep it safe: it is stored nowhere else. Next: step 3.`,
      );
      announce(
        "Private key downloaded. Step 3: upload the certificate to NetSuite.",
      );
      focusElement(netsuiteFieldset.querySelector("h4"));
    }
    keyFieldset.addEventListener("submit", (e) => e.preventDefault());
    downloadKeyButton.type = "button";
    downloadKeyButton.addEventListener("click", downloadKey);
    for (const field of [passphrase, passphraseAgain]) {
      field.input.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          downloadKey();
        }
      });
    }

    // -- keep in this browser
    keepButton.addEventListener("click", async () => {
      const pending = state.pending;
      if (!pending) return;
      await withBusy(keepButton, "Keeping…", async () => {
        try {
          const cryptoKey = await m2m.importCryptoKey(
            pending.generated.privateKeyPem,
          );
          await keepKey({
            orgId,
            cryptoKey,
            keyType: pending.keyType,
            fingerprintSha256: pending.generated.certificate.fingerprintSha256,
            notAfter: pending.generated.certificate.notAfter,
          });
          pending.keptInBrowser = true;
          showMessage(
            keepStatus,
            "success",
            "Kept in this browser as a non-extractable key. Use it on Test the credentials.",
            { focus: true },
          );
        } catch (error) {
          showMessage(
            keepStatus,
            "error",
            `Could not keep the key in this browser: ${error.message}`,
            {
              focus: true,
            },
          );
        }
      });
    });

    // -- download the certificate
    downloadCertificateButton.addEventListener("click", () => {
      if (!state.pending?.keySaved) return;
      downloadText(certificateFile(), state.pending.generated.certificate.pem);
      state.pending.certificateDownloaded = true;
      announce(`Certificate downloaded as ${certificateFile()}.`);
    });

    // -- save
    async function saveReplacement() {
      clearMessage(saveStatus);
      const pending = state.pending;
      if (!pending?.keySaved) return;
      const value = newCertificateId.check(true);
      if (value === null) {
        newCertificateId.input.focus();
        return;
      }
      await withBusy(saveButton, "Saving…", async () => {
        try {
          const saved = await api.saveCertificate(
            orgId,
            {
              certificateId: value,
              certificatePem: pending.generated.certificate.pem,
            },
            version(),
          );
          state.pending = null;
          replacePanel = null;
          choice = null;
          updateIdPanel = null;
          updatePanel.hidden = true;
          applyIntegration(saved, { keepForm: true });
          showMessage(
            certificateStatusArea,
            "success",
            `New certificate saved: Certificate ID ${saved.certificate.certificateId} is now current and the old certificate is void. Deploy the new private key to the application, then revoke the old certificate in NetSuite.`,
            { focus: true },
          );
        } catch (error) {
          reportSaveError(error, saveStatus, {
            fields: { certificateId: newCertificateId },
            retry: saveReplacement,
            kept: "The new certificate and key are kept here, and the current certificate is still in use.",
          });
        }
      });
    }
    saveForm.addEventListener("submit", (event) => {
      event.preventDefault();
      saveReplacement();
    });

    setStepsEnabled();
    replacePanel = panel;
    return panel;
  }

  // ---- history ----------------------------------------------------------------
  const CHANGE_LABELS = {
    added: "Added",
    replaced: "Replaced",
    certificate_id_changed: "Certificate ID changed",
    revoked: "Revoked",
  };
  async function loadHistory() {
    if (!state.integration) {
      historyArea.replaceChildren(
        h("p", { class: "muted" }, "No certificate changes yet."),
      );
      return;
    }
    try {
      const history = await api.certificateHistory(orgId);
      if (!history.length) {
        historyArea.replaceChildren(
          h("p", { class: "muted" }, "No certificate changes yet."),
        );
        return;
      }
      historyArea.replaceChildren(
        h(
          "div",
          { class: "table-scroll" },
          h(
            "table",
            { class: "table table--compact", id: "history-table" },
            h(
              "caption",
              { class: "visually-hidden" },
              "Certificate changes, newest first",
            ),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                [
                  "When",
                  "Change",
                  "Certificate ID",
                  "Key type",
                  "Valid until",
                  "SHA-256 fingerprint",
                ].map((t) => h("th", { scope: "col" }, t)),
              ),
            ),
            h(
              "tbody",
              {},
              history.map((entry) =>
                h(
                  "tr",
                  {},
                  h("td", {}, timeElement(entry.at, true)),
                  h(
                    "td",
                    {},
                    CHANGE_LABELS[entry.change] ?? entry.change,
                    entry.previousCertificateId &&
                      entry.previousCertificateId !== entry.certificateId
                      ? h(
                          "span",
                          { class: "muted block small wrap" },
                          `was ${entry.previousCertificateId}`,
                        )
                      : null,
                  ),
                  h("td", { class: "mono wrap" }, entry.certificateId ?? "—"),
                  h("td", { class: "nowrap" }, keyTypeLabel(entry.keyType)),
                  h("td", { class: "nowrap" }, timeElement(entry.notAfter)),
                  h(
                    "td",
                    { class: "mono wrap fingerprint small" },
                    entry.fingerprintSha256 ?? "—",
                  ),
                ),
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      historyArea.replaceChildren();
      showMessage(
        historyArea,
        "error",
        `Could not load the history. ${error.message}`,
        {
          actions: [button("Try again", { onclick: () => loadHistory() })],
        },
      );
    }
  }

  renderCertificate();
  loadHistory();

  return {
    hasUnsavedChanges: () => Boolean(state.pending),
    unsavedMessage: () =>
      "A new certificate was generated but its Certificate ID is not saved. If you leave, it is lost and the current certificate stays in use. Leave anyway?",
  };
}
