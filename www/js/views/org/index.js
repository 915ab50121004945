// #/org/:id — one organisation's NetSuite integration: its settings (Account ID,
// Client ID), its certificate (update the ID, replace it, record a revocation) and
// the history. The parts share one explicit context, `ctx`:
//   ctx.integration  the latest integration from the backend, or null
//   ctx.pending      the certificate and key generated in this page (replace/); saved
//                    as pending with the integration right away (pending-state.js)
//   ctx.apply(latest, {keepForm})  takes a backend answer and refreshes every part;
//                    returns the Settings card's fields (base, latest, typed)
//   ctx.keptKeyChanged()  after a key was kept in this browser
//   ctx.auditChanged()  after a change that only the audit trail shows (a rename)
import * as api from "../../backend/api.js";
import { slug } from "../../private-key/download.js";
import { h, statusArea } from "../../ui/dom.js";
import { showLoadError } from "../../ui/errors.js";
import { auditCard } from "./audit.js";
import { certificateCard } from "./certificate.js";
import { reloadLatest } from "./conflict.js";
import { historyCard } from "./history.js";
import { organisationHeading } from "./organisation.js";
import { unsavedWork } from "./pending-state.js";
import { settingsCard } from "./settings.js";

async function loadOrganisation(orgId) {
  const organisations = await api.listOrganisations();
  const organisation = organisations.find((o) => o.id === orgId) ?? null;
  // The list already says whether there is an integration: no GET (and no 404) without one.
  const integration = organisation?.integration
    ? await api.getIntegration(orgId)
    : null;
  return { organisation, integration };
}

function loadFailed(root, orgId, error) {
  const status = statusArea();
  root.append(h("h1", { tabindex: "-1" }, "NetSuite integration"), status);
  showLoadError(status, error, "Could not load this organisation. ", () => {
    root.replaceChildren();
    renderOrganisation(root, orgId);
  });
  return {};
}

function notFound(root, orgId) {
  root.append(
    h("h1", { tabindex: "-1" }, "Organisation not found"),
    h(
      "p",
      {},
      `There is no organisation with the ID “${orgId}”. `,
      h("a", { href: "#/" }, "See all organisations."),
    ),
  );
  return {};
}

export async function renderOrganisation(root, orgId) {
  const loading = h("p", { class: "loading" }, "Loading the integration…");
  root.append(
    h(
      "p",
      { class: "breadcrumb" },
      h("a", { href: "#/" }, "← All organisations"),
    ),
    loading,
  );
  let loaded;
  try {
    loaded = await loadOrganisation(orgId);
  } catch (error) {
    loading.remove();
    return loadFailed(root, orgId, error);
  }
  loading.remove();
  if (!loaded.organisation) return notFound(root, orgId);

  const ctx = {
    orgId,
    organisation: loaded.organisation,
    fileSlug: slug(loaded.organisation.name),
    integration: loaded.integration,
    pending: null,
    version: () => ctx.integration?.version,
    reloadLatest: (status, error) => reloadLatest(ctx, status, error),
    apply(latest, { keepForm = false } = {}) {
      ctx.integration = latest;
      const fields = settings.applied(latest, keepForm);
      certificate.render();
      history.load();
      audit.load();
      return fields;
    },
    settingsStatus: () => settings.status,
    auditChanged: () => audit.load(),
    keptKeyChanged: () => certificate.keptKeyChanged(),
  };
  const settings = settingsCard(ctx);
  const certificate = certificateCard(ctx);
  const history = historyCard(ctx);
  const audit = auditCard(ctx);

  const heading = organisationHeading(ctx);
  root.append(
    heading.heading,
    h(
      "p",
      { class: "lead" },
      "Edit the IDs NetSuite gave this integration and manage its certificate. ",
      h(
        "a",
        { href: `#/test/${encodeURIComponent(orgId)}` },
        "Test the credentials",
      ),
      ".",
    ),
    ...heading.controls,
    settings.element,
    certificate.element,
    history.element,
    audit.element,
  );
  certificate.render();
  history.load();
  audit.load();

  // A certificate saved as pending survives a reload; only what exists in this
  // page alone (a certificate not saved as pending, a key not saved) is lost.
  return {
    hasUnsavedChanges: () => Boolean(unsavedWork(ctx)),
    unsavedMessage: () => unsavedWork(ctx),
  };
}
