// Messages in a view's status areas. Errors use role=alert so they are announced;
// the rest role=status. Errors themselves go through errors.js, which adds the
// reserved place for their code (`support`).
import { h, focusElement } from "./dom.js";

/**
 * Shows a message in a status container. Kinds: info, success, warning, error.
 * Errors use role=alert so they are announced; the rest role=status.
 * `actions` are extra elements (buttons) placed under the text; `support` (an
 * error's errorDetails) goes last, out of the way.
 */
export function showMessage(
  container,
  kind,
  text,
  { actions = [], focus = false, details = [], support = null } = {},
) {
  const message = h(
    "div",
    {
      class: ["message", `message--${kind}`],
      role: kind === "error" ? "alert" : "status",
      tabindex: "-1",
    },
    typeof text === "string" ? h("p", {}, text) : text,
    details.length
      ? h(
          "ul",
          { class: "message__details" },
          details.map((d) => h("li", {}, d)),
        )
      : null,
    actions.length ? h("div", { class: "button-row" }, actions) : null,
    support,
  );
  container.replaceChildren(message);
  if (focus) focusElement(message);
  return message;
}

export function clearMessage(container) {
  container.replaceChildren();
}
