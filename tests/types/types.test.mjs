// Types that cannot drift (issue 15 item 6): the generated www/pkg/netsuite_m2m.d.ts
// (src/wasm/types.d.ts plus the JSDoc of src/wasm/mod.rs) is checked against the
// module itself. A strict TypeScript consumer type-checks against it; every
// function's real output, for every key type and the main inputs, validates against
// a JSON Schema generated from its declared return type (closed objects: an
// undeclared field fails); every error code a function really throws is one its
// JSDoc lists, each listed code is really thrown, and the codes are exactly
// those of src/error.rs.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { before, describe, test } from "node:test";
import Ajv from "ajv";
import { m2m, openssl, put, tempDir, DAY_MS } from "../interop/helpers.mjs";
import { readDeclarations } from "./declarations.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DTS = path.join(ROOT, "www", "pkg", "netsuite_m2m.d.ts");
const CONSUMER = fileURLToPath(new URL("./consumer.ts", import.meta.url));
const PASS = "correct horse battery staple";
const NOW = Date.UTC(2026, 5, 1);

const declared = readDeclarations(DTS);
const { functions } = declared;

const ajv = new Ajv({ strict: true, allErrors: true });
// Platform objects (Uint8Array, CryptoKey) are what they claim to be.
ajv.addKeyword({
  keyword: "instanceof",
  schemaType: "string",
  validate: (name, data) => data instanceof globalThis[name],
});
const validators = new Map(
  [...functions].map(([name, f]) => [name, ajv.compile(f.returns)]),
);
const errorSchema = ajv.compile(declared.schemaOf("M2mError"));

const shown = (value) =>
  JSON.stringify(value, (_, v) =>
    v instanceof Uint8Array ? `Uint8Array(${v.length})` : v,
  )?.slice(0, 1500);

/** Asserts `value`, returned by `name`, is what the declarations say `name` returns. */
function conforms(name, value) {
  const validate = validators.get(name);
  assert.ok(
    validate(value),
    `${name} returned what netsuite_m2m.d.ts does not declare: ` +
      `${ajv.errorsText(validate.errors)}\n${shown(value)}`,
  );
}

/** What a call threw or rejected with; fails if it returned. */
async function thrown(call) {
  let value;
  try {
    value = await call();
  } catch (e) {
    return e;
  }
  assert.fail(`expected an error, got ${shown(value)}`);
}

