// esbuild's file loader: the wasm is imported through the package's exports map as a
// URL, emitted next to the bundle with a content hash, and handed to init().
import init, * as m2m from "netsuite-m2m";
import wasmUrl from "netsuite-m2m/netsuite_m2m_bg.wasm";
import { runInPage } from "./job.js";

runInPage(m2m, () => init({ module_or_path: wasmUrl }));
