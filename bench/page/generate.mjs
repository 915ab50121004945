// The bench page's generation job, per key type: ours (our module's generate), the
// WebCrypto floor, @peculiar/x509 and node-forge. Each returns { keyPem, certPem } (or
// null for the floor); bench.mjs times them.
import * as x509 from "/build/peculiar.min.js";

const forge = globalThis.forge;

const COMMON_NAME = "netsuite-m2m bench";
const VALIDITY_DAYS = 365;
const DAY_MS = 86_400_000;

export const KEYS = {
  "ec-p256": { kind: "ec", curve: "P-256" },
  "ec-p384": { kind: "ec", curve: "P-384" },
  "rsa-3072": { kind: "rsa", bits: 3072 },
  "rsa-4096": { kind: "rsa", bits: 4096 },
};

function spec(key) {
  const s = KEYS[key];
  if (!s) throw new Error(`unknown key type ${key}`);
  return s;
}

// WebCrypto parameters shared by the floor and the @peculiar/x509 case.
function webcryptoAlg(key) {
  const s = spec(key);
  return s.kind === "ec"
    ? { name: "ECDSA", namedCurve: s.curve, hash: "SHA-256" }
    : {
        name: "RSASSA-PKCS1-v1_5",
        modulusLength: s.bits,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: "SHA-256",
      };
}

function signingAlg(key) {
  // ecdsa-with-SHA256 / sha256WithRSAEncryption, as our module signs.
  return spec(key).kind === "ec"
    ? { name: "ECDSA", hash: "SHA-256" }
    : { name: "RSASSA-PKCS1-v1_5" };
}

function randomSerialHex() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[0] &= 0x7f; // positive INTEGER
  b[0] |= 0x01; // and no leading zero byte
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

// The peers make the certificate our module makes: CN, 365 days, random positive serial,
// basicConstraints CA:false + keyUsage digitalSignature (both critical) + subjectKeyIdentifier.

// ---- the peers (ours is in generators() below) ----

async function webcryptoFloor(key) {
  const keys = await crypto.subtle.generateKey(webcryptoAlg(key), true, [
    "sign",
    "verify",
  ]);
  if (!keys.privateKey || !keys.publicKey) throw new Error("no key pair");
  return null;
}

async function peculiar(key) {
  const keys = await crypto.subtle.generateKey(webcryptoAlg(key), true, [
    "sign",
    "verify",
  ]);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialHex(),
    name: `CN=${COMMON_NAME}`,
    notBefore: new Date(now),
    notAfter: new Date(now + VALIDITY_DAYS * DAY_MS),
    signingAlgorithm: signingAlg(key),
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const certPem = cert.toString("pem");
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", keys.privateKey);
  const keyPem = x509.PemConverter.encode(pkcs8, "PRIVATE KEY");
  return { keyPem, certPem };
}

// node-forge: pure-JavaScript RSA (forge.options.usePureJavaScript = true, set in bench.mjs setup()),
// through forge's asynchronous API with its default of 2 Web Workers searching for primes
// (prime.worker.min.js), then a self-signed sha256WithRSAEncryption certificate and PKCS#8 PEM.
function forgeGenerate(bits) {
  return new Promise((resolve, reject) => {
    forge.pki.rsa.generateKeyPair(
      {
        bits,
        e: 0x10001,
        workers: 2,
        workerScript: "/build/prime.worker.min.js",
      },
      (err, keys) => (err ? reject(err) : resolve(keys)),
    );
  });
}

async function forgeJob(key, bitsOverride) {
  const s = spec(key);
  if (s.kind !== "rsa") throw new Error("node-forge has no EC certificates");
  const keys = await forgeGenerate(bitsOverride || s.bits);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = randomSerialHex();
  const now = Date.now();
  cert.validity.notBefore = new Date(now);
  cert.validity.notAfter = new Date(now + VALIDITY_DAYS * DAY_MS);
  const attrs = [{ name: "commonName", value: COMMON_NAME }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  const keyPem = forge.pki.privateKeyInfoToPem(
    forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keys.privateKey)),
  );
  return { keyPem, certPem };
}

/** The four implementations of a key type's job, ours from the loaded module `m2m`. */
export function generators(m2m) {
  return {
    async ours(key) {
      const r = await m2m.generate({ keyType: key });
      return { keyPem: r.privateKeyPem, certPem: r.certificate.pem };
    },
    "webcrypto-floor": webcryptoFloor,
    peculiar,
    forge: forgeJob,
  };
}
