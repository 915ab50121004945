// One HTTP call to the backend contract: JSON over HTTP, errors as
// {"error":{"code","message","field"?}}. The URL comes from config.json; every
// answer's Date header feeds the clock check.
import { observeServerDate } from "./clock.js";
import { csrfHeader, currentConfig } from "./config.js";

export class ApiError extends Error {
  /** `details`: the error object's other members (e.g. `expectedCertificateId`). */
  constructor(status, code, message, field, details = {}) {
    super(message);
    this.details = details;
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

function defaultMessage(status) {
  if (status === 412)
    return "These settings were changed elsewhere since you loaded them.";
  if (status >= 500)
    return `The server could not complete the request (error ${status}). Try again in a moment.`;
  if (status === 404) return "Not found.";
  return `The server refused the request (error ${status}).`;
}

function headersFor(method, body, version) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (version !== undefined && version !== null)
    headers["If-Match"] = `"${version}"`;
  if (method !== "GET") {
    const csrf = csrfHeader();
    if (csrf) headers[csrf[0]] = csrf[1];
  }
  return headers;
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** `path` is the contract's path (/api/...); resolves to the parsed JSON body. */
export async function request(method, path, { body, version } = {}) {
  const { backendUrl, credentials } = currentConfig();
  const sentAt = Date.now();
  let response;
  try {
    response = await fetch(backendUrl + path, {
      method,
      headers: headersFor(method, body, version),
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials,
    });
  } catch {
    throw new ApiError(
      0,
      "network_error",
      "Could not reach the server. Check that it is running and that you are online, then try again.",
    );
  }
  observeServerDate(response.headers.get("Date"), sentAt, Date.now());
  const data = await readJson(response);
  if (!response.ok) {
    const error = data && typeof data === "object" ? data.error : null;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? defaultMessage(response.status),
      error?.field,
      error && typeof error === "object" ? error : {},
    );
  }
  return data;
}
