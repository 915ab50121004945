#!/usr/bin/env node
// Makes www/pkg/ (wasm-bindgen --target web output) an installable npm package:
// writes www/pkg/package.json and www/pkg/README.md. Called at the end of
// scripts/build.sh; `npm pack www/pkg` then gives the tarball a web team adds to its app.
//
// One source for the package's identity: name, version, description and license are
// read from Cargo.toml's [package] table, never restated here.
import { readFile, writeFile, readdir, copyFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PKG = process.argv[2] || join(ROOT, "www", "pkg");
const STEM = "netsuite_m2m";

/** The string fields of Cargo.toml's [package] table (name, version, description, license). */
export function cargoPackage(toml) {
  const fields = {};
  let inPackage = false;
  for (const line of toml.split("\n")) {
    const section = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (section) {
      inPackage = section[1].trim() === "package";
      continue;
    }
    const kv = /^\s*([A-Za-z_-]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(line);
    if (inPackage && kv) fields[kv[1]] = JSON.parse(`"${kv[2]}"`);
  }
  for (const f of ["name", "version", "description", "license"])
    if (!fields[f]) throw new Error(`Cargo.toml: no ${f} in [package]`);
  return fields;
}

/** The package.json for the module in `files` (the names present in www/pkg). */
export function packageJson(cargo, files) {
  const glue = `${STEM}.js`;
  const wasm = `${STEM}_bg.wasm`;
  const types = `${STEM}.d.ts`;
  for (const f of [glue, wasm, types])
    if (!files.includes(f))
      throw new Error(`${f} is missing: run wasm-bindgen first`);
  // inline_js / module snippets, if the crate ever has them, are imported by the glue.
  const snippets = files.includes("snippets") ? ["snippets/"] : [];
  return {
    name: cargo.name,
    version: cargo.version,
    description: cargo.description,
    license: cargo.license,
    type: "module",
    main: `./${glue}`,
    module: `./${glue}`,
    types: `./${types}`,
    exports: {
      ".": { types: `./${types}`, default: `./${glue}` },
      // For loaders that want the wasm's URL or bytes themselves (esbuild's file
      // loader, Node's readFile): import.meta.resolve("netsuite-m2m/netsuite_m2m_bg.wasm").
      [`./${wasm}`]: `./${wasm}`,
      "./package.json": "./package.json",
    },
    files: [glue, types, wasm, ...snippets],
    sideEffects: false,
    engines: { node: ">=20" },
    keywords: ["netsuite", "oauth2", "m2m", "x509", "jwt", "webcrypto", "wasm"],
  };
}

async function main() {
  const cargo = cargoPackage(await readFile(join(ROOT, "Cargo.toml"), "utf8"));
  const files = await readdir(PKG);
  const pkg = packageJson(cargo, files);
  // Bundlers (webpack 5, Vite, Rollup, Parcel) find the wasm through this expression in
  // the glue; without it the package would only work where the wasm is copied by hand.
  const glue = await readFile(join(PKG, `${STEM}.js`), "utf8");
  const relative = new RegExp(
    `new URL\\(\\s*["']${STEM}_bg\\.wasm["']\\s*,\\s*import\\.meta\\.url\\s*\\)`,
  );
  if (!relative.test(glue))
    throw new Error(
      `${STEM}.js does not resolve the wasm with new URL('${STEM}_bg.wasm', import.meta.url): ` +
        "was it built with wasm-bindgen --target web?",
    );
  await writeFile(
    join(PKG, "package.json"),
    JSON.stringify(pkg, null, 2) + "\n",
  );
  await copyFile(
    join(ROOT, "scripts", "package-README.md"),
    join(PKG, "README.md"),
  );
  console.log(
    `[package] ${PKG.startsWith(ROOT) ? PKG.slice(ROOT.length + 1) : PKG}/package.json: ${pkg.name}@${pkg.version} (npm pack it)`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`[package] ${e.message}`);
    process.exit(1);
  });
}
