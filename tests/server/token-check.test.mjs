// The live check's relay over real HTTP, against a scripted NetSuite-like
// endpoint on loopback that records every request it gets. (The whole rotation
// against the NetSuite simulator is in tests/e2e/netsuite.test.mjs.)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import {
  ACCOUNT_ID,
  CLIENT_ID,
  CERTIFICATE_ID,
  integrationPath,
  m2m,
  readAllFiles,
  spawnServer,
  startTestServer,
  tempDir,
  request,
} from "./helpers.mjs";

const TOKEN = "eyJ0b2tlbiI6InNlY3JldC1hY2Nlc3MtdG9rZW4tZG8tbm90LWxlYWsifQ";
const TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";

/** A NetSuite-like endpoint: `answer(req, body, res)` scripts each reply. */
async function startNetsuite() {
  const seen = [];
  let answer = (req, body, res) => json(res, 200, okAnswer());
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body,
      });
      answer(req, body, res);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    port,
    seen,
    template: `http://127.0.0.1:${port}/{account}`,
    answer: (fn) => (answer = fn),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

function json(res, status, value, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}
const okAnswer = () => ({
  access_token: TOKEN,
  expires_in: "3600",
  token_type: "bearer",
});

let netsuite;
let server;
let module;
let key;

before(async () => {
  module = await m2m();
  netsuite = await startNetsuite();
  server = await startTestServer({
    netsuite: {
      url: netsuite.template,
      timeoutMs: 1500,
      checksPerMinute: 1000,
    },
  });
  key = await module.generate({ keyType: "ec-p256", validityDays: 30 });
  await integration("demo");
});
after(async () => {
  await server?.close();
  await netsuite?.close();
});

async function integration(org, accountId = ACCOUNT_ID) {
  const etag = (await server.request("GET", integrationPath(org))).headers.etag;
  const res = await server.request("PUT", integrationPath(org), {
    json: { accountId, clientId: CLIENT_ID },
    headers: etag ? { "If-Match": etag } : {},
  });
  assert.equal(res.status, 200, res.text);
}

async function assertion(overrides = {}) {
  const made = await module.createClientAssertion({
    privateKeyPem: key.privateKeyPem,
    certificateId: CERTIFICATE_ID,
    clientId: CLIENT_ID,
    accountId: ACCOUNT_ID,
    ...overrides,
  });
  return made.jwt;
}

function check(clientAssertion, org = "demo", target = server) {
  return target.request("POST", `${integrationPath(org)}/token-check`, {
    json: { clientAssertion },
  });
}

test("a token NetSuite issues is reported as issued, and the token itself is not returned", async () => {
  netsuite.seen.length = 0;
  const jwt = await assertion();
  const res = await check(jwt);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.ok, true);
  assert.equal(res.json.status, 200);
  assert.equal(res.json.expiresIn, 3600);
  assert.equal(
    res.json.tokenEndpoint,
    `https://1234567-sb1.suitetalk.api.netsuite.com${TOKEN_PATH}`,
  );
  assert.equal(res.json.certificateId, CERTIFICATE_ID);
  assert.ok(!res.text.includes(TOKEN));
  assert.ok(!JSON.stringify(res.headers).includes(TOKEN));
  // What reached NetSuite: one form POST at the saved account's token path.
  assert.equal(netsuite.seen.length, 1);
  const [sent] = netsuite.seen;
  assert.equal(sent.method, "POST");
  assert.equal(sent.url, `/1234567-sb1${TOKEN_PATH}`);
  assert.equal(
    sent.headers["content-type"],
    "application/x-www-form-urlencoded",
  );
  const form = new URLSearchParams(sent.body);
  assert.equal(form.get("grant_type"), "client_credentials");
  assert.equal(
    form.get("client_assertion_type"),
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
  );
  assert.equal(form.get("client_assertion"), jwt);
});

test("NetSuite's refusals come back as its status and OAuth error code", async () => {
  for (const [status, error, headers] of [
    [400, "invalid_grant", {}],
    [
      401,
      "invalid_client",
      { "WWW-Authenticate": 'Basic realm="1234567_SB1"' },
    ],
    [500, "server_error", {}],
  ]) {
    netsuite.answer((req, body, res) => json(res, status, { error }, headers));
    const res = await check(await assertion());
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      { ok: res.json.ok, status: res.json.status, error: res.json.error },
      { ok: false, status, error },
    );
  }
  netsuite.answer((req, body, res) => json(res, 200, okAnswer()));
});

