// A signed client assertion as the user sees it: header, claims, a curl command
// (bash) and a PowerShell command for NetSuite's token endpoint (the page itself
// never calls NetSuite), and hints.
import { announce, button, focusElement, h } from "../../ui/dom.js";
import { formatDateTime } from "../../ui/format.js";
import { hints } from "./hints.js";

function shellQuote(text) {
  return `'${String(text).replace(/'/g, "'\\''")}'`;
}

/** PowerShell's single-quoted string: a quote is doubled. */
function powershellQuote(text) {
  return `'${String(text).replace(/'/g, "''")}'`;
}

/** Code in a figure whose caption names it (a <pre>'s aria-label is not announced). */
function code(id, label, text) {
  return h(
    "figure",
    { class: "code-figure", "aria-labelledby": `${id}-caption` },
    h(
      "figcaption",
      { id: `${id}-caption`, class: "code-figure__caption" },
      label,
    ),
    h("pre", { class: "code code--wrap", id }, text),
  );
}

function copyButton(text, label = "Copy curl command") {
  const copy = button(label);
  const said = h("span", { class: "hint", role: "status" });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
      said.textContent = "Copied.";
    } catch {
      said.textContent =
        "Could not copy: select the command and copy it by hand.";
    }
  });
  return h("div", { class: "button-row" }, copy, said);
}

function lifetime(claims) {
  const at = (seconds) =>
    formatDateTime(new Date(seconds * 1000).toISOString());
  return `Valid from ${at(claims.iat)} to ${at(claims.exp)} (${Math.round((claims.exp - claims.iat) / 60)} minutes).`;
}

/** `keyWarning`: a sentence when the key does not match the saved certificate. */
export function showAssertion(results, result, { keyWarning } = {}) {
  const curl = [
    `curl -sS -X POST ${shellQuote(result.tokenEndpoint)} \\`,
    `  -H 'Content-Type: application/x-www-form-urlencoded' \\`,
    `  --data ${shellQuote(result.requestBody)}`,
  ].join("\n");
  const powershell = [
    `Invoke-RestMethod -Method Post -Uri ${powershellQuote(result.tokenEndpoint)} \``,
    `  -ContentType 'application/x-www-form-urlencoded' \``,
    `  -Body ${powershellQuote(result.requestBody)}`,
  ].join("\n");
  const claims = result.claims ?? {};
  const heading = h(
    "h2",
    { tabindex: "-1", id: "assertion-heading" },
    "Signed client assertion",
  );
  results.replaceChildren(
    h(
      "section",
      { class: "card", "aria-labelledby": "assertion-heading" },
      heading,
      keyWarning
        ? h(
            "div",
            { class: "message message--warning", id: "key-mismatch" },
            h("p", {}, keyWarning),
          )
        : null,
      result.warnings?.length
        ? h(
            "div",
            { class: "message message--warning" },
            h(
              "ul",
              {},
              result.warnings.map((w) => h("li", {}, w.message)),
            ),
          )
        : null,
      h("p", {}, lifetime(claims)),
      h(
        "div",
        { class: "two-columns" },
        h(
          "div",
          {},
          h("h3", {}, "Header"),
          code(
            "assertion-header",
            "Decoded header",
            JSON.stringify(result.header, null, 2),
          ),
        ),
        h(
          "div",
          {},
          h("h3", {}, "Claims"),
          code(
            "assertion-claims",
            "Decoded claims",
            JSON.stringify(claims, null, 2),
          ),
        ),
      ),
      h("h3", {}, "curl command for the token endpoint (bash)"),
      code("curl-command", "curl command", curl),
      copyButton(curl),
      h("h3", {}, "PowerShell command for the token endpoint (Windows)"),
      code("powershell-command", "PowerShell command", powershell),
      copyButton(powershell, "Copy PowerShell command"),
      h(
        "p",
        { class: "hint" },
        "A working answer has access_token, expires_in (3600) and token_type. The assertion itself expires in a few minutes: make a new one to try again later.",
      ),
      h("h3", {}, "If NetSuite refuses it"),
      h(
        "ul",
        { class: "hints" },
        hints().map(([topic, text]) =>
          h("li", {}, h("strong", {}, `${topic}: `), text),
        ),
      ),
    ),
  );
  announce("Client assertion created.");
  focusElement(heading);
}
