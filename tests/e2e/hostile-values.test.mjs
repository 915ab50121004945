// What the page must survive from a backend it does not control: organisation names
// and Certificate IDs that would break a calendar file or a file name. The reference
// backend refuses such values, so its answers are rewritten in the browser
// (page.route), as any other backend could send them.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  assertCleanPage,
  download,
  e2eEnvironment,
  gotoApp,
  openPage,
  seedIntegration,
} from "./support.mjs";

const { backend, browser, downloads } = await e2eEnvironment();
await seedIntegration(backend, "demo");

// Every line break RFC 5545 must see as one (CRLF, LF, a lone CR), the characters
// TEXT escapes, a control character, and enough multi-byte text to fold.
const HOSTILE_NAME =
  "Société\r/..\\CON: Ré, Ltd; a\\b\nline\r\nend\u0000 " + "🙂é".repeat(30);
const HOSTILE_ID = "../..\\\u0000CON:*?<>|" + "A".repeat(30);

/** A page whose backend says the demo organisation has HOSTILE_NAME and HOSTILE_ID. */
async function hostileBackendPage() {
  const opened = await openPage(browser);
  const { page } = opened;
  await page.route(/\/api\/organisations$/, async (route) => {
    const answer = await route.fetch();
    const list = await answer.json();
    for (const org of list.organisations)
      if (org.id === "demo") {
        org.name = HOSTILE_NAME;
        if (org.integration?.certificateId)
          org.integration.certificateId = HOSTILE_ID;
      }
    await route.fulfill({ response: answer, json: list });
  });
  await page.route(/\/integrations\/netsuite$/, async (route) => {
    const answer = await route.fetch();
    const integration = await answer.json();
    integration.certificate.certificateId = HOSTILE_ID;
    await route.fulfill({ response: answer, json: integration });
  });
  // The name the page gives each download, before the browser's own clean-up.
  await page.addInitScript(() => {
    window.__downloadNames = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (this.hasAttribute("download"))
        window.__downloadNames.push(this.download);
      return click.call(this);
    };
  });
  await gotoApp(page, backend.url, "#/org/demo");
  await page.locator("#certificate .details").waitFor();
  return opened;
}

/** Downloads what the button named `name` (in `scope`, default the page) offers. */
function downloadFrom(page, name, scope = page) {
  return download(
    page,
    () => scope.getByRole("button", { name }).click(),
    downloads,
  );
}

/** A file name safe on every common system: one name, no separators or controls, bounded. */
function assertSafeFileName(name) {
  assert.doesNotMatch(name, /[\u0000-\u001f\u007f<>:"/\\|?*]/, name);
  assert.doesNotMatch(name, /^[.\s-]|[.\s]$/, name);
  assert.doesNotMatch(
    name.split(".")[0],
    /^(con|prn|aux|nul|com\d|lpt\d)$/i,
    name,
  );
  assert.ok(name.length <= 100, name);
}

/** The lines of an .ics file after checking its physical form: CRLF only, folded at 75 octets. */
function icsLines(text) {
  assert.ok(text.endsWith("\r\n"), "ends with CRLF");
  for (const line of text.slice(0, -2).split("\r\n")) {
    assert.doesNotMatch(line, /[\r\n]/, "no bare CR or LF");
    assert.doesNotMatch(line, /[\u0000-\u0008\u000a-\u001f\u007f]/);
    assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
  }
  return text
    .slice(0, -2)
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .map((line) => {
      const colon = line.indexOf(":");
      return { name: line.slice(0, colon), value: line.slice(colon + 1) };
    });
}

/** A TEXT value as RFC 5545 reads it; fails on an unescaped comma, semicolon or backslash. */
function icsText(value) {
  assert.doesNotMatch(value.replace(/\\[\\;,nN]/g, ""), /[\\;,]/, value);
  return value.replace(/\\([\\;,nN])/g, (_, c) =>
    c === "n" || c === "N" ? "\n" : c,
  );
}

test("a hostile organisation name is escaped and folded in the calendar reminder", async () => {
  const { page, log } = await hostileBackendPage();
  const file = await downloadFrom(page, "Add reminder to calendar (.ics)");
  const lines = icsLines(file.text);
  const name = HOSTILE_NAME.replace(/\r\n|\r|\n/g, "\n").replace("\u0000", " ");
  const summary = icsText(lines.find((l) => l.name === "SUMMARY").value);
  assert.ok(
    summary.startsWith(`Replace the NetSuite certificate of ${name} (expires `),
    summary,
  );
  const description = icsText(
    lines.find((l) => l.name === "DESCRIPTION").value,
  );
  assert.ok(description.includes(` of ${name} expires on `), description);
  assert.deepEqual(
    lines.map((l) => l.name).filter((n) => n.startsWith("BEGIN")),
    ["BEGIN", "BEGIN", "BEGIN"],
    "no line of the name became a property of its own",
  );
  await assertCleanPage(page, log);
  await page.context().close();
});

test("download names built from the backend's Certificate ID and names are safe", async () => {
  const { page, log } = await hostileBackendPage();
  const certificate = await downloadFrom(
    page,
    "Download the current certificate (.pem)",
    page.locator("#certificate"),
  );
  const reminder = await downloadFrom(page, "Add reminder to calendar (.ics)");
  const named = await page.evaluate(() => window.__downloadNames);
  assert.equal(named.length, 2);
  for (const name of [...named, certificate.name, reminder.name])
    assertSafeFileName(name);
  assert.match(named[0], /\.pem$/);
  assert.match(named[1], /\.ics$/);

  // What no view can produce yet: reserved device names, length, leading dots.
  const made = await page.evaluate(async () => {
    const { safeFileName } = await import("/js/private-key/download.js");
    return [
      "CON.pem",
      "lpt1",
      "nul.tar.gz",
      `${"x".repeat(300)}.pem`,
      "...hidden.pem",
      "trailing. ",
      "a\u202eb\u200bc.pem",
      "",
    ].map(safeFileName);
  });
  for (const name of made) assertSafeFileName(name);
  assert.match(made[3], /^x+\.pem$/, "the extension survives shortening");
  await assertCleanPage(page, log);
  await page.context().close();
});
