// Saves generated text as a file on the user's machine (no network involved): the
// only way a private key leaves this page.

/** Longest file name offered, extension included (well under every file system's 255). */
const MAX_FILE_NAME = 100;
// Names Windows reserves for devices, with any extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * `name` made safe to save anywhere: no path separators, control or format
 * characters, or characters Windows refuses; no leading or trailing dots or
 * spaces; not a reserved device name; at most MAX_FILE_NAME characters, keeping
 * the extension. Parts of it come from the backend (Certificate IDs,
 * organisation names), which this page does not trust with the user's disk.
 */
export function safeFileName(name) {
  let safe = String(name)
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>:"/\\|?*]+/gu, "-")
    .replace(/\s+/g, " ")
    .replace(/^[\s.-]+|[\s.]+$/g, "");
  const dot = safe.lastIndexOf(".");
  const extension = dot > 0 && safe.length - dot <= 8 ? safe.slice(dot) : "";
  let stem = extension ? safe.slice(0, dot) : safe;
  stem = [...stem].slice(0, MAX_FILE_NAME - extension.length).join("");
  stem = stem.replace(/[\s.]+$/, "") || "download";
  if (RESERVED.test(stem.split(".")[0])) stem = `_${stem}`;
  return stem + extension;
}

/** Offers `text` as a file named (a safe form of) `filename`; returns the name used. */
export function downloadText(filename, text, type = "application/x-pem-file") {
  const name = safeFileName(filename);
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** A file-name-safe slug. */
export function slug(text) {
  return (
    String(text)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "organisation"
  );
}

/**
 * The shared start of a certificate's files (its key, the certificate, the
 * reminder), unique per certificate: the organisation, the key type and the
 * start of the Certificate ID (the expected one, before NetSuite lists it). Two
 * replacements on one day so never share a name, and the file a step names is
 * the one just saved, not an older one the browser renamed "(1)".
 */
export function certificateFileStem(orgSlug, keyType, certificateId) {
  return safeFileName(
    `${orgSlug}-netsuite-${keyType}-${String(certificateId).slice(0, 8)}`,
  );
}
