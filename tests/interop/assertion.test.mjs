// Client assertions (JWTs) signed by the module, verified with node:crypto and openssl
// against the public key in the module's certificate.
import assert from "node:assert/strict";
import {
  X509Certificate,
  constants,
  createPublicKey,
  verify,
} from "node:crypto";
import { describe, test } from "node:test";
import {
  CERTIFICATE_ID,
  CLIENT_ID,
  KEY_TYPES,
  TOKEN_BODY_PREFIX,
  m2m,
  openssl,
  opensslStatus,
  put,
  rawEcdsaToDer,
  splitJwt,
  tempDir,
  withCode,
} from "./helpers.mjs";

const dir = tempDir();
const NOW = Date.UTC(2026, 10, 27, 10, 41, 44, 999);
const TOKEN_ENDPOINT =
  "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token";

const generated = {};
for (const kt of KEY_TYPES) {
  const g = await m2m.generate({ keyType: kt.id, accountId: "1234567_SB1" });
  generated[kt.id] = {
    ...g,
    certFile: put(dir, `${kt.id}.crt`, g.certificate.pem),
    pubFile: put(
      dir,
      `${kt.id}.pub.pem`,
      openssl(["x509", "-in", `${dir}/${kt.id}.crt`, "-pubkey", "-noout"]),
    ),
  };
}

const params = (extra = {}) => ({
  certificateId: CERTIFICATE_ID,
  clientId: CLIENT_ID,
  accountId: "1234567_SB1",
  now: NOW,
  ...extra,
});

/** node:crypto verification of a compact JWS with the key in a certificate. */
function nodeVerifies(jwt, certPem, kt, overrides = {}) {
  const { signingInput, signature } = splitJwt(jwt);
  const key =
    kt.algorithm === "EC"
      ? { key: createPublicKey(certPem), dsaEncoding: "ieee-p1363" }
      : {
          key: createPublicKey(certPem),
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: 32,
        };
  return verify(kt.hash, signingInput, { ...key, ...overrides }, signature);
}

const assertions = {};
for (const kt of KEY_TYPES) {
  assertions[kt.id] = await m2m.createClientAssertion({
    privateKeyPem: generated[kt.id].privateKeyPem,
    ...params(),
  });
}

