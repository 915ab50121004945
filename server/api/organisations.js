// Organisations: list, read, create (with a bounded count), rename, remove.
import { HttpError } from "../errors.js";
import { audit } from "./audit.js";
import { askModule, isoNow, organisationNotFound } from "./common.js";

/** Fills a new store (`queries` of store/queries.js) with the demo organisation. */
export function seedOrganisations(queries) {
  queries.insertOrganisation({
    id: "demo",
    name: "Demo Company",
    createdAt: isoNow(),
  });
}

export async function listOrganisations({ store }) {
  const organisations = await store.read((q) => q.organisations());
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

export async function getOrganisation({ store, orgId, validOrgId }) {
  const [organisation] = validOrgId
    ? await store.read((q) => q.organisations(orgId))
    : [];
  if (!organisation) throw organisationNotFound();
  return { status: 200, body: organisation };
}

export async function createOrganisation({
  store,
  limits,
  m2m,
  readBody,
  user,
}) {
  const body = await readBody("createOrganisation");
  const verdict = await judgeName(m2m, body.name);
  const org = await store.write((q) => {
    const { name, key } = verdict.value();
    if (q.organisationCount() >= limits.organisations) {
      throw new HttpError(
        409,
        "organisation_limit_reached",
        `This server keeps at most ${limits.organisations} organisations (MAX_ORGANISATIONS); no more can be created.`,
      );
    }
    checkNameFree(q, m2m, key);
    const created = {
      // A removed organisation's ID is never given again (its audit trail stays).
      id: uniqueSlug(name, (id) => q.organisationIdTaken(id)),
      name,
      createdAt: isoNow(),
    };
    q.insertOrganisation(created);
    audit(
      q,
      created.id,
      user,
      "organisation_created",
      { name },
      created.createdAt,
    );
    return created;
  });
  return {
    status: 201,
    body: { id: org.id, name: org.name, integration: null },
    headers: { Location: `/api/organisations/${org.id}` },
  };
}

export async function renameOrganisation({
  store,
  m2m,
  orgId,
  validOrgId,
  readBody,
  user,
}) {
  const body = await readBody("renameOrganisation");
  const verdict = await judgeName(m2m, body.name);
  const organisation = await store.write((q) => {
    const org = validOrgId ? q.organisation(orgId) : undefined;
    if (!org) throw organisationNotFound();
    const { name, key } = verdict.value();
    if (name !== org.name) {
      checkNameFree(q, m2m, key, orgId);
      q.renameOrganisation(orgId, name);
      audit(q, orgId, user, "organisation_renamed", {
        name: { old: org.name, new: name },
      });
    }
    return q.organisations(orgId)[0];
  });
  return { status: 200, body: organisation };
}

// Removal is soft: the organisation and its integration leave every answer,
// but the row stays, so that its audit trail is kept (as long as the
// database is) and its ID is never given to another organisation.
export async function removeOrganisation({
  store,
  orgId,
  validOrgId,
  checkOrigin,
  user,
}) {
  checkOrigin();
  await store.write((q) => {
    const org = validOrgId ? q.organisation(orgId) : undefined;
    if (!org) throw organisationNotFound();
    const at = isoNow();
    q.removeOrganisation(orgId, at);
    audit(q, orgId, user, "organisation_removed", { name: org.name }, at);
  });
  return { status: 204 };
}

// The module's one rule for names: what may be in one, the stored form
// (trimmed, NFC) that is counted, and the key under which two names are one.
function judgeName(m2m, name) {
  return askModule(() => m2m.organisationName(name), "name");
}

// Two organisations (removed ones aside) never share a name's key.
function checkNameFree(q, m2m, key, exceptId) {
  const twin = q
    .organisations()
    .find(
      (existing) =>
        existing.id !== exceptId && nameKey(m2m, existing.name) === key,
    );
  if (twin) {
    throw new HttpError(
      409,
      "organisation_name_taken",
      `There is already an organisation named "${twin.name}" (names are compared ignoring case, spacing and character forms). Choose another name.`,
      { field: "name", extra: { organisationId: twin.id } },
    );
  }
}

/** A stored name's duplicate key; a name stored before the rule keeps itself. */
function nameKey(m2m, name) {
  try {
    return m2m.organisationName(name).key;
  } catch {
    return name;
  }
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
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
