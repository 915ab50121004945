// The cookies of sign-in. The session cookie is HttpOnly (scripts never see
// it); the CSRF cookie is readable by the page (www/config.json's csrf names
// it), which sends its value back in the CSRF header on every write.
export const SESSION_COOKIE = "netsuite_m2m_session";
export const CSRF_COOKIE = "netsuite_m2m_csrf";
export const LOGIN_COOKIE = "netsuite_m2m_login";

/** The cookies of a request as a Map (the first of equal names wins). */
export function readCookies(req) {
  const cookies = new Map();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at < 1) continue;
    const name = part.slice(0, at).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(at + 1).trim());
  }
  return cookies;
}

/** A Set-Cookie value; `maxAge` 0 removes the cookie. */
export function cookie(
  name,
  value,
  { maxAge, secure, httpOnly = true, path = "/" },
) {
  return [
    `${name}=${value}`,
    `Path=${path}`,
    `Max-Age=${maxAge}`,
    "SameSite=Lax",
    httpOnly && "HttpOnly",
    secure && "Secure",
  ]
    .filter(Boolean)
    .join("; ");
}
