// GET /api/session: who is signed in, the role, and the CSRF token a write
// must carry. A backend without sign-in answers 404, which tells the page so.
import { signInRequired } from "../auth/index.js";
import { notFound } from "./common.js";

/** GET /api/session: who is signed in (404: this backend has no sign-in). */
export async function getSession({ auth, user, cors }) {
  if (!auth.enabled) throw notFound();
  if (!user) throw signInRequired();
  return {
    status: 200,
    body: {
      subject: user.subject,
      email: user.email,
      name: user.name,
      role: user.role,
      csrfHeader: cors.csrfHeader,
      csrfToken: user.csrfToken,
      expiresAt: user.expiresAt.replace(/\.\d{3}Z$/, "Z"),
    },
  };
}