test("an answer that is not NetSuite's is reported as such, never followed or read past the cap", async () => {
  const elsewhere = await startNetsuite();
  try {
    netsuite.answer((req, body, res) => {
      res.writeHead(307, {
        Location: `http://127.0.0.1:${elsewhere.port}${TOKEN_PATH}`,
      });
      res.end();
    });
    let res = await check(await assertion());
    assert.equal(res.json.reason, "redirected");
    assert.equal(res.json.status, 307);
    assert.equal(elsewhere.seen.length, 0, "a redirect was followed");

    netsuite.answer((req, body, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(`{"access_token":"${"x".repeat(200_000)}"}`);
    });
    res = await check(await assertion());
    assert.equal(res.json.ok, false);
    assert.equal(res.json.reason, "answer_too_large");

    netsuite.answer((req, body, res) => {
      res.writeHead(502, { "Content-Type": "text/html" });
      res.end("<html>Bad gateway</html>");
    });
    res = await check(await assertion());
    assert.deepEqual(
      [res.json.ok, res.json.status, res.json.reason],
      [false, 502, "not_json"],
    );
  } finally {
    netsuite.answer((req, body, res) => json(res, 200, okAnswer()));
    await elsewhere.close();
  }
});

test("NetSuite not answering in time is a 504, and not reachable a 502", async () => {
  netsuite.answer(() => {}); // never answers
  let res = await check(await assertion());
  assert.equal(res.status, 504, res.text);
  assert.equal(res.json.error.code, "netsuite_timeout");
  netsuite.answer((req, body, res) => json(res, 200, okAnswer()));

  const closed = await startNetsuite();
  await closed.close();
  const unreachable = await startTestServer({
    netsuite: { url: closed.template },
  });
  try {
    await unreachable.request("PUT", integrationPath("demo"), {
      json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
    });
    res = await check(await assertion(), "demo", unreachable);
    assert.equal(res.status, 502, res.text);
    assert.equal(res.json.error.code, "netsuite_unreachable");
  } finally {
    await unreachable.close();
  }
});

test("an answer whose body stops coming is a timeout (504), not an answer too large", async () => {
  // Headers at once, then part of the body, then nothing: the deadline covers the body too.
  netsuite.answer((req, body, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.write('{"access_token":"');
  });
  try {
    const res = await check(await assertion());
    assert.equal(res.status, 504, res.text);
    assert.equal(res.json.error.code, "netsuite_timeout");
  } finally {
    netsuite.answer((req, body, res) => json(res, 200, okAnswer()));
  }
});

test("an assertion made for another Client ID or another account is refused and never sent", async () => {
  netsuite.seen.length = 0;
  const otherClient = await assertion({ clientId: "ab".repeat(32) });
  let res = await check(otherClient);
  assert.equal(res.status, 422, res.text);
  assert.equal(res.json.error.code, "assertion_not_for_integration");
  assert.match(res.json.error.message, /Client ID/);

  // aud names another account: NetSuite would be asked on that account's behalf.
  res = await check(await assertion({ accountId: "7654321" }));
  assert.equal(res.status, 422, res.text);
  assert.equal(res.json.error.code, "assertion_not_for_integration");
  assert.match(res.json.error.message, /7654321/);

  res = await check("not.a-jwt");
  assert.equal(res.status, 422, res.text);
  assert.equal(res.json.error.code, "invalid_client_assertion");
  assert.equal(res.json.error.field, "clientAssertion");
  assert.equal(netsuite.seen.length, 0);
});

test("hostile Account IDs never choose the host: they are refused on save, and only the saved account's label is used", async () => {
  for (const hostile of [
    "1234567.evil.example",
    "1234567@evil.example",
    "1234567/../x",
    "1234567:8080",
    "evil.example#",
    "1234567%2e",
  ]) {
    const res = await server.request("PUT", integrationPath("demo"), {
      json: { accountId: hostile, clientId: CLIENT_ID },
      headers: {
        "If-Match": (await server.request("GET", integrationPath("demo")))
          .headers.etag,
      },
    });
    assert.equal(res.status, 422, `${hostile}: ${res.text}`);
  }
  // The saved ID's host form, whatever case or separator was typed.
  await integration("demo", "1234567-SB1");
  netsuite.seen.length = 0;
  const res = await check(await assertion());
  assert.equal(res.json.ok, true, res.text);
  assert.deepEqual(
    netsuite.seen.map((s) => [s.url, s.headers.host]),
    [[`/1234567-sb1${TOKEN_PATH}`, `127.0.0.1:${netsuite.port}`]],
  );
});

test("private key material in the request is refused like everywhere", async () => {
  netsuite.seen.length = 0;
  const res = await check(key.privateKeyPem);
  assert.equal(res.status, 422, res.text);
  assert.equal(res.json.error.code, "private_key_refused");
  assert.equal(netsuite.seen.length, 0);
});

