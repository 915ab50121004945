// The operation cases of the benchmark (besides generation): what each measures, its
// peers, its repetitions and targets. lib/operation-checks.mjs checks their outputs in
// Node, the page side is bench/page/operations.mjs, and lib/timing.mjs runs them.
import { freshEncryptedKeys } from "./encrypted-keys.mjs";

export const OP_LABEL = {
  ours: "ours (netsuite-m2m wasm)",
  "ours-cryptokey": "ours, from a CryptoKey",
  "webcrypto-floor": "webcrypto-floor",
  jose: "jose SignJWT (CryptoKey)",
  peculiar: "@peculiar/x509",
};

const PBKDF2_FLOOR =
  "bare WebCrypto: importKey(passphrase) + PBKDF2-HMAC-SHA256 deriveKey (600,000 iterations) + AES-256-CBC";

/**
 * Each case: id, what is timed, implementations (ours first), its plan kind, and, for a
 * case whose every call needs an input of its own, inputs(impl, count) made in Node.
 */
export const OPERATIONS = [
  {
    id: "encrypt-private-key",
    what:
      "ours = await encryptPrivateKey(EC P-256 PKCS#8 PEM, passphrase) -> PBES2 PEM; " +
      `floor = ${PBKDF2_FLOOR} encrypt of the same PKCS#8 DER (no ASN.1, no PEM)`,
    impls: ["ours", "webcrypto-floor"],
    plan: "pbkdf2",
  },
  {
    id: "read-private-key",
    what:
      "ours = await readPrivateKey(encrypted PEM, passphrase) -> plain PKCS#8 PEM; " +
      `floor = ${PBKDF2_FLOOR} decrypt; ` +
      "each call opens an EC P-256 key encrypted as encryptPrivateKey does but with its own fresh salt and IV, " +
      "made in Node before the call (a browser may cache a PBKDF2 result it has computed before)",
    impls: ["ours", "webcrypto-floor"],
    plan: "pbkdf2",
    inputs: freshEncryptedKeys,
  },
  ...["ES256", "PS256"].map((alg) => ({
    id: `assertion-${alg.toLowerCase()}`,
    what:
      `${alg} (${alg === "ES256" ? "EC P-256" : "RSA 3072, PSS salt 32"}) NetSuite client assertion: ` +
      "ours = await createClientAssertion({ privateKeyPem (plain PKCS#8), certificateId, clientId, accountId }); " +
      "ours-cryptokey = await createClientAssertionWithCryptoKey(cryptoKey, ...); " +
      "jose = new SignJWT(claims).setProtectedHeader(...)...sign(cryptoKey); " +
      "floor = JSON + base64url + crypto.subtle.sign with the CryptoKey",
    impls: ["ours", "ours-cryptokey", "jose", "webcrypto-floor"],
    plan: "fast",
  })),
  ...["ec-p256", "rsa-3072"].map((key) => ({
    id: `inspect-${key}`,
    what:
      `${key} certificate PEM: ours = await inspectCertificate(pem) (report, findings, fingerprint, self-signature check); ` +
      "@peculiar/x509 = new X509Certificate(pem) + subject, issuer, serial, dates, key and signature algorithms, " +
      "extensions, getThumbprint('SHA-256'), isSelfSigned() (verifies the signature)",
    impls: ["ours", "peculiar"],
    plan: "fast",
  })),
];

export const OP_PLAN_NAME = {
  pbkdf2: "encrypt/read",
  fast: "assert/inspect",
};

export const OP_PLANS = {
  quick: {
    pbkdf2: { warmup: 0, n: 1, batch: 1, capMs: 0 },
    fast: { warmup: 2, n: 5, batch: 5, capMs: 2_000 },
  },
  full: {
    pbkdf2: { warmup: 1, n: 21, batch: 1, capMs: 20_000 },
    fast: { warmup: 20, n: 200, batch: 20, capMs: 15_000 },
  },
};

/** Ratios of every "ours" column against every other column of the case. */
export function opRatios(op, stats, ratio) {
  const out = {};
  for (const a of op.impls.filter((i) => i.startsWith("ours")))
    for (const b of op.impls.filter((i) => !i.startsWith("ours")))
      out[`${a}/${b}`] = ratio(stats[a], stats[b]);
  return out;
}

/** The issue 8 targets for these cases: [{ target, met, detail }]. */
export function operationTargets(operations, fmt) {
  const t = [];
  const get = (id) => operations.find((o) => o.id === id);
  const compare = (id, a, b, limit, text) => {
    const o = get(id);
    const x = o?.impls[a];
    const y = o?.impls[b];
    t.push({
      target: `${id}: ${text}`,
      met: !!(x && y) && x.median <= limit * y.median,
      detail:
        x && y
          ? `${fmt.ms(x.median)} vs ${fmt.ms(y.median)} ms (${fmt.ratio(x.median / y.median)})`
          : "not measured",
    });
  };
  for (const id of ["encrypt-private-key", "read-private-key"])
    compare(
      id,
      "ours",
      "webcrypto-floor",
      1.5,
      "ours within 1.5x of the PBKDF2 floor",
    );
  for (const id of ["assertion-es256", "assertion-ps256"]) {
    compare(
      id,
      "ours",
      "jose",
      1,
      "createClientAssertion (PEM) at or below jose",
    );
    compare(
      id,
      "ours-cryptokey",
      "jose",
      1,
      "createClientAssertionWithCryptoKey at or below jose",
    );
  }
  return t;
}
