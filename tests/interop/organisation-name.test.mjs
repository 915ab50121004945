// organisationName(): the one rule for organisation names, as the page and the
// reference backend call it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { m2m, withCode } from "./helpers.mjs";

const max = m2m.rules().organisationNameMaxLength;
const refused = withCode("invalid_organisation_name", "name");

describe("organisationName", () => {
  test("stores the trimmed NFC form and counts its characters", () => {
    // 122 UTF-16 units and code points as typed, 61 characters in NFC.
    const raw = "e\u0301".repeat(61);
    const { name, key } = m2m.organisationName(`  ${raw}\t`);
    assert.equal(name, "\u00e9".repeat(61));
    assert.equal([...name].length, 61);
    assert.equal(typeof key, "string");
    assert.equal(m2m.organisationName("x".repeat(max)).name.length, max);
    assert.throws(() => m2m.organisationName("x".repeat(max + 1)), refused);
    // 120 characters outside the BMP are 240 UTF-16 units, still 120 characters.
    assert.equal(
      [...m2m.organisationName("\u{1F600}".repeat(max)).name].length,
      max,
    );
    // NFC lengthens U+0958: counted on the stored form.
    assert.throws(
      () => m2m.organisationName("\u0958".repeat(max / 2 + 1)),
      refused,
    );
  });

  for (const [label, raw] of [
    ["empty", ""],
    ["blank", " \u3000 "],
    ["a Hangul filler U+3164", "\u3164"],
    ["a Hangul filler U+3164 inside a name", "Demo\u3164Company"],
    ["a Hangul choseong filler U+115F", "\u115f"],
    ["a Hangul jungseong filler U+1160", "A\u1160"],
    ["a halfwidth Hangul filler U+FFA0", "\uffa0"],
    ["a Braille blank U+2800", "\u2800"],
    ["a variation selector U+FE0F", "Demo\ufe0f"],
    ["a variation selector U+E0100", "Demo\u{e0100}"],
    ["a combining grapheme joiner U+034F", "De\u034fmo"],
    ["a tag character", "Demo\u{e0041}"],
    ["a zero-width space", "Demo\u200bCompany"],
    ["a right-to-left override", "Invoice\u202eFDP.exe"],
    ["a control character", "Evil\nCorp"],
    ["a line separator", "Evil\u2028Corp"],
    ["a private-use character", "Demo\ue000"],
    ["an unassigned code point", "Demo\u{10ffff}"],
    ["a lone surrogate", "Demo\ud800"],
    ["only combining marks", "\u0301\u0301"],
  ]) {
    test(`refuses ${label}`, () => {
      assert.throws(() => m2m.organisationName(raw), refused);
    });
  }

  test("says which character is refused", () => {
    assert.throws(
      () => m2m.organisationName("Demo\u3164Company"),
      (e) => /U\+3164/.test(e.message),
    );
  });

  test("gives names that differ in case, form or spacing one key", () => {
    const key = (raw) => m2m.organisationName(raw).key;
    assert.equal(key("Acme  Ltd"), key("ACME ltd"));
    assert.equal(key("Caf\u00e9"), key("CAFE\u0301"));
    assert.equal(key("Stra\u00dfe"), key("STRASSE"));
    assert.notEqual(key("Acme"), key("Acne"));
  });
});
