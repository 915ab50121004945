// Firefox ESR (through geckodriver) and WebKitGTK's MiniBrowser (through WebKitWebDriver,
// on an Xvfb display) driven over W3C WebDriver with selenium-webdriver, as the
// cross-engine tests (tests/engines/) and the benchmark (--browser firefox) need them.
// Each launch starts its own driver process on a free loopback port (and, for WebKit,
// its own Xvfb), so nothing here asks Selenium Manager to download anything.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Builder } from "selenium-webdriver";

export const ENGINES = ["firefox", "webkit"];

export const FIREFOX_PATH = process.env.FIREFOX_PATH || "/usr/bin/firefox-esr";

/** Debian puts the MiniBrowser in the multiarch library folder of webkit2gtk-4.1. */
export function miniBrowserPath() {
  if (process.env.MINIBROWSER_PATH) return process.env.MINIBROWSER_PATH;
  const candidates = readdirSync("/usr/lib")
    .map((dir) => path.join("/usr/lib", dir, "webkit2gtk-4.1", "MiniBrowser"))
    .filter((file) => existsSync(file));
  if (!candidates.length)
    throw new Error(
      "MiniBrowser not found under /usr/lib/*/webkit2gtk-4.1/: install Debian's webkit2gtk-driver (bash scripts/setup-test.sh)",
    );
  return candidates[0];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A child process whose output is kept (the drivers print the browsers' console there). */
function start(command, args, options = {}) {
  const child = spawn(command, args, {
    ...options,
    stdio: ["ignore", "pipe", "pipe", ...(options.extraStdio ?? [])],
  });
  const output = [];
  const keep = (chunk) => output.push(chunk.toString("utf8"));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.once("error", (error) => output.push(`spawn ${command}: ${error}\n`));
  return {
    child,
    exited,
    output: () => output.join(""),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Xvfb on the first free display; -displayfd tells which one it took. */
async function startXvfb() {
  const xvfb = start(
    "Xvfb",
    ["-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "1280x1024x24"],
    { extraStdio: ["pipe"] },
  );
  const display = await new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(
      () => reject(new Error(`Xvfb did not start: ${xvfb.output()}`)),
      15_000,
    );
    xvfb.child.stdio[3].on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) {
        clearTimeout(timer);
        resolve(`:${text.trim()}`);
      }
    });
    xvfb.exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited: ${xvfb.output()}`));
    });
  });
  return { ...xvfb, display };
}

async function waitForDriver(url, driver) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(new URL("status", url));
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (driver.child.exitCode !== null || Date.now() > deadline)
      throw new Error(
        `the WebDriver server did not start:\n${driver.output()}`,
      );
    await sleep(100);
  }
}

// MIME types the page downloads (key, certificate, calendar): saved without asking.
const DOWNLOAD_TYPES = [
  "application/x-pem-file",
  "application/x-x509-ca-cert",
  "application/pkix-cert",
  "application/pkcs8",
  "application/octet-stream",
  "text/plain",
  "text/calendar",
].join(",");

function firefoxCapabilities(downloadDir) {
  return {
    browserName: "firefox",
    "moz:firefoxOptions": {
      binary: FIREFOX_PATH,
      args: ["-headless"],
      prefs: {
        // The page's console output goes to geckodriver's stdout.
        "devtools.console.stdout.content": true,
        // ... and not Firefox's own (its services fail offline, loudly).
        "devtools.console.stdout.chrome": false,
        "browser.download.folderList": 2,
        "browser.download.dir": downloadDir,
        "browser.download.useDownloadDir": true,
        "browser.download.always_ask_before_handling_new_types": false,
        "browser.download.alwaysOpenPanel": false,
        "browser.download.start_downloads_in_tmp_dir": false,
        "browser.helperApps.neverAsk.saveToDisk": DOWNLOAD_TYPES,
        // Nothing leaves the machine: every request but loopback goes to a proxy
        // that is not there (the discard port), so Firefox's own services fail fast.
        "network.proxy.type": 1,
        "network.proxy.http": "127.0.0.1",
        "network.proxy.http_port": 9,
        "network.proxy.ssl": "127.0.0.1",
        "network.proxy.ssl_port": 9,
        "network.proxy.no_proxies_on": "localhost, 127.0.0.1",
        "network.proxy.allow_hijacking_localhost": false,
        "network.trr.mode": 5,
        "network.dns.disablePrefetch": true,
        "app.update.enabled": false,
        "browser.safebrowsing.downloads.enabled": false,
        "browser.safebrowsing.malware.enabled": false,
        "browser.safebrowsing.phishing.enabled": false,
        "network.captive-portal-service.enabled": false,
        "network.connectivity-service.enabled": false,
        "datareporting.policy.dataSubmissionEnabled": false,
        "toolkit.telemetry.enabled": false,
      },
    },
  };
}

function webkitCapabilities(extraArgs = []) {
  return {
    browserName: "MiniBrowser",
    "webkitgtk:browserOptions": {
      binary: miniBrowserPath(),
      args: ["--automation", ...extraArgs],
    },
  };
}

/**
 * Starts `engine` ("firefox" or "webkit") with downloads saved to a fresh folder.
 * Returns { engine, driver (a selenium WebDriver), downloadDir, driverOutput(), close() }.
 */
export async function launchEngine(engine, { downloadDir } = {}) {
  if (!ENGINES.includes(engine))
    throw new Error(`unknown engine ${engine}: one of ${ENGINES.join(", ")}`);
  const scratch = await mkdtemp(path.join(tmpdir(), `netsuite-m2m-${engine}-`));
  downloadDir ??= path.join(scratch, "downloads");
  await mkdir(downloadDir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const stops = [];
  let server;
  let capabilities;
  try {
    if (engine === "firefox") {
      const geckodriver = process.env.GECKODRIVER || "geckodriver";
      server = start(geckodriver, [
        "--host",
        "127.0.0.1",
        "--port",
        String(port),
        "--log",
        "warn",
      ]);
      capabilities = firefoxCapabilities(downloadDir);
    } else {
      const xvfb = await startXvfb();
      stops.push(() => xvfb.stop());
      // WebKitGTK saves downloads in the XDG download folder, read from user-dirs.dirs.
      const config = path.join(scratch, "config");
      await mkdir(config, { recursive: true });
      await writeFile(
        path.join(config, "user-dirs.dirs"),
        `XDG_DOWNLOAD_DIR="${downloadDir}"\n`,
      );
      server = start(
        process.env.WEBKIT_WEBDRIVER || "WebKitWebDriver",
        [`--port=${port}`],
        {
          env: {
            ...process.env,
            DISPLAY: xvfb.display,
            XDG_CONFIG_HOME: config,
            XDG_CACHE_HOME: path.join(scratch, "cache"),
            XDG_DATA_HOME: path.join(scratch, "data"),
          },
        },
      );
      // As for Firefox: nothing but loopback leaves the machine.
      capabilities = webkitCapabilities([
        "--proxy=http://127.0.0.1:9",
        "--ignore-host=127.0.0.1",
        "--ignore-host=localhost",
      ]);
    }
    stops.unshift(() => server.stop());
    await waitForDriver(url, server);
    const driver = await new Builder()
      .usingServer(url)
      .withCapabilities(capabilities)
      .build();
    const session = await driver.getCapabilities();
    return {
      engine,
      driver,
      downloadDir,
      version: `${session.getBrowserName()} ${session.getBrowserVersion()}`,
      driverOutput: () => server.output(),
      async close() {
        await driver.quit().catch(() => {});
        for (const stop of stops) await stop();
        await rm(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const stop of stops) await stop();
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}
