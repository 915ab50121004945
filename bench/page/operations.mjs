// The bench page's operation cases (besides generation): encrypting and opening a
// private key, client assertions, certificate inspection; each against its peers.
// bench.mjs dispatches window.bench.run(impl, op, ...) here when `op` is one of OPS.
// Each implementation returns a sample that bench/lib/operations.mjs checks in Node.
import * as x509 from "/build/peculiar.min.js";
import { SignJWT } from "/build/jose.min.js";

export const PASSPHRASE = "correct horse battery staple";
export const PBKDF2_ITERATIONS = 600_000; // as the module's encryptPrivateKey
const CERTIFICATE_ID = "NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA";
const CLIENT_ID =
  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const ACCOUNT_ID = "1234567_SB1";
const LIFETIME_SECONDS = 300;
const SCOPES = ["rest_webservices"];

const utf8 = new TextEncoder();

function base64(bytes) {
  let s = "";
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s);
}

const base64url = (bytes) =>
  base64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

const fromBase64 = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

const pemBody = (pem) =>
  fromBase64(pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, ""));

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

async function floorEncrypt(plain) {
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

async function floorDecrypt({ salt, iv, ciphertext }) {
  const key = await pbkdf2Key(salt, "decrypt");
  return new Uint8Array(
    await crypto.subtle.decrypt({ name: "AES-CBC", iv }, key, ciphertext),
  );
}

// ---- the bare WebCrypto JWT: JSON + base64url + crypto.subtle.sign ----

async function floorJwt(alg, key, tokenEndpoint) {
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

function joseJwt(alg, key, tokenEndpoint) {
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

async function peculiarInspect(pem) {
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

/** Key material made once per page, then the operation table bench.mjs runs. */
export async function makeOperations(m2m) {
  const { tokenEndpoint } = await m2m.parseAccountId(ACCOUNT_ID);
  const made = {};
  const cryptoKeys = {};
  for (const [keyType, alg, algorithm] of [
    ["ec-p256", "ES256", { name: "ECDSA", namedCurve: "P-256" }],
    ["rsa-3072", "PS256", { name: "RSA-PSS", hash: "SHA-256" }],
  ]) {
    made[alg] = await m2m.generate({ keyType });
    cryptoKeys[alg] = await crypto.subtle.importKey(
      "pkcs8",
      pemBody(made[alg].privateKeyPem),
      algorithm,
      false,
      ["sign"],
    );
  }
  const plainPem = made.ES256.privateKeyPem;
  const plainDer = pemBody(plainPem);

  const assertion = (alg) => {
    const certPem = made[alg].certificate.pem;
    const options = {
      certificateId: CERTIFICATE_ID,
      clientId: CLIENT_ID,
      accountId: ACCOUNT_ID,
    };
    const out = (jwt) => ({ jwt, certPem, tokenEndpoint });
    return {
      ours: async () =>
        out(
          (
            await m2m.createClientAssertion({
              privateKeyPem: made[alg].privateKeyPem,
              ...options,
            })
          ).jwt,
        ),
      "ours-cryptokey": async () =>
        out(
          (
            await m2m.createClientAssertionWithCryptoKey(
              cryptoKeys[alg],
              options,
            )
          ).jwt,
        ),
      jose: async () => out(await joseJwt(alg, cryptoKeys[alg], tokenEndpoint)),
      "webcrypto-floor": async () =>
        out(await floorJwt(alg, cryptoKeys[alg], tokenEndpoint)),
    };
  };

  const inspect = (alg) => {
    const certPem = made[alg].certificate.pem;
    return {
      ours: async () => {
        const r = await m2m.inspectCertificate(certPem);
        return {
          certPem,
          fingerprintSha256: r.fingerprintSha256,
          selfSigned: r.selfSigned,
        };
      },
      peculiar: async () => ({ certPem, ...(await peculiarInspect(certPem)) }),
    };
  };

  return {
    "encrypt-private-key": {
      ours: async () => ({
        plainPem,
        encryptedPem: await m2m.encryptPrivateKey(plainPem, PASSPHRASE),
      }),
      "webcrypto-floor": async () => {
        const e = await floorEncrypt(plainDer);
        return {
          plainDer: base64(plainDer),
          salt: base64(e.salt),
          iv: base64(e.iv),
          ciphertext: base64(e.ciphertext),
        };
      },
    },
    // Each call opens a key of its own, encrypted in Node with a fresh salt
    // (bench/lib/encrypted-keys.mjs): a key encrypted in this page would open from
    // Firefox's PBKDF2 cache.
    "read-private-key": {
      ours: async ({ plainPem, encryptedPem }) => ({
        plainPem,
        opened: (await m2m.readPrivateKey(encryptedPem, PASSPHRASE))
          .privateKeyPem,
      }),
      "webcrypto-floor": {
        prepare: ({ plainDer, salt, iv, ciphertext }) => ({
          plainDer,
          salt: fromBase64(salt),
          iv: fromBase64(iv),
          ciphertext: fromBase64(ciphertext),
        }),
        call: async ({ plainDer, ...encrypted }) => ({
          plainDer,
          opened: base64(await floorDecrypt(encrypted)),
        }),
      },
    },
    "assertion-es256": assertion("ES256"),
    "assertion-ps256": assertion("PS256"),
    "inspect-ec-p256": inspect("ES256"),
    "inspect-rsa-3072": inspect("PS256"),
  };
}
