// Shared helpers of the simulator tests: a simulator on a free loopback port,
// keys and certificates made by the `openssl` command, JWT assertions signed
// by Node's crypto or by OpenSSL, and token requests over real HTTP.
import { execFileSync } from "node:child_process";
import { constants, createPrivateKey, sign } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after } from "node:test";
import { startSimulator } from "../../netsuite-simulator/app.js";

export const OPENSSL = "openssl";
export const LABEL = "1234567-sb1";
export const ACCOUNT_ID = "1234567_SB1";
export const REAL_TOKEN_URL = `https://${LABEL}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token`;
export const CLIENT_ID =
  "4d3f1c2b5a6978e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a69788f9e0d1c2b3a4";
export const ASSERTION_TYPE =
  "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** Key types NetSuite accepts, the openssl -newkey argument and the JWT alg for each. */
export const KEY_TYPES = [
  { name: "RSA 3072", newkey: ["-newkey", "rsa:3072"], alg: "PS256" },
  { name: "RSA 4096", newkey: ["-newkey", "rsa:4096"], alg: "PS512" },
  {
    name: "EC P-256",
    newkey: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
    alg: "ES256",
  },
  {
    name: "EC P-384",
    newkey: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
    alg: "ES384",
  },
  {
    name: "EC P-521",
    newkey: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-521"],
    alg: "ES512",
  },
];

/** A fresh temp directory, removed after the calling file's tests. */
export function tempDir() {
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), "netsuite-simulator-test-"),
  );
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let serial = 0;
/**
 * A key and self-signed certificate made by `openssl req -x509`
 * (`newkey`: openssl's -newkey arguments; `days`: validity).
 */
