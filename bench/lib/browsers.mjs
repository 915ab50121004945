// The browsers the benchmark runs in. Chromium through playwright-core (scripts/chromium.mjs);
// Firefox ESR through W3C WebDriver (scripts/webdriver.mjs), since Playwright cannot drive
// Debian's Firefox. Both are handed to the run behind the few Playwright calls it makes
// (bench/lib/bench-page.mjs, timing.mjs, ready.mjs):
// browser.version(), browser.newContext() -> context.newPage(), context.close(),
// page.goto(), page.evaluate(fn, arg), page.waitForFunction(fn, arg, { timeout }),
// page.on("pageerror"), browser.close().
import { launchChromium, CHROMIUM_PATH } from "../../scripts/chromium.mjs";
import { FIREFOX_PATH, launchEngine } from "../../scripts/webdriver.mjs";

export const BROWSERS = ["chromium", "firefox"];

/**
 * Runs `fn(arg)` in the page and resolves with what its promise resolves to. Firefox runs
 * WebDriver scripts with Xray vision of the page, under which page code may not read
 * typed arrays; so the call goes into the page's own realm as a script element, and
 * the answer comes back as JSON through postMessage.
 */
async function evaluate(driver, fn, arg) {
  const answer = await driver.executeAsyncScript(
    `const [call, done] = arguments;
     const id = "bench-" + Math.random();
     addEventListener("message", function reply(event) {
       if (!event.data || event.data.id !== id) return;
       removeEventListener("message", reply);
       done(JSON.parse(event.data.json));
     });
     const script = document.createElement("script");
     script.textContent = call.replace("__ID__", JSON.stringify(id));
     document.head.append(script);
     script.remove();`,
    `(() => {
       const answer = (value) => postMessage({ id: __ID__, json: JSON.stringify(value) }, "*");
       Promise.resolve()
         .then(() => (${fn})(${JSON.stringify(arg ?? null)}))
         .then((value) => answer({ value }), (e) => answer({ error: String((e && e.stack) || e) }));
     })();`,
  );
  if (answer.error) throw new Error(answer.error);
  return answer.value;
}

/**
 * Firefox over WebDriver. A context is a browser session of its own (a fresh profile:
 * empty HTTP cache, nothing compiled), as Playwright's new context is for Chromium.
 */
async function launchFirefox() {
  let version = "";
  return {
    version: () => version,
    async newContext() {
      const engine = await launchEngine("firefox");
      version = engine.version.replace(/^firefox /, "");
      const { driver } = engine;
      // The benchmark's batches run for minutes; timing.mjs puts its own limit on them.
      await driver.manage().setTimeouts({ script: 60 * 60_000 });
      const page = {
        goto: (url) => driver.get(url),
        evaluate: (fn, arg) => evaluate(driver, fn, arg),
        async waitForFunction(fn, arg, { timeout = 30_000 } = {}) {
          const deadline = Date.now() + timeout;
          while (!(await evaluate(driver, fn, arg))) {
            if (Date.now() > deadline)
              throw new Error(`timed out after ${timeout / 1000} s`);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        },
        // Uncaught errors show as the page not getting ready (bench-page.mjs waits for that).
        on() {},
      };
      return { newPage: async () => page, close: () => engine.close() };
    },
    async close() {},
  };
}

/**
 * Starts `name` ("chromium" or "firefox"); returns { browser, label() } (the label
 * names the version, known once a context is open).
 */
export async function openBrowser(name) {
  if (name === "chromium") {
    const browser = await launchChromium();
    return {
      browser,
      label: () => `Chromium ${browser.version()} (headless, ${CHROMIUM_PATH})`,
    };
  }
  if (name === "firefox") {
    const browser = await launchFirefox();
    return {
      browser,
      label: () =>
        `Firefox ${browser.version()} (headless, ${FIREFOX_PATH}, through geckodriver)`,
    };
  }
  throw new Error(
    `unknown browser ${name}: --browser takes ${BROWSERS.join(" or ")}`,
  );
}
