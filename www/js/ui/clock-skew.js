// Does this browser's clock agree with the backend's? A new certificate's dates and
// a client assertion's iat/exp come from this clock. Warns past
// rules().clockSkewWarningSeconds, before generating and before signing.
import { clockSkewSeconds } from "../backend/clock.js";
import { rules } from "../module/index.js";
import { h } from "./dom.js";

function duration(seconds) {
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

const CONSEQUENCES = {
  certificate:
    "The new certificate's dates come from this clock, so NetSuite could see it as not yet valid, or expiring earlier than chosen. Set the clock right (automatic date and time), reload the page, then generate.",
  assertion:
    "The assertion's iat and exp come from this clock, so NetSuite may refuse the token as not yet valid or already expired. Set the clock right (automatic date and time), then create the assertion again.",
};

/** A warning when the clocks differ too much, else null; `about` is "certificate" or "assertion". */
export function clockSkewWarning(about = "certificate") {
  const skew = clockSkewSeconds();
  if (skew === null || Math.abs(skew) <= rules().clockSkewWarningSeconds)
    return null;
  const side = skew > 0 ? "behind" : "ahead of";
  return h(
    "div",
    {
      class: "message message--warning",
      role: "status",
      id: "clock-skew-warning",
    },
    h(
      "p",
      {},
      h("strong", {}, "Check this computer's clock. "),
      `It is ${duration(Math.abs(skew))} ${side} the server's. ${CONSEQUENCES[about]}`,
    ),
  );
}
