// #/ — every organisation and its certificate, next expiry first: when
// certificates lapse (by month), a search and status filter, the table a page at a
// time, and a form to add an organisation. What is chosen is kept in the address
// (query.js), so a view can be bookmarked; going back and forth restores it.
import * as api from "../../backend/api.js";
import { announce, h, statusArea } from "../../ui/dom.js";
import { showLoadError } from "../../ui/errors.js";
import { clearMessage, showMessage } from "../../ui/messages.js";
import { canEdit } from "../../backend/session.js";
import { addOrganisationForm } from "./add-organisation.js";
import { takeOverviewNotice } from "./notice.js";
import { overviewFilters } from "./filters.js";
import { currentQuery, overviewHash, parseQuery } from "./query.js";
import { filterRows, rowsOf } from "./rows.js";
import { organisationTable } from "./table.js";
import { certificateTimeline } from "./timeline.js";

/** The loaded overview: timeline, filters and table over `rows`, drawn for `state`. */
function overviewOf(rows, state, { onChange }) {
  const table = organisationTable((step) =>
    change({ page: state.page + step }),
  );
  const filters = overviewFilters(rows, (part) => change({ ...part, page: 1 }));
  const timeline = certificateTimeline(rows, {
    select: (bucket) =>
      change({ month: state.month === bucket ? "" : bucket, page: 1 }),
    show: (status) => change({ status, month: "", q: "", page: 1 }),
  });

  function draw() {
    const shown = filterRows(rows, state, (row) =>
      timeline.matches(row, state.month),
    );
    state.page = table.show(shown, state.page, rows.length);
    filters.set(state);
    timeline.mark(state.month);
  }

  function change(part) {
    Object.assign(state, part);
    draw();
    onChange(state);
  }

  draw();
  return {
    elements: [timeline.element, filters.element, table.element],
    update(next) {
      Object.assign(state, next);
      draw();
    },
  };
}

export async function renderOverview(root) {
  const status = statusArea();
  const notice = statusArea();
  const content = h(
    "div",
    { class: "overview" },
    h("p", { class: "loading" }, "Loading organisations…"),
  );
  root.append(
    h("h1", { tabindex: "-1" }, "Organisations"),
    h(
      "p",
      { class: "lead" },
      "Each organisation's NetSuite integration and certificate. The next certificate to expire is on top.",
    ),
    notice,
    status,
    content,
  );
  let shown = null;
  const state = parseQuery(currentQuery());
  // The address follows the view without a new history entry per keystroke.
  const onChange = (next) =>
    history.replaceState(history.state, "", overviewHash(next));

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
      shown = null;
      content.replaceChildren(
        h("p", {}, "No organisations yet. Add one below."),
      );
      return;
    }
    shown = overviewOf(rowsOf(organisations), state, { onChange });
    content.replaceChildren(...shown.elements);
  }

  // Sent here by another view with a confirmation (e.g. a removal): said first.
  const sent = takeOverviewNotice();
  if (sent) {
    showMessage(notice, "success", sent);
    announce(sent);
  }

  // A viewer sees no control they cannot use.
  if (canEdit()) root.append(addOrganisationForm(() => load()));
  await load();
  return {
    /** The address changed to another overview query (back, forward, a link). */
    updateQuery(query) {
      Object.assign(state, parseQuery(query));
      shown?.update(state);
    },
  };
}
