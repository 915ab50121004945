// The backend contract (server/openapi.yaml): organisations and their NetSuite
// integration. Only public data is stored: IDs and the public certificate.
import { HttpError } from "./errors.js";

export const ORGANISATION_ID = /^[a-z0-9-]{1,64}$/;
const NAME_MAX_LENGTH = 120;

export function initialState() {
  return {
    format: "netsuite-m2m/1",
    organisations: [
      {
        id: "demo",
        name: "Demo Company",
        createdAt: isoNow(),
        integration: null,
      },
    ],
  };
}

/** Routes one API request; returns { status, body, headers? } or throws HttpError. */
export async function handleApi({
  method,
  segments,
  headers,
  readBody,
  store,
  m2m,
}) {
  // segments: the decoded path after /api, e.g. ["organisations", "demo", "integrations", "netsuite"]
  if (segments[0] !== "organisations") throw notFound();
  if (segments.length === 1) {
    if (method === "GET") return listOrganisations(store);
    if (method === "POST") return createOrganisation(store, await readBody());
    throw methodNotAllowed(["GET", "POST"]);
  }
  const orgId = segments[1];
  const rest = segments.slice(2).join("/");
  const routes = {
    "": {
      GET: () => getOrganisation(store, orgId),
    },
    "integrations/netsuite": {
      GET: () => getIntegration(store, orgId),
      PUT: async () =>
        putIntegration(store, m2m, orgId, headers, await readBody()),
    },
    "integrations/netsuite/certificate": {
      PUT: async () =>
        putCertificate(store, m2m, orgId, headers, await readBody()),
    },
    "integrations/netsuite/certificate/revoked": {
      POST: async () =>
        revokeCertificate(
          store,
          orgId,
          headers,
          await readBody({ allowEmpty: true }),
        ),
    },
    "integrations/netsuite/certificates": {
      GET: () => getHistory(store, orgId),
    },
  };
  if (!Object.hasOwn(routes, rest)) throw notFound();
  const route = routes[rest];
  if (!Object.hasOwn(route, method)) throw methodNotAllowed(Object.keys(route));
  const handler = route[method];
  return handler();
}

// ---- organisations ----------------------------------------------------------

function organisationBody(org) {
  return {
    id: org.id,
    name: org.name,
    integration: org.integration ? integrationSummary(org.integration) : null,
  };
}

function getOrganisation(store, orgId) {
  return {
    status: 200,
    body: organisationBody(requireOrganisation(store.state, orgId)),
  };
}

function listOrganisations(store) {
  const organisations = store.state.organisations.map(organisationBody);
  organisations.sort((a, b) => {
    const x = a.integration?.notAfter ?? null;
    const y = b.integration?.notAfter ?? null;
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -1 : 1;
    }
    return (
      a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    );
  });
  return { status: 200, body: { organisations } };
}

function integrationSummary(integration) {
  const certificate = integration.certificate;
  return {
    accountId: integration.accountId,
    certificateId: certificate?.certificateId ?? null,
    notAfter: certificate?.notAfter ?? null,
    status: certificate?.status ?? "none",
  };
}

async function createOrganisation(store, body) {
  checkFields(body, ["name"]);
  const name = body.name.trim();
  // Control characters (C0, DEL, C1) and lone surrogates have no place in a name.
  if (
    name.length === 0 ||
    name.length > NAME_MAX_LENGTH ||
    /[\u0000-\u001f\u007f-\u009f]/.test(name) ||
    !name.isWellFormed()
  ) {
    throw new HttpError(
      422,
      "invalid_name",
      `Enter a name of 1 to ${NAME_MAX_LENGTH} characters, without control characters.`,
      { field: "name" },
    );
  }
  const org = await store.update((draft) => {
    const taken = new Set(draft.organisations.map((o) => o.id));
    const id = uniqueSlug(name, taken);
    const created = { id, name, createdAt: isoNow(), integration: null };
    draft.organisations.push(created);
    return created;
  });
  return {
    status: 201,
    body: { id: org.id, name: org.name, integration: null },
    headers: { Location: `/api/organisations/${org.id}` },
  };
}

function uniqueSlug(name, taken) {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 54)
      .replace(/-+$/, "") || "organisation";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

// ---- the integration ----------------------------------------------------------

function getIntegration(store, orgId) {
  const integration = requireIntegration(
    requireOrganisation(store.state, orgId),
  );
  return integrationResponse(integration);
}

