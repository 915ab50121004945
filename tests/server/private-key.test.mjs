// A private key sent in any field of any endpoint is refused (422
// private_key_refused) and appears in no file the server writes, nor in its output.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { rm } from "node:fs/promises";
import {
  ACCOUNT_ID,
  CLIENT_ID,
  CERTIFICATE_ID,
  makeCertificate,
  readAllFiles,
  request,
  spawnServer,
  tempDir,
} from "./helpers.mjs";
import { containsPrivateKey } from "../../server/private-key.js";

const REFUSED = {
  error: {
    code: "private_key_refused",
    message:
      "This contains a private key, which must never leave your machine; it was not stored. Send only the public certificate.",
  },
};

function keyMaterial(generated) {
  const keys = {};
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const ed = generateKeyPairSync("ed25519").privateKey;
  keys["module-generated PKCS#8 PEM"] = generated.privateKeyPem;
  keys["EC PKCS#8 PEM"] = ec.export({ type: "pkcs8", format: "pem" });
  keys["EC SEC1 PEM"] = ec.export({ type: "sec1", format: "pem" });
  keys["RSA PKCS#1 PEM"] = rsa.export({ type: "pkcs1", format: "pem" });
  keys["encrypted PKCS#8 PEM"] = ec.export({
    type: "pkcs8",
    format: "pem",
    cipher: "aes-256-cbc",
    passphrase: "correct horse battery",
  });
  keys["PKCS#8 DER in base64, no armour"] = rsa
    .export({ type: "pkcs8", format: "der" })
    .toString("base64");
  keys["PKCS#8 DER in base64url"] = ed
    .export({ type: "pkcs8", format: "der" })
    .toString("base64url");
  keys["PEM body without its armour lines"] = ec
    .export({ type: "pkcs8", format: "pem" })
    .split("\n")
    .filter((line) => line && !line.startsWith("-----"))
    .join("\n");
  keys["private JWK as text"] = JSON.stringify(ec.export({ format: "jwk" }));
  const rsaJwk = rsa.export({ format: "jwk" });
  delete rsaJwk.d;
  keys["RSA JWK with its CRT members but no d, as text"] =
    JSON.stringify(rsaJwk);
  keys["EC PKCS#8 DER in lower-case hex"] = ec
    .export({ type: "pkcs8", format: "der" })
    .toString("hex");
  keys["RSA PKCS#1 DER in upper-case hex"] = rsa
    .export({ type: "pkcs1", format: "der" })
    .toString("hex")
    .toUpperCase();
  keys["EC SEC1 DER in hex bytes with spaces"] = hexBytes(
    ec.export({ type: "sec1", format: "der" }),
    " ",
  );
  keys["encrypted PKCS#8 DER in hex with colons"] = hexBytes(
    ec.export({
      type: "pkcs8",
      format: "der",
      cipher: "aes-256-cbc",
      passphrase: "correct horse battery",
    }),
    ":",
  ).toUpperCase();
  keys["PuTTY key file"] =
    "PuTTY-User-Key-File-3: ecdsa-sha2-nistp256\nEncryption: none\nPublic-Lines: 1\nAAAA\nPrivate-Lines: 1\nAAAA\n";
  keys["certificate followed by its key"] =
    generated.certificate.pem + generated.privateKeyPem;
  return keys;
}

// "30:81:87:02:..." (as openssl asn1parse and many tools print DER).
function hexBytes(bytes, separator) {
  return [...bytes]
    .map((byte) => byte.toString(16).padStart(2, "0"))
    .join(separator);
}

// Distinctive pieces of each key: none may show up anywhere afterwards.
// (The combined certificate + key is left out: its certificate part is stored legitimately.)
function fingerprints(keys) {
  const pieces = [];
  for (const [label, key] of Object.entries(keys)) {
    if (label === "certificate followed by its key") continue;
    const body = key.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    for (let i = 0; i + 24 <= body.length; i += 97)
      pieces.push(body.slice(i, i + 24));
  }
  return pieces;
}

