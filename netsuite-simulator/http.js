// Small HTTP plumbing of the simulator: bounded bodies, answers, and the
// loopback and same-origin checks.

/** An answer that ends a request early: status, JSON body, headers. */
export class HttpError extends Error {
  constructor(status, code, message, headers = {}) {
    super(message);
    Object.assign(this, { status, code, headers });
  }
}

// Past the cap the rest is read and dropped (so the client gets the answer),
// up to this many bytes; then the connection is cut.
const DRAIN_LIMIT = 4 * 1024 * 1024;

/** Reads the body up to `limit` bytes: { buffer, tooLarge }. */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_LIMIT) req.destroy();
    });
    req.on("end", () =>
      resolve({ buffer: Buffer.concat(chunks), tooLarge: size > limit }),
    );
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete)
        reject(
          new HttpError(
            400,
            "incomplete_body",
            "The request body was cut short (or far too large).",
          ),
        );
    });
  });
}

export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

const PAGE_HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "X-Content-Type-Options": "nosniff",
  // same-origin: a browser then sends Origin on the pages' own form posts.
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Cache-Control": "no-store",
};

export function sendHtml(res, status, html) {
  res.writeHead(status, {
    ...PAGE_HEADERS,
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
  });
  res.end(html);
}

export function redirect(res, location) {
  res.writeHead(303, {
    Location: location,
    "Content-Length": 0,
    "Cache-Control": "no-store",
  });
  res.end();
}

/** Bound to loopback, only loopback names may be asked for (DNS rebinding). */
export function checkLoopbackHost(req) {
  const host = (req.headers.host ?? "").toLowerCase();
  const name = host.startsWith("[")
    ? host.slice(0, host.indexOf("]") + 1)
    : host.split(":")[0];
  if (!(
    name === "localhost" ||
    name === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  ))
    throw new HttpError(
      403,
      "host_not_allowed",
      "The simulator only answers requests addressed to a loopback name.",
    );
}

/**
 * A form post from another site's page is refused (the setup pages change
 * state): by Sec-Fetch-Site where the browser sends it, else by Origin.
 */
export function checkSameOrigin(req) {
  const site = req.headers["sec-fetch-site"];
  const origin = req.headers.origin;
  const foreign =
    site === "cross-site" ||
    site === "same-site" ||
    (origin !== undefined && origin !== `http://${req.headers.host}`);
  if (foreign)
    throw new HttpError(
      403,
      "cross_origin",
      "The simulator's pages only accept forms posted from its own pages.",
    );
}

export function isLoopback(host) {
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

// Reads a JSON body ({ optional: true }: an empty body is undefined).
export function jsonReader(req, limit) {
  return async ({ optional = false } = {}) => {
    const { buffer, tooLarge } = await readBody(req, limit);
    if (tooLarge)
      throw new HttpError(
        413,
        "too_large",
        "The body is larger than the simulator accepts.",
      );
    if (buffer.length === 0 && optional) return undefined;
    const mediaType = (req.headers["content-type"] ?? "")
      .split(";")[0]
      .trim()
      .toLowerCase();
    if (mediaType !== "application/json")
      throw new HttpError(
        415,
        "not_json",
        "Send Content-Type: application/json.",
      );
    try {
      return JSON.parse(buffer.toString("utf8"));
    } catch {
      throw new HttpError(400, "invalid_json", "The body is not valid JSON.");
    }
  };
}

/** A path segment, percent-decoded. */
export function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(
      400,
      "invalid_path",
      "The path is not valid percent-encoding.",
    );
  }
}