/** Runs `call` with no WebCrypto in this process: the platform's failure. */
async function withoutWebCrypto(call) {
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
const keyTypes = m2m.rules().keyTypes.map((k) => k.id);
const made = {}; // key type -> generate()'s result
const encrypted = {}; // key type -> its private key encrypted with PASS
const dir = tempDir("m2m-types-");
const other = {}; // certificates and keys the module did not make (OpenSSL, Node)

/** A self-signed certificate made by OpenSSL with `keyArgs` (e.g. -newkey rsa:2048). */
function opensslCertificate(name, keyArgs, extra = []) {
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

before(async () => {
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
});

describe("the TypeScript declarations", () => {
  test("declare exactly the functions the module exports", () => {
    const exported = Object.keys(m2m)
      .filter((k) => typeof m2m[k] === "function")
      .filter((k) => k !== "default" && k !== "initSync")
      .sort();
    assert.deepEqual([...functions.keys()].sort(), exported);
  });

  test("a strict TypeScript consumer calling every function type-checks", () => {
    const source = fs.readFileSync(CONSUMER, "utf8");
    for (const name of functions.keys())
      assert.match(
        source,
        new RegExp(`\\b${name}\\(`),
        `consumer.ts never calls ${name}`,
      );
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    try {
      execFileSync(
        process.execPath,
        [
          tsc,
          "--strict",
          "--noEmit",
          "--target",
          "es2022",
          "--module",
          "esnext",
          "--moduleResolution",
          "bundler",
          "--lib",
          "es2022,dom",
          CONSUMER,
        ],
        { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
      );
    } catch (e) {
      assert.fail(`tsc --strict found errors:\n${e.stdout}${e.stderr}`);
    }
  });

  test("ErrorCode is exactly the codes of src/error.rs", () => {
    assert.ok(declared.errorCodes, "netsuite_m2m.d.ts declares no ErrorCode");
    const rust = fs.readFileSync(path.join(ROOT, "src", "error.rs"), "utf8");
    const body = /pub fn code\(&self\)[\s\S]*?\n    \}\n/.exec(rust);
    assert.ok(body, "Error::code() not found in src/error.rs");
    const codes = [...body[0].matchAll(/=> "([a-z0-9_]+)"/g)].map((m) => m[1]);
    assert.ok(codes.length > 10, `only ${codes} found in Error::code()`);
    assert.deepEqual([...declared.errorCodes].sort(), codes.sort());
  });

  test("every documented error code is an ErrorCode", () => {
    for (const [name, f] of functions)
      for (const code of f.throws.codes)
        assert.ok(
          declared.errorCodes?.includes(code),
          `${name} documents ${code}, which ErrorCode does not list`,
        );
  });
});

// Each function with the inputs whose outputs are checked: every key type, every
// status, and the inputs that make the optional parts of the output appear.
const outputCases = {
  parseAccountId: () =>
    [
      "1234567",
      "1234567_SB1",
      "tstdrv1431250",
      "1234567-sb1",
      " 1234567_rp2 ",
    ].map((id) => m2m.parseAccountId(id)),
  parseClientId: () => [m2m.parseClientId("0123456789ABCDEF".repeat(4))],
  parseCertificateId: () =>
    ["NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA", "short"].map((id) =>
      m2m.parseCertificateId(id),
    ),
  organisationName: () =>
    ["Acme Pty Ltd", "  e\u0301cole  ", "株式会社 NetSuite"].map((name) =>
      m2m.organisationName(name),
    ),
  rules: () => [m2m.rules()],
  supportedKeyTypes: () => [m2m.supportedKeyTypes()],
  passphraseLength: () =>
    ["", PASS, "e\u0301", "🔑🔑"].map((p) => m2m.passphraseLength(p)),
  certificateStatus: () => [
    m2m.certificateStatus("2030-01-01T00:00:00Z"),
    m2m.certificateStatus("2026-06-20T00:00:00Z", { now: NOW }),
    m2m.certificateStatus("2026-01-01T00:00:00Z", { now: NOW }),
    m2m.certificateStatus("2027-01-01T00:00:00Z", {
      notBefore: "2026-12-01T00:00:00Z",
      now: NOW,
    }),
  ],
  generate: async () => [
    ...Object.values(made),
    await m2m.generate(),
    await m2m.generate({
      keyType: keyTypes.at(-1),
      validityDays: m2m.rules().validityDays.max,
      commonName: "Types check",
      accountId: "1234567_SB1",
      now: NOW,
    }),
  ],
  inspectCertificate: async () => {
    const reports = [];
    for (const g of Object.values(made)) {
      const notAfter = Date.parse(g.certificate.notAfter);
      reports.push(
        await m2m.inspectCertificate(g.certificate.pem),
        await m2m.inspectCertificate(g.certificateDer, { now: NOW }),
        await m2m.inspectCertificate(g.certificate.pem, {
          now: notAfter - 10 * DAY_MS,
        }),
        await m2m.inspectCertificate(g.certificateDer, {
          now: notAfter + DAY_MS,
        }),
        await m2m.inspectCertificate(g.certificate.pem, { now: NOW - DAY_MS }),
      );
    }
    for (const { cert } of [other.rsa2048, other.ed25519, other.p521])
      reports.push(await m2m.inspectCertificate(cert));
    reports.push(
      await m2m.inspectCertificate(other.leaf),
      await m2m.inspectCertificate(`${other.leaf}\n${other.p521.cert}`),
      await m2m.inspectCertificate(other.tampered, { now: NOW }),
    );
    return reports;
  },
  encryptPrivateKey: () => Object.values(encrypted),
  readPrivateKey: async () => {
    const keys = [];
    for (const keyType of keyTypes)
      keys.push(
        await m2m.readPrivateKey(made[keyType].privateKeyPem),
        await m2m.readPrivateKey(encrypted[keyType], PASS),
      );
    keys.push(
      await m2m.readPrivateKey(other.sec1),
      await m2m.readPrivateKey(other.pkcs1),
    );
    return keys;
  },
  keyMatchesCertificate: async () => [
    await m2m.keyMatchesCertificate(
      made[keyTypes[0]].privateKeyPem,
      made[keyTypes[0]].certificate.pem,
    ),
    await m2m.keyMatchesCertificate(
      encrypted[keyTypes[1]],
      made[keyTypes[0]].certificateDer,
      PASS,
    ),
  ],
  importCryptoKey: async () => [
    await m2m.importCryptoKey(made[keyTypes[0]].privateKeyPem),
    await m2m.importCryptoKey(encrypted[keyTypes[1]], PASS),
  ],
  createClientAssertion: async () => {
    const out = [];
    for (const keyType of keyTypes)
      out.push(
        await m2m.createClientAssertion({
          ...assertionParams(),
          privateKeyPem: made[keyType].privateKeyPem,
        }),
      );
    out.push(
      await m2m.createClientAssertion({
        ...assertionParams(),
        certificateId: "short",
        scopes: m2m.rules().scopes.map((s) => s.id),
        lifetimeSeconds: m2m.rules().assertionLifetimeSeconds.max,
        now: NOW,
        privateKeyPem: encrypted[keyTypes[0]],
        passphrase: PASS,
      }),
    );
    return out;
  },
  readClientAssertion: async () => {
    const out = [];
    for (const keyType of keyTypes)
      out.push(
        m2m.readClientAssertion(
          (
            await m2m.createClientAssertion({
              ...assertionParams(),
              privateKeyPem: made[keyType].privateKeyPem,
            })
          ).jwt,
        ),
      );
    return out;
  },
  createClientAssertionWithCryptoKey: async () => {
    const out = [];
    for (const keyType of keyTypes) {
      const key = await m2m.importCryptoKey(made[keyType].privateKeyPem);
      out.push(
        await m2m.createClientAssertionWithCryptoKey(key, assertionParams()),
      );
    }
    return out;
  },
};

function assertionParams() {
  return {
    certificateId: "NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA",
    clientId: "0123456789abcdef".repeat(4),
    accountId: "1234567_SB1",
  };
}

describe("every function's real output is what its declaration says", () => {
  test("every declared function has output cases", () => {
    assert.deepEqual(
      Object.keys(outputCases).sort(),
      [...functions.keys()].sort(),
    );
  });

  for (const [name, cases] of Object.entries(outputCases))
    test(name, async () => {
      const outputs = await cases();
      assert.ok(outputs.length > 0);
      for (const output of outputs) conforms(name, output);
    });
});

// Bad inputs for each function, and the code each must be refused with.
const first = () => made[keyTypes[0]];
const noCrypto = (call) => () => withoutWebCrypto(call);
const assertionWith = (changes) => () =>
  m2m.createClientAssertion({
    ...assertionParams(),
    privateKeyPem: first().privateKeyPem,
    ...changes,
  });
const withCryptoKey = (changes, key) => async () =>
  m2m.createClientAssertionWithCryptoKey(
    key ?? (await m2m.importCryptoKey(first().privateKeyPem)),
    { ...assertionParams(), ...changes },
  );
/** The bad keys every function that reads a private key must refuse. */
const badKeys = (call) => [
  ["not a key", () => call("hello"), "invalid_private_key"],
  ["a certificate", () => call(first().certificate.pem), "invalid_private_key"],
  ["RSA 2048", () => call(other.rsa2048.key), "unsupported_key_type"],
  [
    "encrypted, no passphrase",
    () => call(encrypted[keyTypes[0]]),
    "passphrase_required",
  ],
];
/** ...and, where a passphrase can open it, a wrong one and a platform failure. */
const keyReaders = (call) => [
  ...badKeys(call),
  [
    "wrong passphrase",
    () => call(encrypted[keyTypes[0]], `${PASS}!`),
    "wrong_passphrase",
  ],
  [
    "no WebCrypto",
    noCrypto(() => call(encrypted[keyTypes[0]], PASS)),
    "crypto_failure",
  ],
];
/** The IDs, scopes, lifetime and time of both assertion functions. */
const assertionOptions = (withChanges) => [
  ["bad account", withChanges({ accountId: "no such" }), "invalid_account_id"],
  ["bad client", withChanges({ clientId: "abc" }), "invalid_client_id"],
  [
    "bad certificate ID",
    withChanges({ certificateId: "" }),
    "invalid_certificate_id",
  ],
  ["unknown scope", withChanges({ scopes: ["admin"] }), "invalid_scope"],
  ["no scope", withChanges({ scopes: [] }), "invalid_scope"],
  [
    "too long",
    withChanges({
      lifetimeSeconds: m2m.rules().assertionLifetimeSeconds.max + 1,
    }),
    "lifetime_too_long",
  ],
  ["0 seconds", withChanges({ lifetimeSeconds: 0 }), "invalid_lifetime"],
  ["now NaN", withChanges({ now: NaN }), "invalid_time"],
  ["now 1970", withChanges({ now: 0 }), "invalid_time"],
];
const errorCases = () => ({
  parseAccountId: [
    ["empty", () => m2m.parseAccountId(""), "invalid_account_id"],
    ["a URL", () => m2m.parseAccountId("https://x"), "invalid_account_id"],
  ],
  parseClientId: [
    ["short", () => m2m.parseClientId("abc"), "invalid_client_id"],
    ["not hex", () => m2m.parseClientId("g".repeat(64)), "invalid_client_id"],
  ],
  parseCertificateId: [
    ["empty", () => m2m.parseCertificateId(""), "invalid_certificate_id"],
    [
      "not base64url",
      () => m2m.parseCertificateId("a+b/c="),
      "invalid_certificate_id",
    ],
  ],
  organisationName: [
    ["empty", () => m2m.organisationName("  "), "invalid_organisation_name"],
    [
      "Hangul filler",
      () => m2m.organisationName("\u3164"),
      "invalid_organisation_name",
    ],
  ],
  rules: [],
  supportedKeyTypes: [],
  passphraseLength: [],
  certificateStatus: [
    ["bad notAfter", () => m2m.certificateStatus("soon"), "invalid_time"],
    [
      "bad notBefore",
      () => m2m.certificateStatus("2030-01-01T00:00:00Z", { notBefore: "x" }),
      "invalid_time",
    ],
    [
      "now NaN",
      () => m2m.certificateStatus("2030-01-01T00:00:00Z", { now: NaN }),
      "invalid_time",
    ],
    [
      "unknown option",
      () => m2m.certificateStatus("2030-01-01T00:00:00Z", { when: 1 }),
      "invalid_options",
    ],
  ],
  generate: [
    [
      "P-521",
      () => m2m.generate({ keyType: "ec-p521" }),
      "unsupported_key_type",
    ],
    [
      "RSA 2048",
      () => m2m.generate({ keyType: "rsa-2048" }),
      "unsupported_key_type",
    ],
    [
      "too long",
      () => m2m.generate({ validityDays: m2m.rules().validityDays.max + 1 }),
      "validity_too_long",
    ],
    ["0 days", () => m2m.generate({ validityDays: 0 }), "invalid_validity"],
    ["1.5 days", () => m2m.generate({ validityDays: 1.5 }), "invalid_validity"],
    [
      "blank CN",
      () => m2m.generate({ commonName: " " }),
      "invalid_common_name",
    ],
    [
      "bad account",
      () => m2m.generate({ accountId: "no such" }),
      "invalid_account_id",
    ],
    ["unknown option", () => m2m.generate({ validity: 30 }), "invalid_options"],
    [
      "wrong option type",
      () => m2m.generate({ validityDays: "30" }),
      "invalid_options",
    ],
    ["now NaN", () => m2m.generate({ now: NaN }), "invalid_time"],
    ["now 1970", () => m2m.generate({ now: 0 }), "invalid_time"],
    ["no WebCrypto", noCrypto(() => m2m.generate()), "crypto_failure"],
  ],
  inspectCertificate: [
    ["garbage", () => m2m.inspectCertificate("hello"), "not_a_certificate"],
    ["a number", () => m2m.inspectCertificate(42), "not_a_certificate"],
    ["empty", () => m2m.inspectCertificate(""), "not_a_certificate"],
    [
      "a private key",
      () => m2m.inspectCertificate(first().privateKeyPem),
      "private_key_not_certificate",
    ],
    [
      "now NaN",
      () => m2m.inspectCertificate(first().certificate.pem, { now: NaN }),
      "invalid_time",
    ],
    [
      "unknown option",
      () => m2m.inspectCertificate(first().certificate.pem, { at: 1 }),
      "invalid_options",
    ],
    [
      "no WebCrypto",
      noCrypto(() => m2m.inspectCertificate(first().certificate.pem)),
      "crypto_failure",
    ],
  ],
  encryptPrivateKey: [
    ...badKeys((pem) => m2m.encryptPrivateKey(pem, PASS)),
    [
      "short passphrase",
      () => m2m.encryptPrivateKey(first().privateKeyPem, "short"),
      "passphrase_too_short",
    ],
    [
      "no WebCrypto",
      noCrypto(() => m2m.encryptPrivateKey(first().privateKeyPem, PASS)),
      "crypto_failure",
    ],
  ],
  readPrivateKey: keyReaders((pem, passphrase) =>
    m2m.readPrivateKey(pem, passphrase),
  ),
  keyMatchesCertificate: [
    ...keyReaders((pem, passphrase) =>
      m2m.keyMatchesCertificate(pem, first().certificate.pem, passphrase),
    ),
    [
      "not a certificate",
      () => m2m.keyMatchesCertificate(first().privateKeyPem, "hello"),
      "not_a_certificate",
    ],
    [
      "a key as certificate",
      () =>
        m2m.keyMatchesCertificate(first().privateKeyPem, first().privateKeyPem),
      "private_key_not_certificate",
    ],
  ],
  importCryptoKey: keyReaders((pem, passphrase) =>
    m2m.importCryptoKey(pem, passphrase),
  ),
  createClientAssertion: [
    ...keyReaders((privateKeyPem, passphrase) =>
      assertionWith({ privateKeyPem, passphrase })(),
    ),
    [
      "no privateKeyPem",
      assertionWith({ privateKeyPem: undefined }),
      "invalid_private_key",
    ],
    ["no options", () => m2m.createClientAssertion(), "invalid_options"],
    ["unknown option", assertionWith({ kid: "x" }), "invalid_options"],
    ...assertionOptions(assertionWith),
  ],
  readClientAssertion: [
    ["empty", () => m2m.readClientAssertion(""), "invalid_client_assertion"],
    [
      "RS256",
      () =>
        m2m.readClientAssertion(
          [{ typ: "JWT", alg: "RS256", kid: "k" }, { iss: "x" }]
            .map((part) =>
              Buffer.from(JSON.stringify(part)).toString("base64url"),
            )
            .concat("c2ln")
            .join("."),
        ),
      "invalid_client_assertion",
    ],
  ],
  createClientAssertionWithCryptoKey: [
    ["with a PEM", withCryptoKey({ privateKeyPem: "x" }), "invalid_options"],
    [
      "no options",
      async () =>
        m2m.createClientAssertionWithCryptoKey(
          await m2m.importCryptoKey(first().privateKeyPem),
        ),
      "invalid_options",
    ],
    [
      "an AES key",
      async () =>
        withCryptoKey(
          {},
          await crypto.subtle.generateKey(
            { name: "AES-GCM", length: 256 },
            false,
            ["encrypt"],
          ),
        )(),
      "unsupported_key_type",
    ],
    ...assertionOptions(withCryptoKey),
    [
      "a verifying key",
      async () => {
        const { publicKey } = await crypto.subtle.generateKey(
          { name: "ECDSA", namedCurve: "P-256" },
          false,
          ["sign", "verify"],
        );
        return withCryptoKey({}, publicKey)();
      },
      "crypto_failure",
    ],
  ],
});

// Every name the declarations give an input: what an error's `field` may blame.
const inputNames = new Set([...functions.values()].flatMap((f) => f.inputs));

describe("every error code a function throws is one it documents", () => {
  test("every declared function has error cases", () => {
    assert.deepEqual(
      Object.keys(errorCases()).sort(),
      [...functions.keys()].sort(),
    );
  });

  for (const name of Object.keys(errorCases()))
    test(name, async () => {
      const cases = errorCases()[name];
      const { codes: documented, text } = functions.get(name).throws;
      const seen = new Set();
      for (const [what, call, code] of cases) {
        const error = await thrown(call);
        assert.ok(error instanceof Error, `${name} (${what}) threw ${error}`);
        assert.ok(
          errorSchema({ ...error }),
          `${name} (${what}) threw what M2mError does not declare: ` +
            `${ajv.errorsText(errorSchema.errors)} in ${shown({ ...error })}: ${error.message}`,
        );
        assert.equal(error.code, code, `${name} (${what}): ${error.message}`);
        if (error.field !== undefined)
          assert.ok(
            inputNames.has(error.field),
            `${name} (${what}) blames "${error.field}", an input no function declares`,
          );
        assert.ok(
          documented.includes(code),
          `${name} (${what}) throws ${code}; its doc comment documents only: ${text || "nothing"}`,
        );
        seen.add(code);
      }
      assert.deepEqual(
        [...documented].sort(),
        [...seen].sort(),
        `${name}'s doc comment lists codes no case provokes, or lists one twice`,
      );
    });
});
