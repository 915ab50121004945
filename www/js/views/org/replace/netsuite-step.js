// Replace, step 3: the certificate (public) goes to a NetSuite administrator, with
// the steps to upload it.
import { downloadText } from "../../../private-key/download.js";
import { button, h } from "../../../ui/dom.js";
import { downloadNote } from "../../../ui/download-note.js";
import { expectedIdNote } from "../../../ui/certificate-id.js";
import { menuPath } from "../netsuite.js";
import { certificateSituation, mappingHint } from "../situation.js";
import { lockedStep } from "./step.js";

const strong = (text) => h("strong", {}, text);

export function netsuiteStep(ctx, flow) {
  const downloadButton = button("Download the new certificate (.pem)");
  const mapping = h(
    "span",
    {},
    mappingHint(certificateSituation(ctx.integration)),
  );
  const fileName = h("span", { class: "mono" }, "the certificate file");
  const expected = h("div", { class: "expected-id-step" });
  const note = downloadNote();
  downloadButton.addEventListener("click", () => {
    const pending = ctx.pending;
    if (!pending?.keySaved) return;
    const name = downloadText(
      flow.certificateFile(),
      pending.generated.certificate.pem,
    );
    fileName.textContent = name;
    pending.certificateDownloaded = true; // step 4 asks for it
    note.said("Certificate", name, "Give it to a NetSuite administrator.");
  });
  const element = lockedStep(
    3,
    "step-netsuite",
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
    generated() {
      note.clear();
      fileName.textContent = flow.certificateFile();
      mapping.textContent = mappingHint(certificateSituation(ctx.integration));
      expected.replaceChildren(
        expectedIdNote(ctx.pending.generated.certificate.expectedCertificateId),
      );
    },
  };
}
