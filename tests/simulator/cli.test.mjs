// `npm run netsuite-simulator`: prints where it serves, honours HOST and PORT
// (0: a free port), falls back from a taken port, stops on SIGTERM, and
// refuses a setting it cannot use. Needs no build of the wasm module.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import net from "node:net";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { send } from "./helpers.mjs";

// Every test stops by itself, even if the simulator never answers or exits.
const BOUND = { timeout: 60_000 };
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Runs the npm script; `ready` resolves to the URL it prints. */
function run(env) {
  const child = spawn("npm", ["run", "--silent", "netsuite-simulator"], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: npm does not pass SIGTERM on to the script.
    detached: true,
  });
  const output = { stdout: "", stderr: "" };
  const exited = new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output.stdout += chunk;
      const match = /netsuite-simulator: serving (http:\/\/\S+)\n/.exec(
        output.stdout,
      );
      if (match) resolve(match[1]);
    });
    child.stderr.on("data", (chunk) => (output.stderr += chunk));
    exited.then(({ code }) =>
      reject(new Error(`exited with ${code} before serving: ${output.stderr}`)),
    );
  });
  ready.catch(() => {});
  return { child, output, ready, exited };
}

// SIGTERM to npm and the simulator it runs (the group npm leads); resolves
// once every process that held the output pipes is gone.
async function stop(simulator) {
  const closed = new Promise((resolve) =>
    simulator.child.stdout.on("close", resolve),
  );
  try {
    process.kill(-simulator.child.pid, "SIGTERM");
  } catch (error) {
    if (error.code !== "ESRCH") throw error; // already gone
  }
  await closed;
  return simulator.exited;
}

test(
  "PORT=0 serves on a free loopback port and prints the URL; SIGTERM stops it",
  BOUND,
  async () => {
    const simulator = run({ PORT: "0", HOST: "" });
    try {
      const url = await simulator.ready;
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const setup = await send(new URL("1234567-sb1/m2m-setup", url));
      assert.equal(setup.status, 200);
      assert.match(setup.text, /OAuth 2.0 Client Credentials Setup/);
    } finally {
      await stop(simulator);
    }
  },
);

test("a taken PORT falls back to a free one, and says so", BOUND, async () => {
  const blocker = net.createServer();
  await new Promise((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const taken = blocker.address().port;
  const simulator = run({ PORT: String(taken) });
  try {
    const url = await simulator.ready;
    assert.notEqual(Number(new URL(url).port), taken);
    assert.match(
      simulator.output.stdout,
      new RegExp(`port ${taken} is in use`),
    );
  } finally {
    await stop(simulator);
    blocker.close();
  }
});

for (const [env, message] of [
  [{ PORT: "eighty" }, /PORT must be a whole number from 0 to 65535/],
  [
    { CLOCK_OFFSET_SECONDS: "1.5" },
    /CLOCK_OFFSET_SECONDS must be a whole number/,
  ],
]) {
  test(
    `refuses ${JSON.stringify(env)} with a clear message`,
    BOUND,
    async () => {
      const simulator = run(env);
      const { code } = await simulator.exited;
      assert.equal(code, 2);
      assert.match(simulator.output.stderr, message);
    },
  );
}
