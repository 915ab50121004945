// Where NetSuite shows an integration's certificates, as the page names it.
import { h } from "../../ui/dom.js";

export const NETSUITE_PAGE =
  "Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup";

export function menuPath(path = NETSUITE_PAGE) {
  return h("span", { class: "menu-path" }, path);
}
