// The bench page's operation cases (besides generation): encrypting and opening a
// private key, client assertions, certificate inspection; each against its peers
// (op-peers.mjs). bench.mjs dispatches window.bench.run(impl, op, ...) here when `op` is
// not a key type. Each implementation returns a sample that bench/lib/operation-checks.mjs
// checks in Node; one is a function, or { prepare, call } when its input must be unpacked
// before the clock starts.
import {
  ACCOUNT_ID,
  CERTIFICATE_ID,
  CLIENT_ID,
  PASSPHRASE,
  base64,
  fromBase64,
  pemBody,
} from "/page/op-common.mjs";
import {
  floorDecrypt,
  floorEncrypt,
  floorJwt,
  joseJwt,
  peculiarInspect,
} from "/page/op-peers.mjs";

// Key material made once per page: an ES256 (EC P-256) and a PS256 (RSA 3072) key pair
// with its certificate, from our module, and each private key as a WebCrypto CryptoKey.
async function makeKeys(m2m) {
  const keys = {};
  for (const [keyType, alg, algorithm] of [
    ["ec-p256", "ES256", { name: "ECDSA", namedCurve: "P-256" }],
    ["rsa-3072", "PS256", { name: "RSA-PSS", hash: "SHA-256" }],
  ]) {
    const made = await m2m.generate({ keyType });
    const cryptoKey = await crypto.subtle.importKey(
      "pkcs8",
      pemBody(made.privateKeyPem),
      algorithm,
      false,
      ["sign"],
    );
    keys[alg] = {
      privateKeyPem: made.privateKeyPem,
      certPem: made.certificate.pem,
      cryptoKey,
    };
  }
  return keys;
}

function encryptCase(m2m, plainPem) {
  const plainDer = pemBody(plainPem);
  return {
    ours: async () => ({
      plainPem,
      encryptedPem: await m2m.encryptPrivateKey(plainPem, PASSPHRASE),
    }),
    "webcrypto-floor": async () => {
      const e = await floorEncrypt(plainDer);
      return {
        plainDer: base64(plainDer),
        salt: base64(e.salt),
        iv: base64(e.iv),
        ciphertext: base64(e.ciphertext),
      };
    },
  };
}

// Each call opens a key of its own, encrypted in Node with a fresh salt
// (bench/lib/encrypted-keys.mjs): a key encrypted in this page would open from
// Firefox's PBKDF2 cache.
function readCase(m2m) {
  return {
    ours: async ({ plainPem, encryptedPem }) => ({
      plainPem,
      opened: (await m2m.readPrivateKey(encryptedPem, PASSPHRASE))
        .privateKeyPem,
    }),
    "webcrypto-floor": {
      prepare: ({ plainDer, salt, iv, ciphertext }) => ({
        plainDer,
        salt: fromBase64(salt),
        iv: fromBase64(iv),
        ciphertext: fromBase64(ciphertext),
      }),
      call: async ({ plainDer, ...encrypted }) => ({
        plainDer,
        opened: base64(await floorDecrypt(encrypted)),
      }),
    },
  };
}

function assertionCase(m2m, alg, key, tokenEndpoint) {
  const options = {
    certificateId: CERTIFICATE_ID,
    clientId: CLIENT_ID,
    accountId: ACCOUNT_ID,
  };
  const out = (jwt) => ({ jwt, certPem: key.certPem, tokenEndpoint });
  return {
    ours: async () =>
      out(
        (
          await m2m.createClientAssertion({
            privateKeyPem: key.privateKeyPem,
            ...options,
          })
        ).jwt,
      ),
    "ours-cryptokey": async () =>
      out(
        (await m2m.createClientAssertionWithCryptoKey(key.cryptoKey, options))
          .jwt,
      ),
    jose: async () => out(await joseJwt(alg, key.cryptoKey, tokenEndpoint)),
    "webcrypto-floor": async () =>
      out(await floorJwt(alg, key.cryptoKey, tokenEndpoint)),
  };
}

function inspectCase(m2m, certPem) {
  return {
    ours: async () => {
      const r = await m2m.inspectCertificate(certPem);
      return {
        certPem,
        fingerprintSha256: r.fingerprintSha256,
        selfSigned: r.selfSigned,
      };
    },
    peculiar: async () => ({ certPem, ...(await peculiarInspect(certPem)) }),
  };
}

/** Key material made once per page, then the operation table bench.mjs runs. */
export async function makeOperations(m2m) {
  const { tokenEndpoint } = await m2m.parseAccountId(ACCOUNT_ID);
  const keys = await makeKeys(m2m);
  return {
    "encrypt-private-key": encryptCase(m2m, keys.ES256.privateKeyPem),
    "read-private-key": readCase(m2m),
    "assertion-es256": assertionCase(m2m, "ES256", keys.ES256, tokenEndpoint),
    "assertion-ps256": assertionCase(m2m, "PS256", keys.PS256, tokenEndpoint),
    "inspect-ec-p256": inspectCase(m2m, keys.ES256.certPem),
    "inspect-rsa-3072": inspectCase(m2m, keys.PS256.certPem),
  };
}