test("checks are limited per organisation, with Retry-After", async () => {
  const limited = await startTestServer({
    netsuite: { url: netsuite.template, checksPerMinute: 2 },
  });
  try {
    for (const org of ["demo"]) {
      await limited.request("PUT", integrationPath(org), {
        json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
      });
    }
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await check(await assertion(), "demo", limited)).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    const res = await check(await assertion(), "demo", limited);
    assert.equal(res.json.error.code, "too_many_checks");
    assert.match(res.headers["retry-after"], /^\d+$/);
  } finally {
    await limited.close();
  }
});

test("the access token appears in no response, no file the server writes and none of its output", async () => {
  const dataDir = await tempDir();
  const child = spawnServer({
    dataDir,
    env: { NETSUITE_URL: netsuite.template },
  });
  try {
    const url = await child.ready;
    const put = await request(url, "PUT", integrationPath("demo"), {
      json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
    });
    assert.equal(put.status, 200, put.text);
    const answers = [];
    for (const status of [200, 400]) {
      netsuite.answer((req, body, res) =>
        json(
          res,
          status,
          status === 200
            ? okAnswer()
            : { error: "invalid_grant", access_token: TOKEN },
        ),
      );
      const res = await request(
        url,
        "POST",
        `${integrationPath("demo")}/token-check`,
        {
          json: { clientAssertion: await assertion() },
        },
      );
      assert.equal(res.status, 200, res.text);
      answers.push(res.text, JSON.stringify(res.headers));
    }
    await child.kill("SIGTERM");
    for (const text of answers) assert.ok(!text.includes(TOKEN));
    assert.ok(
      !child.output.stdout.includes(TOKEN) &&
        !child.output.stderr.includes(TOKEN),
    );
    for (const { file, content } of await readAllFiles(dataDir))
      assert.ok(!content.includes(TOKEN), `${file} holds the access token`);
  } finally {
    netsuite.answer((req, body, res) => json(res, 200, okAnswer()));
    await child.kill();
  }
});

test("NETSUITE_URL that is not a template of a plain http(s) URL stops the server", async () => {
  for (const bad of [
    "https://suitetalk.api.netsuite.com",
    "ftp://{account}.example",
    "https://{account}.example?x=1",
    "https://user:pw@{account}.example",
  ]) {
    const child = spawnServer({
      dataDir: await tempDir(),
      env: { NETSUITE_URL: bad },
    });
    const { code } = await child.exited;
    assert.equal(code, 2, bad);
    assert.match(child.output.stderr, /NETSUITE_URL/);
  }
});

test("against the NetSuite simulator: a token for the mapped key, NetSuite's refusal for a revoked certificate", async () => {
  const { startSimulator } = await import("../../netsuite-simulator/app.js");
  const sim = await startSimulator({ port: 0 });
  const relaying = await startTestServer({
    netsuite: { url: `${sim.url.replace(/\/$/, "")}/{account}` },
  });
  const api = async (method, path, body) => {
    const res = await request(
      sim.url,
      method,
      `/1234567-sb1/simulator/api/${path}`,
      {
        json: body,
      },
    );
    assert.ok(res.status < 300, res.text);
    return JSON.parse(res.text);
  };
  try {
    await api("POST", "applications", { clientId: CLIENT_ID });
    const made = await module.generate({
      keyType: "ec-p384",
      validityDays: 30,
    });
    const mapped = await api("POST", "certificates", {
      clientId: CLIENT_ID,
      entity: "-5",
      role: "3",
      pem: made.certificate.pem,
    });
    assert.equal(mapped.certificateId, made.certificate.expectedCertificateId);
    await relaying.request("PUT", integrationPath("demo"), {
      json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
    });
    const signed = async () =>
      (
        await module.createClientAssertion({
          privateKeyPem: made.privateKeyPem,
          certificateId: mapped.certificateId,
          clientId: CLIENT_ID,
          accountId: ACCOUNT_ID,
        })
      ).jwt;
    let res = await check(await signed(), "demo", relaying);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([res.json.ok, res.json.status], [true, 200], res.text);

    await api("POST", `certificates/${mapped.certificateId}/revoke`, {});
    res = await check(await signed(), "demo", relaying);
    assert.equal(res.json.ok, false, res.text);
    assert.ok(res.json.status >= 400, res.text);
    assert.match(res.json.error, /^invalid_(grant|client)$|^server_error$/);
  } finally {
    await relaying.close();
    await sim.close();
  }
});
