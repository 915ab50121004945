// The peers of the bench page's operation cases: the bare-WebCrypto floors (PBKDF2 +
// AES-CBC, a JWT signed with crypto.subtle), jose's SignJWT and @peculiar/x509's parsing.
import * as x509 from "/build/peculiar.min.js";
import { SignJWT } from "/build/jose.min.js";
import {
  CERTIFICATE_ID,
  CLIENT_ID,
  LIFETIME_SECONDS,
  PASSPHRASE,
  PBKDF2_ITERATIONS,
  SCOPES,
  base64url,
  utf8,
} from "/page/op-common.mjs";

// ---- the WebCrypto floor for encrypted keys: PBKDF2-HMAC-SHA256 + AES-256-CBC, bare ----

async function pbkdf2Key(salt, usage) {
  const base = await crypto.subtle.importKey(
    "raw",
    utf8.encode(PASSPHRASE),
    "PBKDF2",
    false,
    ["deriveKey"],
  );
  return crypto.subtle.deriveKey(
    {
      name: "PBKDF2",
      salt,
      iterations: PBKDF2_ITERATIONS,
      hash: "SHA-256",
    },
    base,
    { name: "AES-CBC", length: 256 },
    false,
    [usage],
  );
}

export async function floorEncrypt(plain) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const key = await pbkdf2Key(salt, "encrypt");
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-CBC", iv },
    key,
    plain,
  );
  return { salt, iv, ciphertext: new Uint8Array(ciphertext) };
}

export async function floorDecrypt({ salt, iv, ciphertext }) {
  const key = await pbkdf2Key(salt, "decrypt");
  return new Uint8Array(
    await crypto.subtle.decrypt({ name: "AES-CBC", iv }, key, ciphertext),
  );
}

// ---- the bare WebCrypto JWT: JSON + base64url + crypto.subtle.sign ----

export async function floorJwt(alg, key, tokenEndpoint) {
  const iat = Math.floor(Date.now() / 1000);
  const header = { typ: "JWT", alg, kid: CERTIFICATE_ID };
  const claims = {
    iss: CLIENT_ID,
    scope: SCOPES,
    aud: tokenEndpoint,
    iat,
    exp: iat + LIFETIME_SECONDS,
    jti: crypto.randomUUID(),
  };
  const input = `${base64url(utf8.encode(JSON.stringify(header)))}.${base64url(utf8.encode(JSON.stringify(claims)))}`;
  const params =
    alg === "ES256"
      ? { name: "ECDSA", hash: "SHA-256" }
      : { name: "RSA-PSS", saltLength: 32 };
  const sig = await crypto.subtle.sign(params, key, utf8.encode(input));
  return `${input}.${base64url(sig)}`;
}

export function joseJwt(alg, key, tokenEndpoint) {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: SCOPES })
    .setProtectedHeader({ typ: "JWT", alg, kid: CERTIFICATE_ID })
    .setIssuer(CLIENT_ID)
    .setAudience(tokenEndpoint)
    .setIssuedAt(iat)
    .setExpirationTime(iat + LIFETIME_SECONDS)
    .setJti(crypto.randomUUID())
    .sign(key);
}

// ---- @peculiar/x509's parsing, reading what our CertificateReport reports ----

export async function peculiarInspect(pem) {
  const cert = new x509.X509Certificate(pem);
  const report = {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    publicKeyAlgorithm: cert.publicKey.algorithm,
    signatureAlgorithm: cert.signatureAlgorithm,
    extensions: cert.extensions.map((e) => e.type),
    fingerprintSha256: Array.from(
      new Uint8Array(await cert.getThumbprint("SHA-256")),
      (b) => b.toString(16).padStart(2, "0").toUpperCase(),
    ).join(":"),
    selfSigned: await cert.isSelfSigned(), // subject = issuer and the signature verifies
  };
  return report;
}
