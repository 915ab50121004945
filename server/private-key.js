// Recognises private key material anywhere in a request, so that it can be
// refused before it reaches storage or a log. The backend only ever holds
// public data; a private key sent here (pasted into the wrong field, say) must
// not be kept anywhere.

// Every check below runs in time linear in the input: a request body is
// attacker-controlled, and a backtracking pattern over a 64 KiB run of dashes
// once took seconds (issue 11). The patterns left are anchored on a literal
// and never let two unbounded repetitions compete for the same characters.

// The members only a private JWK has: "d" (EC, OKP, RSA), and RSA's CRT
// values, any of which gives the key away without "d".
const JWK_PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi"];
// A private JWK pasted as text. (Quotes may arrive escaped, as in a JSON
// string or a raw body.)
const JWK_TEXT = /\\?"kty\\?"\s*:/;
const JWK_PRIVATE_MEMBER = /\\?"(?:d|p|q|dp|dq|qi)\\?"\s*:\s*\\?"/;

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
      if (
        typeof item.kty === "string" &&
        JWK_PRIVATE_MEMBERS.some((name) => typeof item[name] === "string")
      )
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
  const lower = text.toLowerCase();
  if (hasPemPrivateKeyArmour(lower) || hasPuttyPrivateKey(lower)) return true;
  if (JWK_TEXT.test(text) && JWK_PRIVATE_MEMBER.test(text)) return true;
  // Base64 of DER: PEM bodies are wrapped, so join the lines before looking.
  // JSON escapes (line breaks, "\/") may survive in a raw body: undo them too.
  const joined = text.replace(/\\[nrt]|\s+/g, "").replace(/\\\//g, "/");
  // Runs of at least 64 base64 characters (standard or URL-safe).
  if (runsOf(joined, isBase64, 64).some(base64RunContainsPrivateKey))
    return true;
  // Hex of DER ("308187020100...", "30:81:87:02:...", upper or lower case):
  // drop the byte separators, then read runs of at least 80 hex digits (40
  // bytes, the smallest key header looksLikePrivateKeyHeader accepts; a
  // Client ID has 64).
  return runsOf(joined.replace(/:/g, ""), isHex, 80).some(
    hexRunContainsPrivateKey,
  );
}

// PEM armour of any private key (PRIVATE KEY, RSA/EC/DSA/OPENSSH/ENCRYPTED
// PRIVATE KEY): "-----BEGIN ... PRIVATE" with at most 40 other characters
// between, or "PRIVATE KEY-----" (the end of the BEGIN line). Dashes and
// white space may be doubled or broken up. `lower` is the lower-cased text.
function hasPemPrivateKeyArmour(lower) {
  for (
    let at = lower.indexOf("begin");
    at !== -1;
    at = lower.indexOf("begin", at + 1)
  ) {
    // "-----" within the run of dashes and white space before BEGIN (runs
    // before two BEGINs never overlap, so this stays linear)...
    if (!hasFiveDashes(lower, at - 1, -1)) continue;
    // ... and "private" soon after, with no dash between.
    const after = lower.slice(at + 5, at + 5 + 40 + "private".length);
    const found = after.indexOf("private");
    if (found !== -1 && !after.slice(0, found).includes("-")) return true;
  }
  for (
    let at = lower.indexOf("private");
    at !== -1;
    at = lower.indexOf("private", at + 1)
  ) {
    let next = skip(lower, at + "private".length, isSpaceUnderscoreOrDash);
    if (!lower.startsWith("key", next)) continue;
    if (hasFiveDashes(lower, next + "key".length, 1)) return true;
  }
  return false;
}

// Walks from `from` in direction `step` over dashes and white space; true if
// five dashes in a row are among them.
function hasFiveDashes(text, from, step) {
  let dashes = 0;
  for (let i = from; i >= 0 && i < text.length; i += step) {
    const char = text[i];
    if (char === "-") {
      if (++dashes === 5) return true;
    } else if (isSpace(char)) dashes = 0;
    else return false;
  }
  return false;
}

// PuTTY's key files: a "PuTTY-User-Key-File-<n>:" header, later "Private-Lines:".
function hasPuttyPrivateKey(lower) {
  const header = "putty-user-key-file-";
  for (
    let at = lower.indexOf(header);
    at !== -1;
    at = lower.indexOf(header, at + 1)
  ) {
    const digitsEnd = skip(lower, at + header.length, isDigit);
    if (digitsEnd > at + header.length && lower[digitsEnd] === ":")
      return lower.includes("private-lines:", digitsEnd);
  }
  return false;
}

function skip(text, from, accept) {
  let i = from;
  while (i < text.length && accept(text[i])) i++;
  return i;
}

// Per-character tests by table lookup for ASCII (the hot path on long runs).
const BASE64_CHARS = asciiTable((c) => /[A-Za-z0-9+/_-]/.test(c));
const SPACE_CHARS = asciiTable((c) => /\s/.test(c));
const isSpace = (char) =>
  char.charCodeAt(0) < 128
    ? SPACE_CHARS[char.charCodeAt(0)] === 1
    : /\s/.test(char);
const isDigit = (char) => char >= "0" && char <= "9";
const isSpaceUnderscoreOrDash = (char) =>
  char === "-" || char === "_" || isSpace(char);
const isBase64 = (char) => BASE64_CHARS[char.charCodeAt(0)] === 1;
const HEX_CHARS = asciiTable((c) => /[0-9A-Fa-f]/.test(c));
const isHex = (char) => HEX_CHARS[char.charCodeAt(0)] === 1;

function asciiTable(test) {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++)
    table[code] = test(String.fromCharCode(code)) ? 1 : 0;
  return table;
}

// Maximal runs of at least `min` characters that `accept`s.
function runsOf(text, accept, min) {
  const runs = [];
  for (let i = 0; i < text.length;) {
    const end = skip(text, i, accept);
    if (end - i >= min) runs.push(text.slice(i, end));
    i = end + 1;
  }
  return runs;
}

// The key may start at any byte of either alignment of the run: decode both
// once, and read the header at every 0x30.
function hexRunContainsPrivateKey(run) {
  for (const offset of [0, 1]) {
    const bytes = Buffer.from(
      run.slice(offset, offset + Math.floor((run.length - offset) / 2) * 2),
      "hex",
    );
    for (
      let start = bytes.indexOf(0x30);
      start !== -1 && bytes.length - start >= 40;
      start = bytes.indexOf(0x30, start + 1)
    )
      if (looksLikePrivateKeyHeader(bytes.subarray(start, start + 48)))
        return true;
  }
  return false;
}

// A DER SEQUENCE (0x30) always starts a base64 quantum with "M"; the key may
// begin anywhere in the run, so every "M" is a candidate start. The run is
// decoded once per alignment (4 in all); each candidate then reads the 48
// bytes it would decode to, without copying.
function base64RunContainsPrivateKey(run) {
  const standard = run.replace(/-/g, "+").replace(/_/g, "/");
  const decoded = [0, 1, 2, 3].map((offset) =>
    Buffer.from(
      standard.slice(
        offset,
        offset + Math.floor((run.length - offset) / 4) * 4,
      ),
      "base64",
    ),
  );
  for (
    let start = run.indexOf("M");
    start !== -1 && run.length - start >= 64;
    start = run.indexOf("M", start + 1)
  ) {
    const offset = start % 4;
    const byteStart = ((start - offset) / 4) * 3;
    const head = decoded[offset].subarray(byteStart, byteStart + 48);
    if (looksLikePrivateKeyHeader(head)) return true;
  }
  return false;
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
