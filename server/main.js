// `npm start`: the reference backend on HOST:PORT (default 127.0.0.1:8080,
// or a free port if 8080 is taken), storing its data in DATA_DIR (./.data).
import { startServer } from "./app.js";

const host = process.env.HOST || "127.0.0.1";
const dataDir = process.env.DATA_DIR || ".data";
const portSetting = process.env.PORT;
const port =
  portSetting === undefined || portSetting === "" ? 8080 : Number(portSetting);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `netsuite-m2m: PORT must be a port number (0-65535), not ${JSON.stringify(portSetting)}.`,
  );
  process.exit(2);
}

let server;
try {
  server = await startServer({ host, port, dataDir });
} catch (error) {
  if (error.code !== "EADDRINUSE") {
    console.error(`netsuite-m2m: could not start: ${error.message}`);
    process.exit(1);
  }
  // Ask the system for a free port instead; startServer closed the store.
  server = await startServer({ host, port: 0, dataDir });
  console.log(
    `netsuite-m2m: port ${port} is in use; using port ${server.port} instead.`,
  );
}
console.log(`netsuite-m2m: serving ${server.url}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) process.exit(1);
    stopping = true;
    await server.close();
    process.exit(0);
  });
}
