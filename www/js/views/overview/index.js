// #/ — every organisation and its certificate, next expiry first: a timeline of
// when certificates lapse, the table, and a form to add an organisation.
import * as api from "../../backend/api.js";
import { h, statusArea } from "../../ui/dom.js";
import { showLoadError } from "../../ui/errors.js";
import { clearMessage } from "../../ui/messages.js";
import { certificateState } from "../../ui/status.js";
import { canEdit } from "../../backend/session.js";
import { addOrganisationForm } from "./add-organisation.js";
import { organisationTable } from "./table.js";
import { certificateTimeline } from "./timeline.js";

function byNextExpiry(a, b) {
  const t = (row) =>
    Date.parse(row.org.integration?.notAfter ?? "") || Infinity;
  return t(a) - t(b) || a.org.name.localeCompare(b.org.name);
}

function rowsOf(organisations) {
  return organisations
    .map((org) => ({
      org,
      state: certificateState({
        notAfter: org.integration?.notAfter,
        revoked: org.integration?.status === "revoked",
      }),
    }))
    .sort(byNextExpiry);
}

export async function renderOverview(root) {
  const status = statusArea();
  const content = h(
    "div",
    { class: "table-area" },
    h("p", { class: "loading" }, "Loading organisations…"),
  );
  root.append(
    h("h1", { tabindex: "-1" }, "Organisations"),
    h(
      "p",
      { class: "lead" },
      "Each organisation's NetSuite integration and certificate. The next certificate to expire is on top.",
    ),
    status,
    content,
  );

  async function load() {
    let organisations;
    try {
      organisations = await api.listOrganisations();
    } catch (error) {
      content.replaceChildren();
      showLoadError(status, error, "Could not load the organisations. ", load);
      return;
    }
    clearMessage(status);
    if (!organisations.length) {
      content.replaceChildren(
        h("p", {}, "No organisations yet. Add one below."),
      );
      return;
    }
    const rows = rowsOf(organisations);
    content.replaceChildren(
      ...[certificateTimeline(rows), organisationTable(rows)].filter(Boolean),
    );
  }

  // A viewer sees no control they cannot use.
  if (canEdit()) root.append(addOrganisationForm(() => load()));
  await load();
  return {};
}
