// After a 412 (saved elsewhere): load the latest version, show what it holds, and
// keep what the user typed so they can check it and save again.
import * as api from "../../backend/api.js";
import { showLoadError } from "../../ui/errors.js";
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
    showLoadError(
      status,
      error,
      "Could not reload. ",
      () => reloadLatest(ctx, status),
      "Reload latest version",
    );
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