for (const kt of KEY_TYPES) {
  describe(`a client assertion signed with a generated ${kt.id} key`, () => {
    const g = generated[kt.id];
    const a = assertions[kt.id];

    test(`verifies as ${kt.alg} with node:crypto against the certificate's public key`, async () => {
      const { signature } = splitJwt(a.jwt);
      assert.equal(signature.length, kt.jwsSignatureBytes);
      assert.equal(nodeVerifies(a.jwt, g.certificate.pem, kt), true);
      // Same through X509Certificate's key object.
      const { signingInput } = splitJwt(a.jwt);
      const x = new X509Certificate(g.certificateDer);
      const opts =
        kt.algorithm === "EC"
          ? { key: x.publicKey, dsaEncoding: "ieee-p1363" }
          : {
              key: x.publicKey,
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
            };
      assert.equal(verify(kt.hash, signingInput, opts, signature), true);
    });

    if (kt.algorithm === "EC") {
      test("carries a raw r||s signature, not a DER one", async () => {
        const { signature } = splitJwt(a.jwt);
        assert.equal(signature.length, kt.jwsSignatureBytes);
        assert.equal(
          nodeVerifies(a.jwt, g.certificate.pem, kt, { dsaEncoding: "der" }),
          false,
        );
      });
    } else {
      test("uses PSS with a 32-byte salt, not PKCS#1 v1.5 (RS256)", async () => {
        assert.equal(
          nodeVerifies(a.jwt, g.certificate.pem, kt, {
            padding: constants.RSA_PKCS1_PADDING,
            saltLength: undefined,
          }),
          false,
        );
        assert.equal(
          nodeVerifies(a.jwt, g.certificate.pem, kt, { saltLength: 64 }),
          false,
        );
      });
    }

    test("verifies with openssl dgst against the public key openssl takes from the certificate", async () => {
      const { signingInput, signature } = splitJwt(a.jwt);
      const data = put(dir, `${kt.id}.jws-input`, signingInput);
      const sigArgs =
        kt.algorithm === "EC"
          ? []
          : [
              "-sigopt",
              "rsa_padding_mode:pss",
              "-sigopt",
              "rsa_pss_saltlen:32",
            ];
      const sigBytes =
        kt.algorithm === "EC" ? rawEcdsaToDer(signature) : signature;
      const sig = put(dir, `${kt.id}.sig`, sigBytes);
      const out = openssl([
        "dgst",
        `-${kt.hash}`,
        ...sigArgs,
        "-verify",
        g.pubFile,
        "-signature",
        sig,
        data,
      ]);
      assert.equal(out.trim(), "Verified OK");
      // The same signature over a changed payload is refused.
      const other = put(
        dir,
        `${kt.id}.jws-other`,
        Buffer.concat([signingInput, Buffer.from("x")]),
      );
      const r = opensslStatus([
        "dgst",
        `-${kt.hash}`,
        ...sigArgs,
        "-verify",
        g.pubFile,
        "-signature",
        sig,
        other,
      ]);
      assert.notEqual(r.status, 0);
      assert.match(r.stdout, /Verification failure/);
    });

    test("does not verify against the certificate of another key pair", async () => {
      const otherType = KEY_TYPES.find(
        (o) => o.algorithm === kt.algorithm && o.id !== kt.id,
      );
      const other = generated[otherType.id];
      // Same algorithm family, different key: must fail.
      assert.equal(nodeVerifies(a.jwt, other.certificate.pem, kt), false);
    });

    test("has exactly the header {typ, alg, kid} with the certificate ID as kid", async () => {
      const { headerJson } = splitJwt(a.jwt);
      const header = JSON.parse(headerJson);
      assert.deepEqual(Object.keys(header).sort(), ["alg", "kid", "typ"]);
      assert.deepEqual(header, {
        typ: "JWT",
        alg: kt.alg,
        kid: CERTIFICATE_ID,
      });
      assert.deepEqual(a.header, header);
    });

    test("has the documented claims: iss, scope array, aud, iat, exp = iat + 300, jti", async () => {
      const { payloadJson } = splitJwt(a.jwt);
      const claims = JSON.parse(payloadJson);
      assert.deepEqual(Object.keys(claims).sort(), [
        "aud",
        "exp",
        "iat",
        "iss",
        "jti",
        "scope",
      ]);
      assert.equal(claims.iss, CLIENT_ID.toLowerCase());
      assert.deepEqual(claims.scope, ["rest_webservices"]);
      assert.equal(claims.aud, TOKEN_ENDPOINT);
      assert.equal(claims.iat, Math.floor(NOW / 1000));
      assert.equal(claims.exp - claims.iat, 300);
      assert.equal(typeof claims.jti, "string");
      assert.ok(claims.jti.length >= 16);
      assert.deepEqual(a.claims, claims);
      assert.equal(a.tokenEndpoint, TOKEN_ENDPOINT);
      assert.deepEqual(a.warnings, []);
    });

    test("comes with the documented form-encoded token request body", async () => {
      assert.equal(a.requestBody, TOKEN_BODY_PREFIX + a.jwt);
      const form = new URLSearchParams(a.requestBody);
      assert.deepEqual(
        [...form.keys()],
        ["grant_type", "client_assertion_type", "client_assertion"],
      );
      assert.equal(form.get("grant_type"), "client_credentials");
      assert.equal(
        form.get("client_assertion_type"),
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      );
      assert.equal(form.get("client_assertion"), a.jwt);
    });

    test("is the same when signed through importCryptoKey and createClientAssertionWithCryptoKey", async () => {
      const key = await m2m.importCryptoKey(g.privateKeyPem);
      assert.equal(key.extractable, false);
      assert.deepEqual(key.usages, ["sign"]);
      const b = await m2m.createClientAssertionWithCryptoKey(key, params());
      assert.deepEqual(b.header, a.header);
      assert.deepEqual({ ...b.claims, jti: "" }, { ...a.claims, jti: "" });
      assert.equal(nodeVerifies(b.jwt, g.certificate.pem, kt), true);
    });
  });
}

