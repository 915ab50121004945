// The overview's view state lives in the address after "#/?": the search text, the
// status, the month of the timeline and the page, so that a view can be bookmarked,
// shared and gone back to. Only what differs from the default is written.

const KEYS = ["q", "status", "month", "page"];

/** `{q, status, month, page}` from the part of the hash after "?". */
export function parseQuery(query = "") {
  const params = new URLSearchParams(query);
  const page = Number.parseInt(params.get("page") ?? "", 10);
  return {
    q: params.get("q") ?? "",
    status: params.get("status") ?? "",
    month: params.get("month") ?? "",
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

/** The hash of the overview showing `state`: "#/" when nothing is chosen. */
export function overviewHash(state) {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = state[key];
    if (key === "page" ? value > 1 : value) params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `#/?${query}` : "#/";
}

/** The query part of the current address's hash ("" when there is none). */
export function currentQuery() {
  const hash = location.hash;
  const at = hash.indexOf("?");
  return at === -1 ? "" : hash.slice(at + 1);
}
