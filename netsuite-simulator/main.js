// `npm run netsuite-simulator`: the NetSuite simulator on HOST:PORT (default
// 127.0.0.1:8090; PORT=0 picks a free port). See netsuite-simulator/README.md.
import { startSimulator } from "./app.js";

const env = process.env;
const host = env.HOST || "127.0.0.1";
const port = integerSetting("PORT", 8090, 0, 65535);
const clockOffsetSeconds = integerSetting(
  "CLOCK_OFFSET_SECONDS",
  0,
  -86_400 * 3650,
  86_400 * 3650,
);

function integerSetting(name, fallback, min, max) {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < min || value > max) {
    console.error(
      `netsuite-simulator: ${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}.`,
    );
    process.exit(2);
  }
  return value;
}

let simulator;
try {
  simulator = await startSimulator({ host, port, clockOffsetSeconds });
} catch (error) {
  if (error.code !== "EADDRINUSE") {
    console.error(`netsuite-simulator: could not start: ${error.message}`);
    process.exit(1);
  }
  // As the backend does: ask the system for a free port instead.
  simulator = await startSimulator({ host, port: 0, clockOffsetSeconds });
  console.log(
    `netsuite-simulator: port ${port} is in use; using port ${simulator.port} instead.`,
  );
}
console.log(`netsuite-simulator: serving ${simulator.url}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) process.exit(1);
    stopping = true;
    await simulator.close();
    process.exit(0);
  });
}