describe("private keys", () => {
  let dataDir;
  let server;
  let url;
  let keys;
  let etag;

  before(async () => {
    const generated = await makeCertificate();
    keys = keyMaterial(generated);
    for (const [name, key] of Object.entries(keys))
      assert.ok(containsPrivateKey(key), name);
    dataDir = await tempDir();
    server = spawnServer({ dataDir });
    url = await server.ready;
    let res = await request(
      url,
      "PUT",
      "/api/organisations/demo/integrations/netsuite",
      {
        json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
      },
    );
    res = await request(
      url,
      "PUT",
      "/api/organisations/demo/integrations/netsuite/certificate",
      {
        json: {
          certificateId: generated.certificate.expectedCertificateId,
          certificatePem: generated.certificate.pem,
        },
        headers: { "If-Match": res.headers.etag },
      },
    );
    assert.equal(res.status, 200, res.text);
    etag = res.headers.etag;
  });
  after(async () => {
    await server?.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  const integration = "/api/organisations/demo/integrations/netsuite";
  const targets = (key) => [
    ["POST", "/api/organisations", { name: key }, "name"],
    ["POST", "/api/organisations", { name: "Fine", extra: key }, "extra"],
    ["PUT", integration, { accountId: key, clientId: CLIENT_ID }, "accountId"],
    ["PUT", integration, { accountId: ACCOUNT_ID, clientId: key }, "clientId"],
    [
      "PUT",
      `${integration}/certificate`,
      { certificateId: key },
      "certificateId",
    ],
    [
      "PUT",
      `${integration}/certificate`,
      { certificateId: CERTIFICATE_ID, certificatePem: key },
      "certificatePem",
    ],
    [
      "PUT",
      `${integration}/certificate`,
      { certificateId: CERTIFICATE_ID, nested: { deeper: [key] } },
      "nested",
    ],
    ["POST", `${integration}/certificate/revoked`, { note: key }, "note"],
    ["POST", "/api/organisations", { [key]: "as a field name" }, undefined],
  ];

  it("is refused in every field of every endpoint (422 private_key_refused)", async () => {
    for (const [label, key] of Object.entries(keys)) {
      for (const [method, target, json, field] of targets(key)) {
        const res = await request(url, method, target, {
          json,
          headers: { "If-Match": etag },
        });
        assert.equal(
          res.status,
          422,
          `${label} in ${method} ${target} ${field}: ${res.text}`,
        );
        assert.deepEqual(
          res.json,
          field === undefined
            ? REFUSED
            : { error: { ...REFUSED.error, field } },
          `${label} in ${method} ${target}`,
        );
      }
    }
  });

  it("is refused as a private JWK object in any field", async () => {
    const jwk = generateKeyPairSync("ec", {
      namedCurve: "P-256",
    }).privateKey.export({ format: "jwk" });
    for (const [method, target, json, field] of [
      ["POST", "/api/organisations", { name: "Fine", key: jwk }, "key"],
      [
        "PUT",
        integration,
        { accountId: ACCOUNT_ID, clientId: CLIENT_ID, extra: [jwk] },
        "extra",
      ],
      [
        "POST",
        `${integration}/certificate/revoked`,
        { note: { deeper: jwk } },
        "note",
      ],
    ]) {
      const res = await request(url, method, target, {
        json,
        headers: { "If-Match": etag },
      });
      assert.equal(res.status, 422, res.text);
      assert.deepEqual(res.json, { error: { ...REFUSED.error, field } });
    }
  });

  it("is refused even inside a body that is not valid JSON", async () => {
    for (const key of Object.values(keys)) {
      const res = await request(url, "POST", "/api/organisations", {
        body: `{"name": ${JSON.stringify(key)}`,
        headers: { "Content-Type": "application/json" },
      });
      assert.equal(res.status, 422);
      assert.deepEqual(res.json, REFUSED);
    }
  });

  it("appears in no file the server wrote, nor in its output, and changed nothing", async () => {
    const pieces = fingerprints(keys);
    const files = await readAllFiles(dataDir);
    assert.ok(files.length > 0);
    for (const { file, content } of files) {
      const text = content.toString("latin1");
      assert.ok(!containsPrivateKey(text), `private key material in ${file}`);
      for (const piece of pieces)
        assert.ok(!text.includes(piece), `a piece of a key is in ${file}`);
    }
    for (const stream of ["stdout", "stderr"]) {
      const text = server.output[stream];
      assert.ok(!containsPrivateKey(text), `private key material in ${stream}`);
      for (const piece of pieces)
        assert.ok(!text.includes(piece), `a piece of a key is in ${stream}`);
    }
    const res = await request(url, "GET", integration);
    assert.equal(res.headers.etag, etag, "no refused request changed anything");
    const list = await request(url, "GET", "/api/organisations");
    assert.deepEqual(
      list.json.organisations.map((org) => org.id),
      ["demo"],
    );
  });
});

describe("the key detector's forms", () => {
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const rsaJwk = rsa.privateKey.export({ format: "jwk" });

  it("finds a private RSA JWK by any one of p, q, dp, dq, qi, without d", () => {
    for (const member of ["p", "q", "dp", "dq", "qi"]) {
      const jwk = {
        kty: "RSA",
        n: rsaJwk.n,
        e: rsaJwk.e,
        [member]: rsaJwk[member],
      };
      assert.ok(containsPrivateKey(jwk), `${member} as an object`);
      assert.ok(containsPrivateKey({ field: [jwk] }), `${member} nested`);
      assert.ok(containsPrivateKey(JSON.stringify(jwk)), `${member} as text`);
      assert.ok(
        containsPrivateKey(JSON.stringify(JSON.stringify(jwk))),
        `${member} as escaped text`,
      );
    }
  });

  it("finds the hex of every DER private key form, in either case and with separators", () => {
    const ders = {
      "PKCS#8 (EC)": ec.privateKey.export({ type: "pkcs8", format: "der" }),
      "PKCS#8 (RSA)": rsa.privateKey.export({ type: "pkcs8", format: "der" }),
      "PKCS#1": rsa.privateKey.export({ type: "pkcs1", format: "der" }),
      SEC1: ec.privateKey.export({ type: "sec1", format: "der" }),
      "encrypted PKCS#8": ec.privateKey.export({
        type: "pkcs8",
        format: "der",
        cipher: "aes-128-cbc",
        passphrase: "pass",
      }),
    };
    for (const [label, der] of Object.entries(ders))
      for (const separator of ["", " ", ":", "\n"])
        for (const upper of [false, true]) {
          let hex = hexBytes(der, separator);
          if (upper) hex = hex.toUpperCase();
          const name = `${label} ${JSON.stringify(separator)} ${upper ? "upper" : "lower"}`;
          assert.ok(containsPrivateKey(hex), name);
          assert.ok(
            containsPrivateKey(`key: 0${hex} (pasted)`),
            `${name}, odd offset`,
          );
        }
  });

  it("lets public keys, certificates and IDs in hex through", async () => {
    const generated = await makeCertificate();
    const certificateDer = Buffer.from(
      generated.certificate.pem.replace(/-----[^-]+-----|\s/g, ""),
      "base64",
    );
    const publicJwk = rsa.publicKey.export({ format: "jwk" });
    for (const [label, value] of Object.entries({
      "SPKI (RSA)": hexBytes(
        rsa.publicKey.export({ type: "spki", format: "der" }),
        "",
      ),
      "SPKI (EC)": hexBytes(
        ec.publicKey.export({ type: "spki", format: "der" }),
        ":",
      ),
      "PKCS#1 public key": hexBytes(
        rsa.publicKey.export({ type: "pkcs1", format: "der" }),
        "",
      ),
      certificate: hexBytes(certificateDer, ""),
      "certificate, colons": hexBytes(certificateDer, ":").toUpperCase(),
      "a Client ID": CLIENT_ID,
      "a SHA-256 fingerprint": hexBytes(Buffer.alloc(32, 0x30), ":"),
      "a public RSA JWK": publicJwk,
      "a public RSA JWK as text": JSON.stringify(publicJwk),
    }))
      assert.equal(containsPrivateKey(value), false, label);
  });
});
