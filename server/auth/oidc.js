// The OpenID Connect sign-in (openid-client): authorization code flow with
// PKCE, state and nonce.
//   GET  /auth/login?return=/path   to the provider (remembers where to return)
//   GET  /auth/callback             back from it: a session, then to the page
//   POST /auth/logout               ends the session (needs the CSRF header)
//   GET  /api/session               who is signed in, the role, the CSRF token
import * as oidc from "openid-client";
import { HttpError } from "../errors.js";
import {
  cookie,
  CSRF_COOKIE,
  LOGIN_COOKIE,
  readCookies,
  SESSION_COOKIE,
} from "./cookies.js";
import { roleOf } from "./settings.js";
import { createSession, nowIso, sessionOf } from "./sessions.js";

const LOGIN_MINUTES = 10;
// Sign-ins under way at once (each a row until its callback or expiry): anyone
// may start one, so their number is bounded.
export const MAX_PENDING_LOGINS = 1000;

export function signInRoutes(settings, store, csrfHeader) {
  const secure = settings.publicUrl.protocol === "https:";
  const redirectUri = new URL("/auth/callback", settings.publicUrl).href;
  let discovered = null;
  // Discovery waits for the first sign-in (the server starts while the
  // provider is down) and is tried again after a failure.
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        settings.issuer,
        settings.clientId,
        settings.clientSecret,
        undefined,
        settings.issuer.protocol === "http:"
          ? { execute: [oidc.allowInsecureRequests] }
          : undefined,
      )
      .catch((error) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };

  async function login(req, res, url) {
    const asked = url.searchParams.get("return") ?? "/";
    // Only a path of this site: never an open redirect.
    const returnTo = /^\/(?![/\\])/.test(asked) ? asked : "/";
    const config = await reachProvider(configuration);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const expiresAt = new Date(Date.now() + LOGIN_MINUTES * 60_000);
    const limit = settings.maxPendingLogins ?? MAX_PENDING_LOGINS;
    await store.write((q) => {
      q.pruneSessions(nowIso());
      if (q.loginCount() >= limit)
        throw new HttpError(
          429,
          "too_many_sign_ins",
          "Too many sign-ins are under way; try again in a minute.",
          { headers: { "Retry-After": "60" } },
        );
      q.insertLogin({
        state,
        nonce,
        codeVerifier,
        returnTo,
        expiresAt: expiresAt.toISOString(),
      });
    });
    const target = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    // The state also goes in a cookie of this browser: a callback link made
    // for someone else's sign-in does not sign this browser in.
    res.writeHead(303, {
      Location: target.href,
      "Set-Cookie": cookie(LOGIN_COOKIE, state, {
        maxAge: LOGIN_MINUTES * 60,
        secure,
        path: "/auth/",
      }),
      "Cache-Control": "no-store",
    });
    res.end();
  }

  async function callback(req, res, url) {
    const state = url.searchParams.get("state") ?? "";
    if (!state || readCookies(req).get(LOGIN_COOKIE) !== state)
      throw new HttpError(
        400,
        "sign_in_not_started_here",
        "This sign-in was not started in this browser (or took too long); open /auth/login again.",
      );
    const pending = await store.write((q) => {
      const found = q.login(state, nowIso());
      q.deleteLogin(state);
      return found;
    });
    if (!pending)
      throw new HttpError(
        400,
        "sign_in_expired",
        "This sign-in took too long or was already used; open /auth/login again.",
      );
    const config = await reachProvider(configuration);
    let claims;
    try {
      const callbackUrl = new URL(url.pathname + url.search, redirectUri);
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = { ...tokens.claims() };
      if (tokens.access_token && config.serverMetadata().userinfo_endpoint) {
        const info = await oidc.fetchUserInfo(
          config,
          tokens.access_token,
          claims.sub,
        );
        claims = { ...info, ...claims, ...pick(info, settings.groupsClaim) };
      }
    } catch (error) {
      throw new HttpError(
        502,
        "sign_in_failed",
        `The identity provider did not complete the sign-in: ${error.error_description ?? error.message}`,
      );
    }
    const role = roleOf(settings, claims);
    if (!role)
      throw new HttpError(
        403,
        "not_allowed",
        "Your account may not use this tool (VIEWERS is none and you are not in EDITORS).",
      );
    const user = {
      subject: String(claims.sub),
      email: typeof claims.email === "string" ? claims.email : null,
      name: typeof claims.name === "string" ? claims.name : null,
      role,
    };
    const session = await createSession(store, user, settings.sessionHours);
    const maxAge = settings.sessionHours * 3600;
    res.writeHead(303, {
      Location: pending.returnTo,
      "Set-Cookie": [
        cookie(SESSION_COOKIE, session.id, { maxAge, secure }),
        cookie(CSRF_COOKIE, session.csrfToken, {
          maxAge,
          secure,
          httpOnly: false,
        }),
        cookie(LOGIN_COOKIE, "", { maxAge: 0, secure, path: "/auth/" }),
      ],
      "Cache-Control": "no-store",
    });
    res.end();
  }

  async function logout(req, res) {
    const found = await sessionOf(store, req);
    if (found) {
      if (req.headers[csrfHeader.toLowerCase()] !== found.csrfToken)
        throw new HttpError(
          403,
          "csrf_token_invalid",
          `Signing out needs this session's CSRF token in the ${csrfHeader} header.`,
        );
      await store.write((q) => q.deleteSession(found.idSha256));
    }
    res.writeHead(204, {
      "Set-Cookie": [
        cookie(SESSION_COOKIE, "", { maxAge: 0, secure }),
        cookie(CSRF_COOKIE, "", { maxAge: 0, secure, httpOnly: false }),
      ],
      "Cache-Control": "no-store",
    });
    res.end();
  }

  const ROUTES = {
    "/auth/login": { GET: login },
    "/auth/callback": { GET: callback },
    "/auth/logout": { POST: logout },
  };

  return {
    async handle(req, res, rawPath) {
      const route = ROUTES[rawPath];
      if (!route) return false;
      const handler = route[req.method];
      if (!handler)
        throw new HttpError(405, "method_not_allowed", "Not here.", {
          headers: { Allow: Object.keys(route).join(", ") },
        });
      await handler(req, res, new URL(req.url, settings.publicUrl));
      return true;
    },
  };
}

async function reachProvider(configuration) {
  try {
    return await configuration();
  } catch (error) {
    throw new HttpError(
      502,
      "identity_provider_unreachable",
      `The identity provider (OIDC_ISSUER) could not be reached: ${error.message}`,
    );
  }
}

function pick(object, key) {
  return Object.hasOwn(object, key) ? { [key]: object[key] } : {};
}
