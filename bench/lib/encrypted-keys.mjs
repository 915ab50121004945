// The encrypted keys the read-private-key case opens: one per call, each with its own
// fresh salt and IV, made here in Node before the page's clock starts.
//
// Not in the page: Firefox's NSS keeps its last three PBKDF2 results (by passphrase,
// salt and iterations), so a key the page had just encrypted itself, even with a fresh
// salt, would open from that cache in about a millisecond instead of paying the
// 600,000 iterations a user pays. Node's OpenSSL shares no cache with the browser.
import {
  createCipheriv,
  generateKeyPairSync,
  pbkdf2,
  randomBytes,
} from "node:crypto";
import { promisify } from "node:util";

// Must agree with bench/page/operations.mjs and the module's encryptPrivateKey.
export const PASSPHRASE = "correct horse battery staple";
export const PBKDF2_ITERATIONS = 600_000;

// DER, just what an EncryptedPrivateKeyInfo needs (RFC 5958, PBES2 of RFC 8018).
function tlv(tag, ...parts) {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}
const seq = (...parts) => tlv(0x30, ...parts);
const octets = (bytes) => tlv(0x04, bytes);
function integer(n) {
  const bytes = [];
  for (; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  if (!bytes.length || bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}
const hex = (h) => Buffer.from(h, "hex");
const OID_PBES2 = hex("06092a864886f70d01050d");
const OID_PBKDF2 = hex("06092a864886f70d01050c");
const HMAC_SHA256 = seq(hex("06082a864886f70d0209"), hex("0500"));
const OID_AES256_CBC = hex("060960864801650304012a");

/**
 * The PKCS#8 PBES2 encoding our encryptPrivateKey writes: PBKDF2-HMAC-SHA256 (salt,
 * iterations, no key length), AES-256-CBC (IV), then the ciphertext.
 */
function pbes2Pem(salt, iv, ciphertext) {
  const kdf = seq(
    OID_PBKDF2,
    seq(octets(salt), integer(PBKDF2_ITERATIONS), HMAC_SHA256),
  );
  const cipher = seq(OID_AES256_CBC, octets(iv));
  const der = seq(seq(OID_PBES2, seq(kdf, cipher)), octets(ciphertext));
  const lines = der
    .toString("base64")
    .match(/.{1,64}/g)
    .join("\n");
  return `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${lines}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
}

let plain = null; // one EC P-256 key, as the encrypt case's, made on first use

async function encryptFresh() {
  if (!plain) {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const der = privateKey.export({ type: "pkcs8", format: "der" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" });
    plain = { der, pem };
  }
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = await promisify(pbkdf2)(
    PASSPHRASE,
    salt,
    PBKDF2_ITERATIONS,
    32,
    "sha256",
  );
  const c = createCipheriv("aes-256-cbc", key, iv);
  const ciphertext = Buffer.concat([c.update(plain.der), c.final()]);
  return { salt, iv, ciphertext };
}

/**
 * `count` inputs for `impl` in the read-private-key case, each freshly encrypted:
 * ours gets the PEM it would be given, the floor the raw salt, IV and ciphertext
 * (base64); both carry the plain key, which the Node check compares with what opened.
 */
export async function freshEncryptedKeys(impl, count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const { salt, iv, ciphertext } = await encryptFresh();
    out.push(
      impl === "ours"
        ? { plainPem: plain.pem, encryptedPem: pbes2Pem(salt, iv, ciphertext) }
        : {
            plainDer: plain.der.toString("base64"),
            salt: salt.toString("base64"),
            iv: iv.toString("base64"),
            ciphertext: ciphertext.toString("base64"),
          },
    );
  }
  return out;
}
