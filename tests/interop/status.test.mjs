// certificateStatus reads RFC 3339 in the module: the same moment everywhere,
// whatever the engine or the time zone.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DAY_MS, m2m, withCode } from "./helpers.mjs";

const now = Date.UTC(2026, 10, 27, 10, 41, 44);

describe("certificateStatus", () => {
  test("reads Z and numeric offsets as the same moment", () => {
    const at = (notAfter) =>
      m2m.certificateStatus(notAfter, { now }).daysRemaining;
    assert.equal(at("2026-12-27T10:41:44Z"), 30);
    assert.equal(at("2026-12-27T12:41:44+02:00"), 30);
    assert.equal(at("2026-12-27T05:11:44-05:30"), 30);
    assert.equal(at("2026-12-27T10:41:44.999Z"), 30);
    assert.equal(at("2026-12-27T10:41:45Z"), 31);
  });

  for (const bad of [
    "2026-12-27T10:41:44", // no offset: local time for Date.parse
    "2026-12-27", // a date only
    "2026-12-27 10:41:44Z",
    "Sun, 27 Dec 2026 10:41:44 GMT",
    "2026-02-29T00:00:00Z",
    "soon",
  ]) {
    test(`refuses ${JSON.stringify(bad)} with invalid_time`, () => {
      assert.throws(
        () => m2m.certificateStatus(bad, { now }),
        withCode("invalid_time"),
      );
      assert.throws(
        () =>
          m2m.certificateStatus("2027-01-01T00:00:00Z", {
            now,
            notBefore: bad,
          }),
        withCode("invalid_time"),
      );
    });
  }

  test("says what form it wants", () => {
    assert.throws(
      () => m2m.certificateStatus("2026-12-27T10:41:44", { now: now + DAY_MS }),
      (e) => /RFC 3339/.test(e.message) && /offset/.test(e.message),
    );
  });
});
