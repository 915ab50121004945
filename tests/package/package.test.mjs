// The installable package (issue 8 item 6), proven as a web team would use it:
// `npm pack` the built www/pkg, install the tarball offline into a fresh consumer
// project, bundle the consumer's app with esbuild, serve it on loopback, run it in
// headless Chromium, and check the certificate it made with OpenSSL. Also runs the
// installed package in Node, and checks the tarball holds only the listed files.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, describe, test } from "node:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { launchChromium } from "../../scripts/chromium.mjs";
import { cargoPackage } from "../../scripts/package.mjs";
import { startServer } from "../../bench/lib/server.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PKG = path.join(ROOT, "www", "pkg");
const CONSUMER_SRC = fileURLToPath(new URL("./consumer/", import.meta.url));
const OPENSSL = "/usr/bin/openssl";
// The tarball must install with no registry at all: any request npm tried would go here.
const NO_REGISTRY = "http://127.0.0.1:9/";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "m2m-package-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(cmd, args, options = {}) {
  try {
    return execFileSync(cmd, args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
      ...options,
    });
  } catch (e) {
    throw new Error(
      `${cmd} ${args.join(" ")} failed (${e.status}):\n${e.stderr}${e.stdout}`,
    );
  }
}

const npm = (args, cwd) =>
  run("npm", args, {
    cwd,
    env: {
      ...process.env,
      npm_config_registry: NO_REGISTRY,
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
      npm_config_cache: path.join(tmp, "npm-cache"),
    },
  });

const openssl = (args) => run(OPENSSL, args);
/** `openssl x509 -in file -noout ...args`: what OpenSSL reads in a certificate. */
const x509 = (file, ...args) =>
  openssl(["x509", "-in", file, "-noout", ...args]);

const cargo = cargoPackage(
  fs.readFileSync(path.join(ROOT, "Cargo.toml"), "utf8"),
);
let packed; // npm pack --json's entry for the tarball
let manifest; // the package.json inside the tarball
let tarball;
let tarDir; // the tarball unpacked
const consumer = path.join(tmp, "consumer");

before(() => {
  assert.ok(
    fs.existsSync(path.join(PKG, "package.json")),
    "www/pkg/package.json is missing: run `npm run build` (scripts/build.sh ends with scripts/package.mjs)",
  );
  const packs = path.join(tmp, "packs");
  fs.mkdirSync(packs);
  [packed] = JSON.parse(
    npm(["pack", PKG, "--json", "--pack-destination", packs], tmp),
  );
  tarball = path.join(packs, packed.filename);
  tarDir = path.join(tmp, "unpacked");
  fs.mkdirSync(tarDir);
  run("tar", ["-xzf", tarball, "-C", tarDir]);
  manifest = JSON.parse(
    fs.readFileSync(path.join(tarDir, "package", "package.json"), "utf8"),
  );
});

