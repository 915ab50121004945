// The JSON API, so tests can set up an account without a browser:
//   /simulator/api/settings, /simulator/api/fail-next       (the whole simulator)
//   /{host label}/simulator/api/applications, certificates,
//   certificates/{id}/revoke, login-audit-trail, refresh     (one account)
import { readCertificate } from "./certificates.js";
import { HttpError } from "./http.js";

/** Answers a request to /simulator/api/{segments}: { status, body }. */
export async function simulatorApi({ method, segments, settings, readJson }) {
  const route = segments.join("/");
  if (route === "settings" && method === "GET") return ok(settings);
  if (route === "settings" && (method === "PUT" || method === "POST")) {
    updateSettings(settings, await readJson());
    return ok(settings);
  }
  if (route === "fail-next" && method === "POST") {
    const body = await readJson({ optional: true });
    updateSettings(settings, {
      failNext: settings.failNext + (body?.count ?? 1),
    });
    return ok(settings);
  }
  throw notFound();
}

/** Answers a request to /{label}/simulator/api/{segments}. */
export async function accountApi({ method, segments, account, readJson }) {
  const [collection, id, action, ...rest] = segments;
  if (rest.length > 0) throw notFound();
  if (collection === "applications" && id === undefined) {
    if (method === "GET")
      return ok({ applications: [...account.applications.values()] });
    if (method === "POST") {
      const body = await readJson();
      return { status: 201, body: account.addApplication(body) };
    }
  }
  if (collection === "certificates" && id === undefined) {
    if (method === "GET")
      return ok({
        certificates: account.mappings.map((mapping) =>
          mappingJson(account, mapping),
        ),
      });
    if (method === "POST") {
      const { clientId, entity, role, pem } = await readJson();
      const certificate = readCertificate(pem);
      const mapping = account.addMapping({
        clientId,
        entity,
        role,
        certificate,
      });
      return { status: 201, body: mappingJson(account, mapping) };
    }
  }
  if (
    collection === "certificates" &&
    id !== undefined &&
    action === "revoke" &&
    method === "POST"
  )
    return ok(mappingJson(account, account.revoke(id)));
  if (
    collection === "certificates" &&
    id !== undefined &&
    action === undefined &&
    method === "GET"
  ) {
    const mapping = account.mapping(id);
    if (!mapping)
      throw new HttpError(
        404,
        "unknown_certificate",
        `No certificate ${id} in this account.`,
      );
    return ok(mappingJson(account, mapping));
  }
  if (
    collection === "login-audit-trail" &&
    id === undefined &&
    method === "GET"
  )
    return ok({ entries: account.audit });
  if (collection === "refresh" && id === undefined && method === "POST") {
    account.refresh();
    return ok({ refreshed: account.accountId });
  }
  throw notFound();
}

/** A mapping as the API and the pages show it (never the private key: there is none). */
export function mappingJson(account, mapping) {
  return {
    certificateId: mapping.certificateId,
    application: {
      name: mapping.application.name,
      clientId: mapping.application.clientId,
    },
    entity: mapping.entity,
    role: mapping.role,
    keyType: mapping.certificate.keyType,
    subject: mapping.certificate.subject,
    created: mapping.created,
    validFrom: mapping.validFrom,
    notAfter: mapping.certificate.notAfter,
    validUntil: mapping.validUntil,
    cutToTwoYears:
      mapping.validUntil.getTime() < mapping.certificate.notAfter.getTime(),
    revoked: mapping.revoked !== null,
    revokedAt: mapping.revoked,
    status: account.status(mapping),
    pem: mapping.certificate.pem,
  };
}

function updateSettings(settings, changes) {
  if (!changes || typeof changes !== "object" || Array.isArray(changes))
    throw new HttpError(
      400,
      "invalid_settings",
      "Send a JSON object of settings.",
    );
  try {
    settings.update(changes);
  } catch (error) {
    throw new HttpError(400, "invalid_settings", error.message);
  }
}

const ok = (body) => ({ status: 200, body });
const notFound = () =>
  new HttpError(
    404,
    "not_found",
    "No such simulator API route (see netsuite-simulator/README.md).",
  );
