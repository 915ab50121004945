// Recognises private key material anywhere in a request, so that it can be
// refused before it reaches storage or a log. The backend only ever holds
// public data; a private key sent here (pasted into the wrong field, say) must
// not be kept anywhere.

// PEM armour of any private key: PRIVATE KEY, RSA/EC/DSA/OPENSSH/ENCRYPTED PRIVATE KEY.
const PEM_PRIVATE_KEY =
  /PRIVATE[\s_-]*KEY[\s-]*-----|-----[\s-]*BEGIN[^-]{0,40}PRIVATE/i;
// A private JWK (its "d" member) pasted as text, and PuTTY's key files.
// (Quotes may arrive escaped, as in a JSON string or a raw body.)
const JWK_TEXT = /\\?"kty\\?"\s*:/;
const JWK_PRIVATE_MEMBER = /\\?"d\\?"\s*:\s*\\?"/;
const PUTTY_PRIVATE = /PuTTY-User-Key-File-\d+:[\s\S]*Private-Lines:/i;

// Object identifiers (DER content bytes, hex) that open the AlgorithmIdentifier
// of a PKCS#8 PrivateKeyInfo or an EncryptedPrivateKeyInfo.
const KEY_ALGORITHM_OID_PREFIXES = [
  "2a864886f70d0101", // PKCS#1: rsaEncryption, RSASSA-PSS
  "2a8648ce3d02", // ecPublicKey
  "2a8648ce38", // DSA
  // X25519, X448, Ed25519, Ed448
  "2b656e",
  "2b656f",
  "2b6570",
  "2b6571",
  "2a864886f70d0105", // PKCS#5 PBES1/PBES2 (encrypted PKCS#8)
  "2a864886f70d010c", // PKCS#12 PBE (encrypted PKCS#8)
  "2a8648ce3e", // DH
  "2a864886f70d010301", // DH (PKCS#3)
  // GOST R 34.10
  "2a850302",
  "2a8503070101",
  "2a811ccf5501822d", // SM2
];

/** True if `value` (a parsed JSON value or a raw string) contains private key material. */
export function containsPrivateKey(value) {
  // Iterative: a 64 KiB body can nest tens of thousands of levels deep.
  const pending = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === "string") {
      if (stringContainsPrivateKey(item)) return true;
    } else if (Array.isArray(item)) {
      for (const element of item) pending.push(element);
    } else if (item !== null && typeof item === "object") {
      // A private JWK sent as JSON.
      if (typeof item.kty === "string" && typeof item.d === "string")
        return true;
      for (const [key, member] of Object.entries(item)) {
        if (stringContainsPrivateKey(key)) return true;
        pending.push(member);
      }
    }
  }
  return false;
}

function stringContainsPrivateKey(text) {
  if (PEM_PRIVATE_KEY.test(text) || PUTTY_PRIVATE.test(text)) return true;
  if (JWK_TEXT.test(text) && JWK_PRIVATE_MEMBER.test(text)) return true;
  // Base64 of DER: PEM bodies are wrapped, so join the lines before looking.
  // JSON escapes (line breaks, "\/") may survive in a raw body: undo them too.
  const joined = text.replace(/\\[nrt]|\s+/g, "").replace(/\\\//g, "/");
  for (const run of joined.match(/[A-Za-z0-9+/_-]{64,}={0,2}/g) ?? []) {
    if (base64RunContainsPrivateKey(run)) return true;
  }
  return false;
}

// A DER SEQUENCE (0x30) always starts a base64 quantum with "M"; the key may
// begin anywhere in the run, so every "M" is a candidate start.
function base64RunContainsPrivateKey(run) {
  for (
    let start = run.indexOf("M");
    start !== -1 && run.length - start >= 64;
    start = run.indexOf("M", start + 1)
  ) {
    const head = decodeBase64(run.slice(start, start + 64));
    if (!looksLikePrivateKeyHeader(head)) continue;
    return true;
  }
  return false;
}

function decodeBase64(text) {
  return Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

// Reads one DER TLV at `offset`; returns null when malformed.
function readTlv(bytes, offset) {
  if (offset + 2 > bytes.length) return null;
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let headerLength = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count < 1 || count > 3 || offset + 2 + count > bytes.length)
      return null;
    length = 0;
    for (let i = 0; i < count; i++)
      length = length * 256 + bytes[offset + 2 + i];
    headerLength += count;
  }
  return { tag, length, start: offset + headerLength };
}

function looksLikePrivateKeyHeader(bytes) {
  const outer = readTlv(bytes, 0);
  if (!outer || outer.tag !== 0x30 || outer.length < 40) return false;
  const first = readTlv(bytes, outer.start);
  if (!first) return false;

  if (first.tag === 0x02 && first.length === 1) {
    const version = bytes[first.start];
    const second = readTlv(bytes, first.start + 1);
    if (!second || version === undefined) return false;
    // PKCS#8 PrivateKeyInfo / OneAsymmetricKey: version 0|1, AlgorithmIdentifier.
    if ((version === 0 || version === 1) && second.tag === 0x30)
      return algorithmOidIsKey(bytes, second.start);
    // PKCS#1 RSAPrivateKey / DSA: version 0, INTEGER modulus (or p).
    if (version === 0 && second.tag === 0x02 && second.length >= 64)
      return true;
    // SEC 1 ECPrivateKey: version 1, OCTET STRING privateKey.
    if (
      version === 1 &&
      second.tag === 0x04 &&
      second.length >= 16 &&
      second.length <= 72
    )
      return true;
    return false;
  }
  // EncryptedPrivateKeyInfo: AlgorithmIdentifier (PBES2/PBE), OCTET STRING.
  if (first.tag === 0x30)
    return algorithmOidIsKey(bytes, first.start, [
      "2a864886f70d0105",
      "2a864886f70d010c",
    ]);
  return false;
}

function algorithmOidIsKey(
  bytes,
  offset,
  prefixes = KEY_ALGORITHM_OID_PREFIXES,
) {
  const oid = readTlv(bytes, offset);
  if (
    !oid ||
    oid.tag !== 0x06 ||
    oid.length < 3 ||
    oid.start + oid.length > bytes.length
  )
    return false;
  const hex = bytes.subarray(oid.start, oid.start + oid.length).toString("hex");
  return prefixes.some((prefix) => hex.startsWith(prefix));
}
