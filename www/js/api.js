// The backend contract: JSON over HTTP, errors as {"error":{"code","message","field"?}}.
// Only public data ever goes through here: IDs and the public certificate.

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
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

async function request(method, path, { body, version } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (version !== undefined && version !== null)
    headers["If-Match"] = `"${version}"`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(
      0,
      "network_error",
      "Could not reach the server. Check that it is running and that you are online, then try again.",
    );
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = data && typeof data === "object" ? data.error : null;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? defaultMessage(response.status),
      error?.field,
    );
  }
  return data;
}

const integrationPath = (orgId) =>
  `/api/organisations/${encodeURIComponent(orgId)}/integrations/netsuite`;

export async function listOrganisations() {
  const data = await request("GET", "/api/organisations");
  return data?.organisations ?? [];
}

export function createOrganisation(name) {
  return request("POST", "/api/organisations", { body: { name } });
}

/** The integration, or null when the organisation has none yet. */
export async function getIntegration(orgId) {
  try {
    return await request("GET", integrationPath(orgId));
  } catch (error) {
    if (error.code === "integration_not_found") return null;
    throw error;
  }
}

/** Creates (version undefined) or updates the Account ID and Client ID. */
export function saveIntegration(orgId, { accountId, clientId }, version) {
  return request("PUT", integrationPath(orgId), {
    body: { accountId, clientId },
    version,
  });
}

/** `{certificateId}` updates the ID; `{certificateId, certificatePem}` replaces the certificate. */
export function saveCertificate(orgId, body, version) {
  return request("PUT", `${integrationPath(orgId)}/certificate`, {
    body,
    version,
  });
}

export function recordRevocation(orgId, version) {
  return request("POST", `${integrationPath(orgId)}/certificate/revoked`, {
    body: {},
    version,
  });
}

export async function certificateHistory(orgId) {
  const data = await request("GET", `${integrationPath(orgId)}/certificates`);
  return data?.history ?? [];
}
