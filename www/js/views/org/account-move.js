// Moving an integration with a certificate to another Account ID: the certificate and its
// Certificate ID belong to the NetSuite account it was uploaded in, so the change
// is explained where it is typed and must be confirmed before it is saved.
import { h, uniqueId } from "../../ui/dom.js";
import { menuPath } from "./netsuite.js";

/** The certificates NetSuite knows in the stored account: the current and a pending one. */
function certificates(integration) {
  return [integration?.certificate, integration?.pendingCertificate].filter(
    Boolean,
  );
}

/** The explanation of moving `integration`'s certificate to account `next`. */
export function accountChangeText(integration, next) {
  const current = integration.certificate;
  const pending = integration.pendingCertificate;
  const id = current?.certificateId
    ? `this integration's certificate (Certificate ID ${current.certificateId})`
    : "this integration's certificate";
  return [
    `A certificate and its Certificate ID belong to one NetSuite account: ${id} is uploaded in account ${integration.accountId}, not in ${next}. `,
    `For tokens from ${next}, upload the certificate on `,
    menuPath(),
    ` in account ${next} (download it in the Certificate card) and save the Certificate ID NetSuite gives it there with Update current certificate, or replace the certificate. `,
    pending
      ? `The pending certificate must be uploaded in ${next} too, and finished with the ID it gets there. `
      : "",
    `Until then, NetSuite refuses tokens for ${next}.`,
  ];
}

/**
 * The note under the Account ID field; shown while the typed Account ID differs from
 * the stored one of an integration with a certificate. `confirmation(value)` is null
 * when the save may go ahead, else the error for saveFlow.
 */
export function accountChangeNote(ctx, accountId) {
  const id = uniqueId("account-change-confirm");
  const checkbox = h("input", { type: "checkbox", id });
  const label = h("label", { for: id });
  const text = h("p", {});
  const element = h(
    "div",
    { class: "message message--warning", id: "account-change", hidden: true },
    text,
    h("div", { class: "checkbox" }, checkbox, label),
  );
  let shownFor = null;
  let shownMove = null;

  function changedTo() {
    const next = accountId.normalized();
    const stored = ctx.integration?.accountId;
    if (!stored || !next || next === stored) return null;
    return certificates(ctx.integration).length ? next : null;
  }

  function refresh() {
    const next = changedTo();
    // A confirmation is for one move: from the stored account to the typed one.
    const move = next && `${ctx.integration.accountId} ${next}`;
    if (move !== shownMove) checkbox.checked = false;
    shownMove = move;
    shownFor = next;
    element.hidden = !next;
    if (!next) return;
    text.replaceChildren(...accountChangeText(ctx.integration, next));
    label.textContent = `Move this integration to account ${next}: I will upload the certificate in that account or replace it.`;
  }

  accountId.input.addEventListener("input", refresh);
  return {
    element,
    refresh,
    confirmation() {
      refresh();
      if (!shownFor || checkbox.checked) return null;
      return {
        ok: false,
        code: "account_change_unconfirmed",
        message: `Not saved: the certificate belongs to account ${ctx.integration.accountId}. Read the note under the Account ID and confirm the change to ${shownFor}, or type ${ctx.integration.accountId} again.`,
        focus: checkbox,
      };
    },
  };
}
