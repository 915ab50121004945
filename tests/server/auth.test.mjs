// Sign-in with OpenID Connect against a real provider (oidc-provider) on
// loopback: the authorization code flow with PKCE through the provider's own
// login and consent pages, server-side sessions behind an HttpOnly cookie,
// roles (EDITORS by e-mail or group, VIEWERS), the CSRF token on every
// write, sign-out and expiry.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { openDatabase } from "./helpers.mjs";
import { browser, expireSessions, signIn, startSignInServer } from "./oidc.mjs";

const EDITOR = "editor@example.com";
const VIEWER = "viewer@example.com";
const GROUPIE = "groupie@example.com";

/** Signs `login` in; returns the client, its session and an API caller. */
async function signedIn(server, login) {
  const client = browser();
  const back = await signIn(client, server.url, login);
  assert.equal(back.status, 303, back.text);
  const session = await client.send("GET", `${server.url}api/session`);
  const api = (method, target, { csrf = true, headers = {}, json } = {}) =>
    client.send(method, new URL(target, server.url).href, {
      json,
      headers: {
        ...(csrf ? { "X-CSRF-Token": session.json?.csrfToken } : {}),
        ...headers,
      },
    });
  return { client, back, session, api };
}

describe("sign-in", () => {
  let setup;
  let server;
  before(async () => {
    setup = await startSignInServer({
      env: { EDITORS: `${EDITOR}, group:cert-admins` },
      groups: { [GROUPIE]: ["cert-admins", "others"] },
    });
    server = setup.server;
  });
  after(() => setup?.close());

  it("refuses every API read and write without a session (401)", async () => {
    for (const [method, target] of [
      ["GET", "/api/organisations"],
      ["GET", "/api/organisations/demo"],
      ["GET", "/api/audit"],
      ["GET", "/api/session"],
      ["POST", "/api/organisations"],
    ]) {
      const res = await server.request(method, target, {
        json: method === "POST" ? { name: "Intruder" } : undefined,
      });
      assert.equal(res.status, 401, `${method} ${target}`);
      assert.equal(res.json.error.code, "sign_in_required");
    }
    // The contract itself stays public.
    assert.equal(
      (await server.request("GET", "/api/openapi.yaml")).status,
      200,
    );
  });

  it("signs an editor in with PKCE and keeps the session server-side", async () => {
    const client = browser();
    const start = await client.send(
      "GET",
      `${server.url}auth/login?return=/%23/org/demo`,
    );
    assert.equal(start.status, 303);
    const authorize = new URL(start.headers.location);
    assert.equal(authorize.searchParams.get("code_challenge_method"), "S256");
    assert.ok(authorize.searchParams.get("code_challenge"));
    assert.equal(
      authorize.searchParams.get("redirect_uri"),
      `${setup.publicUrl}auth/callback`,
    );

    const back = await signIn(client, server.url, EDITOR);
    assert.equal(back.status, 303);
    assert.equal(back.headers.location, "/");
    const cookies = [back.headers["set-cookie"]].flat();
    const session = cookies.find((c) => c.startsWith("netsuite_m2m_session="));
    assert.match(session, /; HttpOnly/);
    assert.match(session, /; SameSite=Lax/);
    assert.doesNotMatch(session, /Secure/, "PUBLIC_URL is http here");
    const csrf = cookies.find((c) => c.startsWith("netsuite_m2m_csrf="));
    assert.doesNotMatch(csrf, /HttpOnly/, "the page reads the CSRF cookie");

    const me = await client.send("GET", `${server.url}api/session`);
    assert.equal(me.status, 200);
    assert.equal(me.json.email, EDITOR);
    assert.equal(me.json.subject, `sub-${EDITOR}`);
    assert.equal(me.json.role, "editor");
    assert.equal(me.json.csrfHeader, "X-CSRF-Token");
    assert.equal(
      me.json.csrfToken,
      client.cookies(server.url).get("netsuite_m2m_csrf"),
    );

    // Only the session ID's hash is stored.
    const id = client.cookies(server.url).get("netsuite_m2m_session");
    const db = openDatabase(server.dataDir);
    try {
      const rows = db.prepare("SELECT * FROM sessions").all();
      assert.ok(rows.length >= 1);
      assert.ok(rows.every((row) => !JSON.stringify(row).includes(id)));
    } finally {
      db.close();
    }
    const list = await client.send("GET", `${server.url}api/organisations`);
    assert.equal(list.status, 200);
  });

  it("a callback not started in this browser signs nobody in", async () => {
    const victim = browser();
    const start = await victim.send("GET", `${server.url}auth/login`);
    const state = new URL(start.headers.location).searchParams.get("state");
    const other = browser();
    const res = await other.send(
      "GET",
      `${server.url}auth/callback?code=x&state=${state}`,
    );
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, "sign_in_not_started_here");
  });

  it("refuses a write without the session's CSRF token, and with a wrong one", async () => {
    const { api } = await signedIn(server, EDITOR);
    const none = await api("POST", "/api/organisations", {
      csrf: false,
      json: { name: "No token" },
    });
    assert.equal(none.status, 403);
    assert.equal(none.json.error.code, "csrf_token_invalid");
    const wrong = await api("POST", "/api/organisations", {
      csrf: false,
      headers: { "X-CSRF-Token": "x".repeat(43) },
      json: { name: "Wrong token" },
    });
    assert.equal(wrong.status, 403);
    const right = await api("POST", "/api/organisations", {
      json: { name: "With token" },
    });
    assert.equal(right.status, 201);
  });

  it("lets a viewer look and refuses every write (403)", async () => {
    const { api, session } = await signedIn(server, VIEWER);
    assert.equal(session.json.role, "viewer");
    assert.equal((await api("GET", "/api/organisations")).status, 200);
    const path = "/api/organisations/demo/integrations/netsuite";
    for (const [method, target, json] of [
      ["POST", "/api/organisations", { name: "Viewer's" }],
      ["PUT", path, { accountId: "1234567", clientId: "a".repeat(64) }],
      ["PUT", `${path}/certificate`, { certificateId: "x" }],
      ["POST", `${path}/certificate/revoked`, {}],
      ["POST", `${path}/token-check`, { clientAssertion: "x" }],
    ]) {
      const res = await api(method, target, {
        json,
        headers: { "If-Match": '"1"' },
      });
      assert.equal(res.status, 403, `${method} ${target}`);
      assert.equal(res.json.error.code, "editor_required");
    }
  });

  it("makes an editor of a member of an EDITORS group", async () => {
    const { session } = await signedIn(server, GROUPIE);
    assert.equal(session.json.role, "editor");
  });

  it("signs out: the session is gone on the server", async () => {
    const { client, api } = await signedIn(server, EDITOR);
    const stolen = client.cookies(server.url).get("netsuite_m2m_session");
    const refused = await api("POST", "/auth/logout", { csrf: false });
    assert.equal(refused.status, 403, "sign-out needs the CSRF token too");
    const out = await api("POST", "/auth/logout");
    assert.equal(out.status, 204);
    assert.ok(
      [out.headers["set-cookie"]]
        .flat()
        .some((c) => /^netsuite_m2m_session=;.*Max-Age=0/.test(c)),
    );
    const replay = await server.request("GET", "/api/organisations", {
      headers: { Cookie: `netsuite_m2m_session=${stolen}` },
    });
    assert.equal(replay.status, 401, "the old cookie no longer works");
  });

  it("ends a session at its expiry", async () => {
    const { api, session } = await signedIn(server, EDITOR);
    assert.equal((await api("GET", "/api/organisations")).status, 200);
    assert.ok(Date.parse(session.json.expiresAt) > Date.now());
    expireSessions(server.dataDir);
    const res = await api("GET", "/api/organisations");
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, "sign_in_required");
  });

  it("refuses a foreign Host header (DNS rebinding)", async () => {
    const res = await server.request("GET", "/api/organisations", {
      headers: { Host: `attacker.example:${server.port}` },
    });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, "host_not_allowed");
  });
});

