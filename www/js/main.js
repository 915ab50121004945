// Entry point: reads config.json and loads the module, then routes on the URL hash.
// Where data goes: module/ (the wasm module), backend/ (the only code
// that knows URLs), private-key/ (to the user's disk or this browser's key store).
import * as api from "./backend/api.js";
import { loadConfig } from "./backend/config.js";
import { loadSession, signInUrl } from "./backend/session.js";
import { loadModule } from "./module/index.js";
import { startRouter } from "./router.js";
import { renderAccount } from "./ui/account.js";
import { h, focusElement } from "./ui/dom.js";
import { errorDetails } from "./ui/errors.js";

const main = document.getElementById("main");

document.getElementById("skip-link")?.addEventListener("click", (event) => {
  event.preventDefault();
  focusElement(main);
});

function cannotStart(what, error, remedy) {
  main.replaceChildren(
    h(
      "div",
      { class: "message message--error", role: "alert" },
      h("p", {}, `${what}, so this page cannot work.`),
      h(
        "p",
        {},
        `Reason: ${String(error?.message ?? error).replace(/\.$/, "")}. ${remedy}`,
      ),
      errorDetails({
        code: error?.code ?? "start_failed",
        status: error?.status,
      }),
    ),
  );
}

async function start() {
  // Both at once: neither needs the other, and the overview waits for both.
  const config = loadConfig();
  const module = loadModule();
  module.catch(() => {}); // reported below, after a configuration error if any
  let session;
  try {
    await config;
    // While the module compiles: who is signed in, then (if the views may be
    // shown) the list of organisations that the overview and an organisation need.
    session = loadSession().then((answer) => {
      if (!answer.enabled || answer.user) api.listOrganisationsEarly();
      return answer;
    });
  } catch (error) {
    cannotStart(
      "The page's configuration (config.json) could not be read",
      error,
      "Correct config.json (see the README, Use it with your backend), then reload.",
    );
    return;
  }
  try {
    await module;
  } catch (error) {
    cannotStart(
      "The WebAssembly module could not be loaded",
      error,
      "Reload the page; if it persists, rebuild with npm run build.",
    );
    return;
  }
  session = await session;
  renderAccount(document.getElementById("account"));
  if (session.enabled && !session.user) {
    main.replaceChildren(
      h(
        "div",
        { class: "message" },
        h(
          "p",
          {},
          "Sign in to see and change the organisations' certificates.",
        ),
        h(
          "p",
          {},
          h(
            "a",
            { class: "button", href: signInUrl(`/${location.hash}`) },
            "Sign in",
          ),
        ),
      ),
    );
    document.documentElement.dataset.ready = "true";
    return;
  }
  await startRouter(main);
  api.forgetEarlyList();
  document.documentElement.dataset.ready = "true";
}

start();
