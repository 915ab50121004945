// `npm start`: the reference backend on HOST:PORT (default 127.0.0.1:8080,
// or a free port if 8080 is taken), storing its data in DATA_DIR (./.data).
// Every setting is documented in server/README.md.
import { DEFAULT_LIMITS } from "./api/index.js";
import { startServer } from "./app.js";
import { isLoopbackName, parseAuthSettings } from "./auth/settings.js";
import { checkNetsuiteUrl, DEFAULT_NETSUITE_URL } from "./netsuite/relay.js";
import {
  checkCsrfHeader,
  DEFAULT_CSRF_HEADER,
  parseAllowedOrigins,
} from "./cors.js";

const env = process.env;
const host = env.HOST || "127.0.0.1";
const dataDir = env.DATA_DIR || ".data";
const port = integerSetting("PORT", 8080, 0, 65535);
const limits = {
  organisations: integerSetting(
    "MAX_ORGANISATIONS",
    DEFAULT_LIMITS.organisations,
    1,
  ),
  historyEntries: integerSetting(
    "MAX_HISTORY_ENTRIES",
    DEFAULT_LIMITS.historyEntries,
    2,
  ),
};
let cors;
try {
  cors = {
    allowedOrigins: parseAllowedOrigins(env.ALLOWED_ORIGINS),
    allowCredentials: booleanSetting("ALLOW_CREDENTIALS"),
    csrfHeader: checkCsrfHeader(env.CSRF_HEADER || DEFAULT_CSRF_HEADER),
  };
} catch (error) {
  refuse(error.message);
}
let auth;
try {
  auth = parseAuthSettings(env);
} catch (error) {
  refuse(error.message);
}
// Beyond loopback anyone on the network (or any page a visitor opens, by DNS
// rebinding) could change certificates: refuse before binding.
if (!auth && !isLoopbackName(host))
  refuse(
    `HOST=${host} would serve beyond this machine, which needs sign-in: set OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and PUBLIC_URL (and EDITORS), see server/README.md; or leave HOST unset (127.0.0.1).`,
  );
let netsuite;
try {
  netsuite = {
    url: checkNetsuiteUrl(env.NETSUITE_URL || DEFAULT_NETSUITE_URL),
    checksPerMinute: integerSetting("NETSUITE_CHECKS_PER_MINUTE", 10, 1),
  };
} catch (error) {
  refuse(error.message);
}

function integerSetting(name, fallback, min, max = Number.MAX_SAFE_INTEGER) {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    refuse(
      `${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}.`,
    );
  return value;
}

function booleanSetting(name) {
  const text = (env[name] ?? "").toLowerCase();
  if (!["", "0", "1", "true", "false"].includes(text))
    refuse(`${name} must be true or false, not ${JSON.stringify(env[name])}.`);
  return text === "1" || text === "true";
}

function refuse(message) {
  console.error(`netsuite-m2m: ${message}`);
  process.exit(2);
}

let server;
try {
  server = await startServer({
    host,
    port,
    dataDir,
    limits,
    cors,
    netsuite,
    auth,
  });
} catch (error) {
  if (error.code !== "EADDRINUSE") {
    console.error(`netsuite-m2m: could not start: ${error.message}`);
    process.exit(1);
  }
  // Ask the system for a free port instead; startServer closed the store.
  server = await startServer({
    host,
    port: 0,
    dataDir,
    limits,
    cors,
    netsuite,
    auth,
  });
  console.log(
    `netsuite-m2m: port ${port} is in use; using port ${server.port} instead.`,
  );
}
console.log(`netsuite-m2m: serving ${server.url}`);
console.log(
  auth
    ? `netsuite-m2m: sign-in through ${auth.issuer.href}; people open ${auth.publicUrl.href}`
    : 'netsuite-m2m: no sign-in (OIDC_ISSUER unset): one local person on this machine, recorded as "local" in the audit trail.',
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) process.exit(1);
    stopping = true;
    await server.close();
    process.exit(0);
  });
}
