// The organisation page's way to check the current certificate with NetSuite on
// demand: Test the credentials, with this organisation preselected, signs with the
// key kept in this browser or a key file the user opens, and asks NetSuite.
import { h } from "../../../ui/dom.js";
import { liveCheckOffered } from "./index.js";

export function checkCurrentLink(orgId) {
  if (!liveCheckOffered()) return null;
  return h(
    "p",
    { class: "hint" },
    "Does NetSuite issue tokens for it? ",
    h(
      "a",
      { href: `#/test/${encodeURIComponent(orgId)}`, id: "check-current" },
      "Check the current certificate with NetSuite",
    ),
    " (with the key kept in this browser or the key file).",
  );
}
