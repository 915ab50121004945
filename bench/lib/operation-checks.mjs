// The Node checks of the operation cases (lib/operations.mjs): one output per batch, with
// Node's OpenSSL. Each throws on anything wrong.
import {
  X509Certificate,
  createDecipheriv,
  createPrivateKey,
  constants,
  pbkdf2Sync,
  verify,
} from "node:crypto";
import { PASSPHRASE, PBKDF2_ITERATIONS } from "./encrypted-keys.mjs";

const b64 = (s) => Buffer.from(s, "base64");

function samePkcs8(a, b) {
  const der = (key) =>
    createPrivateKey(key).export({ format: "der", type: "pkcs8" });
  if (!der(a).equals(der(b)))
    throw new Error("the key that came back is not the key that went in");
}

function checkJwt(alg, sample) {
  const parts = sample.jwt.split(".");
  if (parts.length !== 3) throw new Error("not a compact JWS");
  const header = JSON.parse(Buffer.from(parts[0], "base64url"));
  const claims = JSON.parse(Buffer.from(parts[1], "base64url"));
  if (header.alg !== alg || header.typ !== "JWT" || !header.kid)
    throw new Error(`header ${JSON.stringify(header)}`);
  if (claims.aud !== sample.tokenEndpoint || !claims.iss || !claims.jti)
    throw new Error(`claims ${JSON.stringify(claims)}`);
  if (claims.exp - claims.iat !== 300)
    throw new Error(`lifetime ${claims.exp - claims.iat} s, expected 300`);
  const key = new X509Certificate(sample.certPem).publicKey;
  const data = Buffer.from(`${parts[0]}.${parts[1]}`);
  const sig = Buffer.from(parts[2], "base64url");
  const ok =
    alg === "ES256"
      ? verify("sha256", data, { key, dsaEncoding: "ieee-p1363" }, sig)
      : verify(
          "sha256",
          data,
          {
            key,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: 32,
          },
          sig,
        );
  if (!ok) throw new Error(`the ${alg} signature does not verify`);
}

function checkFloorCbc(sample) {
  const key = pbkdf2Sync(
    PASSPHRASE,
    b64(sample.salt),
    PBKDF2_ITERATIONS,
    32,
    "sha256",
  );
  const d = createDecipheriv("aes-256-cbc", key, b64(sample.iv));
  const plain = Buffer.concat([d.update(b64(sample.ciphertext)), d.final()]);
  if (!plain.equals(b64(sample.plainDer)))
    throw new Error("the floor's ciphertext does not decrypt to the key");
}

/** Checks one output of an operation case; throws on anything wrong. */
export function validateOperation(id, impl, sample) {
  if (!sample) throw new Error("no output");
  if (id === "encrypt-private-key") {
    if (impl === "webcrypto-floor") return checkFloorCbc(sample);
    if (!/^-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(sample.encryptedPem))
      throw new Error("not an ENCRYPTED PRIVATE KEY PEM");
    // Node's OpenSSL opens it with the passphrase (and it must cost the same PBKDF2).
    return samePkcs8(
      { key: sample.encryptedPem, passphrase: PASSPHRASE },
      sample.plainPem,
    );
  }
  if (id === "read-private-key") {
    if (impl === "webcrypto-floor") {
      if (sample.opened !== sample.plainDer)
        throw new Error("the floor did not get the key back");
      return;
    }
    return samePkcs8(sample.opened, sample.plainPem);
  }
  if (id.startsWith("assertion-"))
    return checkJwt(id.slice("assertion-".length).toUpperCase(), sample);
  if (id.startsWith("inspect-")) {
    const want = new X509Certificate(sample.certPem).fingerprint256;
    if (sample.fingerprintSha256 !== want)
      throw new Error(
        `fingerprint ${sample.fingerprintSha256}, expected ${want}`,
      );
    if (sample.selfSigned !== true) throw new Error("not reported self-signed");
    return;
  }
  throw new Error(`unknown case ${id}`);
}
