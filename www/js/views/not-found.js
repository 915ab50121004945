// Any #/ address no route knows, or one whose escapes do not decode.
import { h } from "../ui/dom.js";

/** `reason` says why, when more is known than that no route matched. */
export function renderNotFound(
  root,
  reason = "There is nothing at this address. ",
) {
  root.append(
    h("h1", { tabindex: "-1" }, "Page not found"),
    h("p", {}, reason, h("a", { href: "#/" }, "Go to the organisations.")),
  );
  return {};
}
