// The live check in Firefox and WebKit, against the NetSuite simulator this suite
// starts: replace step 4 asks NetSuite before saving (the certificate uploaded with
// the simulator's JSON API, as an administrator would in NetSuite), then Test the
// credentials asks with the key kept in this browser, and after a revoke in the
// simulator the refusal is explained. No request carries key material; no access
// token reaches the page.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { launchEngine } from "../../scripts/webdriver.mjs";
import {
  api,
  assertNoRequestCarries,
  rm,
  startBackend,
  tempDir,
  isSessionDiscovery,
} from "../e2e/support.mjs";
import {
  createApplication,
  hostLabel,
  newAccountId,
  privateKeyNeedles,
  simApi,
  startNetsuite,
} from "../e2e/netsuite-steps.mjs";
import {
  EnginePage,
  generateAndDownloadKey,
  PASSPHRASE,
  RESULTS,
  screenshotTo,
  waitForDownload,
} from "./page.mjs";
import { startRecordingProxy } from "./proxy.mjs";

const NAME = "Live Check Company";

/** Registers the live-check suite for `engine` ("firefox" or "webkit"). */
export function liveCheckSuite(engine) {
  describe(`the live check in ${engine}`, { timeout: 10 * 60_000 }, () => {
    let netsuite;
    let backend;
    let proxy;
    let browser;
    let page;
    let files;
    let orgId;
    const accountId = newAccountId();
    let clientId;

    before(async () => {
      netsuite = await startNetsuite();
      backend = await startBackend({
        netsuite: { url: netsuite.netsuiteUrl, checksPerMinute: 1000 },
      });
      proxy = await startRecordingProxy(backend.url);
      browser = await launchEngine(engine);
      files = await tempDir(`netsuite-m2m-${engine}-live-`);
      page = new EnginePage(browser.driver, proxy.url);
      clientId = await createApplication(netsuite.url, accountId);
      orgId = (
        await api(backend, "POST", "/api/organisations", {
          body: { name: NAME },
        })
      ).id;
      await api(
        backend,
        "PUT",
        `/api/organisations/${orgId}/integrations/netsuite`,
        { body: { accountId, clientId } },
      );
    });

    after(async () => {
      await browser?.close();
      await proxy?.close();
      await backend?.close();
      await netsuite?.close();
      if (files) await rm(files, { recursive: true, force: true });
    });

    test("step 4 checks with NetSuite before saving; the current one with the kept key on its card and on Test the credentials; a revoked certificate explained", async () => {
      try {
        await page.goto(`#/org/${orgId}`);
        await page.find("heading", `NetSuite integration: ${NAME}`, {
          level: 1,
        });
        // A first certificate: no choice to make, the steps open at once.
        await page.click("button", "Add a certificate");
        const key = await generateAndDownloadKey(
          page,
          browser.downloadDir,
          files,
        );
        await page.click("button", "Keep the key in this browser");
        await page.waitForText(/Kept in this browser/, { timeout: 30_000 });
        await page.click("button", "Download the new certificate (.pem)");
        const certificate = await waitForDownload(
          browser.downloadDir,
          (text) => text.includes("BEGIN CERTIFICATE"),
          { keepDir: files },
        );

        // NetSuite's administrator uploads it; NetSuite lists its Certificate ID.
        const { certificateId } = await simApi(
          netsuite.url,
          "POST",
          `${hostLabel(accountId)}/simulator/api/certificates`,
          {
            clientId,
            entity: "Larry Nelson",
            role: "Administrator",
            pem: certificate.text,
          },
        );
        await page.fill("Certificate ID", certificateId);
        await page.click("button", "Check the new certificate with NetSuite");
        await page.waitForText(/NetSuite issued a token/, { timeout: 60_000 });
        await page.click("button", "Save the new Certificate ID");
        await page.waitForText(/NetSuite issued a token for it\./, {
          timeout: 30_000,
        });

        // The current certificate on demand, right on its card with the kept key…
        await page.click("button", "Check the kept key with NetSuite");
        await page.waitForText(
          new RegExp(
            `NetSuite accepted the assertion for Certificate ID ${certificateId}`,
          ),
          { timeout: 60_000 },
        );
        // …and on Test the credentials, signed with the kept key.
        await page.goto(`#/test/${orgId}`);
        await page.find("heading", "Test the credentials", { level: 1 });
        const kept = await page.find("field", "The key kept in this browser");
        await browser.driver.wait(async () => kept.isSelected(), 20_000);
        await page.click("button", "Test with NetSuite");
        await page.waitForText(/NetSuite issued a token/, { timeout: 60_000 });

        await simApi(
          netsuite.url,
          "POST",
          `${hostLabel(accountId)}/simulator/api/certificates/${encodeURIComponent(certificateId)}/revoke`,
        );
        await page.click("button", "Test with NetSuite");
        await page.waitForText(/NetSuite refused the credentials\./, {
          timeout: 60_000,
        });
        await page.waitForText(/View Login Audit Trail/);

        assertNoRequestCarries(
          proxy.requests,
          privateKeyNeedles({ encryptedPem: key.text, passphrase: PASSPHRASE }),
        );
        const checks = proxy.responses.filter((r) =>
          r.url.endsWith("/token-check"),
        );
        assert.equal(checks.length, 4, "four checks were relayed");
        assert.ok(netsuite.tokens.length >= 2, "NetSuite issued tokens");
        for (const response of proxy.responses.filter((r) => r.body)) {
          assert.ok(!response.body.includes("access_token"), response.url);
          for (const token of netsuite.tokens)
            assert.ok(!response.body.includes(token), response.url);
        }
        assert.deepEqual(
          proxy.responses.filter(
            (r) => r.status >= 400 && !isSessionDiscovery(r),
          ),
          [],
          "failed requests",
        );
        assert.deepEqual(proxy.reports, [], "errors reported by the page");
      } finally {
        await screenshotTo(
          browser.driver,
          path.join(RESULTS, `${engine}-live-check.png`),
        ).catch(() => {});
      }
    });
  });
}
