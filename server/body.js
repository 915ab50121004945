// Reading a request body: only writes from this origin (or an allowed one),
// JSON of at most MAX_BODY_BYTES, no duplicate keys, no private key anywhere.
import { privateKeyRefused } from "./api/common.js";
import { HttpError } from "./errors.js";
import { scanJson } from "./json.js";
import { containsPrivateKey } from "./private-key.js";

export const MAX_BODY_BYTES = 64 * 1024;
// Past this, an oversized body is no longer read to the end (to answer politely) but cut off.
const MAX_DISCARD_BYTES = 1024 * 1024;

/** Refuses a write from another site (403) unless CORS allows its origin: also for writes without a body (DELETE). */
export function checkWriteOrigin(req, cors) {
  const origin = req.headers.origin;
  const ownHost = String(req.headers.host).toLowerCase();
  const sameOrigin =
    origin === undefined ||
    [`http://${ownHost}`, `https://${ownHost}`].includes(origin.toLowerCase());
  const site = req.headers["sec-fetch-site"];
  const sameSite =
    site === undefined || site === "same-origin" || site === "none";
  if (!cors.isAllowed(origin) && !(sameOrigin && sameSite)) {
    throw new HttpError(
      403,
      "cross_origin_refused",
      "Changes are only accepted from this site's own page.",
    );
  }
}

// Cross-site requests must not change anything: a write needs a same-origin
// Origin (or none, or one in ALLOWED_ORIGINS), JSON (which a plain HTML form
// cannot send), and a body of at most MAX_BODY_BYTES, valid JSON without
// duplicate keys, that contains no private key.
export async function readJsonBody(req, body, { allowEmpty, cors }) {
  checkWriteOrigin(req, cors);
  const contentType = (req.headers["content-type"] ?? "").toLowerCase();
  const [mediaType, ...params] = contentType
    .split(";")
    .map((part) => part.trim());
  const charset = params.find((param) => param.startsWith("charset="));
  if (
    mediaType !== "application/json" ||
    (charset && !/^charset="?utf-8"?$/.test(charset))
  ) {
    throw new HttpError(
      415,
      "unsupported_media_type",
      "Send the request body as JSON (Content-Type: application/json).",
    );
  }
  const declared = Number(req.headers["content-length"]);
  if (declared > MAX_BODY_BYTES) throw tooLarge();

  const { bytes, complete, abandoned } = await collect(req, MAX_BODY_BYTES);
  body.consumed = true;
  body.abandoned = abandoned;
  if (!complete) throw tooLarge();

  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(
      400,
      "invalid_json",
      "The request body is not UTF-8 text.",
    );
  }
  if (text.trim() === "" && allowEmpty) return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    if (containsPrivateKey(text)) throw privateKeyRefused();
    throw new HttpError(
      400,
      "invalid_json",
      "The request body is not valid JSON.",
    );
  }
  if (containsPrivateKey(value))
    throw privateKeyRefused(fieldWithPrivateKey(value));
  // JSON.parse kept only the last of duplicate keys: look at all of them.
  const { duplicateKey, strings } = scanJson(text);
  if (duplicateKey !== undefined) {
    if (containsPrivateKey(strings)) throw privateKeyRefused();
    throw new HttpError(
      400,
      "duplicate_key",
      `The key ${JSON.stringify(duplicateKey.slice(0, 64))} appears more than once in one object; send it once.`,
    );
  }
  return value;
}

function fieldWithPrivateKey(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return undefined;
  const field = Object.keys(value).find((key) =>
    containsPrivateKey(value[key]),
  );
  return field !== undefined && !containsPrivateKey(field)
    ? field.slice(0, 64)
    : undefined;
}

function tooLarge() {
  return new HttpError(
    413,
    "payload_too_large",
    `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`,
  );
}

export async function drain(req, body) {
  if (Number(req.headers["content-length"]) > MAX_DISCARD_BYTES) {
    body.abandoned = true;
    return;
  }
  body.abandoned = (await collect(req, 0)).abandoned;
}

// Reads the body, keeping at most `limit` bytes. Past that it reads on (and
// discards) up to MAX_DISCARD_BYTES so that the answer reaches the client, then
// gives up and closes the connection after answering.
function collect(req, limit) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    const finish = (complete, abandoned = false) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      resolve({ bytes: Buffer.concat(chunks), complete, abandoned });
    };
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      if (size > MAX_DISCARD_BYTES) {
        req.pause();
        finish(false, true);
      }
    };
    const onEnd = () => finish(size <= limit);
    const onError = () => finish(false, true);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    if (req.readableEnded) finish(true);
  });
}
