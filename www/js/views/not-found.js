// Any #/ address no route knows.
import { h } from "../ui/dom.js";

export function renderNotFound(root) {
  root.append(
    h("h1", { tabindex: "-1" }, "Page not found"),
    h(
      "p",
      {},
      "There is nothing at this address. ",
      h("a", { href: "#/" }, "Go to the organisations."),
    ),
  );
  return {};
}
