// Loads the wasm module (www/pkg/, built by `npm run build`) once for Node, so
// the server judges IDs and certificates with exactly the rules the page uses.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const defaultPkgDir = fileURLToPath(new URL("../www/pkg/", import.meta.url));

// What the server calls; an older or partial build fails early and clearly.
const REQUIRED_EXPORTS = [
  "parseAccountId",
  "parseClientId",
  "parseCertificateId",
  "inspectCertificate",
  "organisationName",
];

let loading = null;

/**
 * Returns the initialised module; every call shares one instance.
 * NETSUITE_M2M_PKG_DIR points at another build of the module (used during development).
 */
export function loadModule() {
  loading ??= load(process.env.NETSUITE_M2M_PKG_DIR || defaultPkgDir).catch(
    (error) => {
      loading = null; // a later call may succeed once the build exists
      throw error;
    },
  );
  return loading;
}

async function load(pkgDir) {
  const jsFile = path.join(pkgDir, "netsuite_m2m.js");
  const wasmFile = path.join(pkgDir, "netsuite_m2m_bg.wasm");
  let wasm;
  try {
    wasm = await readFile(wasmFile);
  } catch (cause) {
    throw new Error(
      `The wasm module is missing (${wasmFile}); build it first with \`npm run build\`.`,
      {
        cause,
      },
    );
  }
  const m2m = await import(pathToFileURL(jsFile).href);
  const missing = REQUIRED_EXPORTS.filter(
    (name) => typeof m2m[name] !== "function",
  );
  if (missing.length > 0) {
    throw new Error(
      `The wasm module in ${pkgDir} lacks ${missing.join(", ")}; rebuild it with \`npm run build\`.`,
    );
  }
  await m2m.default({ module_or_path: wasm });
  return m2m;
}