describe("the tarball", () => {
  test("is named and versioned from Cargo.toml, an ES module without side effects", () => {
    assert.equal(manifest.name, cargo.name);
    assert.equal(manifest.version, cargo.version);
    assert.equal(manifest.license, cargo.license);
    assert.equal(packed.filename, `${cargo.name}-${cargo.version}.tgz`);
    assert.equal(manifest.type, "module");
    assert.equal(manifest.sideEffects, false);
    assert.equal(manifest.private, undefined, "an installable package");
    assert.deepEqual(manifest.exports["."], {
      types: "./netsuite_m2m.d.ts",
      default: "./netsuite_m2m.js",
    });
    assert.equal(manifest.types, "./netsuite_m2m.d.ts");
    assert.equal(manifest.dependencies, undefined, "installs offline");
    assert.equal(manifest.scripts, undefined, "nothing runs at install");
  });

  test("holds exactly the listed files plus package.json and the README", () => {
    const listed = run("tar", ["-tzf", tarball])
      .split("\n")
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ""))
      .sort();
    const want = [...manifest.files, "package.json", "README.md"].sort();
    assert.deepEqual(listed, want);
    assert.deepEqual(packed.files.map((f) => f.path).sort(), want);
    for (const f of listed) {
      assert.doesNotMatch(f, /\.map$|\.(pem|key|p8|p12|pfx|crt|der)$/i, f);
      assert.doesNotMatch(f, /(^|\/)(tests?|__tests__|spec)(\/|$)|\.test\./, f);
    }
    // Every path the manifest points at is in the tarball.
    for (const target of [
      manifest.main,
      manifest.types,
      ...Object.values(manifest.exports).flatMap((e) =>
        typeof e === "string" ? [e] : Object.values(e),
      ),
    ])
      assert.ok(listed.includes(target.replace(/^\.\//, "")), target);
  });

  test("holds no private key, no source map reference and no build path", () => {
    const pemKey =
      /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----[\s\r\n]*[A-Za-z0-9+/=\r\n]{64,}/;
    for (const f of packed.files.map((x) => x.path)) {
      const text = fs
        .readFileSync(path.join(tarDir, "package", f))
        .toString("latin1");
      assert.doesNotMatch(text, pemKey, `${f} holds a private key`);
      assert.doesNotMatch(
        text,
        /sourceMappingURL/,
        `${f} refers to a source map`,
      );
      assert.ok(!text.includes(ROOT), `${f} holds this machine's path`);
    }
  });

  test("declares every cryptographic call as returning one Promise", () => {
    const dts = fs.readFileSync(
      path.join(tarDir, "package", "netsuite_m2m.d.ts"),
      "utf8",
    );
    for (const fn of [
      "generate",
      "inspectCertificate",
      "encryptPrivateKey",
      "readPrivateKey",
      "keyMatchesCertificate",
      "importCryptoKey",
      "createClientAssertion",
      "createClientAssertionWithCryptoKey",
    ]) {
      const decl = new RegExp(`export function ${fn}\\(.*\\): (.+);`).exec(dts);
      assert.ok(decl, `${fn} is not declared`);
      assert.match(
        decl[1],
        /^Promise<(?!Promise<)/,
        `${fn} returns ${decl[1]}`,
      );
    }
  });

  test("has a README that links to the TypeScript API reference instead of restating it", () => {
    const readme = fs.readFileSync(
      path.join(tarDir, "package", "README.md"),
      "utf8",
    );
    assert.match(readme, /\]\(\.\/netsuite_m2m\.d\.ts\)/);
    // The API is described once: no function signature tables copied from the .d.ts.
    assert.doesNotMatch(readme, /\| *`?[a-zA-Z]+\(/);
    assert.doesNotMatch(readme, /error\.code|passphrase_too_short/);
  });
});

describe("a consumer project", () => {
  const dist = {
    "file-loader": path.join(consumer, "dist-file-loader"),
    "default-init": path.join(consumer, "dist-default-init"),
  };
  let server;
  let browser;

  before(async () => {
    fs.cpSync(CONSUMER_SRC, consumer, { recursive: true });
    fs.writeFileSync(
      path.join(consumer, "package.json"),
      JSON.stringify({
        name: "consumer-fixture",
        private: true,
        type: "module",
      }),
    );
    npm(
      [
        "install",
        "--offline",
        "--ignore-scripts",
        "--no-package-lock",
        tarball,
      ],
      consumer,
    );
    const common = {
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      logLevel: "error",
      absWorkingDir: consumer,
    };
    await build({
      ...common,
      entryPoints: { app: path.join(consumer, "app-file-loader.js") },
      outdir: dist["file-loader"],
      loader: { ".wasm": "file" },
    });
    await build({
      ...common,
      entryPoints: { app: path.join(consumer, "app-default-init.js") },
      outdir: dist["default-init"],
    });
    // The default init() needs the wasm next to the bundle, as the README says.
    fs.copyFileSync(
      path.join(
        consumer,
        "node_modules",
        "netsuite-m2m",
        "netsuite_m2m_bg.wasm",
      ),
      path.join(dist["default-init"], "netsuite_m2m_bg.wasm"),
    );
    for (const d of Object.values(dist))
      fs.copyFileSync(
        path.join(consumer, "index.html"),
        path.join(d, "index.html"),
      );
    server = await startServer(dist);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("installs the tarball with no registry", () => {
    const installed = JSON.parse(
      fs.readFileSync(
        path.join(consumer, "node_modules", "netsuite-m2m", "package.json"),
        "utf8",
      ),
    );
    assert.equal(installed.version, cargo.version);
  });

  test("esbuild's file loader emits the wasm as an asset next to the bundle", () => {
    const files = fs.readdirSync(dist["file-loader"]);
    const wasm = files.filter((f) => f.endsWith(".wasm"));
    assert.equal(wasm.length, 1, files.join(", "));
    assert.match(wasm[0], /^netsuite_m2m_bg-[A-Z0-9]+\.wasm$/);
    const bundle = fs.readFileSync(
      path.join(dist["file-loader"], "app.js"),
      "utf8",
    );
    assert.ok(
      bundle.includes(wasm[0]),
      "the bundle refers to the emitted wasm",
    );
    assert.doesNotMatch(
      bundle,
      /from\s*["']netsuite-m2m/,
      "the package is bundled in",
    );
  });

  for (const [variant, keyType] of [
    ["file-loader", "ec-p256"],
    ["default-init", "rsa-3072"],
  ]) {
    describe(`bundled by esbuild (${variant}) and run in Chromium`, () => {
      let result;
      let certFile;
      let keyFile;

      before(async () => {
        const ctx = await browser.newContext();
        try {
          const page = await ctx.newPage();
          const problems = [];
          page.on("pageerror", (e) => problems.push(String(e)));
          page.on("console", (m) => {
            if (m.type() === "error") problems.push(m.text());
          });
          const wasmRequests = [];
          page.on("request", (r) => {
            if (r.url().endsWith(".wasm")) wasmRequests.push(r.url());
          });
          page.on("response", (r) => {
            if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
          });
          await page.goto(
            `${server.origin}/${variant}/index.html?keyType=${keyType}`,
          );
          await page.waitForFunction(() => window.__result, null, {
            timeout: 90_000,
          });
          result = await page.evaluate(() => window.__result);
          assert.equal(result.error, undefined, result.error);
          assert.deepEqual(problems, []);
          assert.equal(wasmRequests.length, 1, wasmRequests.join(", "));
          assert.ok(wasmRequests[0].startsWith(`${server.origin}/${variant}/`));
        } finally {
          await ctx.close();
        }
        certFile = path.join(tmp, `${variant}.crt`);
        keyFile = path.join(tmp, `${variant}.key`);
        fs.writeFileSync(certFile, result.certificatePem);
        fs.writeFileSync(keyFile, result.privateKeyPem, { mode: 0o600 });
      });

      test(`generates a ${keyType} certificate OpenSSL reads as such`, () => {
        const text = x509(certFile, "-text");
        assert.match(text, /Version: 3 \(0x2\)/);
        assert.match(text, /Subject: CN ?= ?package fixture/);
        assert.match(text, /CA:FALSE/);
        assert.match(text, /Digital Signature/);
        if (keyType.startsWith("ec-"))
          assert.match(
            text,
            /Public Key Algorithm: id-ecPublicKey[\s\S]*NIST CURVE: P-256/,
          );
        else assert.match(text, /Public-Key: \(3072 bit\)/);
      });

      test("the certificate verifies strictly against itself, signature included", () => {
        const out = openssl([
          "verify",
          "-x509_strict",
          "-check_ss_sig",
          "-CAfile",
          certFile,
          certFile,
        ]);
        assert.equal(out.trim(), `${certFile}: OK`);
      });

      test("the private key is the certificate's", () => {
        assert.equal(
          openssl(["pkey", "-in", keyFile, "-pubout"]),
          x509(certFile, "-pubkey"),
        );
      });

      test("inspectCertificate reports what OpenSSL sees", () => {
        const fp = x509(certFile, "-fingerprint", "-sha256");
        assert.equal(
          `sha256 Fingerprint=${result.report.fingerprintSha256}`,
          fp.trim(),
        );
        assert.equal(result.report.keyType, keyType);
        assert.equal(result.report.selfSigned, true);
        assert.equal(result.report.acceptedByNetSuite, true);
        assert.match(result.report.subject, /package fixture/);
      });
    });
  }

  test("runs in Node 20+ with the wasm found through the exports map", () => {
    const out = JSON.parse(
      run(process.execPath, ["node-check.mjs", "ec-p384"], { cwd: consumer }),
    );
    assert.equal(
      out.wasm,
      new URL(
        "node_modules/netsuite-m2m/netsuite_m2m_bg.wasm",
        `file://${consumer}/`,
      ).href,
    );
    const certFile = path.join(tmp, "node.crt");
    fs.writeFileSync(certFile, out.certificatePem);
    assert.match(x509(certFile, "-text"), /NIST CURVE: P-384/);
    assert.equal(out.report.keyType, "ec-p384");
  });
});
