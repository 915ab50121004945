// The promise bridge to worker.js, used only by module/index.js: a call resolves with
// the module's result or rejects with an Error carrying the module's `code` and `field`.
let worker = null;
let nextId = 1;
const pending = new Map();

function failAll(message) {
  for (const { reject } of pending.values()) {
    reject(Object.assign(new Error(message), { code: "worker_failed" }));
  }
  pending.clear();
}

function getWorker() {
  if (worker) return worker;
  worker = new Worker(new URL("./worker.js", import.meta.url), {
    type: "module",
    name: "netsuite-m2m",
  });
  worker.addEventListener("message", (event) => {
    const { id, ok, result, error } = event.data ?? {};
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (ok) call.resolve(result);
    else
      call.reject(
        Object.assign(new Error(error.message), {
          code: error.code,
          field: error.field,
        }),
      );
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    worker?.terminate();
    worker = null;
    failAll(
      "The background worker stopped unexpectedly. Reload the page and try again.",
    );
  });
  return worker;
}

export function runInWorker(operation, ...args) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    try {
      getWorker().postMessage({ id, operation, args });
    } catch (error) {
      pending.delete(id);
      reject(error);
    }
  });
}
