// The NetSuite side of the live-check tests: the simulator (netsuite-simulator/),
// reached by the backend through a recorder that keeps every access token NetSuite
// issued (to prove none reaches the page), its JSON API for setting up accounts,
// and its setup page as a NetSuite administrator uses it in the browser.
import http from "node:http";
import assert from "node:assert/strict";
import { createHash, createPrivateKey, X509Certificate } from "node:crypto";
import { startSimulator } from "../../netsuite-simulator/app.js";
import { e2eEnvironment, startBackend } from "./support.mjs";

/** The host label of an Account ID (1234567_SB1 -> 1234567-sb1). */
export const hostLabel = (accountId) =>
  accountId.toLowerCase().replaceAll("_", "-");

/** A fresh sandbox Account ID, so tests do not share simulator accounts. */
export function newAccountId() {
  return `${1000000 + Math.floor(Math.random() * 8999999)}_SB1`;
}

/**
 * The simulator and, in front of it, a loopback recorder: `netsuiteUrl` is the
 * backend's NETSUITE_URL template; `tokens` every access_token the simulator
 * issued through it.
 */
export async function startNetsuite() {
  const sim = await startSimulator({ port: 0 });
  const tokens = [];
  const recorder = http.createServer((req, res) => {
    const upstream = http.request(
      new URL(req.url, sim.url),
      { method: req.method, headers: req.headers },
      (answer) => {
        const chunks = [];
        answer.on("data", (chunk) => chunks.push(chunk));
        answer.on("end", () => {
          const body = Buffer.concat(chunks);
          try {
            const token = JSON.parse(body.toString("utf8")).access_token;
            if (token) tokens.push(token);
          } catch {
            // not JSON: nothing to record
          }
          res.writeHead(answer.statusCode, answer.headers);
          res.end(body);
        });
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise((resolve) => recorder.listen(0, "127.0.0.1", resolve));
  const { port } = recorder.address();
  return {
    sim,
    url: sim.url,
    netsuiteUrl: `http://127.0.0.1:${port}/{account}`,
    tokens,
    async settings(changes) {
      await simApi(sim.url, "PUT", "simulator/api/settings", changes);
    },
    async close() {
      recorder.closeAllConnections?.();
      await new Promise((resolve) => recorder.close(resolve));
      await sim.close();
    },
  };
}

/**
 * A live-check test file's shared setup (as e2eEnvironment's): the simulator
 * (`netsuite`), a reference backend that relays to it (`backend`), a browser and
 * a downloads folder, all closed at the end.
 */
export async function netsuiteEnvironment() {
  const env = await e2eEnvironment({ backend: false });
  const netsuite = await startNetsuite();
  env.closeAtEnd(() => netsuite.close());
  const backend = await startBackend({
    netsuite: { url: netsuite.netsuiteUrl, checksPerMinute: 1000 },
  });
  env.closeAtEnd(() => backend.close());
  return { ...env, netsuite, backend };
}

/** A call to the simulator's JSON API (`pathname` relative to its root). */
export async function simApi(simUrl, method, pathname, body) {
  const response = await fetch(new URL(pathname, simUrl), {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json();
  assert.ok(response.ok, `${method} ${pathname}: ${JSON.stringify(data)}`);
  return data;
}

/** An integration record in the account; resolves to its Client ID. */
export async function createApplication(simUrl, accountId, name = "Our app") {
  const app = await simApi(
    simUrl,
    "POST",
    `${hostLabel(accountId)}/simulator/api/applications`,
    { name },
  );
  return app.clientId;
}

/** The Certificate ID NetSuite is observed to give a certificate (SHA-256 of its DER). */
export function expectedCertificateId(pem) {
  return createHash("sha256")
    .update(new X509Certificate(pem).raw)
    .digest("base64url");
}

/**
 * As a NetSuite administrator: Create New on the simulator's M2M setup page with
 * the certificate file, then copies the new row's CERTIFICATE ID from the list.
 */
export async function uploadInSimulator(
  context,
  simUrl,
  { accountId, clientId, certificateFile },
) {
  const page = await context.newPage();
  try {
    await page.goto(new URL(`${hostLabel(accountId)}/m2m-setup`, simUrl).href);
    await page.getByRole("link", { name: "Create New" }).click();
    await page
      .getByLabel("Application (Client ID)")
      .selectOption({ value: clientId });
    await page.getByLabel("Entity").fill("Larry Nelson");
    await page.getByLabel("Role").fill("Administrator");
    await page.getByLabel(/^Certificate/).setInputFiles(certificateFile);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").waitFor();
    const rows = page
      .getByRole("row")
      .filter({ hasText: clientId })
      .filter({ has: page.getByRole("button", { name: /^Revoke/ }) });
    // The newest active mapping is the last row.
    const cell = rows.last().getByRole("cell").nth(3).locator("code");
    return (await cell.innerText()).trim();
  } finally {
    await page.close();
  }
}

/** As a NetSuite administrator: Revoke on the simulator's setup page. */
export async function revokeInSimulator(
  context,
  simUrl,
  { accountId, certificateId },
) {
  const page = await context.newPage();
  try {
    await page.goto(new URL(`${hostLabel(accountId)}/m2m-setup`, simUrl).href);
    await page
      .getByRole("button", { name: `Revoke certificate ${certificateId}` })
      .click();
    await page.getByText(`Revoked ${certificateId}.`).waitFor();
  } finally {
    await page.close();
  }
}

/**
 * Records the body of every backend answer the page received (/api/...), to
 * prove no token among them; `answers()` resolves once all are read.
 */
export function recordAnswers(context) {
  const reading = [];
  context.on("response", (response) => {
    if (!new URL(response.url()).pathname.startsWith("/api/")) return;
    reading.push(response.text().catch(() => ""));
  });
  return { answers: () => Promise.all(reading) };
}

/** Asserts NetSuite issued tokens and none of them reached the page. */
export async function assertNoTokenReachedPage(tokens, recorded) {
  const bodies = await recorded.answers();
  assert.ok(tokens.length > 0, "NetSuite issued at least one token");
  assert.ok(bodies.length > 0, "answers were recorded");
  for (const body of bodies) {
    assert.ok(!body.includes("access_token"), "no access_token field");
    for (const token of tokens)
      assert.ok(
        !body.includes(token),
        "the access token never reaches the page",
      );
  }
}

/**
 * What would betray a private key in a request: the key file's text and lines
 * (for an encrypted one) and the private numbers themselves in base64, base64url
 * and hex. (A PKCS#8 file's last line can be public key only, which the
 * certificate rightly carries, so a plain key's lines are not needles.)
 */
export function privateKeyNeedles({
  encryptedPem,
  passphrase,
  plainPems = [],
}) {
  const keys = [
    createPrivateKey({ key: encryptedPem, passphrase }),
    ...plainPems.map((pem) => createPrivateKey(pem)),
  ];
  const secrets = keys.flatMap((key) => {
    const jwk = key.export({ format: "jwk" });
    return ["d", "p", "q"]
      .filter((name) => jwk[name])
      .map((name) => Buffer.from(jwk[name], "base64url"));
  });
  return [
    "PRIVATE KEY",
    ...encryptedPem
      .split("\n")
      .filter((line) => line.length >= 40 && !line.startsWith("-----")),
    ...secrets.flatMap((bytes) => [
      bytes.toString("base64"),
      bytes.toString("base64url"),
      bytes.toString("hex"),
    ]),
  ];
}

/**
 * Clicks `name` in `scope` (a locator) and resolves to the live check's
 * explanation. The default matches step 4's, the kept key's and Test the
 * credentials' buttons, each named for what it checks.
 */
export async function liveCheck(scope, name = /^Check .*with NetSuite$/) {
  await scope.getByRole("button", { name }).click();
  const outcome = scope.locator(".live-check__outcome");
  await outcome.waitFor({ timeout: 30_000 });
  return outcome.innerText();
}
