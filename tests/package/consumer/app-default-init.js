// The default init(): the glue resolves netsuite_m2m_bg.wasm relative to the module
// (new URL(..., import.meta.url)), i.e. next to the bundle, where the wasm is copied.
import init, * as m2m from "netsuite-m2m";
import { runInPage } from "./job.js";

runInPage(m2m, () => init());
