// The cross-engine page suite: what every engine must do with the page, run once per
// engine by firefox.test.mjs and webkit.test.mjs. A real browser over W3C WebDriver,
// the real reference backend behind a recording proxy (proxy.mjs), real downloaded
// files, and OpenSSL and Node's crypto as the judges.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  X509Certificate,
  constants,
  createPrivateKey,
  verify,
} from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { launchEngine } from "../../scripts/webdriver.mjs";
import {
  api,
  assertNoRequestCarries,
  isSessionDiscovery,
  pemBody,
  opensslCertificateId,
  rm,
  seedIntegration,
  tempDir,
  startBackend,
} from "../e2e/support.mjs";
import {
  certificateText,
  opensslOpensEncryptedKey,
  sha256Fingerprint,
} from "../e2e/openssl-checks.mjs";
import {
  EnginePage,
  generateAndDownloadKey,
  PASSPHRASE,
  RESULTS,
  screenshotTo,
  waitForDownload,
} from "./page.mjs";
import { SENT_KEY, startRecordingProxy } from "./proxy.mjs";

const ORGANISATION = "Demo Company";
const INTEGRATION_HEADING = `NetSuite integration: ${ORGANISATION}`;

const KEY_TYPES = [
  {
    id: "ec-p256",
    option: /P-256/,
    alg: "ES256",
    opensslKey: /id-ecPublicKey/,
  },
  {
    id: "rsa-3072",
    option: /RSA 3072/,
    alg: "PS256",
    opensslKey: /rsaEncryption/,
  },
];

/**
 * What would give a private key away in a request: its PEM body (base64, base64url,
 * URL-encoded), every line of an encrypted key, and the secret numbers of a plain one
 * (EC d; RSA d, p, q) in base64url, base64 and hex. Lines of a plain PKCS#8 are left
 * out: they also hold the public key, which the certificate rightly carries.
 */
function keyNeedles(pem) {
  const body = pemBody(pem);
  const needles = [
    body,
    Buffer.from(body, "base64").toString("base64url"),
    encodeURIComponent(body),
  ];
  if (pem.includes("ENCRYPTED"))
    return needles.concat(
      pem
        .split("\n")
        .filter((line) => line.length >= 40 && !line.startsWith("-----")),
    );
  const jwk = createPrivateKey(pem).export({ format: "jwk" });
  for (const secret of [jwk.d, jwk.p, jwk.q].filter(Boolean)) {
    const bytes = Buffer.from(secret, "base64url");
    needles.push(secret, bytes.toString("base64"), bytes.toString("hex"));
  }
  return needles;
}

/** Verifies a JWS client assertion with the certificate's public key (Node's crypto). */
export function verifyAssertion(jwt, certificatePem) {
  const [header, claims, signature] = jwt.split(".");
  const { alg } = JSON.parse(Buffer.from(header, "base64url"));
  const key = new X509Certificate(certificatePem).publicKey;
  const options =
    alg === "ES256" || alg === "ES384"
      ? { key, dsaEncoding: "ieee-p1363" }
      : alg === "PS256"
        ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
        : assert.fail(`unexpected alg ${alg}`);
  return verify(
    alg === "ES384" ? "sha384" : "sha256",
    Buffer.from(`${header}.${claims}`),
    options,
    Buffer.from(signature, "base64url"),
  );
}

