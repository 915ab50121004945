// Shared plumbing for the interop suite: loads the built wasm module once per
// test file, runs the system `openssl` (3.0) and keeps every file in a fresh
// temp directory that is removed when the file's tests are done.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after } from "node:test";
import init, * as m2m from "../../www/pkg/netsuite_m2m.js";

await init({
  module_or_path: await readFile(
    new URL("../../www/pkg/netsuite_m2m_bg.wasm", import.meta.url),
  ),
});

export { m2m };

export const OPENSSL = "/usr/bin/openssl";

/** What each key type the module makes must look like to openssl and to a JWT verifier. */
export const KEY_TYPES = [
  {
    id: "ec-p256",
    algorithm: "EC",
    bits: 256,
    curve: "P-256",
    opensslCurve: "prime256v1",
    certSignature: "ecdsa-with-SHA256",
    alg: "ES256",
    hash: "sha256",
    jwsSignatureBytes: 64,
  },
  {
    id: "ec-p384",
    algorithm: "EC",
    bits: 384,
    curve: "P-384",
    opensslCurve: "secp384r1",
    certSignature: "ecdsa-with-SHA384",
    alg: "ES384",
    hash: "sha384",
    jwsSignatureBytes: 96,
  },
  {
    id: "rsa-3072",
    algorithm: "RSA",
    bits: 3072,
    curve: null,
    opensslCurve: null,
    certSignature: "sha256WithRSAEncryption",
    alg: "PS256",
    hash: "sha256",
    jwsSignatureBytes: 384,
  },
  {
    id: "rsa-4096",
    algorithm: "RSA",
    bits: 4096,
    curve: null,
    opensslCurve: null,
    certSignature: "sha256WithRSAEncryption",
    alg: "PS256",
    hash: "sha256",
    jwsSignatureBytes: 512,
  },
];

export const DAY_MS = 86_400_000;

/** A fresh temp directory, removed after every test of the calling file. */
export function tempDir(prefix = "m2m-interop-") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `data` to `dir/name` and returns the path. */
export function put(dir, name, data) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

/** Runs openssl; returns stdout (utf8 unless `binary`); throws with stderr on a non-zero exit. */
export function openssl(args, { input, binary = false } = {}) {
  try {
    return execFileSync(OPENSSL, args, {
      input,
      encoding: binary ? "buffer" : "utf8",
      stdio: ["pipe", "pipe", "pipe"],
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e) {
    const err = new Error(
      `openssl ${args.join(" ")} failed (${e.status}): ${e.stderr}`,
    );
    err.status = e.status;
    err.stderr = String(e.stderr);
    err.stdout = String(e.stdout);
    throw err;
  }
}

/** `openssl req` arguments for a new EC key on `curve` (e.g. "P-256"). */
export const newEcKey = (curve) => [
  "-newkey",
  "ec",
  "-pkeyopt",
  `ec_paramgen_curve:${curve}`,
];

/** Runs openssl expecting it may fail; returns { status, stdout, stderr }. */
export function opensslStatus(args, { input } = {}) {
  const r = spawnSync(OPENSSL, args, { input, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** "Nov 28 11:11:46 2026 GMT" (openssl's -dates format) -> epoch ms. */
export function parseOpensslDate(s) {
  const m =
    /^([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4}) GMT$/.exec(
      s.trim(),
    );
  assert.ok(m, `unexpected openssl date ${JSON.stringify(s)}`);
  const month = "JanFebMarAprMayJunJulAugSepOctNovDec".indexOf(m[1]) / 3;
  assert.ok(Number.isInteger(month) && month >= 0, `bad month in ${s}`);
  return Date.UTC(+m[6], month, +m[2], +m[3], +m[4], +m[5]);
}

/** `openssl x509 -noout -dates` of a PEM file -> { notBefore, notAfter } in epoch ms. */
export function opensslDates(certFile) {
  const out = openssl(["x509", "-in", certFile, "-noout", "-dates"]);
  const get = (name) => {
    const line = out.split("\n").find((l) => l.startsWith(`${name}=`));
    assert.ok(line, `no ${name} in ${out}`);
    return parseOpensslDate(line.slice(name.length + 1));
  };
  return { notBefore: get("notBefore"), notAfter: get("notAfter") };
}

/** A predicate for assert.throws / assert.rejects: an Error with this `code`. */
export function withCode(code, field) {
  return (e) => {
    assert.ok(e instanceof Error, `expected an Error, got ${e}`);
    assert.equal(e.code, code, `code (message: ${e.message})`);
    assert.equal(typeof e.message, "string");
    assert.ok(e.message.length > 0, "the error has a message");
    if (field !== undefined) assert.equal(e.field, field);
    return true;
  };
}

/** Base64url without padding -> Buffer. */
export function b64url(s) {
  assert.match(s, /^[A-Za-z0-9_-]*$/, "base64url without padding");
  return Buffer.from(s, "base64url");
}

/** Splits a compact JWS into its decoded parts plus the exact signing input. */
export function splitJwt(jwt) {
  const parts = jwt.split(".");
  assert.equal(parts.length, 3, "a JWS has three parts");
  return {
    headerJson: b64url(parts[0]).toString("utf8"),
    payloadJson: b64url(parts[1]).toString("utf8"),
    signingInput: Buffer.from(`${parts[0]}.${parts[1]}`, "ascii"),
    signature: b64url(parts[2]),
    parts,
  };
}

/** ASN.1 DER length prefix. */
function derLength(n) {
  if (n < 0x80) return Buffer.from([n]);
  const bytes = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A positive big-endian integer as a DER INTEGER. */
function derInteger(bytes) {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  let v = bytes.subarray(i);
  if (v[0] & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return Buffer.concat([Buffer.from([0x02]), derLength(v.length), v]);
}

/** JWS ECDSA signature (raw r || s) -> the DER Ecdsa-Sig-Value openssl dgst wants. */
export function rawEcdsaToDer(raw) {
  assert.equal(raw.length % 2, 0);
  const half = raw.length / 2;
  const body = Buffer.concat([
    derInteger(raw.subarray(0, half)),
    derInteger(raw.subarray(half)),
  ]);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
}

/** The report's documented acceptance flag, checked to be a boolean. */
export function accepted(report) {
  assert.equal(
    typeof report.acceptedByNetSuite,
    "boolean",
    "acceptedByNetSuite",
  );
  return report.acceptedByNetSuite;
}

export const CERTIFICATE_ID = "NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA";
export const CLIENT_ID =
  "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789ABCDEF";
export const TOKEN_BODY_PREFIX =
  "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=";
