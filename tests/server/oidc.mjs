// A real OpenID Connect provider (oidc-provider) on a free loopback port, for
// the sign-in tests, and a small cookie-keeping HTTP client that signs a test
// account in through the provider's own interaction pages.
import http from "node:http";
import net from "node:net";
import Provider from "oidc-provider";
import { parseAuthSettings } from "../../server/auth/settings.js";
import { openDatabase, request, startTestServer } from "./helpers.mjs";

export const CLIENT_ID = "netsuite-m2m-test";
export const CLIENT_SECRET = "a-test-secret-that-is-long-enough-0123456789";

/**
 * Starts a provider on a free loopback port. It knows one client, whose
 * redirect URIs `serve(redirectUris)` sets once the backend's port is known.
 * Every login name is an account; its e-mail is the login, its groups come
 * from `groups[login]`.
 */
export async function startProvider({ groups = {} } = {}) {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  return {
    issuer,
    serve(redirectUris) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT_ID,
            client_secret: CLIENT_SECRET,
            redirect_uris: redirectUris,
            grant_types: ["authorization_code"],
            response_types: ["code"],
          },
        ],
        scopes: ["openid", "email", "profile", "groups"],
        claims: {
          openid: ["sub"],
          email: ["email", "email_verified"],
          profile: ["name"],
          groups: ["groups"],
        },
        pkce: { required: () => true },
        features: { devInteractions: { enabled: true } },
        cookies: { keys: ["test-cookie-key-0123456789abcdef"] },
        async findAccount(ctx, id) {
          return {
            accountId: id,
            async claims() {
              return {
                sub: `sub-${id}`,
                email: id,
                email_verified: true,
                name: id.split("@")[0],
                groups: groups[id] ?? [],
              };
            },
          };
        },
      });
      server.on("request", provider.callback());
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A provider and a backend with sign-in, on loopback. `env` adds sign-in
 * settings (EDITORS, VIEWERS, PUBLIC_URL's scheme via `publicScheme`).
 */
export async function startSignInServer({
  env = {},
  groups,
  publicScheme = "http",
  options = {},
  extra = {},
} = {}) {
  const provider = await startProvider({ groups });
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const publicUrl = `${publicScheme}://${publicScheme === "https" ? "localhost" : "127.0.0.1"}:${port}/`;
    const settings = parseAuthSettings({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      PUBLIC_URL: publicUrl,
      OIDC_SCOPES: "openid email profile groups",
      ...env,
    });
    const auth = { ...settings, ...extra };
    try {
      const server = await startTestServer({ port, auth, ...options });
      provider.serve([`${publicUrl}auth/callback`]);
      return {
        server,
        provider,
        publicUrl,
        async close() {
          await server.close();
          await provider.close();
        },
      };
    } catch (error) {
      // Another program took the port meanwhile: try another.
      if (error.code !== "EADDRINUSE" || attempt > 5) {
        await provider.close();
        throw error;
      }
    }
  }
}

export async function freePort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A client that keeps cookies per host:port (enough for these tests). */
export function browser() {
  const jars = new Map();
  const jarOf = (url) => {
    const key = new URL(url).host;
    if (!jars.has(key)) jars.set(key, new Map());
    return jars.get(key);
  };
  async function send(method, url, { headers = {}, json, form } = {}) {
    const target = new URL(url);
    const jar = jarOf(target);
    const cookie = [...jar].map(([n, v]) => `${n}=${v}`).join("; ");
    const all = { ...headers };
    if (cookie) all.Cookie = cookie;
    let body;
    if (form) {
      body = new URLSearchParams(form).toString();
      all["Content-Type"] = "application/x-www-form-urlencoded";
    }
    const res = await request(
      target.origin,
      method,
      target.pathname + target.search,
      { headers: all, json, body },
    );
    for (const line of [res.headers["set-cookie"] ?? []].flat()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
  return {
    send,
    cookies: (url) => jarOf(url),
    /** Follows redirects from `url` (GET) until an answer that is not one. */
    async follow(url, options) {
      let res = await send("GET", url, options);
      let at = url;
      for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
        if (hops > 10) throw new Error("too many redirects");
        at = new URL(res.headers.location, at).href;
        res = await send("GET", at);
      }
      return { res, url: at };
    },
  };
}

/**
 * Signs `login` in at the backend `baseUrl` through the provider's login and
 * consent pages; returns the final answer (the redirect back to the page).
 */
export async function signIn(client, baseUrl, login) {
  let { res, url } = await client.follow(new URL("/auth/login", baseUrl).href);
  for (let step = 0; step < 4; step++) {
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(
      res.text,
    );
    if (!form) throw new Error(`no form at ${url}: ${res.status} ${res.text}`);
    const prompt = /name="prompt" value="([^"]+)"/.exec(form[2])[1];
    const fields =
      prompt === "login" ? { prompt, login, password: "any" } : { prompt };
    const action = new URL(form[1].replace(/&amp;/g, "&"), url).href;
    let answer = await client.send("POST", action, { form: fields });
    let at = action;
    while (answer.status >= 300 && answer.status < 400) {
      at = new URL(answer.headers.location, at);
      // Back at the backend (PUBLIC_URL may name it otherwise).
      if (at.pathname === "/auth/callback")
        return client.send("GET", new URL(at.pathname + at.search, baseUrl));
      at = at.href;
      answer = await client.send("GET", at);
    }
    res = answer;
    url = at;
  }
  throw new Error(`sign-in did not come back: ${res.status} ${res.text}`);
}

/** Ends every session in the database of `dataDir`, as their expiry would. */
export function expireSessions(dataDir) {
  const db = openDatabase(dataDir);
  try {
    db.prepare("UPDATE sessions SET expires_at = ?").run(
      new Date(Date.now() - 1000).toISOString(),
    );
  } finally {
    db.close();
  }
}
