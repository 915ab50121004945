// The operation cases of the benchmark (besides generation): what each measures, its
// peers, its repetitions, and the Node check of one output per batch. The page side is
// bench/page/operations.mjs; bench/lib/timing.mjs runs them in the same browser run.
import {
  X509Certificate,
  createDecipheriv,
  createPrivateKey,
  constants,
  pbkdf2Sync,
  verify,
} from "node:crypto";
import {
  PASSPHRASE,
  PBKDF2_ITERATIONS,
  freshEncryptedKeys,
} from "./encrypted-keys.mjs";

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

// ---------------------------------------------------------------- checks in Node

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
