// The validity period of generated certificates, as OpenSSL reads it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  DAY_MS,
  KEY_TYPES,
  m2m,
  openssl,
  opensslDates,
  opensslStatus,
  put,
  tempDir,
  withCode,
} from "./helpers.mjs";

const dir = tempDir();

/** Generates, writes the certificate, and returns it with openssl's dates. */
async function generateAndRead(options, name) {
  const g = await m2m.generate(options);
  const certFile = put(dir, `${name}.crt`, g.certificate.pem);
  return { g, certFile, dates: opensslDates(certFile) };
}

for (const kt of KEY_TYPES) {
  describe(`the validity of a generated ${kt.id} certificate`, () => {
    for (const days of [1, undefined, 730]) {
      const expected = days ?? 365;
      test(`is ${expected} days when ${days === undefined ? "no validityDays is given" : `validityDays is ${days}`}, as openssl reads it`, async () => {
        const now = Date.now();
        const options = { keyType: kt.id };
        if (days !== undefined) options.validityDays = days;
        const { g, certFile, dates } = await generateAndRead(
          options,
          `${kt.id}-${expected}`,
        );
        const r = g.certificate;
        assert.equal(Date.parse(r.notBefore), dates.notBefore);
        assert.equal(Date.parse(r.notAfter), dates.notAfter);
        assert.equal(dates.notAfter - dates.notBefore, expected * DAY_MS);
        assert.equal(r.validityDays, expected);
        assert.match(r.notBefore, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        assert.match(r.notAfter, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        // Valid from a few minutes before now, for clocks that run fast.
        const backdate = m2m.rules().notBeforeBackdateSeconds * 1000;
        assert.ok(backdate >= 60_000 && backdate <= 600_000, `${backdate} ms`);
        assert.ok(dates.notBefore <= now - backdate + 1000, "back-dated");
        assert.ok(
          dates.notBefore > now - backdate - 2000,
          "by the stated amount only",
        );
        assert.equal(
          r.daysRemaining,
          expected,
          "a new certificate shows all its days",
        );
        const end = openssl(["x509", "-in", certFile, "-noout", "-enddate"]);
        assert.equal(end.trim(), `notAfter=${openssl_date(dates.notAfter)}`);
      });
    }

    test("of 731 days is refused with validity_too_long", async () => {
      await assert.rejects(
        m2m.generate({ keyType: kt.id, validityDays: 731 }),
        withCode("validity_too_long", "validityDays"),
      );
    });
  });
}

/** epoch ms -> openssl's "Mon DD HH:MM:SS YYYY GMT" (day padded with a space). */
function openssl_date(ms) {
  const d = new Date(ms);
  const month = "JanFebMarAprMayJunJulAugSepOctNovDec".slice(
    d.getUTCMonth() * 3,
    d.getUTCMonth() * 3 + 3,
  );
  const p = (n) => String(n).padStart(2, "0");
  return `${month} ${String(d.getUTCDate()).padStart(2, " ")} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

describe("the validity period", () => {
  test("starts the stated minutes before the given now (whole seconds) and spans 730 days across a leap day", async () => {
    const now = Date.UTC(2027, 5, 1, 12, 0, 0, 789); // 2027-06-01, 2028-02-29 inside
    const { g, dates } = await generateAndRead(
      { validityDays: 730, now },
      "leap",
    );
    const backdate = m2m.rules().notBeforeBackdateSeconds * 1000;
    assert.equal(dates.notBefore, Date.UTC(2027, 5, 1, 12, 0, 0) - backdate);
    assert.equal(dates.notAfter, dates.notBefore + 730 * DAY_MS);
    assert.equal(g.certificate.notAfter, "2029-05-31T11:55:00Z");
    assert.equal(g.certificate.daysRemaining, 730);
    assert.equal(g.certificate.status, "valid");
  });

  test("is encoded so openssl reads dates from 2050 on (GeneralizedTime)", async () => {
    const now = Date.UTC(2049, 11, 31, 23, 59, 59);
    const { g, certFile, dates } = await generateAndRead(
      { validityDays: 730, now },
      "y2050",
    );
    const start = now - m2m.rules().notBeforeBackdateSeconds * 1000;
    assert.equal(dates.notBefore, start);
    assert.equal(dates.notAfter, start + 730 * DAY_MS);
    assert.equal(g.certificate.notAfter, "2051-12-31T23:54:59Z");
    const asn1 = openssl(["asn1parse", "-in", certFile]);
    assert.match(asn1, /UTCTIME +:491231235459Z/);
    assert.match(asn1, /GENERALIZEDTIME +:20511231235459Z/);
  });

  test("is what openssl verify -attime accepts: valid until notAfter, expired after it", async () => {
    const { g, certFile, dates } = await generateAndRead(
      { keyType: "ec-p256", validityDays: 1 },
      "attime",
    );
    const verifyAt = (ms) =>
      opensslStatus([
        "verify",
        "-check_ss_sig",
        "-attime",
        String(Math.floor(ms / 1000)),
        "-CAfile",
        certFile,
        certFile,
      ]);
    assert.equal(verifyAt(dates.notBefore).status, 0);
    // OpenSSL treats the notAfter second itself as expired (RFC 5280 says it is
    // still valid), so the last instant both agree on is one second before.
    assert.equal(verifyAt(dates.notAfter - 1000).status, 0);
    const late = verifyAt(dates.notAfter + 1000);
    assert.notEqual(late.status, 0);
    assert.match(late.stdout + late.stderr, /certificate has expired/);
    const early = verifyAt(dates.notBefore - 1000);
    assert.notEqual(early.status, 0);
    assert.match(early.stdout + early.stderr, /certificate is not yet valid/);
    // openssl x509 -checkend (real clock): good for the next hour, not for two days.
    assert.equal(
      opensslStatus(["x509", "-in", certFile, "-noout", "-checkend", "3600"])
        .status,
      0,
    );
    assert.equal(
      opensslStatus([
        "x509",
        "-in",
        certFile,
        "-noout",
        "-checkend",
        String(2 * 86400),
      ]).status,
      1,
    );
    // The module agrees about the same instants.
    const at = (now) => m2m.inspectCertificate(g.certificate.pem, { now });
    assert.equal((await at(dates.notAfter + 1000)).status, "expired");
    assert.equal((await at(dates.notBefore - 1000)).status, "not_yet_valid");
    assert.equal((await at(dates.notAfter - 1000)).status, "expiring");
  });

  test("of 0, a fraction or a negative number of days is refused with invalid_validity", async () => {
    for (const validityDays of [0, -1, 1.5, Number.NaN]) {
      await assert.rejects(
        m2m.generate({ validityDays }),
        withCode("invalid_validity", "validityDays"),
        `validityDays ${validityDays}`,
      );
    }
  });
});
