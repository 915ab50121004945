// Server-side sessions: a random ID in an HttpOnly cookie, its SHA-256 in
// SQLite with the user, the role, a CSRF token and an absolute expiry.
import { createHash, randomBytes } from "node:crypto";
import { readCookies, SESSION_COOKIE } from "./cookies.js";

export const randomToken = () => randomBytes(32).toString("base64url");
export const sha256 = (text) =>
  createHash("sha256").update(text).digest("base64url");
export const nowIso = () => new Date().toISOString();

/** The unexpired session of `req`'s cookie, or null. */
export async function sessionOf(store, req) {
  const id = readCookies(req).get(SESSION_COOKIE);
  if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  const found = await store.read((q) => q.session(sha256(id), nowIso()));
  return found ? { ...found, idSha256: sha256(id) } : null;
}

/** Stores a new session for `user`; returns { id, csrfToken, expiresAt }. */
export async function createSession(store, user, hours) {
  const id = randomToken();
  const csrfToken = randomToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + hours * 3600_000).toISOString();
  await store.write((q) => {
    q.pruneSessions(now.toISOString());
    q.insertSession({
      idSha256: sha256(id),
      subject: user.subject,
      email: user.email ?? null,
      name: user.name ?? null,
      role: user.role,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt,
    });
  });
  return { id, csrfToken, expiresAt };
}
