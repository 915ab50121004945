// The wasm module, initialised once for the whole page. Fast calls (ID parsing,
// certificate inspection) run here; slow ones go through the worker (see bridge.js).
import init, * as m2m from "../pkg/netsuite_m2m.js";

let ready;

/** Resolves to the module's namespace once its wasm is instantiated. */
export function loadModule() {
  ready ??= init().then(() => m2m);
  return ready;
}

export { m2m };
