// The sign-in settings (server/README.md): OIDC_ISSUER, OIDC_CLIENT_ID,
// OIDC_CLIENT_SECRET, PUBLIC_URL, EDITORS, VIEWERS, OIDC_SCOPES,
// OIDC_GROUPS_CLAIM, SESSION_HOURS. Without OIDC_ISSUER there is no sign-in.

const REQUIRED = ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "PUBLIC_URL"];

/**
 * Reads the sign-in settings from `env`; returns null when OIDC_ISSUER is not
 * set, or { issuer, clientId, clientSecret, publicUrl, editors, viewers,
 * scopes, groupsClaim, sessionHours }. Throws an Error saying what to fix.
 */
export function parseAuthSettings(env) {
  if (!env.OIDC_ISSUER) {
    const stray = [...REQUIRED, "EDITORS"].filter((name) => env[name]);
    if (stray.length > 0)
      throw new Error(
        `${stray.join(", ")} set but OIDC_ISSUER is not: set OIDC_ISSUER to your identity provider's issuer URL for sign-in.`,
      );
    return null;
  }
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length > 0)
    throw new Error(`sign-in (OIDC_ISSUER) also needs ${missing.join(", ")}.`);
  const issuer = httpUrl("OIDC_ISSUER", env.OIDC_ISSUER);
  const publicUrl = httpUrl("PUBLIC_URL", env.PUBLIC_URL);
  if (publicUrl.pathname !== "/" || publicUrl.search || publicUrl.hash)
    throw new Error(
      `PUBLIC_URL must be an origin such as https://certificates.example.com/, not ${JSON.stringify(env.PUBLIC_URL)}.`,
    );
  const editors = parseEditors(env.EDITORS ?? "");
  const viewers = (env.VIEWERS || "signed-in").toLowerCase();
  if (!["signed-in", "none"].includes(viewers))
    throw new Error(
      `VIEWERS must be signed-in (everyone the provider signs in may look) or none (only EDITORS), not ${JSON.stringify(env.VIEWERS)}.`,
    );
  const hours = env.SESSION_HOURS || "8";
  if (!/^\d+$/.test(hours) || Number(hours) < 1 || Number(hours) > 24 * 30)
    throw new Error(
      `SESSION_HOURS must be a whole number from 1 to 720, not ${JSON.stringify(hours)}.`,
    );
  return {
    issuer,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    publicUrl,
    editors,
    viewers,
    scopes: env.OIDC_SCOPES || "openid email profile",
    groupsClaim: env.OIDC_GROUPS_CLAIM || "groups",
    sessionHours: Number(hours),
  };
}

// An issuer over plain HTTP is only accepted on loopback (a provider started
// by the tests); anywhere else tokens would cross the network in clear.
function httpUrl(name, text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${name} is not a URL: ${JSON.stringify(text)}.`);
  }
  const loopback = isLoopbackName(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    throw new Error(
      `${name} must be an https URL (http only on loopback), not ${JSON.stringify(text)}.`,
    );
  return url;
}

export function isLoopbackName(name) {
  return (
    name === "localhost" ||
    name === "[::1]" ||
    name === "::1" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  );
}

/**
 * EDITORS: a comma-separated list; an entry with "@" is an e-mail address (a
 * verified `email` claim), an entry "group:NAME" a value of the groups claim
 * (OIDC_GROUPS_CLAIM, default "groups"; Entra ID sends group object IDs).
 */
export function parseEditors(text) {
  const emails = new Set();
  const groups = new Set();
  for (const entry of text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    if (entry.startsWith("group:") && entry.length > "group:".length)
      groups.add(entry.slice("group:".length));
    else if (/^[^@\s]+@[^@\s]+$/.test(entry)) emails.add(entry.toLowerCase());
    else
      throw new Error(
        `EDITORS: ${JSON.stringify(entry)} is neither an e-mail address nor group:NAME.`,
      );
  }
  return { emails, groups };
}

/** "editor", "viewer", or null (not allowed in) for a user's claims. */
export function roleOf(settings, claims) {
  const email =
    typeof claims.email === "string" && claims.email_verified !== false
      ? claims.email.toLowerCase()
      : null;
  const raw = claims[settings.groupsClaim];
  const groups = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const editor =
    (email !== null && settings.editors.emails.has(email)) ||
    groups.some((group) => settings.editors.groups.has(String(group)));
  if (editor) return "editor";
  return settings.viewers === "signed-in" ? "viewer" : null;
}
