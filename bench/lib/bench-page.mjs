// The bench page (bench/page/index.html) opened in a browser context, its module
// loaded and window.bench set up, ready for the timed runs.

/** Opens the page; returns { ctx, page, info } (info: what window.bench.setup() saw). */
export async function openBenchPage(browser, origin) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(`${origin}/page/index.html`);
  await page
    .waitForFunction(() => window.__benchLoaded === true, null, {
      timeout: 30_000,
    })
    .catch(() => {
      throw new Error(
        `the bench page did not load: ${pageErrors.join("; ") || "timeout"}`,
      );
    });
  const info = await page.evaluate(() => window.bench.setup());
  if (!info.forgePureJavaScript)
    throw new Error("could not set forge.options.usePureJavaScript");
  return { ctx, page, info };
}
