// Seeds a running backend with `count` organisations over its HTTP API, as pages
// would: a name, an integration (Account ID, Client ID), and most with a
// certificate made by the wasm module. The e2e overview tests and the overview
// benchmark share it. A few certificates are made and reused, their expiries spread
// over the next two years; a share of organisations have none.
//
//   node scripts/seed-organisations.mjs http://127.0.0.1:8080/ 1000
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const DAY_MS = 24 * 60 * 60 * 1000;
const WORDS = [
  "Aurora",
  "Birch",
  "Cobalt",
  "Delta",
  "Ember",
  "Fjord",
  "Granite",
  "Harbour",
  "Iris",
  "Juniper",
  "Kestrel",
  "Lumen",
];
const KINDS = ["Traders", "Holdings", "Partners", "Logistics", "Foods"];

/** The i-th organisation's name: two words and a number, unique per i. */
export function organisationName(i) {
  const word = WORDS[i % WORDS.length];
  const kind = KINDS[Math.floor(i / WORDS.length) % KINDS.length];
  return `${word} ${kind} ${String(i + 1).padStart(5, "0")}`;
}

/** The module built for the page (www/pkg, or `pkgDir`), loaded in Node. */
export async function loadNodeModule(pkgDir) {
  const dir = pkgDir ?? fileURLToPath(new URL("../www/pkg/", import.meta.url));
  const m2m = await import(
    pathToFileURL(`${dir.replace(/\/$/, "")}/netsuite_m2m.js`).href
  );
  await m2m.default({
    module_or_path: await readFile(
      `${dir.replace(/\/$/, "")}/netsuite_m2m_bg.wasm`,
    ),
  });
  return m2m;
}

/**
 * Certificates whose notAfter lies 2 to 720 days from `now`. The backend refuses an
 * expired certificate, so a test that wants expired ones moves the page's clock on.
 */
async function certificatePool(m2m, now) {
  const offsets = [2, 5, 8, 15, 25, 40, 55];
  for (let days = 70; days <= 720; days += 25) offsets.push(days);
  const pool = [];
  for (const validityDays of offsets) {
    const generated = await m2m.generate({
      keyType: "ec-p256",
      validityDays,
      now,
    });
    pool.push(generated.certificate.pem);
  }
  return pool;
}

async function call(base, method, pathname, body, version) {
  const headers = { Accept: "application/json" };
  if (body) headers["Content-Type"] = "application/json";
  if (version !== undefined) headers["If-Match"] = `"${version}"`;
  const response = await fetch(new URL(pathname, base), {
    method,
    headers,
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${method} ${pathname} -> ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The i-th organisation's Account ID; null for every 12th, which has no integration. */
export function accountIdOf(i) {
  return i % 12 === 11 ? null : `${1000000 + i}_SB1`;
}

/** One organisation: every 12th has no integration, every 13th no certificate. */
async function seedOne(base, i, pool) {
  const org = await call(base, "POST", "/api/organisations", {
    name: organisationName(i),
  });
  const accountId = accountIdOf(i);
  if (!accountId) return;
  const path = `/api/organisations/${encodeURIComponent(org.id)}/integrations/netsuite`;
  const integration = await call(base, "PUT", path, {
    accountId,
    clientId: randomBytes(32).toString("hex"),
  });
  if (i % 13 === 12) return;
  await call(
    base,
    "PUT",
    `${path}/certificate`,
    {
      // A few certificates serve many organisations here, so each gets an ID of
      // its own (searchable), confirmed as NetSuite's (it is not its SHA-256).
      certificateId: randomBytes(32).toString("base64url"),
      certificatePem: pool[(i * 7) % pool.length],
      certificateIdConfirmed: true,
    },
    integration.version,
  );
}

/**
 * Adds `count` organisations to the backend at `url` (its limit must allow them),
 * `concurrency` at a time, numbered from `first` (to add more to a seeded backend).
 * `m2m`: the loaded module (default: www/pkg's).
 */
export async function seedOrganisations(
  url,
  count,
  { m2m, concurrency = 8, now = Date.now(), first = 0 } = {},
) {
  const pool = await certificatePool(m2m ?? (await loadNodeModule()), now);
  let next = first;
  const end = first + count;
  async function worker() {
    while (next < end) await seedOne(url, next++, pool);
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [url, count = "100"] = process.argv.slice(2);
  if (!url) {
    console.error("usage: node scripts/seed-organisations.mjs URL [COUNT]");
    process.exit(2);
  }
  await seedOrganisations(url, Number(count));
  console.log(`seeded ${count} organisations into ${url}`);
}
