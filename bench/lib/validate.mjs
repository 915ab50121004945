// Checks one output of a case with Node's OpenSSL: the private key is PKCS#8 PEM of the
// requested type and size, the certificate PEM parses, is self-signed with a valid
// signature, and holds the public half of that private key. Throws on any failure.
import { X509Certificate, createPrivateKey } from "node:crypto";

const EXPECT = {
  "ec-p256": { type: "ec", curve: "prime256v1" },
  "ec-p384": { type: "ec", curve: "secp384r1" },
  "rsa-3072": { type: "rsa", bits: 3072 },
  "rsa-4096": { type: "rsa", bits: 4096 },
};

export function validateOutput(key, out, bitsOverride) {
  if (!out || typeof out.keyPem !== "string" || typeof out.certPem !== "string")
    throw new Error("no PEM output");
  if (!/^-----BEGIN PRIVATE KEY-----\r?\n/.test(out.keyPem.trim()))
    throw new Error('private key is not PKCS#8 PEM ("BEGIN PRIVATE KEY")');
  if (!/^-----BEGIN CERTIFICATE-----\r?\n/.test(out.certPem.trim()))
    throw new Error('certificate is not PEM ("BEGIN CERTIFICATE")');
  let cert, priv;
  try {
    cert = new X509Certificate(out.certPem);
  } catch (e) {
    throw new Error(`certificate PEM does not parse: ${e.message}`);
  }
  try {
    priv = createPrivateKey({ key: out.keyPem, format: "pem" });
  } catch (e) {
    throw new Error(`private key PEM does not parse: ${e.message}`);
  }
  const want = EXPECT[key];
  const d = priv.asymmetricKeyDetails || {};
  if (priv.asymmetricKeyType !== want.type)
    throw new Error(
      `key type ${priv.asymmetricKeyType}, expected ${want.type}`,
    );
  if (want.curve && d.namedCurve !== want.curve)
    throw new Error(`curve ${d.namedCurve}, expected ${want.curve}`);
  const bits = bitsOverride || want.bits;
  if (bits && d.modulusLength !== bits)
    throw new Error(`modulus ${d.modulusLength} bits, expected ${bits}`);
  if (!cert.checkPrivateKey(priv))
    throw new Error("the private key does not match the certificate");
  if (cert.subject !== cert.issuer)
    throw new Error("certificate is not self-issued");
  if (!cert.verify(cert.publicKey))
    throw new Error("the certificate's self-signature does not verify");
}
