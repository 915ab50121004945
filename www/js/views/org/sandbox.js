// Sandboxes and release previews: NetSuite does not copy the M2M setup to them, and
// a refresh clears it. The account's kind comes from the module's parseAccountId.
import { parseAccountId } from "../../module/index.js";
import { h } from "../../ui/dom.js";
import { menuPath } from "./netsuite.js";

const WHAT = {
  sandbox: ["sandbox", "A sandbox refresh"],
  release_preview: ["release preview", "A new release preview"],
};

function environment(accountId) {
  try {
    return parseAccountId(accountId).environment;
  } catch {
    return null; // an ID the module refuses gets its error in the Settings card
  }
}

/**
 * The note for a sandbox or release preview account, else null. `situation`
 * (situation.js): a certificate NetSuite refuses is not worth uploading again.
 */
export function sandboxNote(accountId, situation) {
  const kind = WHAT[environment(accountId)];
  if (!kind) return null;
  const [name, refresh] = kind;
  const setupCleared = `${accountId} is a ${name} account. ${refresh} clears its M2M setup: NetSuite copies none of it from production, and afterwards tokens are refused.`;
  return h(
    "div",
    { class: "message message--info", id: "sandbox-note" },
    situation.refused
      ? h("p", {}, setupCleared)
      : h(
          "p",
          {},
          `${setupCleared} After a refresh, upload the same certificate again on `,
          menuPath(),
          " (download it here), with the same application, role and entity. Its Certificate ID should stay the same, if NetSuite's IDs are made as observed; if NetSuite shows another ID, save it with Update current certificate.",
        ),
  );
}
