// The organisation view's Settings card: Account ID and Client ID. The card keeps
// the values it last loaded (its base): a field the user has not changed follows
// every newer answer from the backend, a changed one keeps what was typed, so a
// save sends this tab's edits and nothing stale.
import * as api from "../../backend/api.js";
import { canEdit } from "../../backend/session.js";
import { h } from "../../ui/dom.js";
import { accountIdField, checkFields, clientIdField } from "../../ui/fields.js";
import { saveForm } from "../../ui/save-flow.js";
import { accountChangeNote } from "./account-move.js";

const LABELS = { accountId: "Account ID", clientId: "Client ID" };

function stored(integration) {
  return {
    accountId: integration?.accountId ?? "",
    clientId: integration?.clientId ?? "",
  };
}

// The success sentence: the Account ID as stored, and what NetSuite then needs.
function savedText(before, saved, typedAccountId) {
  const parts = ["Saved."];
  if (typedAccountId !== saved.accountId)
    parts.push(`The Account ID is stored as ${saved.accountId}.`);
  const hadCertificate = Boolean(
    before?.certificate || before?.pendingCertificate,
  );
  if (hadCertificate && before.accountId !== saved.accountId)
    parts.push(
      `Upload the certificate in account ${saved.accountId} and save the Certificate ID it gets there with Update current certificate, or replace the certificate; until then NetSuite refuses tokens for ${saved.accountId}.`,
    );
  else if (hadCertificate && before.clientId !== saved.clientId)
    parts.push(
      "NetSuite maps a certificate to one integration record: if this Client ID is another record, map the certificate to it in NetSuite's M2M setup.",
    );
  return parts.join(" ");
}

export function settingsCard(ctx) {
  const accountId = accountIdField(ctx.integration?.accountId ?? "");
  const clientId = clientIdField(ctx.integration?.clientId ?? "");
  const fields = { accountId, clientId };
  let base = stored(ctx.integration);
  const accountChange = accountChangeNote(ctx, accountId);
  const noIntegration = ctx.integration
    ? null
    : h(
        "p",
        { class: "hint", id: "no-integration-note" },
        "This organisation has no NetSuite integration yet. Enter its IDs and save.",
      );
  const { element, status } = saveForm(
    {
      attrs: {
        class: "card",
        "aria-labelledby": "settings-heading",
        id: "settings",
      },
      children: [
        h("h2", { id: "settings-heading" }, "Settings"),
        noIntegration,
        accountId.element,
        accountChange.element,
        clientId.element,
      ],
    },
    {
      check: () => {
        const checked = checkFields(fields);
        return checked.ok ? (accountChange.confirmation() ?? checked) : checked;
      },
      save: (value) => api.saveIntegration(ctx.orgId, value, ctx.version()),
      fields,
      kept: "What you typed is kept.",
      reloadLatest: ctx.reloadLatest,
      done: (saved) => {
        const text = savedText(ctx.integration, saved, accountId.value.trim());
        ctx.apply(saved);
        return text;
      },
    },
  );

  // Typing in a field marked as changed on both sides is the person deciding.
  for (const field of Object.values(fields))
    field.input.addEventListener("input", () =>
      field.element.classList.remove("field--conflict"),
    );

  // A viewer sees the IDs, not a form they cannot save.
  if (!canEdit()) {
    for (const field of [accountId, clientId]) field.input.readOnly = true;
    element.querySelector(".button-row")?.remove();
    noIntegration?.remove();
  }

  return {
    element,
    status,
    /**
     * A new answer from the backend. Without `keepForm` (after this card saved) the
     * fields show it as stored; with it, a field the user changed keeps what was
     * typed and the others take the latest values. Returns, per field, the base
     * value, the latest and what was typed (`typed` null when unchanged here); a
     * field changed both here and in the latest, differently, is marked.
     */
    applied(latest, keepForm) {
      if (latest) noIntegration?.remove();
      const next = stored(latest);
      const report = Object.entries(fields).map(([name, field]) => {
        field.element.classList.remove("field--conflict");
        const typed = field.normalized();
        const mine = keepForm && typed !== base[name];
        if (!mine) {
          field.value = next[name];
          field.clear();
        }
        const row = {
          name,
          label: LABELS[name],
          base: base[name],
          latest: next[name],
          typed: mine ? typed : null,
        };
        if (mine && next[name] !== base[name] && typed !== next[name]) {
          field.element.classList.add("field--conflict");
          field.setWarning(
            `Changed elsewhere to ${next[name] || "nothing"} while you changed it here. Your value is kept: decide which is right, then save.`,
          );
        }
        return row;
      });
      base = next;
      accountChange.refresh();
      return report;
    },
  };
}
