// Organisations: list, create, names and IDs, with exact bodies.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  ACCOUNT_ID,
  CERTIFICATE_ID,
  errorBody,
  moduleErrorBody,
  setUpIntegration,
  startTestServer,
} from "./helpers.mjs";
import { startApi } from "./api-fixture.mjs";

let server;
let module, certificate, secondCertificate, newOrganisation;
before(async () => {
  ({ server, module, certificate, secondCertificate, newOrganisation } =
    await startApi());
});
after(() => server?.close());

describe("organisations", () => {
  it("starts with the demo organisation and no integration", async () => {
    const dataServer = await startTestServer();
    try {
      const res = await dataServer.request("GET", "/api/organisations");
      assert.equal(res.status, 200);
      assert.match(res.headers["content-type"], /^application\/json/);
      assert.deepEqual(res.json, {
        organisations: [
          { id: "demo", name: "Demo Company", integration: null },
        ],
      });
    } finally {
      await dataServer.close();
    }
  });

  it("creates an organisation with a slug ID and a Location header", async () => {
    const res = await server.request("POST", "/api/organisations", {
      json: { name: "  Ærø Ünïted, Ltd.  " },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(res.json, {
      id: "r-united-ltd",
      name: "Ærø Ünïted, Ltd.",
      integration: null,
    });
    assert.equal(res.headers.location, "/api/organisations/r-united-ltd");
    const again = await server.request("POST", "/api/organisations", {
      json: { name: "Aero United Ltd" },
    });
    // A different name whose slug is taken gets the next free one.
    const twin = await server.request("POST", "/api/organisations", {
      json: { name: "Ærø Ünïted Ltd" },
    });
    assert.equal(again.json.id, "aero-united-ltd");
    assert.equal(twin.json.id, "r-united-ltd-2");
    const list = await server.request("GET", "/api/organisations");
    assert.ok(
      list.json.organisations.some((org) => org.id === "r-united-ltd-2"),
    );
    const one = await server.request("GET", res.headers.location);
    assert.equal(one.status, 200);
    assert.deepEqual(one.json, res.json);
  });

  it("gives a name without letters or digits an ID too", async () => {
    const res = await server.request("POST", "/api/organisations", {
      json: { name: "株式会社" },
    });
    assert.equal(res.status, 201);
    assert.match(res.json.id, /^organisation(-\d+)?$/);
  });

  for (const [label, name] of [
    ["an empty name", ""],
    ["a blank name", "   "],
    ["an oversized name", "x".repeat(121)],
    ["a name with control characters", "Evil\nCorp"],
    ["a name with a zero-width space", "Demo\u200bCompany"],
    ["a name with a zero-width joiner", "Demo\u200dCompany"],
    ["a name with a byte order mark", "\ufeffDemo"],
    ["a name with a right-to-left override", "Invoice\u202eFDP.exe"],
    ["a name with a bidi isolate", "Demo\u2067Company"],
    ["a name with a left-to-right mark", "Demo\u200eCompany"],
    ["a name with a soft hyphen", "Demo\u00adCompany"],
    // 120 characters as sent; 240 once stored in NFC (U+0958 decomposes).
    ["a name over 120 characters in NFC", "\u0958".repeat(120)],
    ["a Hangul filler", "\u3164"],
    ["a name with a Hangul filler", "Demo\u3164Company"],
    ["a Braille blank", "\u2800"],
    ["a name with a tag character", "Demo\u{e0041}"],
    ["a name with a variation selector", "Demo\ufe0f"],
    ["a name with a combining grapheme joiner", "De\u034fmo"],
  ]) {
    it(`refuses ${label} (422 invalid_organisation_name, the module's rule)`, async () => {
      const res = await server.request("POST", "/api/organisations", {
        json: { name },
      });
      assert.equal(res.status, 422);
      let expected;
      try {
        module.organisationName(name);
      } catch (error) {
        expected = error;
      }
      assert.ok(expected, "the module refuses it too");
      assert.deepEqual(
        res.json,
        errorBody("invalid_organisation_name", expected.message, "name"),
      );
    });
  }

  for (const [label, name] of [
    ["a name sent over the contract's bound", "x".repeat(1001)],
    ["a name with a lone surrogate", "Demo\ud800"],
  ]) {
    it(`refuses ${label} before the module reads it (422 invalid_name)`, async () => {
      const res = await server.request("POST", "/api/organisations", {
        json: { name },
      });
      assert.equal(res.status, 422);
      assert.equal(res.json.error.code, "invalid_name");
      assert.equal(res.json.error.field, "name");
    });
  }

  it("counts the stored form: e + combining acute 61 times is 61 characters (201)", async () => {
    const res = await server.request("POST", "/api/organisations", {
      json: { name: "e\u0301".repeat(61) },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.name, "\u00e9".repeat(61));
  });

  it("refuses a duplicate name, compared by the module's key (409 organisation_name_taken)", async () => {
    const first = await server.request("POST", "/api/organisations", {
      json: { name: "Duplicate Check Ltd" },
    });
    assert.equal(first.status, 201, first.text);
    for (const name of [
      "Duplicate Check Ltd",
      "  DUPLICATE  check ltd ",
      "duplicate check LTD",
    ]) {
      const res = await server.request("POST", "/api/organisations", {
        json: { name },
      });
      assert.equal(res.status, 409, `${name}: ${res.text}`);
      assert.equal(res.json.error.code, "organisation_name_taken");
      assert.equal(res.json.error.field, "name");
      assert.equal(res.json.error.organisationId, first.json.id);
      assert.match(res.json.error.message, /Duplicate Check Ltd/);
    }
    const list = await server.request("GET", "/api/organisations");
    assert.equal(
      list.json.organisations.filter((o) => /duplicate/i.test(o.name)).length,
      1,
    );
  });

  it("stores a name trimmed and in Unicode NFC, and counts characters, not UTF-16 units", async () => {
    const decomposed = "  Cafe\u0301 Ltd ";
    let res = await server.request("POST", "/api/organisations", {
      json: { name: decomposed },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.name, "Caf\u00e9 Ltd");
    assert.equal(res.json.id, "cafe-ltd");
    // 120 characters outside the BMP: 240 UTF-16 units, still 120 characters.
    res = await server.request("POST", "/api/organisations", {
      json: { name: "\u{1F600}".repeat(120) },
    });
    assert.equal(res.status, 201, res.text);
    // What is stored is what is counted: 60 U+0958 are 120 characters in NFC.
    res = await server.request("POST", "/api/organisations", {
      json: { name: "\u0958".repeat(60) },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal([...res.json.name].length, 120);
  });

  it("refuses a missing, mistyped or unknown field (422)", async () => {
    let res = await server.request("POST", "/api/organisations", {
      json: {},
    });
    assert.equal(res.status, 422);
    assert.deepEqual(
      res.json,
      errorBody("missing_field", "The field name is required.", "name"),
    );
    res = await server.request("POST", "/api/organisations", {
      json: { name: 7 },
    });
    assert.equal(res.status, 422);
    assert.deepEqual(
      res.json,
      errorBody("invalid_type", "The field name must be a string.", "name"),
    );
    res = await server.request("POST", "/api/organisations", {
      json: { name: "A", id: "x" },
    });
    assert.equal(res.status, 422);
    assert.deepEqual(
      res.json,
      errorBody("unknown_field", 'Unknown field "id"; expected name.', "id"),
    );
  });

  it("lists the certificate that expires next first, organisations without one last", async () => {
    const soon = await newOrganisation("Expires Soon");
    const later = await newOrganisation("Expires Later");
    const bare = await newOrganisation("No Integration");
    await setUpIntegration(server, later, certificate); // 365 days
    await setUpIntegration(server, soon, secondCertificate); // 200 days
    const res = await server.request("GET", "/api/organisations");
    assert.equal(res.status, 200);
    const ids = res.json.organisations.map((org) => org.id);
    assert.ok(ids.indexOf(soon) < ids.indexOf(later));
    assert.ok(ids.indexOf(later) < ids.indexOf(bare));
    const notAfters = res.json.organisations.map(
      (org) => org.integration?.notAfter ?? null,
    );
    const firstNull = notAfters.indexOf(null);
    assert.ok(
      notAfters.slice(firstNull).every((value) => value === null),
      "nulls last",
    );
    assert.deepEqual(
      notAfters.slice(0, firstNull),
      [...notAfters.slice(0, firstNull)].sort(),
      "ascending notAfter",
    );
    assert.deepEqual(res.json.organisations[ids.indexOf(soon)], {
      id: soon,
      name: "Expires Soon",
      integration: {
        accountId: ACCOUNT_ID,
        certificateId: secondCertificate.certificate.expectedCertificateId,
        notAfter: secondCertificate.certificate.notAfter,
        status: "active",
      },
    });
  });

  it("summarises an integration without a certificate as status none", async () => {
    const org = await newOrganisation();
    await setUpIntegration(server, org);
    const res = await server.request("GET", "/api/organisations");
    const entry = res.json.organisations.find((o) => o.id === org);
    assert.deepEqual(entry.integration, {
      accountId: ACCOUNT_ID,
      certificateId: null,
      notAfter: null,
      status: "none",
    });
  });
});

describe("renaming an organisation", () => {
  const rename = (org, json) =>
    server.request("PATCH", `/api/organisations/${org}`, { json });
  const auditActions = async (org) =>
    (
      await server.request("GET", `/api/organisations/${org}/audit`)
    ).json.entries.map((entry) => [entry.action, entry.details]);

  it("stores the new name as the module's rule says, keeps the ID, and is audited", async () => {
    const org = await newOrganisation("Before Rename Ltd");
    await setUpIntegration(server, org, certificate);
    const res = await rename(org, { name: "  Cafe\u0301 After Rename  " });
    assert.equal(res.status, 200, res.text);
    const get = await server.request("GET", `/api/organisations/${org}`);
    assert.deepEqual(res.json, get.json);
    assert.equal(res.json.id, org);
    assert.equal(res.json.name, "Café After Rename");
    assert.equal(res.json.integration.accountId, ACCOUNT_ID);
    assert.deepEqual((await auditActions(org))[0], [
      "organisation_renamed",
      { name: { old: "Before Rename Ltd", new: "Café After Rename" } },
    ]);
  });

  it("changes nothing for the same name; a change of case alone is a rename", async () => {
    const org = await newOrganisation("Same Name Ltd");
    let res = await rename(org, { name: " Same Name Ltd " });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.name, "Same Name Ltd");
    assert.equal((await auditActions(org))[0][0], "organisation_created");
    res = await rename(org, { name: "SAME NAME LTD" });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.name, "SAME NAME LTD");
    assert.equal((await auditActions(org))[0][0], "organisation_renamed");
  });

  it("refuses another organisation's name (409 organisation_name_taken) and an invalid one (422)", async () => {
    const taken = await newOrganisation("Taken Name Ltd");
    const org = await newOrganisation("Wants A Name Ltd");
    let res = await rename(org, { name: "taken  name LTD" });
    assert.equal(res.status, 409);
    assert.equal(res.json.error.code, "organisation_name_taken");
    assert.equal(res.json.error.field, "name");
    assert.equal(res.json.error.organisationId, taken);
    assert.doesNotMatch(res.json.error.message, /organisation_name_taken/);
    res = await rename(org, { name: "a\u200bb" });
    assert.deepEqual(
      res.json,
      await moduleErrorBody(module.organisationName, "a\u200bb", "name"),
    );
    res = await rename(org, { name: "x", other: 1 });
    assert.equal(res.status, 422);
    assert.equal(res.json.error.code, "unknown_field");
    res = await rename("no-such-organisation", { name: "Nobody" });
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, "organisation_not_found");
    assert.equal(
      (await server.request("GET", `/api/organisations/${org}`)).json.name,
      "Wants A Name Ltd",
    );
  });
});

describe("removing an organisation", () => {
  const remove = (org) => server.request("DELETE", `/api/organisations/${org}`);

  it("answers 204; then every endpoint answers 404 organisation_not_found, except its audit trail", async () => {
    const org = await newOrganisation("Leaving Ltd");
    await setUpIntegration(server, org, certificate);
    const res = await remove(org);
    assert.equal(res.status, 204);
    assert.equal(res.text, "");
    const integration = `/api/organisations/${org}/integrations/netsuite`;
    for (const [method, target, json] of [
      ["GET", `/api/organisations/${org}`],
      ["PATCH", `/api/organisations/${org}`, { name: "Back Again" }],
      ["DELETE", `/api/organisations/${org}`],
      ["GET", integration],
      ["PUT", integration, { accountId: ACCOUNT_ID, clientId: "a".repeat(64) }],
      ["GET", `${integration}/certificates`],
      ["POST", `${integration}/certificate/revoked`, {}],
      [
        "PUT",
        `${integration}/pending-certificate`,
        { certificatePem: secondCertificate.certificate.pem },
      ],
    ]) {
      const answer = await server.request(method, target, {
        json,
        headers: { "If-Match": '"2"' },
      });
      assert.equal(answer.status, 404, `${method} ${target}`);
      assert.equal(answer.json.error.code, "organisation_not_found");
    }
    const list = await server.request("GET", "/api/organisations");
    assert.ok(!list.json.organisations.some((o) => o.id === org));
    const audit = await server.request(
      "GET",
      `/api/organisations/${org}/audit`,
    );
    assert.equal(audit.status, 200);
    assert.deepEqual(audit.json.entries[0].details, { name: "Leaving Ltd" });
    assert.equal(audit.json.entries[0].action, "organisation_removed");
    assert.equal(audit.json.entries.at(-1).action, "organisation_created");
    const exported = await server.request("GET", "/api/audit");
    assert.match(exported.text, /"action":"organisation_removed"/);
    // An ID never given is still unknown to the audit.
    const never = await server.request(
      "GET",
      "/api/organisations/never-was/audit",
    );
    assert.equal(never.status, 404);
  });

  it("never gives its ID again; its name may be used by a new organisation", async () => {
    const first = await newOrganisation("Reused Name Ltd");
    assert.equal(first, "reused-name-ltd");
    assert.equal((await remove(first)).status, 204);
    const again = await server.request("POST", "/api/organisations", {
      json: { name: "Reused Name Ltd" },
    });
    assert.equal(again.status, 201, again.text);
    assert.equal(again.json.id, "reused-name-ltd-2");
    assert.equal(
      (await server.request("GET", `/api/organisations/${first}`)).status,
      404,
    );
    const audit = await server.request(
      "GET",
      `/api/organisations/${first}/audit`,
    );
    assert.equal(audit.json.entries.length, 2, "the old one's trail only");
  });

  it("removes the demo organisation too, for good", async () => {
    const dataServer = await startTestServer();
    try {
      const res = await dataServer.request("DELETE", "/api/organisations/demo");
      assert.equal(res.status, 204);
      const list = await dataServer.request("GET", "/api/organisations");
      assert.deepEqual(list.json, { organisations: [] });
    } finally {
      await dataServer.close();
    }
  });

  it("is refused from another site (403 cross_origin_refused)", async () => {
    const org = await newOrganisation("Cross Site Target Ltd");
    const res = await server.request("DELETE", `/api/organisations/${org}`, {
      headers: { Origin: "https://evil.example" },
    });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, "cross_origin_refused");
    assert.equal(
      (await server.request("GET", `/api/organisations/${org}`)).status,
      200,
    );
  });
});
