// How far this browser's clock is from the backend's, from the Date header of the
// backend's answers (exposed cross-origin by the backend). A certificate's dates and
// a client assertion's iat/exp come from this browser's clock.
let skewMs = null;

/** Records one answer's Date header, taken between `sentAt` and `receivedAt`. */
export function observeServerDate(dateHeader, sentAt, receivedAt) {
  const server = Date.parse(dateHeader ?? "");
  if (Number.isNaN(server)) return;
  // The header has whole seconds: the server's moment is within [server, server + 1 s).
  skewMs = server + 500 - (sentAt + receivedAt) / 2;
}

/** Seconds the backend's clock is ahead (+) or behind (−) this browser's; null if unknown. */
export function clockSkewSeconds() {
  return skewMs === null ? null : Math.round(skewMs / 1000);
}
