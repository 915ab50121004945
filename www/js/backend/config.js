// The page's configuration, read once at start from config.json next to index.html:
//   backendUrl   the URL the contract's paths (/api/...) are resolved against;
//                "" or absent: this page's own origin.
//   credentials  fetch's credentials mode: "same-origin" (default), "include", "omit".
//   csrf         optional { header, cookie?, meta? }: send `header` on every write,
//                filled from the cookie named `cookie` or the <meta name=`meta`> tag.
//   netsuiteCheck true when the backend relays live checks to NetSuite's token
//                endpoint (the contract's optional checkToken); default false.
const CREDENTIALS = ["same-origin", "include", "omit"];

let config = null;

function configError(message) {
  return Object.assign(new Error(`config.json: ${message}`), {
    code: "config_invalid",
  });
}

/** Validates the parsed config.json; absent keys take today's behaviour. */
export function normaliseConfig(raw, pageUrl) {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw configError("expected a JSON object.");
  const credentials = raw.credentials ?? "same-origin";
  if (!CREDENTIALS.includes(credentials))
    throw configError(`credentials must be one of ${CREDENTIALS.join(", ")}.`);
  let backend;
  try {
    backend = new URL(raw.backendUrl || "/", pageUrl);
  } catch {
    throw configError("backendUrl is not a URL.");
  }
  if (backend.protocol !== "https:" && backend.protocol !== "http:")
    throw configError("backendUrl must be an http or https URL.");
  const csrf = raw.csrf ?? null;
  if (
    csrf !== null &&
    (typeof csrf.header !== "string" ||
      !csrf.header ||
      (!csrf.cookie && !csrf.meta))
  )
    throw configError("csrf needs a header and a cookie or a meta name.");
  const netsuiteCheck = raw.netsuiteCheck ?? false;
  if (typeof netsuiteCheck !== "boolean")
    throw configError("netsuiteCheck must be true or false.");
  return Object.freeze({
    netsuiteCheck,
    backendUrl: backend.href.replace(/\/+$/, ""),
    credentials,
    csrf: csrf && Object.freeze({ ...csrf }),
  });
}

/** Reads config.json (resolved against the page's address) once. */
export async function loadConfig() {
  const response = await fetch(new URL("config.json", document.baseURI), {
    cache: "no-store",
    credentials: "same-origin",
  }).catch(() => null);
  if (!response) throw configError("could not be read.");
  if (response.status === 404) {
    config = normaliseConfig({}, location.href);
    return config;
  }
  if (!response.ok) throw configError(`answered ${response.status}.`);
  let raw;
  try {
    raw = await response.json();
  } catch {
    throw configError("is not valid JSON.");
  }
  config = normaliseConfig(raw, location.href);
  return config;
}

export function currentConfig() {
  if (!config) throw new Error("config.json is not loaded yet.");
  return config;
}

/** The CSRF header to send on a write, or null. */
export function csrfHeader() {
  const csrf = currentConfig().csrf;
  if (!csrf) return null;
  let value = null;
  if (csrf.cookie) {
    const prefix = `${csrf.cookie}=`;
    const cookie = document.cookie
      .split(/;\s*/)
      .find((part) => part.startsWith(prefix));
    if (cookie) value = decodeURIComponent(cookie.slice(prefix.length));
  }
  if (value === null && csrf.meta)
    value =
      document
        .querySelector(`meta[name="${CSS.escape(csrf.meta)}"]`)
        ?.getAttribute("content") ?? null;
  return value === null ? null : [csrf.header, value];
}