async function putIntegration(store, m2m, orgId, headers, body) {
  checkFields(body, ["accountId", "clientId"]);
  const result = await store.update((draft) => {
    const org = requireOrganisation(draft, orgId);
    const current = org.integration;
    if (current) {
      checkIfMatch(headers, current);
    } else if (headers["if-match"] !== undefined) {
      throw new HttpError(
        412,
        "version_mismatch",
        "There is no NetSuite integration to update yet; send the request without If-Match to create it.",
      );
    }
    const { accountId } = parseWithModule(
      () => m2m.parseAccountId(body.accountId),
      "accountId",
    );
    const { clientId } = parseWithModule(
      () => m2m.parseClientId(body.clientId),
      "clientId",
    );
    if (!current) {
      org.integration = {
        accountId,
        clientId,
        certificate: null,
        version: 1,
        updatedAt: isoNow(),
        history: [],
      };
    } else if (
      current.accountId !== accountId ||
      current.clientId !== clientId
    ) {
      current.accountId = accountId;
      current.clientId = clientId;
      touch(current);
    }
    return org.integration;
  });
  return integrationResponse(result);
}

async function putCertificate(store, m2m, orgId, headers, body) {
  const replacing = body.certificatePem !== undefined;
  checkFields(
    body,
    replacing ? ["certificateId", "certificatePem"] : ["certificateId"],
    ["certificatePem"],
  );
  const result = await store.update((draft) => {
    const integration = requireIntegration(requireOrganisation(draft, orgId));
    checkIfMatch(headers, integration);
    const { certificateId } = parseWithModule(
      () => m2m.parseCertificateId(body.certificateId),
      "certificateId",
    );
    const current = integration.certificate;
    const at = isoNow();

    if (!replacing) {
      if (!current) {
        throw new HttpError(
          409,
          "no_certificate",
          "There is no current certificate whose Certificate ID could be updated; add a certificate first.",
          { field: "certificateId" },
        );
      }
      if (current.status === "revoked") {
        throw new HttpError(
          409,
          "certificate_revoked",
          "The current certificate was revoked in NetSuite; replace it with a new certificate instead.",
          { field: "certificateId" },
        );
      }
      if (current.certificateId !== certificateId) {
        integration.history.push(
          historyEntry(
            at,
            "certificate_id_changed",
            { ...current, certificateId },
            current.certificateId,
          ),
        );
        current.certificateId = certificateId;
        touch(integration, at);
      }
      return integration;
    }

    const report = inspect(m2m, body.certificatePem);
    const next = {
      certificateId,
      pem: report.pem,
      fingerprintSha256: report.fingerprintSha256,
      keyType: report.keyType ?? report.key?.keyType ?? null,
      notBefore: report.notBefore,
      notAfter: report.notAfter,
      status: "active",
      savedAt: at,
    };
    if (current)
      integration.history.push(historyEntry(at, "replaced", current, null));
    integration.history.push(
      historyEntry(at, "added", next, current?.certificateId ?? null),
    );
    integration.certificate = next;
    touch(integration, at);
    return integration;
  });
  return integrationResponse(result);
}

async function revokeCertificate(store, orgId, headers, body) {
  checkFields(body, []);
  const result = await store.update((draft) => {
    const integration = requireIntegration(requireOrganisation(draft, orgId));
    checkIfMatch(headers, integration);
    const current = integration.certificate;
    if (!current) {
      throw new HttpError(
        409,
        "no_certificate",
        "There is no current certificate to mark as revoked.",
      );
    }
    if (current.status !== "revoked") {
      const at = isoNow();
      current.status = "revoked";
      integration.history.push(historyEntry(at, "revoked", current, null));
      touch(integration, at);
    }
    return integration;
  });
  return integrationResponse(result);
}

function getHistory(store, orgId) {
  const integration = requireIntegration(
    requireOrganisation(store.state, orgId),
  );
  return { status: 200, body: { history: [...integration.history].reverse() } };
}

// ---- helpers ------------------------------------------------------------------

function integrationResponse(integration) {
  const certificate = integration.certificate;
  return {
    status: 200,
    headers: { ETag: etag(integration.version) },
    body: {
      accountId: integration.accountId,
      clientId: integration.clientId,
      certificate: certificate && {
        certificateId: certificate.certificateId,
        pem: certificate.pem,
        fingerprintSha256: certificate.fingerprintSha256,
        keyType: certificate.keyType,
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
        status: certificate.status,
        savedAt: certificate.savedAt,
      },
      version: integration.version,
      updatedAt: integration.updatedAt,
    },
  };
}