describe("sign-in settings", () => {
  it("sets Secure cookies when PUBLIC_URL is https", async () => {
    const setup = await startSignInServer({
      env: { EDITORS: EDITOR },
      publicScheme: "https",
    });
    try {
      const back = await signIn(browser(), setup.server.url, EDITOR);
      assert.equal(back.status, 303);
      for (const c of [back.headers["set-cookie"]].flat())
        assert.match(c, /; Secure/, c);
    } finally {
      await setup.close();
    }
  });

  it("bounds the sign-ins under way (anyone may start one)", async () => {
    const setup = await startSignInServer({
      env: { EDITORS: EDITOR },
      extra: { maxPendingLogins: 3 },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await setup.server.request("GET", "/auth/login")).status,
        );
      assert.deepEqual(statuses, [303, 303, 303, 429]);
    } finally {
      await setup.close();
    }
  });

  it("with VIEWERS=none lets only editors in", async () => {
    const setup = await startSignInServer({
      env: { EDITORS: EDITOR, VIEWERS: "none" },
    });
    try {
      const refused = await signIn(browser(), setup.server.url, VIEWER);
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.code, "not_allowed");
      const editor = await signIn(browser(), setup.server.url, EDITOR);
      assert.equal(editor.status, 303);
    } finally {
      await setup.close();
    }
  });
});
