// After a 412 (saved elsewhere): load the latest version, show what it holds, and
// keep what the user typed so they can check it and save again.
import * as api from "../../backend/api.js";
import { button } from "../../ui/dom.js";
import { showError } from "../../ui/errors.js";
import { showMessage } from "../../ui/messages.js";

function describe(latest) {
  if (!latest) return "no integration";
  return [
    `Account ID ${latest.accountId}`,
    `Client ID ${latest.clientId}`,
    latest.certificate
      ? `Certificate ID ${latest.certificate.certificateId}`
      : "no certificate",
  ].join(", ");
}

export async function reloadLatest(ctx, status) {
  let latest;
  try {
    latest = await api.getIntegration(ctx.orgId);
  } catch (error) {
    showError(status, error, {
      prefix: "Could not reload. ",
      actions: [
        button("Reload latest version", {
          onclick: () => reloadLatest(ctx, status),
        }),
      ],
    });
    return;
  }
  ctx.apply(latest, { keepForm: true });
  showMessage(
    status,
    "info",
    `Loaded the latest version (saved elsewhere: ${describe(latest)}). What you typed here is unchanged: check it, then save again.`,
    { focus: true },
  );
}
