// Cross-origin access for a page served elsewhere (www/config.json's
// backendUrl pointing here): CORS for exactly the origins in ALLOWED_ORIGINS.
// Every other cross-origin write stays refused (app.js, readJsonBody).
import { HttpError } from "./errors.js";

const METHODS = "GET, PUT, POST, PATCH, DELETE";
// What the contract's requests carry, besides CORS-safelisted headers.
const REQUEST_HEADERS = ["Content-Type", "If-Match", "Accept"];
export const DEFAULT_CSRF_HEADER = "X-CSRF-Token";

/**
 * Parses ALLOWED_ORIGINS ("https://a.example, http://127.0.0.1:8081"): each
 * entry must be exactly an origin (scheme, host, port; no path, no "*").
 */
export function parseAllowedOrigins(text = "") {
  const origins = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    if (
      !parsed ||
      !["http:", "https:"].includes(parsed.protocol) ||
      parsed.origin !== origin.toLowerCase()
    )
      throw new Error(
        `ALLOWED_ORIGINS: ${JSON.stringify(origin)} is not an origin such as https://admin.example.com or http://127.0.0.1:8081.`,
      );
  }
  return origins.map((origin) => origin.toLowerCase());
}

/** Returns `name` if it is a plain header name (CSRF_HEADER), or throws. */
export function checkCsrfHeader(name) {
  if (!/^[A-Za-z0-9-]+$/.test(name))
    throw new Error(
      `CSRF_HEADER: ${JSON.stringify(name)} is not a header name.`,
    );
  return name;
}

/**
 * `allowedOrigins` (lower case), `allowCredentials` (boolean) and
 * `csrfHeader` (a header name the page may send) configure the policy.
 */
export function corsPolicy({
  allowedOrigins = [],
  allowCredentials = false,
  csrfHeader = DEFAULT_CSRF_HEADER,
} = {}) {
  checkCsrfHeader(csrfHeader);
  const allowed = new Set(allowedOrigins);
  const isAllowed = (origin) =>
    typeof origin === "string" && allowed.has(origin.toLowerCase());

  return {
    csrfHeader,
    isAllowed,
    /** Sets the CORS headers of an API response to `req`. */
    apply(req, res) {
      if (allowed.size === 0) return;
      res.setHeader("Vary", "Origin");
      const origin = req.headers.origin;
      if (!isAllowed(origin)) return;
      res.setHeader("Access-Control-Allow-Origin", origin);
      // The page compares the backend's Date with its own clock.
      res.setHeader("Access-Control-Expose-Headers", "ETag, Date");
      if (allowCredentials)
        res.setHeader("Access-Control-Allow-Credentials", "true");
    },
    /** True if `req` is a CORS preflight, which it answers (204 or 403). */
    preflight(req, res) {
      if (
        req.method !== "OPTIONS" ||
        req.headers.origin === undefined ||
        req.headers["access-control-request-method"] === undefined
      )
        return false;
      if (!isAllowed(req.headers.origin))
        throw new HttpError(
          403,
          "cross_origin_refused",
          "This origin is not allowed to use this backend (ALLOWED_ORIGINS).",
        );
      res.writeHead(204, {
        "Access-Control-Allow-Methods": METHODS,
        "Access-Control-Allow-Headers": [...REQUEST_HEADERS, csrfHeader].join(
          ", ",
        ),
        "Access-Control-Max-Age": "600",
      });
      res.end();
      return true;
    },
  };
}
