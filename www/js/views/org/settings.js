// The organisation view's Settings card: Account ID and Client ID.
import * as api from "../../backend/api.js";
import { canEdit } from "../../backend/session.js";
import { h } from "../../ui/dom.js";
import { accountIdField, checkFields, clientIdField } from "../../ui/fields.js";
import { saveForm } from "../../ui/save-flow.js";

export function settingsCard(ctx) {
  const accountId = accountIdField(ctx.integration?.accountId ?? "");
  const clientId = clientIdField(ctx.integration?.clientId ?? "");
  const noIntegration = ctx.integration
    ? null
    : h(
        "p",
        { class: "hint", id: "no-integration-note" },
        "This organisation has no NetSuite integration yet. Enter its IDs and save.",
      );
  const { element } = saveForm(
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
        clientId.element,
      ],
    },
    {
      check: () => checkFields({ accountId, clientId }),
      save: (value) => api.saveIntegration(ctx.orgId, value, ctx.version()),
      fields: { accountId, clientId },
      kept: "What you typed is kept.",
      reloadLatest: ctx.reloadLatest,
      done: (saved) => {
        ctx.apply(saved, { keepForm: true });
        return "Saved. NetSuite needs no change for this.";
      },
    },
  );

  // A viewer sees the IDs, not a form they cannot save.
  if (!canEdit()) {
    for (const field of [accountId, clientId]) field.input.readOnly = true;
    element.querySelector(".button-row")?.remove();
    noIntegration?.remove();
  }

  return {
    element,
    /** A new answer from the backend; the form keeps what is typed unless asked. */
    applied(latest, keepForm) {
      if (latest) noIntegration?.remove();
      if (!keepForm && latest) {
        accountId.value = latest.accountId;
        clientId.value = latest.clientId;
      }
    },
  };
}
