// The simulator's HTML pages over HTTP, as a browser without JavaScript uses
// them: integration records, the M2M setup list, Create New (a multipart
// upload), Revoke, the Login Audit Trail.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  claims,
  CLIENT_ID,
  LABEL,
  makeCertificate,
  multipart,
  opensslCertificateId,
  requestToken,
  send,
  signWithOpenssl,
  simulator,
  tempDir,
} from "./helpers.mjs";

const dir = tempDir();
const sim = await simulator();
const P256 = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];
const page = (path) => send(new URL(path, sim.url));
const postForm = (path, fields, headers = {}) =>
  send(new URL(path, sim.url), {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
const createNew = (fields, file) => {
  const { body, contentType } = multipart(
    fields,
    file ? { certificate: file } : {},
  );
  return send(new URL(`${LABEL}/m2m-setup`, sim.url), {
    method: "POST",
    headers: { "Content-Type": contentType },
    body,
  });
};

/** Every form control has a label tied to it by for/id. */
function assertLabelled(html) {
  const ids = [
    ...html.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g),
  ].map((match) => match[1]);
  assert.ok(ids.length > 0);
  for (const id of ids)
    assert.match(
      html,
      new RegExp(`<label for="${id}"`),
      `control ${id} has a label`,
    );
}

test("an integration record is made through its form, and a refusal keeps what was typed", async () => {
  const saved = await postForm(`${LABEL}/integrations`, [
    ["name", "Billing sync"],
    ["clientId", CLIENT_ID],
    ["scopes", "restlets"],
    ["scopes", "rest_webservices"],
  ]);
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get("location"), `/${LABEL}/integrations`);
  const list = await page(`${LABEL}/integrations`);
  assert.match(list.text, /Billing sync/);
  assert.match(list.text, new RegExp(CLIENT_ID));
  assertLabelled(list.text);

  const refused = await postForm(`${LABEL}/integrations`, {
    name: "Typo app",
    clientId: "12345",
  });
  assert.equal(refused.status, 400);
  assert.match(refused.text, /role="alert"[^>]*>A Client ID is 64/);
  assert.match(refused.text, /value="Typo app"/);
  assert.match(refused.text, /value="12345"/);
});

test("Create New uploads a certificate file (multipart); the list shows it with its CERTIFICATE ID", async () => {
  const certificate = makeCertificate(dir, P256);
  const created = await createNew(
    { clientId: CLIENT_ID, entity: "Larry Nelson", role: "Administrator" },
    { fileName: "public.pem", content: certificate.certPem },
  );
  assert.equal(created.status, 303, created.text);
  const id = opensslCertificateId(certificate.certFile);
  assert.equal(
    created.headers.get("location"),
    `/${LABEL}/m2m-setup?created=${id}`,
  );
  const list = await page(created.headers.get("location").slice(1));
  assert.equal(list.status, 200);
  for (const heading of [
    "Application",
    "Entity",
    "Role",
    "CERTIFICATE ID",
    "VALID UNTIL",
    "Created Date",
    "Revoked",
  ])
    assert.match(list.text, new RegExp(`<th scope="col">${heading}</th>`));
  assert.match(
    list.text,
    new RegExp(`role="status"[^>]*>Saved. CERTIFICATE ID: ${id}`),
  );
  assert.match(list.text, /Larry Nelson/);
  assert.match(list.text, new RegExp(`aria-label="Revoke certificate ${id}"`));

  // The uploaded certificate is what the token endpoint now takes.
  const jwt = signWithOpenssl(
    dir,
    certificate.keyFile,
    { typ: "JWT", alg: "ES256", kid: id },
    claims({ scope: "restlets" }),
  );
  assert.equal((await requestToken(sim.tokenUrl(), jwt)).status, 200);
});

test("the Create New form is labelled and lists the applications by Client ID", async () => {
  const form = await page(`${LABEL}/m2m-setup/new`);
  assert.equal(form.status, 200);
  assert.match(form.text, /enctype="multipart\/form-data"/);
  assert.match(form.text, new RegExp(`<option value="${CLIENT_ID}"`));
  assertLabelled(form.text);
});

test("Create New refuses what NetSuite refuses, saying why and keeping entity and role", async () => {
  const fields = {
    clientId: CLIENT_ID,
    entity: "Kept entity",
    role: "Kept role",
  };
  const cases = [
    [
      {
        fileName: "rsa2048.pem",
        content: makeCertificate(dir, ["-newkey", "rsa:2048"]).certPem,
      },
      /RSA keys must be 3072 or 4096 bits/,
    ],
    [
      { fileName: "public.txt", content: makeCertificate(dir, P256).certPem },
      /not a \.pem, \.crt or \.cer file/,
    ],
    [
      { fileName: "private.pem", content: makeCertificate(dir, P256).keyPem },
      /PRIVATE key/,
    ],
    [undefined, /Attach the certificate file/],
  ];
  for (const [file, message] of cases) {
    const answer = await createNew(fields, file);
    assert.equal(answer.status, 400, file?.fileName);
    assert.match(
      answer.text,
      new RegExp(`role="alert"[^>]*>[^<]*${message.source}`),
    );
    assert.match(answer.text, /value="Kept entity"/);
    assert.match(answer.text, /value="Kept role"/);
    assert.match(answer.text, /Attach the certificate file again/);
  }
  const notMultipart = await postForm(`${LABEL}/m2m-setup`, fields);
  assert.equal(notMultipart.status, 400);
});

