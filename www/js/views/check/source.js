// Where the certificate to check comes from: pasted text, a chosen file, or a file
// dropped on the text box. Binary (DER) files are kept as bytes.
import { h } from "../../ui/dom.js";
import { fileField, textField } from "../../ui/fields.js";

function looksLikeText(bytes) {
  const head = new TextDecoder("utf-8", { fatal: false }).decode(
    bytes.slice(0, 64),
  );
  return /-----BEGIN /.test(head);
}

/** `dropped()` runs after a drop (the view checks at once). */
export function certificateSource(dropped) {
  let binary = null; // { bytes, name } when a DER file was chosen or dropped
  const text = textField({
    label: "Certificate (PEM)",
    name: "certificate",
    multiline: true,
    required: false,
    hint: "Paste the certificate text, or drop a .pem, .crt, .cer or .der file here.",
    inputClass: "input--mono input--tall",
  });
  const file = fileField(
    "Or choose a certificate file",
    "certificate-file",
    ".pem,.crt,.cer,.der,application/x-x509-ca-cert,application/pkix-cert",
  );
  const note = h("p", { class: "hint", "aria-live": "polite" });
  file.element.append(note);

  async function useFile(chosen) {
    if (!chosen) return;
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    if (looksLikeText(bytes)) {
      text.value = new TextDecoder().decode(bytes);
      binary = null;
      note.textContent = `Loaded ${chosen.name} into the text box.`;
    } else {
      binary = { bytes, name: chosen.name };
      text.value = "";
      note.textContent = `Using the binary (DER) file ${chosen.name}.`;
    }
    text.clear();
  }
  file.input.addEventListener("change", () => useFile(file.input.files?.[0]));
  text.input.addEventListener("input", () => {
    if (!binary) return;
    binary = null;
    note.textContent = "";
  });
  const target = text.input;
  target.addEventListener("dragover", (event) => {
    event.preventDefault();
    target.classList.add("is-dragging");
  });
  target.addEventListener("dragleave", () =>
    target.classList.remove("is-dragging"),
  );
  target.addEventListener("drop", async (event) => {
    const dropped_ = event.dataTransfer?.files?.[0];
    target.classList.remove("is-dragging");
    if (!dropped_) return;
    event.preventDefault();
    await useFile(dropped_);
    dropped();
  });

  return {
    text,
    elements: [text.element, file.element],
    /** The bytes or the trimmed text to inspect; "" when there is nothing. */
    value: () => (binary ? binary.bytes : text.value.trim()),
  };
}
