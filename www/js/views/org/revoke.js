// Record that a certificate was revoked in NetSuite (which cannot be undone): the
// current one on the Certificate card, a previous one in the Certificate history.
// Each control names its certificate, so no two read the same.
import * as api from "../../backend/api.js";
import { h, statusArea, uniqueId } from "../../ui/dom.js";
import { saveFlow } from "../../ui/save-flow.js";
import { menuPath } from "./netsuite.js";
import { certificateSituation, howToReplace } from "./situation.js";

const CONSEQUENCE = {
  current:
    "A revoked certificate never works again: the integration stops getting tokens until a replacement certificate is uploaded and saved here.",
  previous:
    "A revoked certificate never works again: anything still signing with its private key stops getting tokens.",
};

/** The sentence once recorded: `current` says what to do next. */
function recordedText(ctx, certificateId, current) {
  if (!current)
    return `Revocation recorded: certificate ${certificateId} is marked revoked in the history.`;
  const how = howToReplace(certificateSituation(ctx.integration));
  return `Revocation recorded. Replace the certificate now: ${how}.`;
}

/**
 * The control for `certificate` ({certificateId}); `current` for the current
 * certificate. `outcomeArea` is where the outcome is said (it outlives the
 * re-render that follows the save).
 */
export function revokePanel(ctx, certificate, outcomeArea, { current }) {
  const { certificateId } = certificate;
  const id = uniqueId("revoke");
  const confirmBox = h("input", { type: "checkbox", id: `${id}-confirm` });
  const status = statusArea();
  const submit = h(
    "button",
    {
      type: "button",
      class: "button button--danger",
      // Visible text first (label in name); the rest tells the buttons apart.
      "aria-label": `Record revocation of certificate ${certificateId}`,
    },
    "Record revocation",
  );
  const run = saveFlow({
    submit,
    status,
    busyLabel: "Recording…",
    check: () =>
      confirmBox.checked
        ? { ok: true, value: null }
        : {
            ok: false,
            code: "confirmation_required",
            message: `Tick the box to confirm that certificate ${certificateId} was revoked in NetSuite.`,
            focus: confirmBox,
          },
    save: () =>
      api.recordRevocation(
        ctx.orgId,
        ctx.version(),
        current ? undefined : certificateId,
      ),
    reloadLatest: ctx.reloadLatest,
    successArea: () => outcomeArea,
    done: (saved) => {
      ctx.apply(saved, { keepForm: true });
      return recordedText(ctx, certificateId, current);
    },
  });
  submit.addEventListener("click", run);
  return h(
    "details",
    { class: "revoke" },
    h(
      "summary",
      {},
      current
        ? "Record that the current certificate was revoked in NetSuite"
        : "Record that this was revoked in NetSuite",
    ),
    h(
      "div",
      { class: "message message--warning" },
      h(
        "p",
        {},
        h("strong", {}, "Revoking is irreversible. "),
        "It happens in NetSuite (",
        menuPath(),
        ", Revoke). ",
        CONSEQUENCE[current ? "current" : "previous"],
      ),
    ),
    h(
      "div",
      { class: "checkbox" },
      confirmBox,
      h(
        "label",
        { for: `${id}-confirm` },
        `I revoked certificate ${certificateId} in NetSuite`,
      ),
    ),
    h("div", { class: "button-row" }, submit),
    status,
  );
}
