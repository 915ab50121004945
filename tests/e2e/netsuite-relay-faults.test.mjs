// The live check when what answers is not NetSuite, or nothing does: an HTML page
// (a proxy or captive portal), a dropped connection (502), no answer in time (504),
// and the backend's per-organisation limit (429). Each is explained on Test the
// credentials, and none is taken for a verdict on the credentials.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import path from "node:path";
import {
  api,
  assertCleanPage,
  e2eEnvironment,
  gotoApp,
  nodeModule,
  openPage,
  startBackend,
  writeFile,
  reservedCode,
} from "./support.mjs";
import { liveCheck, newAccountId } from "./netsuite-steps.mjs";
import { startProxy } from "./servers.mjs";

// What answers at NETSUITE_URL: `mode` says how.
let mode = "html";
const notNetsuite = http.createServer((req, res) => {
  if (mode === "html") {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end("<html><body>Sign in to the guest Wi-Fi</body></html>");
  } else if (mode === "drop") req.socket.destroy();
  // "hang": never answers; the backend's timeout ends the wait.
});
await new Promise((resolve) => notNetsuite.listen(0, "127.0.0.1", resolve));
const env = await e2eEnvironment({ backend: false });
env.closeAtEnd(
  () =>
    new Promise((resolve) => {
      notNetsuite.closeAllConnections();
      notNetsuite.close(resolve);
    }),
);
const backend = await startBackend({
  netsuite: {
    url: `http://127.0.0.1:${notNetsuite.address().port}/{account}`,
    timeoutMs: 1000,
    checksPerMinute: 3,
  },
});
env.closeAtEnd(() => backend.close());

/** An organisation with an integration and a certificate, saved over HTTP; its key. */
async function organisationWithCertificate(name) {
  const m2m = await nodeModule();
  const generated = await m2m.generate({
    keyType: "ec-p256",
    validityDays: 30,
  });
  const { id: orgId } = await api(backend, "POST", "/api/organisations", {
    body: { name },
  });
  const base = `/api/organisations/${orgId}/integrations/netsuite`;
  const created = await api(backend, "PUT", base, {
    body: { accountId: newAccountId(), clientId: "c".repeat(64) },
  });
  await api(backend, "PUT", `${base}/certificate`, {
    body: {
      certificateId: generated.certificate.expectedCertificateId,
      certificatePem: generated.certificate.pem,
    },
    version: created.version,
  });
  return { orgId, privateKeyPem: generated.privateKeyPem };
}

test("answers not from NetSuite, NetSuite unreachable or slow, and too many checks: each explained", async () => {
  const { orgId, privateKeyPem } =
    await organisationWithCertificate("Behind A Portal");
  const keyFile = path.join(env.downloads, "portal-key.pem");
  await writeFile(keyFile, privateKeyPem);

  const { page, context, log } = await openPage(env.browser);
  await gotoApp(page, backend.url, `#/test/${orgId}`);
  await page.waitForFunction(
    () => document.querySelector("input[name=certificateId]")?.value,
  );
  await page
    .getByLabel("Private key file", { exact: true })
    .setInputFiles(keyFile);
  const form = page.locator("form");
  const check = () => liveCheck(form, "Test with NetSuite");

  let said = await check();
  assert.match(said, /did not come from NetSuite's token endpoint/);
  assert.match(said, /HTTP 200 with an answer that is not JSON/);
  assert.match(said, /Nothing is known about the credentials yet/);

  mode = "drop";
  said = await check();
  assert.match(said, /NetSuite could not be reached/);
  assert.match(said, /nothing is known about the credentials yet/);

  mode = "hang";
  said = await check();
  assert.match(said, /NetSuite did not answer in time/);

  mode = "html";
  said = await check();
  assert.match(said, /Too many checks/);
  assert.match(said, /try again in \d+ seconds/);

  await assertCleanPage(page, log, { allowedStatuses: [429, 502, 504] });
  await context.close();
});

test("a backend without the relay (config.json without netsuiteCheck): no live check is offered, and a wrong value stops the page", async () => {
  const { orgId } = await organisationWithCertificate("Plain Backend");
  const plain = await startProxy(backend.url, {
    config: { backendUrl: "", credentials: "same-origin" },
  });
  const wrong = await startProxy(backend.url, {
    config: { netsuiteCheck: "yes" },
  });
  try {
    const { page, context, log } = await openPage(env.browser);
    await gotoApp(page, plain.url, `#/org/${orgId}`);
    await page.getByRole("button", { name: "Update certificate" }).waitFor();
    assert.equal(
      await page
        .getByRole("link", {
          name: "Check the current certificate with NetSuite",
        })
        .count(),
      0,
    );
    await gotoApp(page, plain.url, `#/test/${orgId}`);
    await page
      .getByRole("button", { name: "Create client assertion" })
      .waitFor();
    assert.equal(
      await page.getByRole("button", { name: "Test with NetSuite" }).count(),
      0,
    );
    assert.match(
      await page.locator(".lead").innerText(),
      /nothing is sent to NetSuite from this page/,
    );

    await page.goto(wrong.url);
    const alert = page.getByRole("alert");
    await alert.getByText(/netsuiteCheck must be true or false/).waitFor();
    assert.equal(await reservedCode(alert), "config_invalid");
    assert.equal(
      log.requests.filter(
        (r) => r.url.startsWith(wrong.url) && r.url.includes("/api/"),
      ).length,
      0,
      "no backend was called with the wrong config.json",
    );
    await assertCleanPage(page, log);
    await context.close();
  } finally {
    await plain.close();
    await wrong.close();
  }
});
