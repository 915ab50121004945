// Who is asking. Without sign-in settings (loopback only, main.js) every
// request is the one local person, "local" in the audit. With them, a
// request is signed in by its session cookie (sessions.js), and /auth/* runs
// the OpenID Connect sign-in (oidc.js).
import { HttpError } from "../errors.js";
import { signInRoutes } from "./oidc.js";
import { sessionOf } from "./sessions.js";

export const LOCAL_USER = Object.freeze({
  subject: "local",
  email: null,
  name: null,
  role: "editor",
  local: true,
});

/** `settings` from parseAuthSettings (null: no sign-in); `csrfHeader` the header name. */
export function createAuth(settings, { store, csrfHeader }) {
  if (!settings) {
    return {
      enabled: false,
      handle: async () => false,
      user: async () => LOCAL_USER,
      authorise: async () => LOCAL_USER,
    };
  }
  const routes = signInRoutes(settings, store, csrfHeader);
  const user = (req) => sessionOf(store, req);
  return {
    enabled: true,
    /** Answers /auth/* requests; false for any other path. */
    handle: routes.handle,
    user,
    /**
     * The user a request to the API is made by, or throws: 401 without a
     * session, 403 for a write by a viewer or without the session's CSRF token.
     */
    async authorise(req) {
      const found = await user(req);
      if (!found) throw signInRequired();
      if (req.method === "GET" || req.method === "HEAD") return found;
      if (found.role !== "editor")
        throw new HttpError(
          403,
          "editor_required",
          "You may look but not change anything here; ask an administrator to add you to EDITORS.",
        );
      const sent = req.headers[csrfHeader.toLowerCase()];
      if (sent !== found.csrfToken)
        throw new HttpError(
          403,
          "csrf_token_invalid",
          `A change needs this session's CSRF token in the ${csrfHeader} header (GET /api/session).`,
        );
      return found;
    },
  };
}

export function signInRequired() {
  return new HttpError(
    401,
    "sign_in_required",
    "Sign in first (open /auth/login); your session may have expired.",
    { headers: { "WWW-Authenticate": 'Cookie realm="netsuite-m2m"' } },
  );
}
