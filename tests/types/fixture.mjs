// What the types tests share: the module's declarations read from the generated
// www/pkg/netsuite_m2m.d.ts, schemas compiled from them, and the certificates and
// keys (the module's of every key type, and OpenSSL's and Node's it did not make)
// whose outputs and errors are checked. prepare() makes them once per test file.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { m2m, openssl, put, tempDir, DAY_MS } from "../interop/helpers.mjs";
import { readDeclarations } from "./declarations.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const DTS = path.join(ROOT, "www", "pkg", "netsuite_m2m.d.ts");
export const CONSUMER = fileURLToPath(
  new URL("./consumer.ts", import.meta.url),
);
export const PASS = "correct horse battery staple";
export const NOW = Date.UTC(2026, 5, 1);

export const declared = readDeclarations(DTS);
export const functions = declared.functions;

export const ajv = new Ajv({ strict: true, allErrors: true });
// Platform objects (Uint8Array, CryptoKey) are what they claim to be.
ajv.addKeyword({
  keyword: "instanceof",
  schemaType: "string",
  validate: (name, data) => data instanceof globalThis[name],
});
export const validators = new Map(
  [...functions].map(([name, f]) => [name, ajv.compile(f.returns)]),
);
export const errorSchema = ajv.compile(declared.schemaOf("M2mError"));

export const shown = (value) =>
  JSON.stringify(value, (_, v) =>
    v instanceof Uint8Array ? `Uint8Array(${v.length})` : v,
  )?.slice(0, 1500);

/** Asserts `value`, returned by `name`, is what the declarations say `name` returns. */
export function conforms(name, value) {
  const validate = validators.get(name);
  assert.ok(
    validate(value),
    `${name} returned what netsuite_m2m.d.ts does not declare: ` +
      `${ajv.errorsText(validate.errors)}\n${shown(value)}`,
  );
}

/** What a call threw or rejected with; fails if it returned. */
export async function thrown(call) {
  let value;
  try {
    value = await call();
  } catch (e) {
    return e;
  }
  assert.fail(`expected an error, got ${shown(value)}`);
}

/** Runs `call` with no WebCrypto in this process: the platform's failure. */
export async function withoutWebCrypto(call) {
  const original = Object.getOwnPropertyDescriptor(globalThis, "crypto");
  Object.defineProperty(globalThis, "crypto", {
    value: undefined,
    configurable: true,
  });
  try {
    return await call();
  } finally {
    Object.defineProperty(globalThis, "crypto", original);
  }
}

// Key types, read from the module (it is the rulebook).
export const keyTypes = m2m.rules().keyTypes.map((k) => k.id);
export const made = {}; // key type -> generate()'s result
export const encrypted = {}; // key type -> its private key encrypted with PASS
export const dir = tempDir("m2m-types-");
export const other = {}; // certificates and keys the module did not make (OpenSSL, Node)

/** A self-signed certificate made by OpenSSL with `keyArgs` (e.g. -newkey rsa:2048). */
export function opensslCertificate(name, keyArgs, extra = []) {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.crt`);
  openssl([
    "req",
    "-x509",
    ...keyArgs,
    "-nodes",
    "-keyout",
    key,
    "-out",
    cert,
    "-subj",
    `/CN=${name}`,
    "-days",
    "30",
    ...extra,
  ]);
  return {
    key: fs.readFileSync(key, "utf8"),
    cert: fs.readFileSync(cert, "utf8"),
  };
}

let prepared = null;
/** Fills `made`, `encrypted` and `other` once per test file (call it in `before`). */
export function prepare() {
  prepared ??= fill();
  return prepared;
}

async function fill() {
  for (const keyType of keyTypes) {
    made[keyType] = await m2m.generate({ keyType, now: NOW });
    encrypted[keyType] = await m2m.encryptPrivateKey(
      made[keyType].privateKeyPem,
      PASS,
    );
  }
  other.rsa2048 = opensslCertificate("rsa2048", ["-newkey", "rsa:2048"]);
  other.ed25519 = opensslCertificate("ed25519", ["-newkey", "ed25519"]);
  other.p521 = opensslCertificate("p521", [
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-521",
  ]);
  // A leaf signed by another certificate (issuer is not subject).
  const csr = put(dir, "leaf.csr", "");
  const leafKey = path.join(dir, "leaf.key");
  openssl([
    "req",
    "-new",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    leafKey,
    "-out",
    csr,
    "-subj",
    "/CN=leaf",
  ]);
  other.leaf = openssl([
    "x509",
    "-req",
    "-in",
    csr,
    "-CA",
    put(dir, "ca.crt", other.p521.cert),
    "-CAkey",
    put(dir, "ca.key", other.p521.key),
    "-days",
    "30",
  ]);
  // The module's own certificate with its signature's last byte changed.
  const der = Buffer.from(made[keyTypes[0]].certificateDer);
  der[der.length - 1] ^= 1;
  other.tampered = der;
  const { privateKey } = crypto.generateKeyPairSync("ec", {
    namedCurve: "P-256",
  });
  other.sec1 = privateKey.export({ type: "sec1", format: "pem" });
  const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 3072 });
  other.pkcs1 = rsa.privateKey.export({ type: "pkcs1", format: "pem" });
}

export function assertionParams() {
  return {
    certificateId: "NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA",
    clientId: "0123456789abcdef".repeat(4),
    accountId: "1234567_SB1",
  };
}
