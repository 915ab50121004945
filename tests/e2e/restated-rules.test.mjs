// The page restates none of the module's rules: no passphrase minimum, validity
// limit or default, clock-skew limit, name limit, assertion lifetime or PBKDF2
// count appears as a number in www/js (they come from rules()). Reads the files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { nodeModule, WWW } from "./support.mjs";

async function pageFiles(dir = path.join(WWW, "js")) {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return pageFiles(full);
      return entry.name.endsWith(".js") ? [full] : [];
    }),
  );
  return files.flat();
}

/** The code without comments (a `//` inside a string is rare enough here). */
function withoutComments(source) {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|\s)\/\/.*$/gm, "$1");
}

test("no rule of the module is restated as a number in the page", async () => {
  const rules = (await nodeModule()).rules();
  const values = [
    rules.passphraseMinLength,
    rules.validityDays.max,
    rules.validityDays.default,
    rules.clockSkewWarningSeconds,
    rules.organisationNameMaxLength,
    rules.assertionLifetimeSeconds.max,
    rules.assertionLifetimeSeconds.default,
    rules.pbkdf2Iterations,
  ];
  const files = await pageFiles();
  assert.ok(files.length > 30, "the page's modules were found");
  const found = [];
  for (const file of files) {
    const code = withoutComments(await readFile(file, "utf8"));
    for (const value of values) {
      const spelled = new Set([String(value), value.toLocaleString("en-GB")]);
      for (const text of spelled) {
        const pattern = new RegExp(
          `(?<![\\w.])${text.replace(/,/g, "[,_]?")}(?![\\w.])`,
        );
        if (pattern.test(code))
          found.push(`${path.relative(WWW, file)}: ${text}`);
      }
    }
  }
  assert.deepEqual(found, []);
});

/** The string literals of `code` (quotes and template literals on one line). */
function stringLiterals(code) {
  return code.match(/(["'`])(?:\\.|(?!\1).)*\1/g) ?? [];
}

test("no ID length of the module is restated in the page's text", async () => {
  const rules = (await nodeModule()).rules();
  const values = [rules.clientIdLength, rules.certificateIdUsualLength];
  const found = [];
  for (const file of await pageFiles()) {
    const code = withoutComments(await readFile(file, "utf8"));
    for (const literal of stringLiterals(code)) {
      for (const value of values) {
        if (new RegExp(`(?<![\\w.])${value}(?![\\w.])`).test(literal))
          found.push(`${path.relative(WWW, file)}: ${literal}`);
      }
    }
  }
  assert.deepEqual(found, []);
});
