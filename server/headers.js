// The security headers of every response, and the CSP's connect-src, which
// follows where the served page fetches from (www/config.json's backendUrl).
import { readFile } from "node:fs/promises";
import path from "node:path";

/** The security headers of every response, for the page served from `wwwRoot`. */
export async function securityHeaders(wwwRoot) {
  return {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": contentSecurityPolicy(
      await connectSources(wwwRoot),
    ),
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
  };
}

// The page needs none of the browser's powerful features: deny them all, so
// that neither the page nor anything injected into it can ask for them.
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "ambient-light-sensor",
  "autoplay",
  "battery",
  "bluetooth",
  "camera",
  "display-capture",
  "document-domain",
  "encrypted-media",
  "fullscreen",
  "gamepad",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "local-fonts",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "speaker-selection",
  "usb",
  "web-share",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

// `connectSrc` lists where the page may fetch from.
function contentSecurityPolicy(connectSrc) {
  return `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src ${connectSrc}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

// The page fetches from www/config.json's backendUrl ("" or absent: this origin).
async function connectSources(wwwRoot) {
  const file = path.join(wwwRoot, "config.json");
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return "'self'";
    throw error;
  }
  let backendUrl;
  try {
    backendUrl = JSON.parse(text)?.backendUrl;
  } catch {
    throw new Error(`${file} is not valid JSON.`);
  }
  if (!backendUrl) return "'self'";
  const here = "http://this-origin.invalid";
  let url;
  try {
    url = new URL(backendUrl, here);
  } catch {
    url = null;
  }
  if (!url || !["http:", "https:"].includes(url.protocol))
    throw new Error(`${file}: backendUrl must be an http or https URL.`);
  return url.origin === here ? "'self'" : `'self' ${url.origin}`;
}
