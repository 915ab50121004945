// Every error code a function really throws is one its JSDoc lists, each listed
// code is really thrown, and every error has M2mError's shape and blames a
// declared input.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { before, describe, test } from "node:test";
import { m2m } from "../interop/helpers.mjs";
import {
  PASS,
  ajv,
  assertionParams,
  declared,
  encrypted,
  errorSchema,
  functions,
  keyTypes,
  made,
  other,
  prepare,
  shown,
  thrown,
  withoutWebCrypto,
} from "./fixture.mjs";

before(prepare);

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
    [
      "a NetSuite address without an account",
      () => m2m.parseAccountId("https://system.netsuite.com/"),
      "invalid_account_id",
    ],
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
