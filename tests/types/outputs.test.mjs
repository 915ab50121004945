// Every function's real output, for every key type and the main inputs, validates
// against a JSON Schema made from its declared return type (closed objects: an
// undeclared field fails).
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { m2m, DAY_MS } from "../interop/helpers.mjs";
import {
  NOW,
  PASS,
  assertionParams,
  conforms,
  declared,
  encrypted,
  functions,
  keyTypes,
  made,
  other,
  prepare,
} from "./fixture.mjs";

before(prepare);

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
      "https://1234567-sb1.app.netsuite.com/app/center/card.nl",
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

describe("a key type's label is what is shown; the recommendation is for choosing", () => {
  test("labels never say (recommended); the default's choice label does", () => {
    const types = m2m.rules().keyTypes;
    for (const type of types) {
      assert.doesNotMatch(type.label, /recommended/);
      assert.equal(
        type.choiceLabel,
        type.isDefault ? `${type.label} (recommended)` : type.label,
      );
    }
    assert.equal(types.filter((t) => t.isDefault).length, 1);
  });
});
