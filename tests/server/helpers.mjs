// Shared helpers of the server tests: real servers on loopback, raw HTTP
// requests (no client-side normalisation of paths or headers), certificates.
import http from "node:http";
import { spawn, execFileSync } from "node:child_process";
import { mkdtemp, rm, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { startServer } from "../../server/app.js";
import { loadModule } from "../../server/m2m.js";
import { DATABASE_FILE } from "../../server/store/index.js";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export const ACCOUNT_ID = "1234567_SB1";
export const CLIENT_ID =
  "4d3f1c2b5a6978e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a69788f9e0d1c2b3a4";
export const CERTIFICATE_ID = "NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA";
export const OTHER_CERTIFICATE_ID =
  "Zx9kQ2mB-7rTfLw3JcVnYp0aHs6DdEeUuIiOoPqRtSg";

/** The path of `org`'s NetSuite integration. */
export const integrationPath = (org) =>
  `/api/organisations/${org}/integrations/netsuite`;

export function m2m() {
  return loadModule();
}

export async function tempDir(prefix = "netsuite-m2m-test-") {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** Starts an in-process server on a free loopback port with a fresh data directory. */
export async function startTestServer(options = {}) {
  const dataDir = options.dataDir ?? (await tempDir());
  let server;
  try {
    server = await startServer({ port: 0, dataDir, ...options });
  } catch (error) {
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...server,
    dataDir,
    request: (method, target, opts) =>
      request(server.url, method, target, opts),
    async close() {
      await server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One HTTP request over a fresh connection. `target` is sent verbatim (so
 * "/../x" stays as it is). `json` is sent as application/json; `body` as is.
 */
export function request(
  baseUrl,
  method,
  target,
  { json, body, headers = {}, timeout = 10_000 } = {},
) {
  const url = new URL(baseUrl);
  const allHeaders = { ...headers };
  let payload = body;
  if (json !== undefined) {
    payload = JSON.stringify(json);
    if (
      !Object.keys(allHeaders).some(
        (name) => name.toLowerCase() === "content-type",
      )
    ) {
      allHeaders["Content-Type"] = "application/json";
    }
  }
  if (
    payload !== undefined &&
    !Object.keys(allHeaders).some((n) => n.toLowerCase() === "content-length")
  ) {
    allHeaders["Content-Length"] = Buffer.byteLength(payload);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: target,
        headers: allHeaders,
        agent: false,
        timeout,
      },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const buffer = Buffer.concat(chunks);
          const text = buffer.toString("utf8");
          let parsed;
          if (
            (res.headers["content-type"] ?? "").split(";")[0] ===
              "application/json" &&
            text !== "" // (HEAD)
          )
            parsed = JSON.parse(text);
          resolve({
            status: res.statusCode,
            headers: res.headers,
            text,
            buffer,
            json: parsed,
          });
        });
      },
    );
    req.on("timeout", () =>
      req.destroy(new Error(`timeout: ${method} ${target}`)),
    );
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** The error body every refusal has. */
export function errorBody(code, message, field, extra = {}) {
  const error = { code, message };
  if (field !== undefined) error.field = field;
  return { error: { ...error, ...extra } };
}

/** What a module function throws (or rejects with) for `input`, as the API reports it. */
export async function moduleErrorBody(fn, input, field) {
  try {
    await fn(input);
  } catch (error) {
    return errorBody(error.code, error.message, error.field || field);
  }
  throw new Error(`expected ${fn.name} to refuse ${JSON.stringify(input)}`);
}

/** A certificate NetSuite accepts, made by the module itself. */
export async function makeCertificate(options = {}) {
  const module = await m2m();
  return module.generate({
    keyType: "ec-p256",
    validityDays: 365,
    commonName: "netsuite-m2m test",
    ...options,
  });
}

/** An RSA 2048 certificate (NetSuite refuses those), made with OpenSSL. */
export function makeRsa2048Certificate() {
  return execFileSync(
    "openssl",
    [
      "req",
      "-new",
      "-x509",
      "-nodes",
      "-days",
      "30",
      "-newkey",
      "rsa:2048",
      "-keyout",
      "/dev/null",
      "-subj",
      "/CN=rsa2048",
      "-sha256",
    ],
    { stdio: ["ignore", "pipe", "ignore"] },
  ).toString();
}

/**
 * Creates the integration of `org` and gives it a certificate under the ID NetSuite
 * would list for it (its expectedCertificateId); returns the response.
 */
export async function setUpIntegration(server, org = "demo", certificate) {
  const created = await server.request("PUT", integrationPath(org), {
    json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
  });
  if (created.status !== 200) throw new Error(`setup failed: ${created.text}`);
  if (!certificate) return created;
  const saved = await server.request(
    "PUT",
    `${integrationPath(org)}/certificate`,
    {
      json: {
        certificateId: certificate.certificate.expectedCertificateId,
        certificatePem: certificate.certificate.pem,
      },
      headers: { "If-Match": created.headers.etag },
    },
  );
  if (saved.status !== 200) throw new Error(`setup failed: ${saved.text}`);
  return saved;
}

/** Every file under `dir`, with its contents. */
export async function readAllFiles(dir) {
  const files = [];
  for (const entry of await readdir(dir, {
    withFileTypes: true,
    recursive: true,
  })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    files.push({ file, content: await readFile(file) });
  }
  return files;
}

/**
 * Runs `node server/main.js` as a child process (env: PORT=0, DATA_DIR) and
 * resolves once it prints its URL. Collects stdout and stderr.
 */
export function spawnServer({ dataDir, env = {} }) {
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, "server/main.js")],
    {
      cwd: repoRoot,
      env: { ...process.env, PORT: "0", DATA_DIR: dataDir, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => (output.stdout += chunk));
  child.stderr.on("data", (chunk) => (output.stderr += chunk));
  const exited = new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`server did not start: ${output.stdout} ${output.stderr}`),
      );
    }, 15_000);
    const onData = () => {
      const match = /serving (http:\/\/\S+)/.exec(output.stdout);
      if (match) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(
          `server exited (${code ?? signal}): ${output.stdout} ${output.stderr}`,
        ),
      );
    });
  });
  ready.catch(() => {});
  return {
    child,
    output,
    exited,
    ready,
    async kill(signal = "SIGKILL") {
      if (child.exitCode === null && child.signalCode === null)
        child.kill(signal);
      return exited;
    },
  };
}

/** Runs `read(db)` on a read-only connection to the database in `dataDir`. */
export function readDatabase(dataDir, read) {
  const db = new Database(path.join(dataDir, DATABASE_FILE), {
    readonly: true,
  });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** A writable connection to the database in `dataDir` (the caller closes it). */
export function openDatabase(dataDir) {
  return new Database(path.join(dataDir, DATABASE_FILE));
}
