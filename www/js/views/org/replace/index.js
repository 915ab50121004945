// "Replace certificate": four steps, each unlocked by the one before. The steps
// share `ctx.pending` (the generated certificate and key, saved as pending right
// after step 1: save-pending.js) and `flow`, which says what happened so the panel
// can lock and unlock steps. Step 4 finishes the pending certificate.
import * as api from "../../../backend/api.js";
import { createClientAssertion } from "../../../module/index.js";
import { certificateFileStem } from "../../../private-key/download.js";
import { focusElement, h } from "../../../ui/dom.js";
import { savedMessage } from "../saved-message.js";
import {
  certificateSituation,
  replaceHeading,
  replaceWarning,
} from "../situation.js";
import { generateStep } from "./generate-step.js";
import { keyStep } from "./key-step.js";
import { netsuiteStep } from "./netsuite-step.js";
import { saveStep } from "./save-step.js";
import { heldHere } from "../pending-state.js";

/** The warning's lead in bold, then what saving changes. */
function warning(situation) {
  const [lead, rest] = replaceWarning(situation);
  return [h("strong", {}, lead), rest];
}

/** `certificateStatus`: where a finished replacement is announced; `finished()` closes the panel. */
export function replacePanel(ctx, { certificateStatus, finished }) {
  const situation = certificateSituation(ctx.integration);
  // The new certificate's files are named after it (key type, expected ID).
  const fileStem = () =>
    certificateFileStem(
      ctx.fileSlug,
      ctx.pending.generated.keyType,
      ctx.pending.generated.certificate.expectedCertificateId,
    );
  const flow = {
    keyFile: () => `${fileStem()}-private-key.pem`,
    certificateFile: () => `${fileStem()}-certificate.pem`,
    successArea: () => certificateStatus,
    starting() {
      ctx.pending = null;
      key.reset();
      save.reset();
      lockSteps();
    },
    generated() {
      netsuite.refresh();
      lockSteps();
      focusElement(key.element.querySelector("h4"));
    },
    stored: () => lockSteps(),
    keySaved() {
      lockSteps();
      focusElement(netsuite.element.querySelector("h4"));
    },
    /** The success message; `annotate(text)` adds the live check's outcome. */
    saved(answer, annotate) {
      const before = certificateSituation(ctx.integration);
      ctx.pending = null;
      finished();
      return savedMessage(ctx, answer, annotate, before);
    },
  };
  const generate = generateStep(ctx, flow);
  const key = keyStep(ctx, flow);
  const netsuite = netsuiteStep({
    certificate: () => ctx.pending?.generated.certificate ?? null,
    fileName: flow.certificateFile,
    situation: () => certificateSituation(ctx.integration),
    ready: () => Boolean(ctx.pending?.keySaved),
    downloaded: () => {
      ctx.pending.certificateDownloaded = true;
    },
  });
  const save = saveStep(ctx, {
    expected: () => ctx.pending.generated.certificate.expectedCertificateId,
    blocked: () =>
      ctx.pending?.keySaved
        ? null
        : {
            ok: false,
            code: "key_not_saved",
            message: "Download the private key first (step 2).",
          },
    // Saved as pending: finish it. Not saved as pending (that failed): save the
    // certificate with its ID in one go, as a replacement.
    send: (value) =>
      heldHere(ctx)
        ? api.completePendingCertificate(ctx.orgId, value, ctx.version())
        : api.saveCertificate(
            ctx.orgId,
            { ...value, certificatePem: ctx.pending.generated.certificate.pem },
            ctx.version(),
          ),
    signWith: (ids) =>
      createClientAssertion({
        privateKeyPem: ctx.pending.generated.privateKeyPem,
        ...ids,
      }),
    downloaded: () => Boolean(ctx.pending?.certificateDownloaded),
    successArea: flow.successArea,
    saved: flow.saved,
  });
  // A discard of the pending certificate this panel made closes the panel.
  ctx.replaceFinished = finished;
  const keyFirstNote = h(
    "p",
    { class: "hint locked-note" },
    "Steps 3 and 4 unlock once the private key is downloaded.",
  );

  function lockSteps() {
    const generated = Boolean(ctx.pending);
    const keySaved = Boolean(ctx.pending?.keySaved);
    key.element.disabled = !generated;
    netsuite.element.disabled = !keySaved;
    save.element.disabled = !keySaved;
    keyFirstNote.hidden = keySaved || !generated;
  }
  lockSteps();

  return h(
    "div",
    { class: "subpanel", id: "replace" },
    h("h3", { tabindex: "-1" }, replaceHeading(situation)),
    h(
      "div",
      { class: "message message--warning" },
      h("p", {}, ...warning(situation)),
    ),
    generate.element,
    key.element,
    keyFirstNote,
    netsuite.element,
    save.element,
  );
}
