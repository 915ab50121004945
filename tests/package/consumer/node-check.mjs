// The package in Node 20+, as its README says: the wasm's path through the exports map.
import { readFile } from "node:fs/promises";
import init, * as m2m from "netsuite-m2m";
import { job } from "./job.js";

const wasm = new URL(import.meta.resolve("netsuite-m2m/netsuite_m2m_bg.wasm"));
await init({ module_or_path: await readFile(wasm) });
const result = await job(m2m, process.argv[2]);
process.stdout.write(JSON.stringify({ ...result, wasm: wasm.href }));
