// The one door to the wasm module. Everything the page knows about NetSuite's rules
// (limits, labels, statuses, day counts) comes through here from the module itself:
// the page restates none of them. One instance, on this thread: every slow call (key
// generation, PBKDF2, signing) is WebCrypto's and asynchronous, so the page stays
// responsive without a worker (bench/README.md, "One wasm instance or two").
import init, * as wasm from "../../pkg/netsuite_m2m.js";

const REQUIRED = [
  "rules",
  "passphraseLength",
  "certificateStatus",
  "organisationName",
];

let ready = null;
let cachedRules = null;

/** Instantiates the module once; rejects when the build lacks the rules API. */
export function loadModule() {
  ready ??= init().then(() => {
    const missing = REQUIRED.filter((name) => typeof wasm[name] !== "function");
    if (missing.length)
      throw Object.assign(
        new Error(
          `this build of the module lacks ${missing.join(", ")}: rebuild it with npm run build`,
        ),
        { code: "module_outdated" },
      );
    cachedRules = deepFreeze(wasm.rules());
  });
  return ready;
}

function deepFreeze(value) {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The module's rules (see the module's `Rules`): read once, frozen. */
export function rules() {
  if (!cachedRules) throw new Error("The module is not loaded yet.");
  return cachedRules;
}

/** A passphrase's length as the module counts it (Unicode scalar values). */
export const passphraseLength = (passphrase) =>
  wasm.passphraseLength(passphrase);

/** `{status, label, daysRemaining}`: the one days-remaining rule. */
export const certificateStatus = (notAfter, options) =>
  wasm.certificateStatus(notAfter, options);

export const parseAccountId = (raw) => wasm.parseAccountId(raw);
export const parseClientId = (raw) => wasm.parseClientId(raw);
export const parseCertificateId = (raw) => wasm.parseCertificateId(raw);
/** `{name, key}`: the stored form of an organisation name and its duplicate key. */
export const organisationName = (raw) => wasm.organisationName(raw);

export const inspectCertificate = async (input) =>
  wasm.inspectCertificate(input);
export const importCryptoKey = async (privateKeyPem, passphrase) =>
  wasm.importCryptoKey(privateKeyPem, passphrase);
export const createClientAssertionWithCryptoKey = async (cryptoKey, options) =>
  wasm.createClientAssertionWithCryptoKey(cryptoKey, options);

/** A key file's passphrase errors name the field they are about. */
const PASSPHRASE_ERRORS = ["passphrase_required", "wrong_passphrase"];
async function withPassphraseField(call) {
  try {
    return await call();
  } catch (error) {
    if (!error.field && PASSPHRASE_ERRORS.includes(error.code))
      error.field = "passphrase";
    throw error;
  }
}

export const generate = async (options) => wasm.generate(options);
export const encryptPrivateKey = async (privateKeyPem, passphrase) =>
  wasm.encryptPrivateKey(privateKeyPem, passphrase);
export const keyMatchesCertificate = (privateKeyPem, certificate, passphrase) =>
  withPassphraseField(() =>
    wasm.keyMatchesCertificate(privateKeyPem, certificate, passphrase),
  );
export const createClientAssertion = (options) =>
  withPassphraseField(() => wasm.createClientAssertion(options));

/** The module's label of a key type; for keys made elsewhere, what the report says. */
export function keyTypeLabel(keyType, key) {
  const known = rules().keyTypes.find((type) => type.id === keyType);
  if (known) return known.label;
  if (key?.algorithm === "EC" && key.curve) return `EC ${key.curve}`;
  if (key?.algorithm === "RSA" && key.bits) return `RSA ${key.bits}`;
  return keyType ?? key?.algorithm ?? "—";
}

/** The module's label of a certificate status id. */
export function statusLabel(status) {
  return rules().statuses.find((s) => s.id === status)?.label ?? status;
}
