// Organisations: list, read, create (with a bounded count).
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
  // The module's one rule for names: what may be in one, the stored form
  // (trimmed, NFC) that is counted, and the key under which two names are one.
  const verdict = await askModule(
    () => m2m.organisationName(body.name),
    "name",
  );
  const org = await store.write((q) => {
    const { name, key } = verdict.value();
    if (q.organisationCount() >= limits.organisations) {
      throw new HttpError(
        409,
        "organisation_limit_reached",
        `This server keeps at most ${limits.organisations} organisations (MAX_ORGANISATIONS); no more can be created.`,
      );
    }
    const twin = q
      .organisations()
      .find((existing) => nameKey(m2m, existing.name) === key);
    if (twin) {
      throw new HttpError(
        409,
        "organisation_name_taken",
        `There is already an organisation named "${twin.name}" (names are compared ignoring case, spacing and character forms). Choose another name.`,
        { field: "name", extra: { organisationId: twin.id } },
      );
    }
    const created = {
      id: uniqueSlug(name, (id) => q.organisation(id) !== undefined),
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
