// What the run measures before the browser starts: the snapshot of our module, the
// peers' bundles (esbuild into bench/build/) and the bytes a page downloads for each.
import { mkdir, readFile, copyFile, access, cp, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { gzipSync, constants as zc } from "node:zlib";
import { createHash } from "node:crypto";
import { build } from "esbuild";
import { BUILD, NM, PAGE, PKG, ROOT, SNAP } from "./config.mjs";

async function exists(p) {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

/** Exits (status 2) if the module has not been built. */
export async function requireModule() {
  const glue = join(PKG, "netsuite_m2m.js");
  const wasm = join(PKG, "netsuite_m2m_bg.wasm");
  if (!(await exists(glue)) || !(await exists(wasm))) {
    console.error(
      `[bench] ${relative(ROOT, PKG)}/netsuite_m2m.js or netsuite_m2m_bg.wasm is missing: run \`npm run build\` first.`,
    );
    process.exit(2);
  }
}

/**
 * Copies the module to bench/build/pkg/, so that a rebuild of www/pkg during the run
 * cannot mix two builds. Returns which build is measured: sha256 over netsuite_m2m.js
 * then netsuite_m2m_bg.wasm.
 */
export async function snapshotModule() {
  await mkdir(BUILD, { recursive: true });
  await rm(SNAP, { recursive: true, force: true });
  await cp(PKG, SNAP, { recursive: true });
  return createHash("sha256")
    .update(await readFile(join(SNAP, "netsuite_m2m.js")))
    .update(await readFile(join(SNAP, "netsuite_m2m_bg.wasm")))
    .digest("hex");
}

export async function buildPeers() {
  await mkdir(BUILD, { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    logLevel: "error",
    absWorkingDir: ROOT,
  };
  const bundle = (entry, out) =>
    build({
      ...common,
      entryPoints: [join(PAGE, entry)],
      outfile: join(BUILD, out),
    });
  await bundle("peculiar-entry.mjs", "peculiar.min.js");
  await bundle("peculiar-job-entry.mjs", "peculiar-treeshaken.min.js");
  await bundle("jose-entry.mjs", "jose.min.js");
  for (const file of ["forge.min.js", "prime.worker.min.js"])
    await copyFile(join(NM, "node-forge", "dist", file), join(BUILD, file));
}

async function sizeOf(files) {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const b = await readFile(f);
    raw += b.length;
    // Each file gzipped on its own at level 9, as a server would send it.
    gzip += gzipSync(b, { level: zc.Z_BEST_COMPRESSION }).length;
  }
  return { raw, gzip, files: files.map((f) => relative(ROOT, f)) };
}

export async function measureBytes() {
  const peculiar = await sizeOf([join(BUILD, "peculiar.min.js")]);
  const shaken = await sizeOf([join(BUILD, "peculiar-treeshaken.min.js")]);
  peculiar.treeShaken = { raw: shaken.raw, gzip: shaken.gzip };
  const forge = await sizeOf([join(BUILD, "forge.min.js")]);
  const worker = await sizeOf([join(BUILD, "prime.worker.min.js")]);
  forge.primeWorker = { raw: worker.raw, gzip: worker.gzip };
  const ours = ["netsuite_m2m_bg.wasm", "netsuite_m2m.js"];
  return {
    ours: {
      ...(await sizeOf(ours.map((f) => join(SNAP, f)))),
      // Named as served from www/pkg, though read from the snapshot.
      files: ours.map((f) => relative(ROOT, join(PKG, f))),
    },
    peculiar,
    forge,
  };
}
