// One wasm instance (the page's, calling WebCrypto from the main thread) against two
// (the page's, and a worker's that runs the slow calls, as the page once had), on a
// fresh page: ?variant=one or ?variant=worker. window.__instances says when each
// instance was ready; window.__responsiveness(job) runs a slow call and watches the
// main thread meanwhile (frames, long tasks, timer lag).
import init, * as m2m from "/pkg/netsuite_m2m.js";

const variant = new URL(location.href).searchParams.get("variant");

/** The worker variant's call: a promise per message, as the page's worker-client was. */
function workerCall(worker) {
  let next = 1;
  const pending = new Map();
  worker.addEventListener("message", ({ data }) => {
    const call = pending.get(data.id);
    pending.delete(data.id);
    if (data.ok) call.resolve(data.result);
    else call.reject(new Error(data.error));
  });
  return (operation, ...args) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, operation, args });
    });
}

async function start() {
  await init();
  const mainReady = performance.now();
  let call = (operation, ...args) => m2m[operation](...args);
  if (variant === "worker") {
    const worker = new Worker("/page/instances-worker.mjs", { type: "module" });
    call = workerCall(worker);
    await call("ready");
  }
  const allReady = performance.now();
  const { privateKeyPem } = await m2m.generate({
    keyType: "ec-p256",
    accountId: "1234567",
  });
  return { variant, mainReady, allReady, call, privateKeyPem };
}

const JOBS = {
  "generate-rsa-4096": ({ call }) =>
    call("generate", { keyType: "rsa-4096", accountId: "1234567" }),
  "encrypt-private-key": ({ call, privateKeyPem }) =>
    call("encryptPrivateKey", privateKeyPem, "a long enough passphrase"),
};

/** Runs `job`, recording animation frames, long tasks and 0 ms timers' lateness meanwhile. */
async function responsiveness(job) {
  const state = await ready;
  const longTasks = [];
  let observer = null;
  if (PerformanceObserver.supportedEntryTypes?.includes("longtask")) {
    observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => longTasks.push(e.duration)),
    );
    observer.observe({ type: "longtask" });
  }
  let running = true;
  const frames = [];
  const frame = (t) => {
    frames.push(t);
    if (running) requestAnimationFrame(frame);
  };
  let timerLag = 0;
  const timer = (due) => {
    timerLag = Math.max(timerLag, performance.now() - due);
    if (running) setTimeout(() => timer(performance.now()), 0);
  };
  const t0 = performance.now();
  requestAnimationFrame(frame);
  setTimeout(() => timer(t0), 0);
  await JOBS[job](state);
  const ms = performance.now() - t0;
  running = false;
  // The last frame after the call: the gap the call itself left, measured to its end.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  observer?.takeRecords().forEach((e) => longTasks.push(e.duration));
  observer?.disconnect();
  const points = [t0, ...frames];
  let frameGap = 0;
  for (let i = 1; i < points.length; i++)
    frameGap = Math.max(frameGap, points[i] - points[i - 1]);
  return {
    ms,
    frames: frames.length,
    maxFrameGapMs: frameGap,
    longestTaskMs: observer ? Math.max(0, ...longTasks) : null,
    longTasks: observer ? longTasks.length : null,
    maxTimerLagMs: timerLag,
  };
}

const ready = start();
ready.then(
  ({ mainReady, allReady }) => (window.__instances = { mainReady, allReady }),
  (e) => (window.__instances = { error: String(e?.stack || e) }),
);
window.__responsiveness = responsiveness;
