// Small DOM helpers: elements are built with createElement, never from HTML strings,
// so no markup (and no inline style) can sneak in through data.

/**
 * Creates an element. `attrs`: `class`, `for`, `on<event>` listeners, `hidden`/`disabled`/
 * `checked`/`selected`/`required` booleans, `dataset` object, anything else as an attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class")
      el.className = Array.isArray(value)
        ? value.filter(Boolean).join(" ")
        : value;
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (name.startsWith("on") && typeof value === "function")
      el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === "value") el.value = value;
    else if (name === "style")
      throw new Error("inline styles are not allowed: use a class");
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

let uid = 0;
/** A document-unique id with a readable prefix. */
export function uniqueId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** Announces a message to screen readers through the page's live regions. */
export function announce(message, { assertive = false } = {}) {
  const region = document.getElementById(
    assertive ? "announcer-assertive" : "announcer-polite",
  );
  if (!region) return;
  region.textContent = "";
  // A fresh text node after a tick makes repeated identical messages announce again.
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/** Moves focus to an element that is not normally focusable (headings, messages). */
export function focusElement(el) {
  if (!el) return;
  if (
    !el.hasAttribute("tabindex") &&
    !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)
  ) {
    el.setAttribute("tabindex", "-1");
  }
  el.focus({ preventScroll: false });
  el.scrollIntoView?.({ block: "nearest" });
}

/** A button that shows a busy label while the async action runs. */
export async function withBusy(button, busyLabel, action) {
  if (button.getAttribute("aria-busy") === "true") return undefined; // already running
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = busyLabel;
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.textContent = label;
  }
}

/** A definition list from [term, description] pairs (descriptions may be nodes). */
export function definitionList(pairs, className = "details") {
  return h(
    "dl",
    { class: className },
    pairs
      .filter(Boolean)
      .map(([term, description]) =>
        h(
          "div",
          { class: "details__row" },
          h("dt", {}, term),
          h("dd", {}, description),
        ),
      ),
  );
}

/** A plain button; `attrs` as for h(). */
export function button(label, attrs = {}) {
  return h("button", { type: "button", class: "button", ...attrs }, label);
}

/** replaceChildren without the "null" text nodes it would make of absent parts. */
export function replaceWith(container, ...children) {
  container.replaceChildren(
    ...children.filter(
      (child) => child !== null && child !== undefined && child !== false,
    ),
  );
}

/** A section card with an h2 (id `${id}-heading`); the card's id is `id`. */
export function card(id, title, ...children) {
  return h(
    "section",
    { class: "card", "aria-labelledby": `${id}-heading`, id },
    h("h2", { id: `${id}-heading` }, title),
    ...children,
  );
}

/** A submit button, primary unless `{primary: false}`. */
export function submitButton(label, { primary = true } = {}) {
  return h(
    "button",
    { type: "submit", class: ["button", primary && "button--primary"] },
    label,
  );
}

/** A container for a form's or card's messages. */
export function statusArea() {
  return h("div", { class: "status-area" });
}

/** A form the browser does not validate; submitting it runs `run()` instead. */
export function form(attrs, run, ...children) {
  const element = h("form", { novalidate: true, ...attrs }, ...children);
  element.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  return element;
}

/**
 * A table of `rows` (already built <tr>s) under `columns` headers. Each cell carries
 * its column's name (data-label), which the stylesheet shows when, under tablet
 * width, a row is drawn as a card.
 */
export function dataTable({ id, className = "table", caption, columns }, rows) {
  for (const row of rows)
    [...row.children].forEach((cell, i) => {
      if (columns[i] && !cell.dataset.label) cell.dataset.label = columns[i];
    });
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: className, id },
      h("caption", { class: "visually-hidden" }, caption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          columns.map((t) => h("th", { scope: "col" }, t)),
        ),
      ),
      h("tbody", {}, rows),
    ),
  );
}
