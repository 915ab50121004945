// Certificates made by OpenSSL, judged by m2m.inspectCertificate against NetSuite's rules.
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import { describe, test } from "node:test";
import {
  DAY_MS,
  accepted,
  m2m,
  newEcKey,
  openssl,
  opensslDates,
  opensslStatus,
  tempDir,
  withCode,
} from "./helpers.mjs";

const dir = tempDir();

/** `openssl req -x509` with a new key; returns { pem, der, keyPem, certFile, notBefore, notAfter, fingerprint }. */
function opensslCert(name, newkey, days, extra = []) {
  const keyFile = `${dir}/${name}.key`;
  const certFile = `${dir}/${name}.crt`;
  openssl([
    "req",
    "-x509",
    "-new",
    ...newkey,
    "-nodes",
    "-keyout",
    keyFile,
    "-out",
    certFile,
    "-days",
    String(days),
    "-subj",
    `/CN=${name}`,
    ...extra,
  ]);
  const pem = openssl(["x509", "-in", certFile]);
  const der = openssl(["x509", "-in", certFile, "-outform", "DER"], {
    binary: true,
  });
  const fingerprint = openssl([
    "x509",
    "-in",
    certFile,
    "-noout",
    "-fingerprint",
    "-sha256",
  ])
    .trim()
    .replace(/^sha256 Fingerprint=/, "");
  const serial = openssl(["x509", "-in", certFile, "-noout", "-serial"])
    .trim()
    .replace(/^serial=/, "");
  return {
    pem,
    der,
    keyPem: openssl(["pkey", "-in", keyFile]),
    keyFile,
    certFile,
    fingerprint,
    serial,
    ...opensslDates(certFile),
  };
}

const ec = newEcKey;
const certs = {
  rsa2048: opensslCert("rsa2048", ["-newkey", "rsa:2048"], 365),
  rsa3072: opensslCert("rsa3072", ["-newkey", "rsa:3072"], 730),
  p256: opensslCert("p256", ec("P-256"), 365),
  p384: opensslCert("p384", ec("P-384"), 365, ["-sha384"]),
  p521: opensslCert("p521", ec("P-521"), 365, ["-sha512"]),
  secp256k1: opensslCert("secp256k1", ec("secp256k1"), 365),
  ed25519: opensslCert("ed25519", ["-newkey", "ed25519"], 365),
  days1000: opensslCert("days1000", ec("P-256"), 1000),
  days731: opensslCert("days731", ec("P-256"), 731),
  days732: opensslCert("days732", ec("P-256"), 732),
  // openssl's default digest for a P-384 key is SHA-256; RSA here signed with SHA-512.
  p384sha256: opensslCert("p384sha256", ec("P-384"), 365),
  rsa3072sha512: opensslCert("rsa3072sha512", ["-newkey", "rsa:3072"], 365, [
    "-sha512",
  ]),
  days30: opensslCert("days30", ec("P-256"), 30),
  rsa3072pss: opensslCert("rsa3072pss", ["-newkey", "rsa:3072"], 365, [
    "-sigopt",
    "rsa_padding_mode:pss",
    "-sigopt",
    "rsa_pss_saltlen:32",
  ]),
};

/** Inspects at a given instant (ms after notBefore by default: one hour in). */
const inspect = (c, now = c.notBefore + 3_600_000) =>
  m2m.inspectCertificate(c.pem, { now });
const codes = (r) => r.findings.map((f) => `${f.severity}:${f.code}`);

