// The Certificate card's note when the Account ID changed since the certificate
// was saved (a certificate and its ID belong to one NetSuite account). The audit
// trail says when the Account ID changed; situation.js words it.
import * as api from "../../backend/api.js";
import { h } from "../../ui/dom.js";
import { NETSUITE_PAGE } from "./netsuite.js";
import {
  accountChangedText,
  accountIdAtSave,
  certificateSituation,
} from "./situation.js";

/** `{element, refresh()}`: refresh after every render of the card. */
export function accountChangedNote(ctx) {
  const element = h("div");
  let lookup = 0;

  async function refresh() {
    const mine = ++lookup;
    element.replaceChildren();
    const integration = ctx.integration;
    if (!integration?.certificate) return;
    let entries;
    try {
      entries = await api.auditEntries(ctx.orgId);
    } catch {
      return; // the audit card says it could not load; nothing to add here
    }
    if (mine !== lookup || integration !== ctx.integration) return;
    const text = accountChangedText(
      certificateSituation(integration, {
        accountIdAtSave: accountIdAtSave(integration, entries),
      }),
      integration.accountId,
      NETSUITE_PAGE,
    );
    if (text)
      element.replaceChildren(
        h("div", { class: "message message--warning" }, h("p", {}, text)),
      );
  }

  return { element, refresh };
}
