// A one-time confirmation for the overview from the view that sent the user there
// (e.g. "Removed Acme."): set before navigating, shown once by the overview.
let pending = null;

export function setOverviewNotice(text) {
  pending = text;
}

/** The notice, once: later overviews show none. */
export function takeOverviewNotice() {
  const text = pending;
  pending = null;
  return text;
}