describe("inspectCertificate on certificates made by openssl", () => {
  test("reports what openssl reports: subject, serial, dates, fingerprint, self-signed", async () => {
    for (const name of ["rsa3072", "p256", "p384"]) {
      const c = certs[name];
      const r = await inspect(c);
      assert.equal(r.subject, `CN=${name}`);
      assert.equal(r.issuer, `CN=${name}`);
      assert.equal(r.serialNumber, c.serial);
      assert.equal(Date.parse(r.notBefore), c.notBefore);
      assert.equal(Date.parse(r.notAfter), c.notAfter);
      assert.equal(r.fingerprintSha256, c.fingerprint);
      assert.equal(r.selfSigned, true, name);
      assert.equal(r.pem.trim(), c.pem.trim());
    }
  });

  test("accepts RSA 3072 valid for 730 days", async () => {
    const r = await inspect(certs.rsa3072);
    assert.deepEqual(r.key, {
      algorithm: "RSA",
      bits: 3072,
      curve: null,
      keyType: "rsa-3072",
    });
    assert.equal(r.validityDays, 730);
    assert.equal(r.signatureAlgorithm, "sha256WithRSAEncryption");
    assert.deepEqual(r.findings, []);
    assert.equal(accepted(r), true);
  });

  test("refuses RSA 2048 with the error rsa_key_too_small", async () => {
    const r = await inspect(certs.rsa2048);
    assert.equal(r.key.algorithm, "RSA");
    assert.equal(r.key.bits, 2048);
    assert.deepEqual(codes(r), ["error:rsa_key_too_small"]);
    assert.equal(accepted(r), false);
  });

  test("accepts EC P-384 signed with SHA-384", async () => {
    const r = await inspect(certs.p384);
    assert.equal(r.key.curve, "P-384");
    assert.equal(r.keyType, "ec-p384");
    assert.equal(r.signatureAlgorithm, "ecdsa-with-SHA384");
    assert.equal(accepted(r), true);
  });

  test("accepts EC P-521 and names its curve P-521", async () => {
    const r = await inspect(certs.p521);
    assert.equal(r.key.algorithm, "EC");
    assert.equal(r.key.curve, "P-521");
    assert.equal(r.key.bits, 521);
    assert.deepEqual(r.findings, []);
    assert.equal(accepted(r), true);
  });

  test("refuses an EC secp256k1 key with the error unsupported_key_type", async () => {
    const r = await inspect(certs.secp256k1);
    assert.equal(r.key.algorithm, "EC");
    assert.notEqual(r.key.curve, "P-256");
    // WebCrypto has no secp256k1: the self-signature cannot be checked either.
    assert.deepEqual(codes(r), [
      "error:unsupported_key_type",
      "warning:self_signature_not_checked",
    ]);
    assert.equal(r.selfSignature, "not_checked");
    assert.equal(r.selfSigned, false);
    assert.equal(accepted(r), false);
  });

  test("refuses an Ed25519 key with the error unsupported_key_type", async () => {
    const r = await inspect(certs.ed25519);
    assert.equal(r.key.algorithm, "Ed25519");
    assert.deepEqual(codes(r), [
      "error:unsupported_key_type",
      "warning:self_signature_not_checked",
    ]);
    assert.equal(r.selfSignature, "not_checked");
    assert.equal(accepted(r), false);
  });

  test("refuses a validity of 1000 days (and 732) with the error validity_too_long", async () => {
    for (const [name, days] of [
      ["days1000", 1000],
      ["days732", 732],
    ]) {
      const r = await inspect(certs[name]);
      assert.equal(r.validityDays, days);
      assert.deepEqual(codes(r), ["error:validity_too_long"], name);
      assert.equal(accepted(r), false);
    }
  });

  test("judges 731 days by the calendar: allowed only when a leap day makes it 2 years", async () => {
    const c = certs.days731;
    const twoYears = new Date(c.notBefore);
    twoYears.setUTCFullYear(twoYears.getUTCFullYear() + 2); // 29 Feb -> 1 Mar
    const r = await inspect(c);
    assert.equal(r.validityDays, 731);
    if (c.notAfter > twoYears.getTime()) {
      assert.deepEqual(codes(r), ["error:validity_too_long"]);
    } else {
      assert.deepEqual(r.findings, []);
    }
  });

  test("refuses an expired certificate with the error expired", async () => {
    const c = certs.days30;
    for (const now of [c.notAfter + 1000, c.notAfter + 10 * DAY_MS]) {
      const r = await inspect(c, now);
      assert.equal(r.status, "expired");
      // Rounded up, as certificateStatus counts: 0 within a day of notAfter.
      assert.ok(r.daysRemaining <= 0, `daysRemaining ${r.daysRemaining}`);
      assert.ok(codes(r).includes("error:expired"), codes(r).join());
      assert.equal(accepted(r), false);
    }
  });

  test("warns expires_soon with 30 days left, and not with 61", async () => {
    const c = certs.days30;
    const r = await inspect(c, c.notBefore);
    assert.equal(r.daysRemaining, 30);
    assert.equal(r.status, "expiring");
    assert.deepEqual(codes(r), ["warning:expires_soon"]);
    assert.equal(accepted(r), true);
    const long = certs.p256;
    const far = await inspect(long, long.notAfter - 61 * DAY_MS);
    assert.equal(far.status, "valid");
    assert.deepEqual(far.findings, []);
    const near = await inspect(long, long.notAfter - 60 * DAY_MS);
    assert.deepEqual(codes(near), ["warning:expires_soon"]);
  });

  test("reads DER bytes and PEM bytes the same as PEM text", async () => {
    for (const name of Object.keys(certs)) {
      const c = certs[name];
      const now = c.notBefore + DAY_MS;
      const fromText = await m2m.inspectCertificate(c.pem, { now });
      const fromDer = await m2m.inspectCertificate(new Uint8Array(c.der), {
        now,
      });
      const fromPemBytes = await m2m.inspectCertificate(
        new TextEncoder().encode(c.pem),
        { now },
      );
      assert.deepEqual(fromDer, fromText, name);
      assert.deepEqual(fromPemBytes, fromText, name);
      assert.equal(fromDer.fingerprintSha256, c.fingerprint);
    }
  });

  test("throws private_key_not_certificate for a private key, whatever its form", async () => {
    const c = certs.p256;
    const forms = {
      pkcs8: c.keyPem,
      legacyEc: openssl(["ec", "-in", c.keyFile]),
      legacyRsa: openssl(["rsa", "-traditional", "-in", certs.rsa3072.keyFile]),
      encrypted: openssl([
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        c.keyFile,
        "-passout",
        "pass:some long passphrase",
      ]),
      pkcs8Bytes: new TextEncoder().encode(c.keyPem),
      pkcs8Der: new Uint8Array(
        openssl(["pkey", "-in", c.keyFile, "-outform", "DER"], {
          binary: true,
        }),
      ),
    };
    for (const [name, input] of Object.entries(forms)) {
      await assert.rejects(
        () => m2m.inspectCertificate(input, { now: c.notBefore }),
        withCode("private_key_not_certificate"),
        name,
      );
    }
  });

  test("throws not_a_certificate for a public key or text", async () => {
    const pub = openssl(["pkey", "-in", certs.p256.keyFile, "-pubout"]);
    for (const input of [pub, "hello", new Uint8Array([1, 2, 3])]) {
      await assert.rejects(
        () => m2m.inspectCertificate(input),
        withCode("not_a_certificate"),
      );
    }
  });

  test("names the acceptance flag acceptedByNetSuite, as the .d.ts says", async () => {
    const r = await inspect(certs.p256);
    assert.equal(r.acceptedByNetSuite, true);
    assert.equal("acceptedByNetsuite" in r, false);
  });

  // openssl's own defaults: SHA-256 on a P-384 key, SHA-512 on RSA, P-521, and an
  // RSA-PSS signature: WebCrypto checks each of them.
  for (const name of ["p521", "p384sha256", "rsa3072sha512", "rsa3072pss"]) {
    test(`reports the self-signed ${name} certificate openssl verifies as selfSigned`, async () => {
      const c = certs[name];
      const ok = openssl([
        "verify",
        "-check_ss_sig",
        "-CAfile",
        c.certFile,
        c.certFile,
      ]);
      assert.match(ok, /: OK/);
      const r = await inspect(c);
      assert.equal(accepted(r), true);
      assert.equal(r.selfSigned, true);
    });
  }

  test("reports a certificate whose signature was tampered with as not self-signed", async () => {
    for (const name of ["p256", "p384", "p521", "rsa3072", "rsa3072pss"]) {
      const der = new Uint8Array(certs[name].der);
      der[der.length - 2] ^= 0x01;
      const r = await m2m.inspectCertificate(der, {
        now: certs[name].notBefore + DAY_MS,
      });
      assert.equal(r.issuer, r.subject, name);
      assert.equal(r.selfSigned, false, name);
      assert.equal(r.selfSignature, "does_not_verify", name);
      assert.ok(
        codes(r).includes("error:self_signature_invalid"),
        `${name}: ${codes(r)}`,
      );
      assert.equal(accepted(r), false, name);
      // OpenSSL agrees that the signature is broken.
      const file = `${dir}/${name}-tampered.der`;
      fs.writeFileSync(file, der);
      const pem = openssl(["x509", "-inform", "DER", "-in", file]);
      const pemFile = `${dir}/${name}-tampered.pem`;
      fs.writeFileSync(pemFile, pem);
      const verdict = opensslStatus([
        "verify",
        "-check_ss_sig",
        "-CAfile",
        pemFile,
        pemFile,
      ]);
      assert.notEqual(verdict.status, 0, name);
    }
  });

  test("says when a self-signature cannot be checked because the key cannot be imported", async () => {
    // A P-256 public key moved off the curve: WebCrypto refuses to import it.
    const c = certs.p256;
    const der = new Uint8Array(c.der);
    const spki = new X509Certificate(c.der).publicKey.export({
      type: "spki",
      format: "der",
    });
    const x = spki.subarray(spki.length - 64, spki.length - 32);
    const at = Buffer.from(der).indexOf(x);
    assert.ok(at > 0, "the public key's x is in the certificate");
    der[at] ^= 0x01;
    const r = await m2m.inspectCertificate(der, { now: c.notBefore + DAY_MS });
    assert.equal(r.selfSignature, "not_checked");
    assert.equal(r.selfSigned, false);
    assert.ok(
      codes(r).includes("warning:self_signature_not_checked"),
      codes(r).join(),
    );
  });

  test("says a verified self-signature is verified, and another issuer's certificate is not self-issued", async () => {
    const r = await inspect(certs.p256);
    assert.equal(r.selfSignature, "verified");
    assert.equal(r.selfSigned, true);
    const ca = certs.p384;
    const csr = `${dir}/leaf.csr`;
    openssl([
      "req",
      "-new",
      ...ec("P-256"),
      "-nodes",
      "-keyout",
      `${dir}/leaf.key`,
      "-out",
      csr,
      "-subj",
      "/CN=Leaf",
    ]);
    const leaf = openssl([
      "x509",
      "-req",
      "-in",
      csr,
      "-CA",
      ca.certFile,
      "-CAkey",
      ca.keyFile,
      "-CAcreateserial",
      "-days",
      "30",
    ]);
    const issued = await m2m.inspectCertificate(leaf);
    assert.equal(issued.selfSignature, "not_self_issued");
    assert.equal(issued.selfSigned, false);
    assert.ok(!codes(issued).some((c) => c.includes("self_signature")));
  });

  test("names RSA-PSS self-signatures rsassaPss", async () => {
    const r = await inspect(certs.rsa3072pss);
    assert.equal(r.signatureAlgorithm, "rsassaPss");
    assert.equal(r.keyType, "rsa-3072");
  });
});
