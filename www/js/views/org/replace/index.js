// "Replace certificate": four steps, each unlocked by the one before. The steps
// share `ctx.pending` (the generated, unsaved certificate and key) and `flow`, which
// says what happened so the panel can lock and unlock steps.
import { certificateFileStem } from "../../../private-key/download.js";
import { focusElement, h } from "../../../ui/dom.js";
import { previousCertificateLink } from "../history.js";
import {
  certificateSituation,
  replaceHeading,
  replaceWarning,
  savedSentence,
} from "../situation.js";
import { generateStep } from "./generate-step.js";
import { keyStep } from "./key-step.js";
import { netsuiteStep } from "./netsuite-step.js";
import { saveStep } from "./save-step.js";

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
      netsuite.generated();
      lockSteps();
      focusElement(key.element.querySelector("h4"));
    },
    keySaved() {
      lockSteps();
      focusElement(netsuite.element.querySelector("h4"));
    },
    /** The success message; `annotate(text)` adds the live check's outcome. */
    saved(answer, annotate = (text) => text) {
      const before = certificateSituation(ctx.integration);
      ctx.pending = null;
      finished();
      ctx.apply(answer, { keepForm: true });
      const text = annotate(savedSentence(before, answer));
      if (before.first) return text;
      return h(
        "div",
        {},
        h("p", {}, text),
        previousCertificateLink(before.certificate.certificateId),
      );
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
