// After a 412 (saved elsewhere): load the latest version at once and say, field by
// field, what the other save changed and what this tab changed. The Settings card
// keeps this tab's edits and takes every other field from the latest version, so a
// save again sends nothing stale; the certificate card re-renders from the latest
// (a certificate or a pending certificate made elsewhere shows there).
import * as api from "../../backend/api.js";
import { h } from "../../ui/dom.js";
import { errorDetails, showLoadError } from "../../ui/errors.js";
import { formatDateTime } from "../../ui/format.js";
import { showMessage } from "../../ui/messages.js";
import { madeBy } from "./pending-state.js";

const shown = (value) => h("code", {}, value || "(empty)");

/** One line per Settings field that changed here, elsewhere, or both. */
function fieldLines(fields) {
  const lines = [];
  for (const { label, base, latest, typed } of fields) {
    const theirs = latest !== base;
    const mine = typed !== null;
    const name = h("strong", {}, `${label}: `);
    if (theirs && !mine)
      lines.push([
        name,
        "changed elsewhere from ",
        shown(base),
        " to ",
        shown(latest),
        "; the form now shows it.",
      ]);
    else if (mine && !theirs)
      lines.push([
        name,
        "your change from ",
        shown(base),
        " to ",
        shown(typed),
        " is kept.",
      ]);
    else if (mine && typed === latest)
      lines.push([name, "changed to ", shown(latest), " here and elsewhere."]);
    else if (mine)
      lines.push([
        name,
        "changed on both sides: elsewhere from ",
        shown(base),
        " to ",
        shown(latest),
        ", here to ",
        shown(typed),
        ". Yours is kept in the field, marked: decide which is right before saving.",
      ]);
  }
  return lines;
}

function who(pending) {
  return `by ${madeBy(pending)} on ${formatDateTime(pending.createdAt)}`;
}

/** What changed elsewhere about the current and the pending certificate. */
function certificateLines(before, latest) {
  const lines = [];
  const was = before?.certificate ?? null;
  const now = latest?.certificate ?? null;
  const name = (text) => h("strong", {}, `${text}: `);
  if (was?.certificateId !== now?.certificateId) {
    if (!now) lines.push([name("Certificate"), "removed elsewhere."]);
    else if (!was)
      lines.push([
        name("Certificate"),
        "added elsewhere, Certificate ID ",
        shown(now.certificateId),
        ".",
      ]);
    else
      lines.push([
        name("Certificate"),
        "changed elsewhere from Certificate ID ",
        shown(was.certificateId),
        " to ",
        shown(now.certificateId),
        ".",
      ]);
  } else if (now && was.status !== now.status)
    lines.push([name("Certificate"), `recorded elsewhere as ${now.status}.`]);

  const pendingWas = before?.pendingCertificate ?? null;
  const pendingNow = latest?.pendingCertificate ?? null;
  const same = pendingWas?.fingerprintSha256 === pendingNow?.fingerprintSha256;
  if (pendingNow && !same)
    lines.push([
      name("Pending certificate"),
      `${pendingWas ? "replaced" : "made"} elsewhere ${who(pendingNow)}, expected Certificate ID `,
      shown(pendingNow.expectedCertificateId),
      ". It is shown in the Certificate card, where it can be finished or discarded.",
    ]);
  else if (pendingWas && !pendingNow)
    lines.push([
      name("Pending certificate"),
      now?.fingerprintSha256 === pendingWas.fingerprintSha256
        ? "finished elsewhere: it is now the current certificate."
        : "discarded elsewhere.",
    ]);
  return lines;
}

function report(fields, before, latest) {
  const lines = [...fieldLines(fields), ...certificateLines(before, latest)];
  return [
    h(
      "p",
      {},
      "Not saved: this integration was saved elsewhere (another tab or person) after you loaded it. The latest version is now loaded; what you changed here is kept, everything else is as saved elsewhere. Check, then save again.",
    ),
    lines.length
      ? h(
          "ul",
          { class: "message__details conflict-changes" },
          lines.map((line) => h("li", {}, line)),
        )
      : h(
          "p",
          {},
          "Nothing shown on this page changed elsewhere (the other save changed only the history).",
        ),
  ];
}

/**
 * Loads the latest integration into the page and shows the changes in `status`;
 * `conflict` (the 412) goes to the message's details for support.
 */
export async function reloadLatest(ctx, status, conflict) {
  const before = ctx.integration;
  let latest;
  try {
    latest = await api.getIntegration(ctx.orgId);
  } catch (error) {
    showLoadError(
      status,
      error,
      "Not saved: this integration was saved elsewhere, and the latest version could not be loaded. ",
      () => reloadLatest(ctx, status, conflict),
      "Load the latest version",
    );
    return;
  }
  const fields = ctx.apply(latest, { keepForm: true });
  // The form that got the conflict may have been re-rendered by the apply.
  const area = status.isConnected ? status : ctx.settingsStatus();
  showMessage(
    area,
    "warning",
    h(
      "div",
      {},
      report(fields, before, latest),
      conflict ? errorDetails(conflict) : null,
    ),
    { focus: true },
  );
}
