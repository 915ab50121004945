// Module worker for the module calls that take long (key generation, PBKDF2 with
// 600,000 iterations, reading a key file), so the page stays responsive. Only
// module/worker-client.js talks to it.
import init, * as m2m from "../../pkg/netsuite_m2m.js";

const ready = init();

const operations = {
  generate: (options) => m2m.generate(options),
  encryptPrivateKey: (privateKeyPem, passphrase) =>
    m2m.encryptPrivateKey(privateKeyPem, passphrase),
  keyMatchesCertificate: (privateKeyPem, certificate, passphrase) =>
    m2m.keyMatchesCertificate(privateKeyPem, certificate, passphrase),
  createClientAssertion: (options) => m2m.createClientAssertion(options),
};

self.addEventListener("message", async (event) => {
  const { id, operation, args } = event.data ?? {};
  try {
    await ready;
    if (!Object.hasOwn(operations, operation))
      throw new Error(`Unknown operation ${operation}.`);
    const result = await operations[operation](...(args ?? []));
    self.postMessage({ id, ok: true, result });
  } catch (error) {
    self.postMessage({
      id,
      ok: false,
      error: {
        message: String(error?.message ?? error),
        code: error?.code ?? "worker_error",
        field: error?.field,
      },
    });
  }
});
