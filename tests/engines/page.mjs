// Drives the page over W3C WebDriver the way a person sees it: elements are found by
// role and accessible name as the browser itself computes them (WebDriver's Get
// Computed Role / Get Computed Label), never by CSS class, id or file name, so the
// suite does not depend on how www/ is built.
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { By, Key, until } from "selenium-webdriver";
import { ROOT } from "../e2e/support.mjs";

/** Where the engine suites leave their screenshots and driver logs. */
export const RESULTS = path.join(ROOT, "test-results", "engines");
/** The passphrase the engine suites encrypt downloaded keys with. */
export const PASSPHRASE = "correct horse battery staple";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Which elements can have a role; the browser's computed role decides among them.
const CANDIDATES = {
  button: "button, [role=button], input[type=button], input[type=submit]",
  link: "a[href], [role=link]",
  heading: "h1, h2, h3, h4, h5, h6, [role=heading]",
  field: "input, select, textarea, [role=textbox], [role=combobox]",
  any: "[aria-label], [aria-labelledby], pre, section, form, fieldset",
};

function matches(pattern, text) {
  const value = (text ?? "").replace(/\s+/g, " ").trim();
  return pattern instanceof RegExp ? pattern.test(value) : value === pattern;
}

async function poll(what, timeout, attempt) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const result = await attempt();
      if (result) return result;
    } catch (error) {
      // The page re-renders: an element found a moment ago may be gone.
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeout / 1000} s waiting for ${what}${lastError ? ` (${lastError.message})` : ""}`,
      );
    await sleep(100);
  }
}

export class EnginePage {
  constructor(driver, baseUrl) {
    this.driver = driver;
    this.baseUrl = baseUrl;
  }

  /** Opens a view of the app and waits until it shows its level-1 heading. */
  async goto(hash = "#/") {
    await this.driver.get(new URL(hash, this.baseUrl).href);
    // Leaving unsaved work asks first (a test that failed midway leaves some): leave.
    try {
      await (await this.driver.switchTo().alert()).accept();
    } catch {
      // no dialog
    }
    return this.find("heading", /./, { level: 1, timeout: 30_000 });
  }

  /**
   * The displayed element of `kind` ("button", "link", "heading", "field", "any")
   * whose accessible name matches `name` (exact string or RegExp). With several,
   * `near` (a heading's name) picks the one closest to that heading in the DOM tree.
   * `visible: false` also finds hidden elements (a file input behind a styled label).
   */
  async find(
    kind,
    name,
    { level, near, visible = true, timeout = 10_000 } = {},
  ) {
    const anchor = near
      ? await this.find("heading", near, { timeout })
      : undefined;
    return poll(`${kind} "${name}"`, timeout, async () => {
      const found = [];
      for (const element of await this.driver.findElements(
        By.css(CANDIDATES[kind]),
      )) {
        if (visible && !(await element.isDisplayed())) continue;
        if (level) {
          const tag = await element.getTagName();
          if (tag.toLowerCase() !== `h${level}`) continue;
        }
        if (matches(name, await element.getAccessibleName())) {
          found.push(element);
        }
      }
      if (found.length <= 1 || !anchor) return found[0];
      const best = await this.driver.executeScript(
        // How far up from the heading the smallest subtree holding the item begins.
        `const [anchor, ...items] = arguments;
         const distance = (item) => { let n = 0; for (let x = anchor; x; x = x.parentElement, n++) if (x.contains(item)) return n; return Infinity; };
         let best = 0;
         items.forEach((item, i) => { if (distance(item) < distance(items[best])) best = i; });
         return best;`,
        anchor,
        ...found,
      );
      return found[best];
    });
  }

  async click(kind, name, options) {
    const element = await this.find(kind, name, options);
    await this.driver.wait(until.elementIsEnabled(element), 10_000);
    await element.click();
    return element;
  }

  /** Types into the field labelled `label` (replacing what was there). */
  async fill(label, value, options) {
    const element = await this.find("field", label, options);
    await element.clear();
    if (value) await element.sendKeys(value);
    return element;
  }

  /** Chooses the option of the select labelled `label` whose text matches `optionText`. */
  async select(label, optionText, options) {
    const select = await this.find("field", label, options);
    for (const option of await select.findElements(By.css("option"))) {
      if (matches(optionText, await option.getText())) {
        await option.click();
        return;
      }
    }
    throw new Error(`no option "${optionText}" in "${label}"`);
  }

  /** Checks the radio button or checkbox labelled `label`. */
  async check(label, options) {
    const element = await this.find("field", label, options);
    if (!(await element.isSelected())) await element.click();
    await poll(`"${label}" checked`, 5_000, () => element.isSelected());
    return element;
  }

  /** Waits until the visible text of the page matches `pattern`. */
  /** Waits until `condition()` (run in Node) is true; `what` names it in the timeout. */
  async waitUntil(what, condition, { timeout = 30_000 } = {}) {
    await poll(what, timeout, async () => condition());
  }

  async waitForText(pattern, { timeout = 10_000 } = {}) {
    return poll(`text ${pattern}`, timeout, async () => {
      const text = await this.driver.findElement(By.css("body")).getText();
      const found =
        pattern instanceof RegExp ? pattern.test(text) : text.includes(pattern);
      return found ? text : null;
    });
  }

  async text(kind, name, options) {
    return (await this.find(kind, name, options)).getText();
  }

  /** Presses Escape, e.g. to close a dialog the page opened. */
  async escape() {
    await this.driver.actions().sendKeys(Key.ESCAPE).perform();
  }
}

/**
 * Waits for a finished file in the browser's download folder whose text satisfies
 * `accept`, then moves it into `keepDir` (WebKit will not overwrite a file of the same
 * name, so the folder is kept empty); returns { path, name, text }.
 */
export async function waitForDownload(
  dir,
  accept,
  { keepDir, timeout = 30_000 },
) {
  return poll(`a download in ${dir}`, timeout, async () => {
    for (const name of await readdir(dir)) {
      // Partial downloads: Firefox's .part, WebKit's .wkdownload / hidden files.
      if (name.startsWith(".") || /\.(part|wkdownload)$/.test(name)) continue;
      const file = path.join(dir, name);
      const text = await readFile(file, "utf8");
      // Still being written: every file the page offers is PEM, whole once its END line is.
      if (!/-----END [A-Z ]+-----\s*$/.test(text) || !accept(text)) continue;
      await mkdir(keepDir, { recursive: true });
      const kept = path.join(keepDir, name);
      await rename(file, kept);
      return { path: kept, name, text };
    }
    return null;
  });
}

/**
 * Replace step 1 and 2 as a person does them: generate (the key type as chosen
 * before), then download the key encrypted with PASSPHRASE; returns the key file
 * (moved into `keepDir`).
 */
export async function generateAndDownloadKey(page, downloadDir, keepDir) {
  await page.click("button", "Generate new certificate");
  await page.waitForText(/Generated in/, { timeout: 120_000 });
  await page.fill("Passphrase", PASSPHRASE);
  await page.fill("Repeat passphrase", PASSPHRASE);
  await page.click("button", "Download private key");
  return waitForDownload(downloadDir, (text) => text.includes("PRIVATE KEY"), {
    keepDir,
    timeout: 60_000,
  });
}

/** Saves a screenshot of what the browser shows (for a failing test) and returns its path. */
export async function screenshotTo(driver, file) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, await driver.takeScreenshot(), "base64");
  return file;
}
