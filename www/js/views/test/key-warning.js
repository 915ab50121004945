// Test the credentials: does the chosen key belong to the organisation's saved
// certificate? A kept key says by its fingerprint; a key file is compared by the
// module (keyMatchesCertificate). NetSuite refuses what a mismatched key signs.
import { keyMatchesCertificate } from "../../module/index.js";

/** A warning sentence when the key does not match the saved certificate, else null. */
export async function keyMismatchWarning(key, integration) {
  const certificate = integration?.certificate;
  if (!certificate) return null;
  const kept = key.keptKey();
  let matches;
  if (kept) matches = kept.fingerprintSha256 === certificate.fingerprintSha256;
  else {
    const file = key.file.input.files?.[0];
    if (!file) return null;
    try {
      matches = await keyMatchesCertificate(
        await file.text(),
        certificate.pem,
        key.passphrase.value || undefined,
      );
    } catch {
      return null; // signing with it reports what is wrong with the key
    }
  }
  return matches
    ? null
    : `The chosen private key does not belong to the certificate saved for this organisation (Certificate ID ${certificate.certificateId}): NetSuite will refuse what it signs (InvalidSignature). Choose the key made with that certificate.`;
}
