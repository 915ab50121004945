// What the bench page's operation cases share: the job's fixed inputs (passphrase,
// NetSuite ids, the assertion's claims) and the byte encodings.
export const PASSPHRASE = "correct horse battery staple";
export const PBKDF2_ITERATIONS = 600_000; // as the module's encryptPrivateKey
export const CERTIFICATE_ID = "NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA";
export const CLIENT_ID =
  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
export const ACCOUNT_ID = "1234567_SB1";
export const LIFETIME_SECONDS = 300;
export const SCOPES = ["rest_webservices"];

export const utf8 = new TextEncoder();

export function base64(bytes) {
  let s = "";
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s);
}

export const base64url = (bytes) =>
  base64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

export const fromBase64 = (b64) =>
  Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

export const pemBody = (pem) =>
  fromBase64(pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, ""));
