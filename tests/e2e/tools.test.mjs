// Check a certificate (paste, file, DER, a key that matches or not) and Test the
// credentials with a key file and its passphrase.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import {
  openView,
  openPage,
  assertCleanPage,
  gotoApp,
  seedIntegration,
  nodeModule,
  unexpectedConsoleErrors,
  cspViolations,
  seriousAxeFindings,
  screenshot,
  openssl,
  writeFile,
  readFile,
  e2eEnvironment,
} from "./support.mjs";
import { sha256Fingerprint } from "./openssl-checks.mjs";

const { backend, browser, downloads: dir } = await e2eEnvironment();
const seeded = await seedIntegration(backend, "demo");

test("check a certificate: findings, fingerprint, DER files, pasted keys refused, key matching", async () => {
  const { page, log } = await openView(
    browser,
    backend.url,
    "#/check",
    "Check a certificate",
  );
  assert.deepEqual(await seriousAxeFindings(page), []);

  // A pasted good certificate.
  await page.getByLabel("Certificate (PEM)").fill(seeded.certificatePem);
  await page.getByRole("button", { name: "Check certificate" }).click();
  await page
    .getByRole("heading", { name: "NetSuite accepts this certificate" })
    .waitFor();
  assert.equal(
    await page.evaluate(() => document.activeElement?.id),
    "verdict",
  );
  const results = await page.locator("#certificate-results").innerText();
  assert.ok(results.includes(seeded.fingerprintSha256));
  assert.match(results, /EC P-256/);

  // Does a key match it? The seeded key does; another does not.
  const m2m = await nodeModule();
  const encryptedKey = await m2m.encryptPrivateKey(
    seeded.privateKeyPem,
    "a long enough passphrase",
  );
  const keyFile = path.join(dir, "matching.pem");
  await writeFile(keyFile, encryptedKey);
  await page
    .getByLabel("Private key file", { exact: true })
    .setInputFiles(keyFile);
  await page.getByRole("button", { name: "Check the key" }).click();
  await page
    .locator("input[name=keyPassphrase][aria-invalid=true]")
    .waitFor({ timeout: 30_000 });
  await page
    .getByLabel("Passphrase (if the key is encrypted)")
    .fill("a long enough passphrase");
  await page.getByRole("button", { name: "Check the key" }).click();
  await page
    .getByText("The private key in matching.pem matches this certificate.")
    .waitFor({ timeout: 30_000 });
  await screenshot(page, "14-check-certificate");
  assert.deepEqual(await seriousAxeFindings(page), []);

  const other = await m2m.generate({ keyType: "ec-p256" });
  await writeFile(path.join(dir, "other.pem"), other.privateKeyPem);
  await page
    .getByLabel("Private key file", { exact: true })
    .setInputFiles(path.join(dir, "other.pem"));
  await page.getByLabel("Passphrase (if the key is encrypted)").fill("");
  await page.getByRole("button", { name: "Check the key" }).click();
  await page.getByText(/does not match this certificate/).waitFor();

  // An RSA 2048 certificate made by OpenSSL, given as a DER file: refused, with the reason.
  const rsaKey = path.join(dir, "rsa2048.key");
  const rsaPem = path.join(dir, "rsa2048.pem");
  const rsaDer = path.join(dir, "rsa2048.der");
  openssl([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    rsaKey,
    "-out",
    rsaPem,
    "-days",
    "30",
    "-subj",
    "/CN=old",
  ]);
  openssl(["x509", "-in", rsaPem, "-outform", "DER", "-out", rsaDer]);
  await page.getByLabel("Or choose a certificate file").setInputFiles(rsaDer);
  await page.getByText("Using the binary (DER) file rsa2048.der.").waitFor();
  await page.getByRole("button", { name: "Check certificate" }).click();
  await page
    .getByRole("heading", { name: "NetSuite would refuse this certificate" })
    .waitFor();
  assert.match(
    await page.locator("#certificate-results").innerText(),
    /RSA 2048|2048/,
  );
  await screenshot(page, "15-check-refused");

  // An RSA 3072 certificate from OpenSSL without an authority key identifier,
  // dropped onto the text box: accepted, with a note (not a warning) about it.
  const rsa3072Pem = path.join(dir, "rsa3072.pem");
  openssl([
    "req",
    "-x509",
    "-newkey",
    "rsa:3072",
    "-nodes",
    "-keyout",
    path.join(dir, "rsa3072.key"),
    "-out",
    rsa3072Pem,
    "-days",
    "365",
    "-subj",
    "/CN=dropped",
    "-addext",
    "authorityKeyIdentifier=none",
  ]);
  const dropped = await page.evaluateHandle(
    (pem) => {
      const transfer = new DataTransfer();
      transfer.items.add(
        new File([pem], "dropped.pem", { type: "application/x-pem-file" }),
      );
      return transfer;
    },
    await readFile(rsa3072Pem, "utf8"),
  );
  await page
    .getByLabel("Certificate (PEM)")
    .dispatchEvent("drop", { dataTransfer: dropped });
  await page
    .getByRole("heading", { name: "NetSuite accepts this certificate" })
    .waitFor();
  assert.match(
    await page.locator("#certificate-results").innerText(),
    /RSA 3072/,
  );
  const note = page.locator("#certificate-results .finding--info");
  assert.equal(await note.count(), 1);
  assert.equal(await note.locator(".badge").innerText(), "Note");
  assert.match(await note.innerText(), /no authority key identifier/);
  assert.equal(
    await page.locator("#certificate-results .finding--warning").count(),
    0,
  );
  assert.equal(
    sha256Fingerprint(rsa3072Pem),
    (
      await page.locator("#certificate-results .fingerprint").innerText()
    ).trim(),
  );

  // A pasted private key is refused as such.
  await page.getByLabel("Certificate (PEM)").fill(other.privateKeyPem);
  await page.getByRole("button", { name: "Check certificate" }).click();
  await page
    .getByRole("alert")
    .getByText(/This is a private key, not a certificate/)
    .waitFor();

  assert.deepEqual(unexpectedConsoleErrors(log), []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(await cspViolations(page), []);
  await page.context().close();
});

test("test the credentials with a key file and its passphrase: header, claims, curl, hints", async () => {
  const { page, log } = await openView(
    browser,
    backend.url,
    "#/test",
    "Test the credentials",
  );
  await page.getByLabel("Organisation").selectOption("demo");
  await page.waitForFunction(
    () => document.querySelector("input[name=certificateId]")?.value,
  );
  assert.equal(
    await page.getByLabel("Certificate ID").inputValue(),
    seeded.certificateId,
  );

  const m2m = await nodeModule();
  const keyFile = path.join(dir, "demo-key.pem");
  await writeFile(
    keyFile,
    await m2m.encryptPrivateKey(
      seeded.privateKeyPem,
      "another long passphrase",
    ),
  );
  await page.getByLabel("A private key file").check();
  await page
    .getByLabel("Private key file", { exact: true })
    .setInputFiles(keyFile);
  await page
    .getByLabel("Passphrase (if the key file is encrypted)")
    .fill("wrong passphrase!");
  await page.getByRole("button", { name: "Create client assertion" }).click();
  await page
    .locator("input[name=passphrase][aria-invalid=true]")
    .waitFor({ timeout: 30_000 });
  await page
    .getByLabel("Passphrase (if the key file is encrypted)")
    .fill("another long passphrase");
  // Scopes and their labels are the module's.
  const restlets = m2m.rules().scopes.find((scope) => scope.id === "restlets");
  await page.getByLabel(`${restlets.label} (restlets)`).check();
  await page.getByRole("button", { name: "Create client assertion" }).click();
  await page.locator("#assertion-header").waitFor({ timeout: 30_000 });

  const header = JSON.parse(
    await page.locator("#assertion-header").innerText(),
  );
  assert.deepEqual(header, {
    typ: "JWT",
    alg: "ES256",
    kid: seeded.certificateId,
  });
  const claims = JSON.parse(
    await page.locator("#assertion-claims").innerText(),
  );
  assert.equal(claims.iss, seeded.clientId);
  assert.ok(claims.exp - claims.iat < 3600);
  const host = seeded.accountId.toLowerCase().replace(/_/g, "-");
  assert.equal(
    claims.aud,
    `https://${host}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token`,
  );
  const curl = await page.locator("#curl-command").innerText();
  assert.ok(
    curl.startsWith(
      `curl -sS -X POST 'https://${host}.suitetalk.api.netsuite.com`,
    ),
  );
  assert.match(curl, /grant_type=client_credentials/);
  assert.match(
    curl,
    /client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer/,
  );
  const hints = await page.locator(".hints").innerText();
  for (const cause of ["kid", "RS256", "aud", "60 minutes", "iss", "scope"]) {
    assert.ok(hints.includes(cause), `the hints mention ${cause}`);
  }
  // The JWT verifies with OpenSSL against the certificate's public key.
  const jwt = decodeURIComponent(curl.match(/client_assertion=([^'&]+)/)[1]);
  const [h64, p64, s64] = jwt.split(".");
  const signature = Buffer.from(s64, "base64url");
  const der = rawToDer(signature);
  await writeFile(path.join(dir, "jwt.sig"), der);
  await writeFile(path.join(dir, "jwt.data"), `${h64}.${p64}`);
  await writeFile(path.join(dir, "cert.pem"), seeded.certificatePem);
  const pub = openssl([
    "x509",
    "-noout",
    "-pubkey",
    "-in",
    path.join(dir, "cert.pem"),
  ]);
  await writeFile(path.join(dir, "pub.pem"), pub);
  const verified = openssl([
    "dgst",
    "-sha256",
    "-verify",
    path.join(dir, "pub.pem"),
    "-signature",
    path.join(dir, "jwt.sig"),
    path.join(dir, "jwt.data"),
  ]);
  assert.match(verified, /Verified OK/);

  await screenshot(page, "16-test-credentials");
  assert.deepEqual(await seriousAxeFindings(page), []);
  assert.deepEqual(unexpectedConsoleErrors(log), []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(await cspViolations(page), []);
  await page.context().close();
});

/** JWS ES256 signatures are raw r||s; OpenSSL wants DER. */
function rawToDer(raw) {
  const half = raw.length / 2;
  const integer = (bytes) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let b = bytes.subarray(i);
    if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return Buffer.concat([Buffer.from([0x02, b.length]), b]);
  };
  const body = Buffer.concat([
    integer(raw.subarray(0, half)),
    integer(raw.subarray(half)),
  ]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** The names of the visible buttons (and button-like links) of the page. */
async function buttonNames(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("button, [role=button]")]
      .filter((b) => b.checkVisibility())
      .map(
        (b) =>
          b.getAttribute("aria-label") ??
          b.textContent.replace(/\s+/g, " ").trim(),
      ),
  );
}

test("the tools and the overview have no two visible buttons of the same name", async () => {
  const { page, log } = await openPage(browser);
  await gotoApp(page, backend.url, "#/check");
  await page.getByLabel("Certificate (PEM)").fill(seeded.certificatePem);
  await page.getByRole("button", { name: "Check certificate" }).click();
  await page.getByRole("button", { name: "Check the key" }).waitFor();
  const views = { check: await buttonNames(page) };
  await gotoApp(page, backend.url, "#/test/demo");
  await page.waitForFunction(
    () => document.querySelector("input[name=certificateId]")?.value,
  );
  views.test = await buttonNames(page);
  await gotoApp(page, backend.url, "#/");
  await page.getByRole("button", { name: "Add organisation" }).waitFor();
  views.overview = await buttonNames(page);
  for (const [view, names] of Object.entries(views)) {
    assert.ok(names.length > 1, view);
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    assert.deepEqual(repeated, [], `${view}: ${names.join(" | ")}`);
  }
  await assertCleanPage(page, log);
  await page.context().close();
});
