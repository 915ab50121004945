// The bench page's harness. bench/run.mjs drives it through playwright-core:
// window.bench.setup() once, then window.bench.run(impl, key, count, opts) in rounds.
// Every timing is taken here, in the page, with performance.now() (the page is served
// cross-origin isolated, so the clock's resolution is 5 us rather than 100 us).
import * as x509 from "/build/peculiar.min.js";
import { makeOperations } from "/page/operations.mjs";

const forge = globalThis.forge;
let m2m = null;
let operations = null; // made on the first operation case (key material, encrypted keys)

const COMMON_NAME = "netsuite-m2m bench";
const VALIDITY_DAYS = 365;
const DAY_MS = 86_400_000;

const KEYS = {
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

// ---- the four implementations: each returns { keyPem, certPem } (or null for the floor) ----

async function ours(key) {
  const r = await m2m.generate({ keyType: key });
  return { keyPem: r.privateKeyPem, certPem: r.certificate.pem };
}

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

// node-forge: pure-JavaScript RSA (forge.options.usePureJavaScript = true, set in setup()),
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

const IMPLS = {
  ours,
  "webcrypto-floor": webcryptoFloor,
  peculiar,
  forge: forgeJob,
};

const PEM_RE = (label) =>
  new RegExp(
    `^-----BEGIN ${label}-----\\r?\\n[A-Za-z0-9+/=\\r\\n]+-----END ${label}-----\\r?\\n?$`,
  );
const KEY_RE = PEM_RE("PRIVATE KEY");
const CERT_RE = PEM_RE("CERTIFICATE");

function checkShape(impl, out) {
  if (impl === "webcrypto-floor") return;
  if (
    !out ||
    typeof out.keyPem !== "string" ||
    !KEY_RE.test(out.keyPem.trim() + "\n")
  )
    throw new Error(`${impl}: no PKCS#8 "PRIVATE KEY" PEM in the output`);
  if (
    typeof out.certPem !== "string" ||
    !CERT_RE.test(out.certPem.trim() + "\n")
  )
    throw new Error(`${impl}: no "CERTIFICATE" PEM in the output`);
}

// What one call of `impl` on `key` runs: call(input), timed, and prepare(input), which
// runs before the clock starts. An operation is a function (its input passed as is) or
// { prepare, call }.
async function job(impl, key, opts) {
  if (KEYS[key]) {
    const fn = IMPLS[impl];
    if (!fn) throw new Error(`unknown implementation ${impl} for ${key}`);
    return { prepare: () => undefined, call: () => fn(key, opts.bits) };
  }
  operations ??= await makeOperations(m2m);
  if (!operations[key]) throw new Error(`unknown case ${key}`);
  const entry = operations[key][impl];
  if (!entry) throw new Error(`unknown implementation ${impl} for ${key}`);
  return typeof entry === "function"
    ? { prepare: (input) => input, call: entry }
    : entry;
}

window.bench = {
  async setup() {
    forge.options.usePureJavaScript = true;
    const t0 = performance.now();
    const mod = await import("/pkg/netsuite_m2m.js");
    await mod.default();
    m2m = mod;
    return {
      initMs: performance.now() - t0,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      userAgent: navigator.userAgent,
      hardwareConcurrency: navigator.hardwareConcurrency,
      forgePureJavaScript: forge.options.usePureJavaScript === true,
      keyTypes: m2m.supportedKeyTypes().map((k) => k.id),
    };
  },

  // Runs `count` timed calls (or fewer if budgetMs runs out, never fewer than 1).
  // opts.warmup: untimed; opts.bits: forge key size override (its cheap warm-up);
  // opts.inputs: one input per call, made in Node, for a case whose calls each need
  // their own (unpacked by the case's prepare() before the clock starts).
  // Returns the times and one output (the first) for bench/lib/timing.mjs to validate.
  // `key` is a key type (generation) or an operation case of operations.mjs.
  async run(impl, key, count, opts = {}) {
    const { prepare, call } = await job(impl, key, opts);
    const times = [];
    let sample = null;
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const input = prepare(opts.inputs?.[i]);
      const t0 = performance.now();
      const out = await call(input);
      const t1 = performance.now();
      if (KEYS[key]) checkShape(impl, out);
      times.push(t1 - t0);
      if (sample === null && out) sample = out;
      if (
        opts.budgetMs !== undefined &&
        performance.now() - start >= opts.budgetMs
      )
        break;
    }
    return { times: opts.warmup ? [] : times, sample };
  },
};
window.__benchLoaded = true;
