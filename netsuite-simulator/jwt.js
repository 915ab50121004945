// Reads and verifies a JWS compact serialisation with Node's crypto only:
// RSASSA-PSS (salt length = hash length, RFC 7518 §3.5) and ECDSA with the raw
// r || s signature (RFC 7518 §3.4).
import { constants, verify } from "node:crypto";

/** The algorithms NetSuite accepts since 1 March 2025, and the key each needs. */
export const ALGORITHMS = {
  PS256: { family: "RSA", hash: "sha256", saltLength: 32 },
  PS384: { family: "RSA", hash: "sha384", saltLength: 48 },
  PS512: { family: "RSA", hash: "sha512", saltLength: 64 },
  ES256: { family: "EC", curve: "P-256", hash: "sha256", signatureBytes: 64 },
  ES384: { family: "EC", curve: "P-384", hash: "sha384", signatureBytes: 96 },
  ES512: { family: "EC", curve: "P-521", hash: "sha512", signatureBytes: 132 },
};

const PART = /^[A-Za-z0-9_-]+$/;

/** Splits and decodes a JWT; undefined when it is not a well-formed JWS. */
export function decodeJwt(text) {
  const parts = text.split(".");
  if (parts.length !== 3 || !parts.every((part) => PART.test(part)))
    return undefined;
  const header = decodeJson(parts[0]);
  const payload = decodeJson(parts[1]);
  if (!header || !payload) return undefined;
  return {
    header,
    payload,
    signingInput: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2], "base64url"),
  };
}

function decodeJson(part) {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value)
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `alg` may be used with a certificate of this family and curve. */
export function algorithmFits(alg, certificate) {
  const algorithm = ALGORITHMS[alg];
  return (
    algorithm.family === certificate.family &&
    (algorithm.family !== "EC" || algorithm.curve === certificate.curve)
  );
}

/** Verifies the JWS signature with the certificate's public key. */
export function signatureIsValid(alg, publicKey, signingInput, signature) {
  const algorithm = ALGORITHMS[alg];
  const data = Buffer.from(signingInput, "ascii");
  if (algorithm.family === "EC") {
    if (signature.length !== algorithm.signatureBytes) return false;
    return verify(
      algorithm.hash,
      data,
      { key: publicKey, dsaEncoding: "ieee-p1363" },
      signature,
    );
  }
  return verify(
    algorithm.hash,
    data,
    {
      key: publicKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: algorithm.saltLength,
    },
    signature,
  );
}
