// "Replace certificate": four steps, each unlocked by the one before. The steps
// share `ctx.pending` (the generated, unsaved certificate and key) and `flow`, which
// says what happened so the panel can lock and unlock steps.
import { certificateFileStem } from "../../../private-key/download.js";
import { focusElement, h } from "../../../ui/dom.js";
import { generateStep } from "./generate-step.js";
import { keyStep } from "./key-step.js";
import { netsuiteStep } from "./netsuite-step.js";
import { saveStep } from "./save-step.js";

const WARNING =
  "Once saved here, the old certificate is void for this integration: the application must use the new private key. A NetSuite administrator must upload the new certificate.";

/** `certificateStatus`: where a finished replacement is announced; `finished()` closes the panel. */
export function replacePanel(ctx, { certificateStatus, finished }) {
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
      netsuite.generated();
      lockSteps();
      focusElement(key.element.querySelector("h4"));
    },
    keySaved() {
      lockSteps();
      focusElement(netsuite.element.querySelector("h4"));
    },
    saved(answer) {
      ctx.pending = null;
      finished();
      ctx.apply(answer, { keepForm: true });
      return `New certificate saved: Certificate ID ${answer.certificate.certificateId} is now current and the old certificate is void. Deploy the new private key to the application, then revoke the old certificate in NetSuite.`;
    },
  };
  const generate = generateStep(ctx, flow);
  const key = keyStep(ctx, flow);
  const netsuite = netsuiteStep(ctx, flow);
  const save = saveStep(ctx, flow);
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
    h("h3", { tabindex: "-1" }, "Replace certificate"),
    h(
      "div",
      { class: "message message--warning" },
      h(
        "p",
        {},
        h("strong", {}, "This makes a new certificate and key. "),
        WARNING,
      ),
    ),
    generate.element,
    key.element,
    keyFirstNote,
    netsuite.element,
    save.element,
  );
}