describe("createClientAssertion", () => {
  const g = generated["ec-p256"];
  const kt = KEY_TYPES[0];
  const make = (extra) =>
    m2m.createClientAssertion({
      privateKeyPem: g.privateKeyPem,
      ...params(extra),
    });

  test("accepts a lifetime of 3599 seconds and puts it in exp - iat", async () => {
    const a = await make({ lifetimeSeconds: 3599 });
    assert.equal(a.claims.exp - a.claims.iat, 3599);
    const claims = JSON.parse(splitJwt(a.jwt).payloadJson);
    assert.equal(claims.exp - claims.iat, 3599);
    assert.equal(nodeVerifies(a.jwt, g.certificate.pem, kt), true);
  });

  test("refuses a lifetime of 3600 seconds with lifetime_too_long", async () => {
    await assert.rejects(
      () => make({ lifetimeSeconds: 3600 }),
      withCode("lifetime_too_long", "lifetimeSeconds"),
    );
  });

  test("puts a different random jti in every assertion, even at the same now", async () => {
    const jtis = new Set();
    for (let i = 0; i < 50; i++) jtis.add((await make()).claims.jti);
    assert.equal(jtis.size, 50);
  });

  test("builds aud from the account ID lower-cased with _ replaced by -", async () => {
    for (const [accountId, host] of [
      ["1234567", "1234567"],
      ["1234567_SB1", "1234567-sb1"],
      ["1234567_sb2", "1234567-sb2"],
      ["TSTDRV1431250", "tstdrv1431250"],
      ["1234567_RP1", "1234567-rp1"],
    ]) {
      const a = await make({ accountId });
      const aud = `https://${host}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token`;
      assert.equal(a.claims.aud, aud, accountId);
      assert.equal(JSON.parse(splitJwt(a.jwt).payloadJson).aud, aud);
      assert.equal(a.tokenEndpoint, aud);
      assert.equal(m2m.parseAccountId(accountId).tokenEndpoint, aud);
    }
  });

  test("refuses an account ID that would change the host with invalid_account_id", async () => {
    for (const accountId of ["evil.com/x#", "1234567.evil", "", "12 34"]) {
      await assert.rejects(
        () => make({ accountId }),
        withCode("invalid_account_id", "accountId"),
        accountId,
      );
    }
  });

  test("puts the requested scopes in the scope array", async () => {
    const scopes = ["restlets", "rest_webservices", "suite_analytics"];
    const a = await make({ scopes });
    assert.deepEqual(JSON.parse(splitJwt(a.jwt).payloadJson).scope, scopes);
    await assert.rejects(
      () => make({ scopes: ["rest_webservices", "admin"] }),
      withCode("invalid_scope"),
    );
  });

  test("signs with an encrypted key given its passphrase, and refuses a wrong one", async () => {
    const pass = "assertion passphrase";
    const enc = await m2m.encryptPrivateKey(g.privateKeyPem, pass);
    const a = await m2m.createClientAssertion({
      privateKeyPem: enc,
      passphrase: pass,
      ...params(),
    });
    assert.equal(nodeVerifies(a.jwt, g.certificate.pem, kt), true);
    await assert.rejects(
      () =>
        m2m.createClientAssertion({
          privateKeyPem: enc,
          passphrase: "not the passphrase",
          ...params(),
        }),
      withCode("wrong_passphrase"),
    );
  });

  test("signs with a legacy RSA key made by openssl, verifiable with the certificate openssl made", async () => {
    const legacy = openssl([
      "genpkey",
      "-algorithm",
      "RSA",
      "-pkeyopt",
      "rsa_keygen_bits:3072",
    ]);
    const keyFile = put(dir, "o-rsa.pem", legacy);
    const trad = openssl(["rsa", "-traditional", "-in", keyFile]);
    const cert = openssl([
      "req",
      "-new",
      "-x509",
      "-key",
      keyFile,
      "-days",
      "365",
      "-subj",
      "/CN=openssl rsa",
    ]);
    const a = await m2m.createClientAssertion({
      privateKeyPem: trad,
      ...params(),
    });
    assert.equal(a.header.alg, "PS256");
    assert.equal(nodeVerifies(a.jwt, cert, KEY_TYPES[2]), true);
  });
});
