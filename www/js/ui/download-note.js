// A download's visible confirmation, next to its button: what was saved under
// which file name. A polite live region that is on the page before it speaks, so
// a screen reader announces each confirmation as it appears.
import { h } from "./dom.js";

/** `{element, said(what, name, next?), asked(what, name), clear()}`: place `element` under the button. */
export function downloadNote() {
  const element = h("p", {
    class: "download-note",
    role: "status",
    "aria-live": "polite",
  });
  return {
    element,
    /** "<what> downloaded as <name>." and, if given, what to do next. */
    said(what, name, next = "") {
      element.replaceChildren(
        `${what} downloaded as `,
        h("span", { class: "mono wrap" }, name),
        `.${next ? ` ${next}` : ""}`,
      );
    },
    /** For a file the server sends: asked for, not yet known to be saved. */
    asked(what, name) {
      element.replaceChildren(
        `Asked the server for ${what}, to be saved as `,
        h("span", { class: "mono wrap" }, name),
        "; your browser shows the download when it arrives.",
      );
    },
    clear() {
      element.replaceChildren();
    },
  };
}
