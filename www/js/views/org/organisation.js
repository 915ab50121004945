// The organisation page's heading area: its name, and (for an editor) renaming and
// removing the organisation. Removal asks for the name typed, says what it does
// (the organisation leaves the list; its audit trail is kept and exported), and
// then goes to the overview, which confirms it.
import * as api from "../../backend/api.js";
import { canEdit } from "../../backend/session.js";
import { currentConfig } from "../../backend/config.js";
import { organisationName } from "../../module/index.js";
import { slug } from "../../private-key/download.js";
import { announce, h, statusArea } from "../../ui/dom.js";
import {
  checkFields,
  organisationNameField,
  textField,
} from "../../ui/fields.js";
import { saveForm } from "../../ui/save-flow.js";
import { setOverviewNotice } from "../overview/notice.js";

function sameName(typed, name) {
  try {
    return organisationName(typed).key === organisationName(name).key;
  } catch {
    return false; // blank or not a name at all
  }
}

function title(name) {
  return `NetSuite integration: ${name}`;
}

function renameForm(ctx, { renamed, status }) {
  const name = organisationNameField();
  name.value = ctx.organisation.name;
  return saveForm(
    {
      attrs: { class: "org-manage__form", "aria-label": "Rename organisation" },
      label: "Save the new name",
      primary: false,
      children: [name.element],
    },
    {
      busyLabel: "Renaming…",
      check: () => checkFields({ name }),
      save: (value) => api.renameOrganisation(ctx.orgId, value.name),
      fields: { name },
      kept: "The name you typed is kept.",
      successArea: () => status,
      done: (org) => {
        const old = ctx.organisation.name;
        renamed(org);
        name.value = org.name;
        return old === org.name
          ? `The name stays ${org.name}.`
          : `Renamed ${old} to ${org.name}.`;
      },
    },
  ).element;
}

function removalText(name) {
  return h(
    "div",
    { class: "message message--warning" },
    h(
      "p",
      {},
      h(
        "strong",
        {},
        `Removing ${name} takes it off the list of organisations. `,
      ),
      "Its integration and certificates are no longer shown or managed here, and it cannot be brought back from this page. NetSuite is not changed: if the integration is no longer used, revoke its certificate in NetSuite.",
    ),
    h(
      "p",
      {},
      "Its audit trail is kept for as long as this backend keeps its database, and stays in the ",
      h(
        "a",
        {
          href: `${currentConfig().backendUrl}/api/audit`,
          download: "netsuite-m2m-audit.jsonl",
        },
        "export of the whole audit trail",
      ),
      ".",
    ),
  );
}

function removeForm(ctx) {
  const name = ctx.organisation.name;
  const typed = textField({
    label: "Type the organisation's name to confirm",
    name: "confirmName",
    hint: `Type ${name}.`,
    // The module's one rule of when two names are the same name (case, spacing, forms).
    validate: (value) =>
      sameName(value, ctx.organisation.name)
        ? { value }
        : {
            error: `That is not the name: type ${ctx.organisation.name}.`,
            code: "name_does_not_match",
          },
  });
  const { element } = saveForm(
    {
      attrs: { class: "org-manage__form", "aria-label": "Remove organisation" },
      label: `Remove ${name}`,
      primary: false,
      children: [removalText(name), typed.element],
    },
    {
      busyLabel: "Removing…",
      check: () => checkFields({ typed }),
      save: () => api.removeOrganisation(ctx.orgId),
      fields: {},
      done: () => {
        const removed = ctx.organisation.name;
        setOverviewNotice(
          `Removed ${removed}. Its audit trail is kept and is in the export of the whole audit trail.`,
        );
        location.hash = "#/";
        return `Removed ${removed}.`;
      },
    },
  );
  element.querySelector("button[type=submit]")?.classList.add("button--danger");
  return element;
}

/** The h1 and, for an editor, the rename and remove controls (`controls`, under the lead). */
export function organisationHeading(ctx) {
  const heading = h("h1", { tabindex: "-1" }, title(ctx.organisation.name));
  if (!canEdit()) return { heading, controls: [] };
  const status = statusArea();
  const renamed = (org) => {
    ctx.organisation = { ...ctx.organisation, name: org.name };
    ctx.fileSlug = slug(org.name);
    heading.textContent = title(org.name);
    const [, site] = document.title.split(" · ");
    document.title = site ? `${heading.textContent} · ${site}` : document.title;
    announce(`Renamed to ${org.name}.`);
    ctx.auditChanged();
    // The removal names the organisation: it is made again with the new name.
    remove.replaceChildren(removeSummary, removeForm(ctx));
  };
  const removeSummary = h("summary", {}, "Remove organisation");
  const remove = h(
    "details",
    { class: "org-manage__remove" },
    removeSummary,
    removeForm(ctx),
  );
  const manage = h(
    "div",
    { class: "org-manage" },
    h(
      "details",
      { class: "org-manage__rename" },
      h("summary", {}, "Rename organisation"),
      renameForm(ctx, { renamed, status }),
    ),
    remove,
  );
  return { heading, controls: [manage, status] };
}