export function makeCertificate(
  dir,
  newkey,
  { days = 365, name = `cert${++serial}` } = {},
) {
  const keyFile = path.join(dir, `${name}.key.pem`);
  const certFile = path.join(dir, `${name}.pem`);
  execFileSync(
    OPENSSL,
    [
      "req",
      "-x509",
      ...newkey,
      "-nodes",
      "-days",
      String(days),
      "-subj",
      `/CN=${name}.example`,
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const certPem = fs.readFileSync(certFile, "utf8");
  return {
    keyFile,
    certFile,
    certPem,
    keyPem: fs.readFileSync(keyFile, "utf8"),
    id: opensslCertificateId(certFile),
  };
}

/** The Certificate ID the way OpenSSL computes it: SHA-256 of the DER, base64url. */
export function opensslCertificateId(certFile) {
  const der = execFileSync(OPENSSL, [
    "x509",
    "-in",
    certFile,
    "-outform",
    "DER",
  ]);
  const digest = execFileSync(OPENSSL, ["dgst", "-sha256", "-binary"], {
    input: der,
  });
  return digest.toString("base64url");
}

const b64url = (value) =>
  Buffer.from(JSON.stringify(value)).toString("base64url");
const HASHES = { 256: "sha256", 384: "sha384", 512: "sha512" };

/** The usual claims of a valid assertion (`now` in seconds). */
export function claims({
  now = Math.floor(Date.now() / 1000),
  ...overrides
} = {}) {
  return {
    iss: CLIENT_ID,
    scope: ["restlets", "rest_webservices"],
    aud: REAL_TOKEN_URL,
    iat: now,
    exp: now + 300,
    jti: `${now}-${++serial}`,
    ...overrides,
  };
}

/** The signing input of a JWT with this header and payload. */
export const signingInput = (header, payload) =>
  `${b64url(header)}.${b64url(payload)}`;

/** A JWT signed by Node's crypto (RSASSA-PSS with digest-length salt, or raw r||s ECDSA). */
export function signWithNode(keyPem, header, payload) {
  const input = signingInput(header, payload);
  const hash = HASHES[header.alg.slice(2)];
  const key = createPrivateKey(keyPem);
  const options = header.alg.startsWith("ES")
    ? { key, dsaEncoding: "ieee-p1363" }
    : header.alg.startsWith("PS")
      ? {
          key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: Number(header.alg.slice(2)) / 8,
        }
      : { key, padding: constants.RSA_PKCS1_PADDING };
  return `${input}.${sign(hash, Buffer.from(input), options).toString("base64url")}`;
}

/** A JWT signed by the `openssl dgst` command; ES DER signatures turned into raw r||s. */
export function signWithOpenssl(dir, keyFile, header, payload) {
  const input = signingInput(header, payload);
  const inputFile = path.join(dir, `input-${++serial}.txt`);
  fs.writeFileSync(inputFile, input);
  const hash = HASHES[header.alg.slice(2)];
  const pss = header.alg.startsWith("PS")
    ? ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"]
    : [];
  let signature = execFileSync(OPENSSL, [
    "dgst",
    `-${hash}`,
    "-sign",
    keyFile,
    ...pss,
    inputFile,
  ]);
  if (header.alg.startsWith("ES"))
    signature = derToRaw(
      signature,
      { ES256: 32, ES384: 48, ES512: 66 }[header.alg],
    );
  return `${input}.${signature.toString("base64url")}`;
}

// ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } -> r || s, each `size` bytes.
function derToRaw(der, size) {
  let offset = 1;
  offset += der[offset] & 0x80 ? 1 + (der[offset] & 0x7f) : 1;
  const parts = [];
  for (let i = 0; i < 2; i++) {
    if (der[offset] !== 0x02) throw new Error("not an ECDSA DER signature");
    const length = der[offset + 1];
    let value = der.subarray(offset + 2, offset + 2 + length);
    while (value.length > size && value[0] === 0) value = value.subarray(1);
    parts.push(Buffer.concat([Buffer.alloc(size - value.length), value]));
    offset += 2 + length;
  }
  return Buffer.concat(parts);
}

/** A simulator on a free loopback port, closed after the calling file's tests. */
export async function simulator(options = {}) {
  const sim = await startSimulator({ port: 0, ...options });
  after(() => sim.close());
  return {
    ...sim,
    tokenUrl: (label = LABEL) =>
      `${sim.url}${label}/services/rest/auth/oauth2/v1/token`,
    api: (method, target, body) => call(sim.url, method, target, body),
  };
}

/**
 * One HTTP request over a fresh connection (no keep-alive: the tests block
 * their event loop while openssl runs, which would race an idle socket's
 * close). Answers { status, headers (a Headers), text, body (parsed JSON) }.
 */
export function send(url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers))
          answerHeaders.set(name, [value].flat().join(", "));
        resolve({
          status: res.statusCode,
          headers: answerHeaders,
          text,
          body: json,
        });
      });
      res.on("error", reject);
    });
    req.setTimeout(20_000, () =>
      req.destroy(new Error(`no answer from ${method} ${url}`)),
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A JSON call to the simulator at `base`. */
export function call(base, method, target, body) {
  return send(new URL(target, base), {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** POSTs a token request the way NetSuite's clients do; `form` overrides fields. */
export function requestToken(
  url,
  assertion,
  {
    form = {},
    contentType = "application/x-www-form-urlencoded",
    method = "POST",
    body,
    headers = {},
  } = {},
) {
  const fields = {
    grant_type: "client_credentials",
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: assertion,
    ...form,
  };
  const encoded = new URLSearchParams(
    Object.entries(fields).filter(
      ([, value]) => value !== undefined && value !== null,
    ),
  ).toString();
  return send(url, {
    method,
    headers: {
      ...(contentType ? { "Content-Type": contentType } : {}),
      ...headers,
    },
    body: method === "GET" ? undefined : (body ?? encoded),
  });
}

/** An account with one application (all scopes unless given) and one certificate mapped to it. */
export async function setUpAccount(
  sim,
  certificate,
  { clientId = CLIENT_ID, scopes, label = LABEL } = {},
) {
  const app = await sim.api("POST", `${label}/simulator/api/applications`, {
    name: "Test app",
    clientId,
    scopes,
  });
  if (app.status !== 201 && app.body?.error !== "duplicate_client_id")
    throw new Error(`application: ${app.text}`);
  const mapping = await sim.api("POST", `${label}/simulator/api/certificates`, {
    clientId,
    entity: "Larry Nelson",
    role: "Administrator",
    pem: certificate.certPem,
  });
  if (mapping.status !== 201) throw new Error(`certificate: ${mapping.text}`);
  return mapping.body;
}

/** The newest login audit trail entry of the account. */
export async function lastAuditEntry(sim, label = LABEL) {
  const { body } = await sim.api(
    "GET",
    `${label}/simulator/api/login-audit-trail`,
  );
  return body.entries.at(-1);
}

/** A multipart/form-data body as a browser sends it: text fields, then files. */
export function multipart(fields, files = {}) {
  const boundary = `----simulator-test-${Date.now()}-${++serial}`;
  const parts = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  for (const [name, { fileName, content }] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: application/x-x509-ca-cert\r\n\r\n`,
      ),
    );
    parts.push(Buffer.from(content), Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    body: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
