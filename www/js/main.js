// Entry point: loads the module once, then routes on the URL hash.
import { h, focusElement } from "./dom.js";
import { loadModule } from "./m2m.js";
import { renderOverview } from "./overview.js";
import { renderIntegration } from "./integration.js";
import { renderCheck } from "./check.js";
import { renderCredentialsTest } from "./credentials.js";

const main = document.getElementById("main");

const routes = [
  {
    pattern: /^#?\/?$/,
    nav: "overview",
    render: (root) => renderOverview(root),
  },
  {
    pattern: /^#\/org\/([^/?]+)$/,
    nav: "overview",
    render: (root, m) =>
      renderIntegration(root, { orgId: decodeURIComponent(m[1]) }),
  },
  { pattern: /^#\/check$/, nav: "check", render: (root) => renderCheck(root) },
  {
    pattern: /^#\/test(?:\/([^/?]+))?$/,
    nav: "test",
    render: (root, m) =>
      renderCredentialsTest(root, {
        orgId: m[1] ? decodeURIComponent(m[1]) : null,
      }),
  },
];

let current = null; // { hash, view }
let renderToken = 0;

function isRoute(hash) {
  return hash === "" || hash === "#" || hash.startsWith("#/");
}

function setActiveNav(nav) {
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (link.dataset.nav === nav) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

async function route({ initial = false } = {}) {
  const hash = location.hash;
  if (!isRoute(hash)) return;
  if (current && current.hash === hash && !initial) return;

  if (current?.view?.hasUnsavedChanges?.()) {
    const message =
      current.view.unsavedMessage?.() ??
      "You have unsaved changes. Leave this page and lose them?";
    if (!window.confirm(message)) {
      history.replaceState(null, "", current.hash || "#/");
      return;
    }
  }
  current?.view?.cleanup?.();

  const token = ++renderToken;
  const match = routes
    .map((r) => ({ r, m: hash.match(r.pattern) }))
    .find((x) => x.m);
  const root = h("div", { class: "view" });
  main.replaceChildren(root);
  current = { hash, view: null };
  if (!match) {
    setActiveNav(null);
    root.append(
      h("h1", { tabindex: "-1" }, "Page not found"),
      h(
        "p",
        {},
        "There is nothing at this address. ",
        h("a", { href: "#/" }, "Go to the organisations."),
      ),
    );
    document.title = "Page not found · NetSuite M2M certificates";
    if (!initial) focusElement(root.querySelector("h1"));
    return;
  }
  setActiveNav(match.r.nav);
  const view = (await match.r.render(root, match.m)) ?? {};
  if (token !== renderToken) {
    view.cleanup?.();
    return;
  }
  current.view = view;
  const heading = root.querySelector("h1");
  if (heading) {
    document.title = `${heading.textContent} · NetSuite M2M certificates`;
    if (!initial) focusElement(heading);
  }
}

window.addEventListener("beforeunload", (event) => {
  if (current?.view?.hasUnsavedChanges?.()) {
    event.preventDefault();
    event.returnValue = "";
  }
});

document.getElementById("skip-link")?.addEventListener("click", (event) => {
  event.preventDefault();
  focusElement(main);
});

async function start() {
  try {
    await loadModule();
  } catch (error) {
    main.replaceChildren(
      h(
        "div",
        { class: "message message--error", role: "alert" },
        h(
          "p",
          {},
          "The WebAssembly module could not be loaded, so this page cannot work.",
        ),
        h(
          "p",
          {},
          `Reason: ${error?.message ?? error}. Reload the page; if it persists, rebuild with npm run build.`,
        ),
      ),
    );
    return;
  }
  window.addEventListener("hashchange", () => route());
  await route({ initial: true });
  document.documentElement.dataset.ready = "true";
}

start();