test("Revoke from the list: the row says Revoked, and the certificate no longer gets tokens", async () => {
  const certificate = makeCertificate(dir, P256);
  const created = await createNew(
    { clientId: CLIENT_ID, entity: "E", role: "R" },
    { fileName: "c.crt", content: certificate.certPem },
  );
  const id = new URL(created.headers.get("location"), sim.url).searchParams.get(
    "created",
  );
  const revoked = await postForm(`${LABEL}/m2m-setup/${id}/revoke`, {});
  assert.equal(revoked.status, 303);
  const list = await page(revoked.headers.get("location").slice(1));
  assert.match(list.text, new RegExp(`Revoked ${id}`));
  assert.doesNotMatch(
    list.text,
    new RegExp(`aria-label="Revoke certificate ${id}"`),
  );
  const jwt = signWithOpenssl(
    dir,
    certificate.keyFile,
    { typ: "JWT", alg: "ES256", kid: id },
    claims({ scope: "restlets" }),
  );
  assert.equal((await requestToken(sim.tokenUrl(), jwt)).status, 401);
  const again = await postForm(`${LABEL}/m2m-setup/${id}/revoke`, {});
  assert.equal(again.status, 409);
  assert.match(
    again.text,
    /role="alert"[^>]*>Certificate [^ ]+ is already revoked/,
  );
});

test("the Login Audit Trail page lists each request's reason, escaped", async () => {
  const { keyFile } = makeCertificate(dir, P256);
  await requestToken(
    sim.tokenUrl(),
    signWithOpenssl(
      dir,
      keyFile,
      { typ: "JWT", alg: "ES256", kid: "<b>kid</b>" },
      claims(),
    ),
  );
  const trail = await page(`${LABEL}/login-audit-trail`);
  assert.equal(trail.status, 200);
  assert.match(trail.text, /<th scope="col">Reason<\/th>/);
  assert.match(trail.text, /<td>Failure<\/td><td>InvalidCertificate<\/td>/);
  assert.match(trail.text, /<td>Success<\/td><td>Success<\/td>/);
  assert.match(trail.text, /RevokedCertificate/);
  assert.match(trail.text, /&lt;b&gt;kid&lt;\/b&gt;/);
  assert.doesNotMatch(trail.text, /<b>kid/);
});

test("a form posted from another site is refused, by Sec-Fetch-Site or Origin", async () => {
  const host = new URL(sim.url).host;
  for (const headers of [
    { Origin: "https://evil.example" },
    { Origin: "null" },
    { "Sec-Fetch-Site": "cross-site" },
    { "Sec-Fetch-Site": "same-site", Origin: `http://${host}` },
  ]) {
    const answer = await postForm(
      `${LABEL}/integrations`,
      { name: "Forged" },
      headers,
    );
    assert.equal(answer.status, 403, JSON.stringify(headers));
    assert.match(answer.text, /<h1>Refused<\/h1>/);
  }
  assert.doesNotMatch((await page(`${LABEL}/integrations`)).text, /Forged/);
  const own = await postForm(
    `${LABEL}/integrations`,
    [
      ["name", "Own page"],
      ["scopes", "restlets"],
    ],
    { Origin: `http://${host}`, "Sec-Fetch-Site": "same-origin" },
  );
  assert.equal(own.status, 303);
});

test("pages work without scripts: a CSP with no script source, no CORS headers", async () => {
  const answer = await page(`${LABEL}/m2m-setup`);
  const csp = answer.headers.get("content-security-policy");
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /script-src/);
  assert.doesNotMatch(answer.text, /<script/);
  // A browser sends Origin on the pages' own form posts only with a referrer policy that allows it.
  assert.equal(answer.headers.get("referrer-policy"), "same-origin");
  for (const name of answer.headers.keys())
    assert.doesNotMatch(name, /^access-control-/);
});

test("the index lists accounts and opens one by its Account ID", async () => {
  const opened = await page("simulator/open?account=1234567_SB1");
  assert.equal(opened.status, 303);
  assert.equal(opened.headers.get("location"), "/1234567-sb1/");
  const home = await page("1234567-sb1/");
  assert.match(
    home.text,
    /https:\/\/1234567-sb1\.suitetalk\.api\.netsuite\.com\/services\/rest\/auth\/oauth2\/v1\/token/,
  );
  assert.match((await page("")).text, /href="\/1234567-sb1\/">1234567_SB1</);
  assert.equal((await page("simulator/open?account=evil.example")).status, 400);
});

test("bound to loopback, a request for another host name is refused (DNS rebinding)", async () => {
  const answer = await send(new URL(`${LABEL}/m2m-setup`, sim.url), {
    headers: { Host: "attacker.example" },
  });
  assert.equal(answer.status, 403);
});
