// What OpenSSL, the independent verifier, says about a certificate and a key the
// page gave the user. Shared by the e2e suite (Chromium) and the engine suites.
import assert from "node:assert/strict";
import { openssl } from "./support.mjs";

/** OpenSSL's text dump of a certificate file (key algorithm, size, extensions). */
export function certificateText(certificatePath) {
  return openssl(["x509", "-noout", "-text", "-in", certificatePath]);
}

/** A certificate file's validity as OpenSSL reads it: { notBefore, notAfter } Dates. */
export function certificateDates(certificatePath) {
  const dates = openssl([
    "x509",
    "-noout",
    "-startdate",
    "-enddate",
    "-in",
    certificatePath,
  ]);
  return {
    notBefore: new Date(dates.match(/notBefore=(.+)/)[1]),
    notAfter: new Date(dates.match(/notAfter=(.+)/)[1]),
  };
}

/** OpenSSL's SHA-256 fingerprint of a certificate file, as the backend writes it. */
export function sha256Fingerprint(certificatePath) {
  return openssl([
    "x509",
    "-noout",
    "-fingerprint",
    "-sha256",
    "-in",
    certificatePath,
  ])
    .split("=")[1]
    .trim();
}

/**
 * An encrypted key file opens in OpenSSL with `passphrase` and not with another,
 * and its public half is the certificate's. Returns the plain PKCS#8 PEM.
 */
export function opensslOpensEncryptedKey(keyPath, certificatePath, passphrase) {
  assert.throws(
    () => openssl(["pkey", "-in", keyPath, "-passin", "pass:not it", "-noout"]),
    "a wrong passphrase is refused",
  );
  const pass = ["-passin", `pass:${passphrase}`];
  const plain = openssl(["pkey", "-in", keyPath, ...pass]);
  assert.match(plain, /^-----BEGIN PRIVATE KEY-----/);
  assert.equal(
    openssl(["pkey", "-in", keyPath, ...pass, "-pubout"]),
    openssl(["x509", "-noout", "-pubkey", "-in", certificatePath]),
    "the key's public half is the certificate's",
  );
  return plain;
}
