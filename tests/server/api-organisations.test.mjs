// Organisations: list, create, names and IDs, with exact bodies.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  ACCOUNT_ID,
  CERTIFICATE_ID,
  errorBody,
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
