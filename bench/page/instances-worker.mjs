// The second instance of the `worker` variant (instances.mjs): the module in a worker
// that runs the slow calls, as www/js/module/worker.js did before the page dropped it.
import init, * as m2m from "/pkg/netsuite_m2m.js";

const ready = init();
const operations = {
  ready: () => null,
  generate: (options) => m2m.generate(options),
  encryptPrivateKey: (pem, passphrase) =>
    m2m.encryptPrivateKey(pem, passphrase),
};

self.addEventListener("message", async ({ data }) => {
  const { id, operation, args } = data;
  try {
    await ready;
    self.postMessage({
      id,
      ok: true,
      result: await operations[operation](...args),
    });
  } catch (error) {
    self.postMessage({ id, ok: false, error: String(error?.message ?? error) });
  }
});