function historyEntry(at, change, certificate, previousCertificateId) {
  return {
    at,
    change,
    certificateId: certificate.certificateId,
    previousCertificateId,
    fingerprintSha256: certificate.fingerprintSha256,
    keyType: certificate.keyType,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  };
}

function touch(integration, at = isoNow()) {
  integration.version += 1;
  integration.updatedAt = at;
}

function etag(version) {
  return `"${version}"`;
}

function requireOrganisation(state, orgId) {
  const org = ORGANISATION_ID.test(orgId)
    ? state.organisations.find((o) => o.id === orgId)
    : undefined;
  if (!org) {
    throw new HttpError(
      404,
      "organisation_not_found",
      "There is no organisation with this ID.",
    );
  }
  return org;
}

function requireIntegration(org) {
  if (!org.integration) {
    throw new HttpError(
      404,
      "integration_not_found",
      `${org.name} has no NetSuite integration yet; save its Account ID and Client ID first.`,
    );
  }
  return org.integration;
}

// If-Match carries the version the client last saw (its ETag). A change based on
// any other version would overwrite someone else's: refuse it.
function checkIfMatch(headers, integration) {
  const header = headers["if-match"];
  if (header === undefined) {
    throw new HttpError(
      428,
      "if_match_required",
      'Send the version you are changing in an If-Match header (the ETag of GET, e.g. "3").',
    );
  }
  const tags = header.split(",").map((tag) => tag.trim());
  const matches = tags.some(
    (tag) =>
      tag === "*" ||
      tag === etag(integration.version) ||
      tag === String(integration.version),
  );
  if (!matches) {
    throw new HttpError(
      412,
      "version_mismatch",
      `The integration was changed meanwhile (it is now at version ${integration.version}); reload it and apply your change again.`,
      { extra: { currentVersion: integration.version } },
    );
  }
}

function checkFields(body, required, optional = []) {
  for (const field of Object.keys(body)) {
    if (!required.includes(field) && !optional.includes(field)) {
      const expected = [...required, ...optional];
      throw new HttpError(
        422,
        "unknown_field",
        `Unknown field ${JSON.stringify(field.slice(0, 64))}; expected ${expected.length ? expected.join(", ") : "none"}.`,
        { field: field.slice(0, 64) },
      );
    }
  }
  for (const field of [...required, ...optional]) {
    if (body[field] === undefined) {
      if (required.includes(field)) {
        throw new HttpError(
          422,
          "missing_field",
          `The field ${field} is required.`,
          { field },
        );
      }
    } else if (typeof body[field] !== "string") {
      throw new HttpError(
        422,
        "invalid_type",
        `The field ${field} must be a string.`,
        { field },
      );
    }
  }
}

// The module throws Errors with a stable `code`, a `message` and often a `field`.
function parseWithModule(parse, field) {
  try {
    return parse();
  } catch (error) {
    throw moduleError(error, field);
  }
}

function moduleError(error, field) {
  if (typeof error?.code !== "string") {
    return new HttpError(
      422,
      `invalid_${snake(field)}`,
      `The value of ${field} could not be read.`,
      { field },
    );
  }
  return new HttpError(422, error.code, String(error.message), {
    field: error.field || field,
  });
}

function inspect(m2m, pem) {
  let report;
  try {
    report = m2m.inspectCertificate(pem);
  } catch (error) {
    if (error?.code === "private_key_not_certificate")
      throw privateKeyRefused("certificatePem");
    throw moduleError(error, "certificatePem");
  }
  const errors = report.findings.filter(
    (finding) => finding.severity === "error",
  );
  if (errors.length > 0) {
    throw new HttpError(
      422,
      "certificate_refused",
      errors.map((finding) => finding.message).join(" "),
      {
        field: "certificatePem",
        extra: { findings: errors },
      },
    );
  }
  return report;
}

export function privateKeyRefused(field) {
  return new HttpError(
    422,
    "private_key_refused",
    "This contains a private key, which must never leave your machine; it was not stored. Send only the public certificate.",
    field ? { field } : {},
  );
}

function snake(name) {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function notFound() {
  return new HttpError(404, "not_found", "There is no such API endpoint.");
}

function methodNotAllowed(allowed) {
  return new HttpError(
    405,
    "method_not_allowed",
    `Use ${allowed.join(" or ")} here.`,
    {
      headers: { Allow: allowed.join(", ") },
    },
  );
}

function isoNow() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}
