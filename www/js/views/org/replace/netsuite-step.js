// Replace, step 3 (and the first step on a pending certificate's card, pending.js):
// the new certificate (public) goes to a NetSuite administrator, with the steps to
// upload it.
import { downloadText } from "../../../private-key/download.js";
import { button, h, uniqueId } from "../../../ui/dom.js";
import { downloadNote } from "../../../ui/download-note.js";
import { expectedIdNote } from "../../../ui/certificate-id.js";
import { menuPath } from "../netsuite.js";
import { mappingHint } from "../situation.js";
import { lockedStep } from "./step.js";

const strong = (text) => h("strong", {}, text);

/**
 * - `certificate()`: the new certificate `{pem, expectedCertificateId}` (or null
 *   before there is one), `fileName()` its file's name
 * - `situation()`: the integration's situation (situation.js), for the mapping's words
 * - `ready()` false while the download must wait (the key first)
 * - `downloaded()` is told when the certificate was downloaded (step 4 asks for it)
 * - `number`: the step's number in its flow
 */
export function netsuiteStep({
  certificate,
  fileName: certificateFile,
  situation,
  ready = () => true,
  downloaded = () => {},
  number = 3,
}) {
  const downloadButton = button("Download the new certificate (.pem)");
  const mapping = h("span", {});
  const fileName = h("span", { class: "mono" }, "the certificate file");
  const expected = h("div", { class: "expected-id-step" });
  const note = downloadNote();
  downloadButton.addEventListener("click", () => {
    const shown = certificate();
    if (!shown || !ready()) return;
    const name = downloadText(certificateFile(), shown.pem);
    fileName.textContent = name;
    downloaded();
    note.said("Certificate", name, "Give it to a NetSuite administrator.");
  });
  const element = lockedStep(
    number,
    uniqueId("step-netsuite"),
    "Upload the certificate to NetSuite",
    h(
      "p",
      {},
      "Download the certificate (public, safe to share) and give it to a NetSuite administrator.",
    ),
    h("div", { class: "button-row" }, downloadButton),
    note.element,
    h(
      "ol",
      { class: "netsuite-steps" },
      h("li", {}, "In NetSuite, go to ", menuPath(), "."),
      h("li", {}, "Click ", strong("Create New"), "."),
      h(
        "li",
        {},
        "Choose the ",
        strong("Entity"),
        ", the ",
        strong("Role"),
        " and the ",
        strong("Application"),
        mapping,
      ),
      h("li", {}, "In ", strong("Certificate"), ", choose ", fileName, "."),
      h("li", {}, "Click ", strong("Save"), "."),
      h(
        "li",
        {},
        "In the list, copy the new ",
        strong("Certificate ID"),
        " (check that VALID UNTIL matches) and paste it below.",
      ),
    ),
    expected,
  );
  return {
    element,
    /** Shows the file name, the mapping's words and the expected ID of `certificate()`. */
    refresh() {
      const shown = certificate();
      if (!shown) return;
      note.clear();
      fileName.textContent = certificateFile();
      mapping.textContent = mappingHint(situation());
      expected.replaceChildren(expectedIdNote(shown.expectedCertificateId));
    },
  };
}
