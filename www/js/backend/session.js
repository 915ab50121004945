// Who is signed in, from GET /api/session: 404 means a backend without
// sign-in (one local person; every control is theirs), 401 nobody signed in.
// A sign-in in another tab ends on signed-in.html, which tells this page
// through a BroadcastChannel.
import { currentConfig } from "./config.js";
import { ApiError, request } from "./http.js";

const CHANNEL = "netsuite-m2m-sign-in";
let session = { enabled: false, user: null };

/** Asks the backend; resolves to { enabled, user } and remembers it. */
export async function loadSession() {
  try {
    session = { enabled: true, user: await request("GET", "/api/session") };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // 401: sign-in, nobody signed in. 404 (or a backend that cannot be
    // reached now, whose views then say so): no sign-in to show.
    session = { enabled: error.status === 401, user: null };
  }
  document.documentElement.dataset.role = canEdit() ? "editor" : "viewer";
  return session;
}

export const currentSession = () => session;

/** True where changes are allowed: no sign-in, or an editor signed in. */
export function canEdit() {
  return !session.enabled || session.user?.role === "editor";
}

/** The sign-in address; `returnTo` is a path of this page's site. */
export function signInUrl(returnTo = "/signed-in.html") {
  return `${currentConfig().backendUrl}/auth/login?return=${encodeURIComponent(returnTo)}`;
}

export async function signOut() {
  await request("POST", "/auth/logout");
  session = { enabled: true, user: null };
}

/** Resolves when a sign-in finishes in another tab (signed-in.html). */
export function nextSignIn() {
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = () => {
      channel.close();
      resolve(loadSession());
    };
  });
}

/** Called by signed-in.html. */
export function announceSignIn() {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage("signed-in");
  channel.close();
}
