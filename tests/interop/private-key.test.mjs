// Private keys: the module's encrypted PKCS#8 opened by OpenSSL, and keys made by
// OpenSSL (plain, encrypted and legacy forms) read by the module.
import assert from "node:assert/strict";
import { createPrivateKey } from "node:crypto";
import { describe, test } from "node:test";
import {
  KEY_TYPES,
  m2m,
  openssl,
  opensslStatus,
  put,
  tempDir,
  withCode,
} from "./helpers.mjs";

const dir = tempDir();
const PASSPHRASE = "correct horse battery staple";

/** The private key as a JWK, so two encodings of one key compare equal. */
const jwk = (pem, passphrase) =>
  createPrivateKey({ key: pem, format: "pem", passphrase }).export({
    format: "jwk",
  });

const generated = {};
for (const kt of KEY_TYPES) {
  const g = await m2m.generate({ keyType: kt.id });
  const encrypted = await m2m.encryptPrivateKey(g.privateKeyPem, PASSPHRASE);
  generated[kt.id] = {
    ...g,
    encrypted,
    keyFile: put(dir, `${kt.id}.key`, g.privateKeyPem),
    encFile: put(dir, `${kt.id}.enc.pem`, encrypted),
  };
}

for (const kt of KEY_TYPES) {
  describe(`an encrypted ${kt.id} private key from encryptPrivateKey`, () => {
    const g = generated[kt.id];

    test("is an ENCRYPTED PRIVATE KEY PEM that openssl opens with the passphrase", async () => {
      assert.match(
        g.encrypted,
        /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END ENCRYPTED PRIVATE KEY-----\n?$/,
      );
      const opened = openssl([
        "pkey",
        "-in",
        g.encFile,
        "-passin",
        `pass:${PASSPHRASE}`,
      ]);
      assert.match(opened, /^-----BEGIN PRIVATE KEY-----\n/);
      assert.deepEqual(jwk(opened), jwk(g.privateKeyPem), "the same key");
      const pubEnc = openssl([
        "pkey",
        "-in",
        g.encFile,
        "-passin",
        `pass:${PASSPHRASE}`,
        "-pubout",
      ]);
      assert.equal(pubEnc, openssl(["pkey", "-in", g.keyFile, "-pubout"]));
    });

    test("is not opened by openssl with a wrong passphrase", async () => {
      const r = opensslStatus([
        "pkey",
        "-in",
        g.encFile,
        "-passin",
        `pass:${PASSPHRASE}!`,
      ]);
      assert.notEqual(r.status, 0);
      assert.doesNotMatch(r.stdout, /BEGIN PRIVATE KEY/);
    });

    test("uses PBES2 with PBKDF2-HMAC-SHA256, 600000 iterations and AES-256-CBC, as openssl asn1parse shows", async () => {
      const asn1 = openssl(["asn1parse", "-in", g.encFile]);
      const objects = [...asn1.matchAll(/OBJECT +:(\S+)/g)].map((m) => m[1]);
      assert.deepEqual(objects, [
        "PBES2",
        "PBKDF2",
        "hmacWithSHA256",
        "aes-256-cbc",
      ]);
      const ints = [...asn1.matchAll(/INTEGER +:([0-9A-F]+)/g)].map((m) =>
        parseInt(m[1], 16),
      );
      assert.ok(ints.includes(600000), `iteration count in ${ints}`);
      // Salt (first OCTET STRING) of at least 16 bytes; IV exactly 16 bytes.
      const octets = [
        ...asn1.matchAll(
          /l= *(\d+) prim: OCTET STRING +\[HEX DUMP\]:([0-9A-F]+)/g,
        ),
      ];
      assert.ok(+octets[0][1] >= 16, "salt length");
      assert.equal(+octets[1][1], 16, "IV length");
      // Node (its own OpenSSL binding) opens it too.
      assert.deepEqual(jwk(g.encrypted, PASSPHRASE), jwk(g.privateKeyPem));
    });

    test("is read back by readPrivateKey with the right passphrase only", async () => {
      const r = await m2m.readPrivateKey(g.encrypted, PASSPHRASE);
      assert.equal(r.keyType, kt.id);
      assert.equal(r.encrypted, true);
      assert.match(r.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
      assert.deepEqual(jwk(r.privateKeyPem), jwk(g.privateKeyPem));
      await assert.rejects(
        () => m2m.readPrivateKey(g.encrypted, "wrong passphrase!"),
        withCode("wrong_passphrase"),
      );
      await assert.rejects(
        () => m2m.readPrivateKey(g.encrypted),
        withCode("passphrase_required"),
      );
    });
  });
}

describe("encryptPrivateKey", () => {
  const g = generated["ec-p256"];

  test("refuses a passphrase under 12 characters with passphrase_too_short", async () => {
    for (const p of ["", "short", "elevenchars", "ééééééééééé"]) {
      await assert.rejects(
        () => m2m.encryptPrivateKey(g.privateKeyPem, p),
        withCode("passphrase_too_short"),
        JSON.stringify(p),
      );
    }
  });

  test("output still matches its certificate when the passphrase is given", async () => {
    assert.equal(
      await m2m.keyMatchesCertificate(
        g.encrypted,
        g.certificate.pem,
        PASSPHRASE,
      ),
      true,
    );
  });

  test("uses a fresh salt and IV each time", async () => {
    const again = await m2m.encryptPrivateKey(g.privateKeyPem, PASSPHRASE);
    assert.notEqual(again, g.encrypted);
  });

  test("encrypts with a 12-character non-ASCII passphrase that openssl opens as UTF-8", async () => {
    const pass = "pässwörd-ü12";
    assert.equal([...pass].length, 12);
    const enc = await m2m.encryptPrivateKey(g.privateKeyPem, pass);
    const file = put(dir, "utf8.enc.pem", enc);
    const opened = openssl(["pkey", "-in", file, "-passin", `pass:${pass}`]);
    assert.deepEqual(jwk(opened), jwk(g.privateKeyPem));
  });

  test("refuses something that is not a private key with invalid_private_key", async () => {
    await assert.rejects(
      () => m2m.encryptPrivateKey(g.certificate.pem, PASSPHRASE),
      withCode("invalid_private_key"),
    );
  });
});

describe("a private key made by openssl", () => {
  const OPASS = "openssl-passphrase";
  const gen = (name, args) => {
    const file = `${dir}/${name}`;
    openssl([...args, "-out", file]);
    return file;
  };
  const read = (file) =>
    openssl(["pkey", "-in", file, "-passin", `pass:${OPASS}`]);
  const ec256 = gen("o-ec256.pem", [
    "genpkey",
    "-algorithm",
    "EC",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
  ]);
  const ec384 = gen("o-ec384.pem", [
    "genpkey",
    "-algorithm",
    "EC",
    "-pkeyopt",
    "ec_paramgen_curve:P-384",
  ]);
  const rsa3072 = gen("o-rsa3072.pem", [
    "genpkey",
    "-algorithm",
    "RSA",
    "-pkeyopt",
    "rsa_keygen_bits:3072",
  ]);
  const fs = { ec256, ec384, rsa3072 };
  const expect = { ec256: "ec-p256", ec384: "ec-p384", rsa3072: "rsa-3072" };

  /** Asserts readPrivateKey returns the same key as openssl holds, as plain PKCS#8. */
  async function assertReads(pem, passphrase, name, encrypted) {
    const r = await m2m.readPrivateKey(pem, passphrase);
    assert.equal(r.keyType, expect[name]);
    assert.equal(r.encrypted, encrypted);
    assert.match(r.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.deepEqual(jwk(r.privateKeyPem), jwk(read(fs[name])));
    return r;
  }

  for (const name of Object.keys(fs)) {
    test(`is read when it is plain PKCS#8 from openssl genpkey (${expect[name]})`, async () => {
      const pem = read(fs[name]);
      assert.match(pem, /^-----BEGIN PRIVATE KEY-----\n/);
      await assertReads(pem, undefined, name, false);
    });

    test(`is read when openssl pkcs8 -topk8 -v2 aes-256-cbc encrypted it (${expect[name]})`, async () => {
      const enc = openssl([
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        fs[name],
        "-passout",
        `pass:${OPASS}`,
      ]);
      assert.match(enc, /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
      await assertReads(enc, OPASS, name, true);
      await assert.rejects(
        () => m2m.readPrivateKey(enc, "not-the-passphrase"),
        withCode("wrong_passphrase"),
      );
      await assert.rejects(
        () => m2m.readPrivateKey(enc),
        withCode("passphrase_required"),
      );
    });

    test(`is read in OpenSSL's legacy form (${expect[name]})`, async () => {
      const legacy = name.startsWith("ec")
        ? openssl(["ec", "-in", fs[name]])
        : openssl(["rsa", "-traditional", "-in", fs[name]]);
      assert.match(
        legacy,
        name.startsWith("ec")
          ? /^-----BEGIN EC PRIVATE KEY-----\n/
          : /^-----BEGIN RSA PRIVATE KEY-----\n/,
      );
      await assertReads(legacy, undefined, name, false);
    });
  }

  test("is read when it comes from openssl ecparam -genkey (EC PARAMETERS block first)", async () => {
    const pem = openssl(["ecparam", "-name", "prime256v1", "-genkey"]);
    assert.match(pem, /^-----BEGIN EC PARAMETERS-----/);
    const r = await m2m.readPrivateKey(pem);
    assert.equal(r.keyType, "ec-p256");
    assert.deepEqual(jwk(r.privateKeyPem), jwk(pem));
  });

  test("is read when encrypted with PBES2 AES-128-CBC or another PBKDF2 hash by openssl pkcs8", async () => {
    for (const extra of [
      ["-v2", "aes-128-cbc"],
      ["-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA1"],
      ["-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA512"],
    ]) {
      const enc = openssl([
        "pkcs8",
        "-topk8",
        ...extra,
        "-in",
        ec256,
        "-passout",
        `pass:${OPASS}`,
      ]);
      await assertReads(enc, OPASS, "ec256", true);
    }
  });

  test("encrypted with scrypt (no browser runs it) is refused, saying how to re-encrypt", async () => {
    const enc = openssl([
      "pkcs8",
      "-topk8",
      "-scrypt",
      "-in",
      ec256,
      "-passout",
      `pass:${OPASS}`,
    ]);
    await assert.rejects(
      () => m2m.readPrivateKey(enc, OPASS),
      (e) =>
        e.code === "invalid_private_key" &&
        /openssl pkcs8 -topk8 -v2 aes-256-cbc/.test(e.message),
    );
  });

  test("that the module cannot sign with is refused with unsupported_key_type", async () => {
    for (const args of [
      ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
      [
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:secp256k1",
      ],
      ["genpkey", "-algorithm", "ED25519"],
    ]) {
      const pem = openssl(args);
      await assert.rejects(
        () => m2m.readPrivateKey(pem),
        withCode("unsupported_key_type"),
        args.join(" "),
      );
    }
  });

  test("matches the certificate openssl made from it, and not another one", async () => {
    const cert = openssl([
      "req",
      "-new",
      "-x509",
      "-key",
      ec256,
      "-days",
      "30",
      "-subj",
      "/CN=openssl-made",
    ]);
    assert.equal(await m2m.keyMatchesCertificate(read(ec256), cert), true);
    assert.equal(await m2m.keyMatchesCertificate(read(ec384), cert), false);
    assert.equal(await m2m.keyMatchesCertificate(read(rsa3072), cert), false);
  });

  test("given as a certificate instead of a key is refused with invalid_private_key", async () => {
    await assert.rejects(
      () => m2m.readPrivateKey(generated["ec-p256"].certificate.pem),
      withCode("invalid_private_key"),
    );
  });
});
