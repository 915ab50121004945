// Organisations overview: every organisation and its certificate, next expiry first.
import * as api from "./api.js";
import {
  h,
  showMessage,
  clearMessage,
  withBusy,
  announce,
  focusElement,
} from "./dom.js";
import { textField } from "./fields.js";
import {
  certificateStatus,
  daysUntil,
  formatDays,
  statusBadge,
  timeElement,
} from "./format.js";

function byNextExpiry(a, b) {
  const ta = a.integration?.notAfter
    ? new Date(a.integration.notAfter).getTime()
    : Infinity;
  const tb = b.integration?.notAfter
    ? new Date(b.integration.notAfter).getTime()
    : Infinity;
  if (ta !== tb) return ta - tb;
  return a.name.localeCompare(b.name);
}

function organisationRow(org) {
  const integration = org.integration;
  const hasCertificate = Boolean(integration?.notAfter);
  const status = hasCertificate
    ? certificateStatus({
        revoked: integration.status === "revoked",
        notAfter: integration.notAfter,
      })
    : "none";
  const days = hasCertificate ? daysUntil(integration.notAfter) : null;
  return h(
    "tr",
    { dataset: { orgId: org.id } },
    h(
      "th",
      { scope: "row" },
      h(
        "a",
        {
          href: `#/org/${encodeURIComponent(org.id)}`,
          "aria-label": `Edit ${org.name}`,
        },
        org.name,
      ),
    ),
    h(
      "td",
      { class: "mono" },
      integration?.accountId ?? h("span", { class: "muted" }, "Not set up"),
    ),
    h("td", { class: "mono wrap" }, integration?.certificateId ?? "—"),
    h(
      "td",
      { class: "nowrap" },
      hasCertificate ? timeElement(integration.notAfter) : "—",
    ),
    h("td", { class: "num" }, hasCertificate ? formatDays(days) : "—"),
    h("td", {}, statusBadge(status)),
  );
}

export async function renderOverview(root) {
  const heading = h("h1", { tabindex: "-1" }, "Organisations");
  const status = h("div", { class: "status-area" });
  const tableArea = h(
    "div",
    { class: "table-area" },
    h("p", { class: "loading" }, "Loading organisations…"),
  );
  root.append(
    heading,
    h(
      "p",
      { class: "lead" },
      "Each organisation's NetSuite integration and certificate. The next certificate to expire is on top.",
    ),
    status,
    tableArea,
  );

  async function load() {
    try {
      const organisations = (await api.listOrganisations())
        .slice()
        .sort(byNextExpiry);
      clearMessage(status);
      if (!organisations.length) {
        tableArea.replaceChildren(
          h("p", {}, "No organisations yet. Add one below."),
        );
        return;
      }
      tableArea.replaceChildren(
        h(
          "div",
          { class: "table-scroll" },
          h(
            "table",
            { class: "table", id: "organisations" },
            h(
              "caption",
              { class: "visually-hidden" },
              "Organisations, next certificate expiry first",
            ),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                [
                  "Organisation",
                  "Account ID",
                  "Certificate ID",
                  "Valid until",
                  "Days left",
                  "Status",
                ].map((t) => h("th", { scope: "col" }, t)),
              ),
            ),
            h("tbody", {}, organisations.map(organisationRow)),
          ),
        ),
      );
    } catch (error) {
      tableArea.replaceChildren();
      showMessage(
        status,
        "error",
        `Could not load the organisations. ${error.message}`,
        {
          actions: [
            h(
              "button",
              { type: "button", class: "button", onclick: () => load() },
              "Try again",
            ),
          ],
        },
      );
    }
  }

  const name = textField({
    label: "Organisation name",
    name: "organisationName",
    validate: (raw) =>
      raw.length > 200
        ? { error: "Use at most 200 characters." }
        : { value: raw },
  });
  const addStatus = h("div", { class: "status-area" });
  const addButton = h(
    "button",
    { type: "submit", class: "button" },
    "Add organisation",
  );
  const form = h(
    "form",
    {
      class: "card form-inline",
      novalidate: true,
      "aria-labelledby": "add-org-heading",
    },
    h("h2", { id: "add-org-heading" }, "Add an organisation"),
    name.element,
    h("div", { class: "button-row" }, addButton),
    addStatus,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = name.check(true);
    if (value === null) {
      name.input.focus();
      return;
    }
    await withBusy(addButton, "Adding…", async () => {
      try {
        const org = await api.createOrganisation(value);
        name.value = "";
        await load();
        const link = h(
          "a",
          { href: `#/org/${encodeURIComponent(org.id)}` },
          `Set up ${org.name}'s integration`,
        );
        showMessage(
          addStatus,
          "success",
          h("p", {}, `Added ${org.name}. `, link, "."),
        );
        announce(`Added ${org.name}.`);
      } catch (error) {
        if (error.field === "name") {
          name.setError(error.message);
          name.input.focus();
        } else {
          showMessage(
            addStatus,
            "error",
            `Could not add the organisation. ${error.message}`,
            { focus: true },
          );
        }
      }
    });
  });
  root.append(form);

  await load();
  return {};
}
