// Test the credentials, for real: where the backend relays (config.json
// `netsuiteCheck`), "Test with NetSuite" signs the assertion as "Create client
// assertion" does and asks NetSuite through the backend, for the chosen
// organisation (the relay only calls that organisation's own token endpoint).
import { h } from "../../ui/dom.js";
import { showError } from "../../ui/errors.js";
import { liveCheck, liveCheckOffered } from "../org/live-check/index.js";

const NO_ORGANISATION = {
  code: "organisation_required",
  message:
    "Choose the organisation whose integration this is: the backend asks NetSuite only for an organisation's saved Account ID and Client ID.",
};

/** `sign()` signs and shows the assertion (null when it cannot); `orgId()` the chosen one. */
export function liveTest({ orgId, sign, signError }) {
  if (!liveCheckOffered()) return { element: null, reset() {} };
  const area = h("div");
  const check = liveCheck({
    orgId,
    label: "Test with NetSuite",
    intro:
      "Test with NetSuite: the backend sends the signed assertion to the organisation's token endpoint and tells whether NetSuite issued a token (the token itself is discarded unread).",
    signError,
    async sign() {
      if (!orgId()) {
        showError(area, NO_ORGANISATION);
        return null;
      }
      area.replaceChildren();
      return sign();
    },
  });
  return {
    element: h("div", { class: "live-test" }, check.element, area),
    reset: () => {
      area.replaceChildren();
      check.reset();
    },
  };
}