/** Registers the suite for `engine` ("firefox" or "webkit"). */
export function engineSuite(engine) {
  describe(`the page in ${engine}`, { timeout: 15 * 60_000 }, () => {
    let backend;
    let proxy;
    let browser;
    let page;
    const keys = []; // every private key the browser made, plain and encrypted
    let lastReplacement;
    let files; // downloads, moved out of the browser's folder as they arrive

    before(async () => {
      backend = await startBackend();
      proxy = await startRecordingProxy(backend.url);
      browser = await launchEngine(engine);
      files = await tempDir(`netsuite-m2m-${engine}-files-`);
      page = new EnginePage(browser.driver, proxy.url);
      await seedIntegration(backend, "demo");
      console.log(`# ${engine}: ${browser.version}`);
    });

    after(async () => {
      await browser?.close();
      await proxy?.close();
      await backend?.close();
      if (files) await rm(files, { recursive: true, force: true });
    });

    // Each test leaves a screenshot of where it ended in test-results/engines/; a
    // failing one leaves the driver's output too.
    function engineTest(name, body) {
      test(name, async () => {
        const base = path.join(
          RESULTS,
          `${engine}-${name.replace(/\W+/g, "-").slice(0, 60)}`,
        );
        try {
          await body();
          await screenshotTo(browser.driver, `${base}.png`);
        } catch (error) {
          await screenshotTo(browser.driver, `${base}.png`).catch(() => {});
          await writeFile(`${base}.driver.log`, browser.driverOutput()).catch(
            () => {},
          );
          throw error;
        }
      });
    }

    /** Nothing went wrong in the page: no console error, uncaught error, CSP violation, failed load. */
    async function assertNoPageErrors() {
      // Wait for every report the page counted as sent: beacons may still be in flight.
      const sent = Number(
        await browser.driver.executeScript(
          `return sessionStorage.getItem(${JSON.stringify(SENT_KEY)}) ?? "0";`,
        ),
      );
      await page.waitUntil(`the page's ${sent} reports`, () =>
        proxy.reportsArrived(sent),
      );
      assert.deepEqual(proxy.reports, [], "errors reported by the page");
      const failed = proxy.responses.filter(
        (r) => r.status >= 400 && !isSessionDiscovery(r),
      );
      assert.deepEqual(failed, [], "failed requests");
      if (engine === "firefox") {
        // Firefox's own view of the console (devtools.console.stdout.content).
        const lines = browser
          .driverOutput()
          .split("\n")
          .filter(
            (line) =>
              // The page's own lines: a quoted message or its origin named. Firefox's
              // own services (offline here) print "console.error: Name: ..." lines.
              /^console\.error: "/.test(line) ||
              (/^(console\.error|JavaScript error):/.test(line) &&
                line.includes(proxy.url.slice(0, -1))),
          );
        assert.deepEqual(lines, [], "console errors in geckodriver's output");
      }
    }

    engineTest("loads every view with no console errors", async () => {
      for (const [hash, heading] of [
        ["#/", /Organisations/],
        ["#/check", "Check a certificate"],
        ["#/test", "Test the credentials"],
      ]) {
        await page.goto(hash);
        await page.find("heading", heading, { level: 1 });
      }
      const html = proxy.responses.find((r) => r.url === "/");
      assert.match(
        html.headers["content-security-policy"],
        /default-src 'self'/,
        "the page is served with its CSP, which keeps requests same-origin",
      );
      assert.ok(
        proxy.responses.some(
          (r) => r.url.endsWith(".wasm") && r.status === 200,
        ),
        "the wasm module was loaded",
      );
      await assertNoPageErrors();
    });

    for (const keyType of KEY_TYPES) {
      engineTest(
        `replace with ${keyType.id}: generate, reload, finish on the pending card; encrypted key download opened by OpenSSL, kept key signs a client assertion`,
        async () => {
          const before = await api(
            backend,
            "GET",
            "/api/organisations/demo/integrations/netsuite",
          );

          await page.goto("#/");
          await page.click("link", `Edit ${ORGANISATION}`);
          await page.find("heading", INTEGRATION_HEADING, { level: 1 });
          await page.click("button", "Update certificate");
          await page.check("Replace certificate");
          await page.select("Key type", keyType.option);
          const keepDir = path.join(files, keyType.id);
          const key = await generateAndDownloadKey(
            page,
            browser.downloadDir,
            keepDir,
          );
          assert.match(key.text, /^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
          await page.waitForText(/Private key downloaded as/);

          await page.click("button", "Keep the key in this browser");
          await page.waitForText(/Kept in this browser/, { timeout: 30_000 });

          // Saved as pending: a reload keeps it (nothing asks: the key is
          // downloaded), and the card finishes it from the stored certificate.
          await page.waitForText(/Saved as pending/);
          await browser.driver.navigate().refresh();
          await page.find("heading", INTEGRATION_HEADING, { level: 1 });
          const pendingHeading = await page.find(
            "heading",
            "Pending certificate",
          );
          // What a person finds after the reload, for a look: the pending card.
          await browser.driver.executeScript(
            "arguments[0].scrollIntoView({ block: 'start' })",
            pendingHeading,
          );
          await screenshotTo(
            browser.driver,
            path.join(
              RESULTS,
              `${engine}-pending-after-reload-${keyType.id}.png`,
            ),
          );
          await page.click("button", "Download the new certificate (.pem)", {
            near: "Pending certificate",
          });
          const certificate = await waitForDownload(
            browser.downloadDir,
            (text) => text.includes("BEGIN CERTIFICATE"),
            { keepDir },
          );
          assert.match(certificate.name, /\.pem$/);
          // WebCrypto signed it in the browser: the self-signature must verify.
          const x509 = new X509Certificate(certificate.text);
          assert.equal(x509.verify(x509.publicKey), true, "self-signature");

          // What NetSuite would list for the downloaded file, by OpenSSL.
          const certificateId = opensslCertificateId(certificate.text);
          await page.fill("Certificate ID", certificateId, {
            near: "Pending certificate",
          });
          await page.click("button", "Save the new Certificate ID", {
            near: "Pending certificate",
          });
          await page.waitForText(/New certificate saved/, { timeout: 30_000 });

          // The backend holds exactly the certificate the browser downloaded.
          const stored = await api(
            backend,
            "GET",
            "/api/organisations/demo/integrations/netsuite",
          );
          assert.equal(stored.certificate.certificateId, certificateId);
          assert.equal(
            pemBody(stored.certificate.pem),
            pemBody(certificate.text),
          );
          assert.notEqual(stored.certificate.pem, before.certificate.pem);

          // OpenSSL: the certificate is of the chosen type, the key opens with the
          // passphrase only and its public half is the certificate's.
          const text = certificateText(certificate.path);
          assert.match(text, keyType.opensslKey);
          if (keyType.id === "rsa-3072") assert.match(text, /3072 bit/);
          else assert.match(text, /P-256|prime256v1/);
          const plainKey = opensslOpensEncryptedKey(
            key.path,
            certificate.path,
            PASSPHRASE,
          );
          keys.push(plainKey, key.text);
          lastReplacement = { certificate, key };

          // Test the credentials with the key kept in this browser.
          await page.click("link", "Test the credentials", {
            near: INTEGRATION_HEADING,
          });
          await page.find("heading", "Test the credentials", { level: 1 });
          const kept = await page.find("field", "The key kept in this browser");
          await browser.driver.wait(async () => kept.isSelected(), 20_000);
          await page.click("button", "Create client assertion");
          const curl = await page.text("any", "curl command", {
            timeout: 30_000,
          });
          const jwt = curl.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/)?.[0];
          assert.ok(jwt, `a JWT in the curl command: ${curl}`);
          const [header, claims] = jwt
            .split(".")
            .slice(0, 2)
            .map((part) => JSON.parse(Buffer.from(part, "base64url")));
          assert.deepEqual(header, {
            typ: "JWT",
            alg: keyType.alg,
            kid: certificateId,
          });
          assert.equal(claims.iss, stored.clientId);
          assert.match(
            claims.aud,
            /\.suitetalk\.api\.netsuite\.com\/services\/rest\/auth\/oauth2\/v1\/token$/,
          );
          assert.ok(claims.exp > claims.iat);
          assert.equal(
            verifyAssertion(jwt, certificate.text),
            true,
            "Node verifies the signature",
          );
          const forged = jwt.replace(
            /\.[\w-]+\./,
            `.${Buffer.from(JSON.stringify({ ...claims, iss: "x" })).toString("base64url")}.`,
          );
          assert.equal(
            verifyAssertion(forged, certificate.text),
            false,
            "and refuses altered claims",
          );

          await assertNoPageErrors();
        },
      );
    }

    engineTest(
      "check a certificate: the verdict, OpenSSL's fingerprint, the downloaded key matches",
      async () => {
        assert.ok(lastReplacement, "a replace test ran");
        const { certificate, key } = lastReplacement;
        await page.goto("#/check");
        await page.find("heading", "Check a certificate", { level: 1 });
        await page.fill("Certificate (PEM)", certificate.text);
        await page.click("button", "Check certificate");
        await page.find("heading", "NetSuite accepts this certificate", {
          timeout: 30_000,
        });
        const fingerprint = sha256Fingerprint(certificate.path);
        await page.waitForText(fingerprint);

        // The encrypted key file the browser downloaded, opened again in the browser.
        const file = await page.find("field", /^Private key file\b/, {
          // Firefox names a file input with its button's text too: "… Browse… No file selected."
          visible: false,
        });
        await file.sendKeys(key.path);
        await page.fill("Passphrase (if the key is encrypted)", PASSPHRASE);
        await page.click("button", "Check the key");
        await page.waitForText(
          `The private key in ${key.name} matches this certificate.`,
          { timeout: 60_000 },
        );
        await assertNoPageErrors();
      },
    );

    engineTest(
      "no request the browser made carried private key material",
      async () => {
        assert.equal(
          keys.length,
          2 * KEY_TYPES.length,
          "the replace tests ran",
        );
        const needles = keys.flatMap((pem) => keyNeedles(pem));
        needles.push("PRIVATE KEY");
        assert.ok(proxy.requests.length > 10, "requests were recorded");
        assertNoRequestCarries(proxy.requests, needles);
        const saves = proxy.requests.filter(
          (r) =>
            r.method === "PUT" &&
            r.url.endsWith("/pending-certificate") &&
            r.body.includes("BEGIN CERTIFICATE"),
        );
        assert.equal(
          saves.length,
          KEY_TYPES.length,
          "each new certificate itself was saved as pending",
        );
      },
    );
  });
}
