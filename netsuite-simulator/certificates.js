// Reads an uploaded certificate the way NetSuite's M2M setup does: one PEM
// X.509 certificate, RSA 3072/4096 or EC P-256/P-384/P-521. Node's crypto
// parses it; nothing of the project's own module is used.
import { createHash, X509Certificate } from "node:crypto";
import { SetupError } from "./accounts.js";

const RSA_BITS = [3072, 4096];
const CURVES = { prime256v1: "P-256", secp384r1: "P-384", secp521r1: "P-521" };
const FILE_TYPES = /\.(?:pem|crt|cer)$/i;
const CERTIFICATE_BLOCK =
  /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * NetSuite's Certificate ID of a certificate: the SHA-256 of its DER,
 * base64url without padding. Observed, not documented by Oracle.
 */
export function certificateId(der) {
  return createHash("sha256").update(der).digest("base64url");
}

/**
 * Checks an uploaded certificate file (`fileName` only for uploads through
 * the page) and answers what the setup keeps of it, or throws a SetupError.
 */
export function readCertificate(text, { fileName } = {}) {
  if (fileName !== undefined && !FILE_TYPES.test(fileName))
    throw refuse(
      "invalid_file_type",
      `${fileName} is not a .pem, .crt or .cer file.`,
    );
  if (typeof text !== "string" || text.trim() === "")
    throw refuse("missing_certificate", "Attach the certificate file (PEM).");
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text))
    throw refuse(
      "private_key",
      "This file holds a PRIVATE key. Upload only the public certificate; keep the private key to yourself.",
    );
  const blocks = text.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0)
    throw refuse(
      "not_pem",
      "This is not a PEM X.509 certificate (-----BEGIN CERTIFICATE-----).",
    );
  if (blocks.length > 1)
    throw refuse(
      "several_certificates",
      "The file holds more than one certificate; upload exactly one.",
    );
  let certificate;
  try {
    certificate = new X509Certificate(blocks[0]);
  } catch {
    throw refuse(
      "invalid_certificate",
      "The certificate cannot be read (damaged PEM or not X.509).",
    );
  }
  const publicKey = certificate.publicKey;
  const keyType = describeKey(publicKey);
  const validFrom = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  return {
    id: certificateId(certificate.raw),
    pem: certificate.toString(),
    publicKey,
    ...keyType,
    subject: certificate.subject,
    validFrom,
    notAfter,
  };
}

function describeKey(publicKey) {
  const type = publicKey.asymmetricKeyType;
  const details = publicKey.asymmetricKeyDetails ?? {};
  if (type === "rsa") {
    if (!RSA_BITS.includes(details.modulusLength))
      throw refuse(
        "unsupported_key_size",
        `RSA keys must be 3072 or 4096 bits; this one has ${details.modulusLength}.`,
      );
    return {
      family: "RSA",
      curve: null,
      keyType: `RSA ${details.modulusLength}`,
    };
  }
  if (type === "ec") {
    const curve = CURVES[details.namedCurve];
    if (!curve)
      throw refuse(
        "unsupported_curve",
        `EC keys must be on P-256, P-384 or P-521; this one is on ${details.namedCurve}.`,
      );
    return { family: "EC", curve, keyType: `EC ${curve}` };
  }
  throw refuse(
    "unsupported_key_type",
    `The key type ${type} is not accepted; use RSA 3072/4096 or EC P-256/P-384/P-521.`,
  );
}

function refuse(code, message) {
  return new SetupError(400, code, message);
}
