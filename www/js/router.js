// Routes on the URL hash: each route renders one view (views/<route>/) into a fresh
// container. A view may return {hasUnsavedChanges, unsavedMessage, cleanup}; leaving
// or reloading the page with unsaved changes asks first. A view that keeps its state
// in the address's query ("#/?q=…") returns updateQuery(query): a change of the query
// alone goes to it instead of drawing the view again.
import { h, focusElement } from "./ui/dom.js";
import { renderOverview } from "./views/overview/index.js";
import { renderNotFound } from "./views/not-found.js";

/**
 * A view whose code is fetched when its route is first shown: the overview, where
 * visits start, does not wait for the modules of the other views (the replace
 * flow's are the deepest chain). bench/: the overview at scale.
 */
const later =
  (load, name) =>
  async (...args) =>
    (await load())[name](...args);
const renderOrganisation = later(
  () => import("./views/org/index.js"),
  "renderOrganisation",
);
const renderCheck = later(
  () => import("./views/check/index.js"),
  "renderCheck",
);
const renderTest = later(() => import("./views/test/index.js"), "renderTest");

const SITE = "NetSuite M2M certificates";

/** A path segment of the address, decoded; null when its %-escapes are malformed. */
function segment(raw) {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Renders `view(root, decoded)`, or the not-found view when `raw` does not decode. */
function withSegment(root, raw, view) {
  const decoded = segment(raw);
  if (decoded === null)
    return renderNotFound(
      root,
      `The address has a malformed escape (“${raw}”), so it names nothing. `,
    );
  return view(root, decoded);
}

const routes = [
  {
    pattern: /^#?\/?(?:\?.*)?$/,
    nav: "overview",
    render: (root) => renderOverview(root),
  },
  {
    pattern: /^#\/org\/([^/?]+)$/,
    nav: "overview",
    render: (root, m) => withSegment(root, m[1], renderOrganisation),
  },
  { pattern: /^#\/check$/, nav: "check", render: (root) => renderCheck(root) },
  {
    pattern: /^#\/test(?:\/([^/?]+))?$/,
    nav: "test",
    render: (root, m) =>
      m[1] ? withSegment(root, m[1], renderTest) : renderTest(root, null),
  },
  { pattern: /^#\//, nav: null, render: (root) => renderNotFound(root) },
];

let current = null; // { hash, view }

/** The hash without its query: what names the view. */
const pathOf = (hash) => hash.split("?")[0].replace(/^#?\/?$/, "#/");
let renderToken = 0;

function setActiveNav(nav) {
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (link.dataset.nav === nav) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

/** False when the user chose to stay with unsaved changes. */
function mayLeave() {
  const view = current?.view;
  if (!view?.hasUnsavedChanges?.()) return true;
  return window.confirm(
    view.unsavedMessage?.() ??
      "You have unsaved changes. Leave this page and lose them?",
  );
}

export async function route(main, { initial = false } = {}) {
  const hash = location.hash;
  if (!(hash === "" || hash === "#" || hash.startsWith("#/"))) return;
  // Before the same-hash check: such a view rewrites its query with replaceState,
  // so current.hash may lag behind what the address says.
  if (
    current?.view?.updateQuery &&
    pathOf(current.hash) === pathOf(hash) &&
    !initial
  ) {
    current.hash = hash;
    current.view.updateQuery(hash.split("?").slice(1).join("?"));
    return;
  }
  if (current && current.hash === hash && !initial) return;
  if (!mayLeave()) {
    history.replaceState(null, "", current.hash || "#/");
    return;
  }
  current?.view?.cleanup?.();

  const token = ++renderToken;
  const { r, m } = routes
    .map((r) => ({ r, m: hash.match(r.pattern) }))
    .find((x) => x.m);
  const root = h("div", { class: "view" });
  main.replaceChildren(root);
  current = { hash, view: null };
  setActiveNav(r.nav);
  const view = (await r.render(root, m)) ?? {};
  if (token !== renderToken) {
    view.cleanup?.();
    return;
  }
  current.view = view;
  const heading = root.querySelector("h1");
  if (heading) {
    document.title = `${heading.textContent} · ${SITE}`;
    if (!initial) focusElement(heading);
  }
}

export function startRouter(main) {
  window.addEventListener("hashchange", () => route(main));
  window.addEventListener("beforeunload", (event) => {
    if (current?.view?.hasUnsavedChanges?.()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  return route(main, { initial: true });
}
