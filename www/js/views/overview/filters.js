// The overview's search and status filter: a search form (role=search) whose fields
// change the view as they change; their values come from and go to the address.
import { rules } from "../../module/index.js";
import { h, uniqueId } from "../../ui/dom.js";
import { labelledField } from "../../ui/fields.js";
import { stateChoices } from "../../ui/status.js";

/** The status select's options: every state, with how many rows are in it. */
function statusOptions(rows) {
  const window = rules().expiringWindowDays;
  return [
    h("option", { value: "" }, `All (${rows.length})`),
    ...stateChoices().map(({ id, label }) => {
      const count = rows.filter((r) => r.state.id === id).length;
      const text =
        id === "expiring" ? `${label} (within ${window} days)` : label;
      return h("option", { value: id }, `${text} (${count})`);
    }),
  ];
}

/** `change({q?, status?})` on every edit. Returns `{element, set(state)}`. */
export function overviewFilters(rows, change) {
  const searchId = uniqueId("search");
  const statusId = uniqueId("status");
  const search = h("input", {
    id: searchId,
    type: "search",
    name: "q",
    class: "input",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": `${searchId}-hint`,
    oninput: () => change({ q: search.value }),
  });
  const status = h(
    "select",
    {
      id: statusId,
      name: "status",
      class: "input",
      onchange: () => change({ status: status.value }),
    },
    statusOptions(rows),
  );
  const element = h(
    "form",
    {
      class: "filters",
      role: "search",
      "aria-label": "Organisations",
      onsubmit: (event) => event.preventDefault(),
    },
    labelledField(
      searchId,
      "Search",
      h(
        "p",
        { id: `${searchId}-hint`, class: "field__hint" },
        "Organisation name, Account ID or Certificate ID.",
      ),
      search,
    ),
    labelledField(statusId, "Status", status),
  );
  return {
    element,
    set({ q, status: value }) {
      if (search.value !== q) search.value = q;
      status.value = value;
      if (status.value !== value) status.value = "";
    },
  };
}
