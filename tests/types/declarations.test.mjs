// The declarations themselves: a strict TypeScript consumer type-checks against the
// generated www/pkg/netsuite_m2m.d.ts, ErrorCode is exactly src/error.rs's codes,
// and every documented code is one of them (issue 15 item 6).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { before, describe, test } from "node:test";
import { m2m } from "../interop/helpers.mjs";
import { CONSUMER, ROOT, declared, functions, prepare } from "./fixture.mjs";

before(prepare);

describe("the TypeScript declarations", () => {
  test("declare exactly the functions the module exports", () => {
    const exported = Object.keys(m2m)
      .filter((k) => typeof m2m[k] === "function")
      .filter((k) => k !== "default" && k !== "initSync")
      .sort();
    assert.deepEqual([...functions.keys()].sort(), exported);
  });

  test("a strict TypeScript consumer calling every function type-checks", () => {
    const source = fs.readFileSync(CONSUMER, "utf8");
    for (const name of functions.keys())
      assert.match(
        source,
        new RegExp(`\\b${name}\\(`),
        `consumer.ts never calls ${name}`,
      );
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    try {
      execFileSync(
        process.execPath,
        [
          tsc,
          "--strict",
          "--noEmit",
          "--target",
          "es2022",
          "--module",
          "esnext",
          "--moduleResolution",
          "bundler",
          "--lib",
          "es2022,dom",
          CONSUMER,
        ],
        { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
      );
    } catch (e) {
      assert.fail(`tsc --strict found errors:\n${e.stdout}${e.stderr}`);
    }
  });

  test("ErrorCode is exactly the codes of src/error.rs", () => {
    assert.ok(declared.errorCodes, "netsuite_m2m.d.ts declares no ErrorCode");
    const rust = fs.readFileSync(path.join(ROOT, "src", "error.rs"), "utf8");
    const body = /pub fn code\(&self\)[\s\S]*?\n    \}\n/.exec(rust);
    assert.ok(body, "Error::code() not found in src/error.rs");
    const codes = [...body[0].matchAll(/=> "([a-z0-9_]+)"/g)].map((m) => m[1]);
    assert.ok(codes.length > 10, `only ${codes} found in Error::code()`);
    assert.deepEqual([...declared.errorCodes].sort(), codes.sort());
  });

  test("every documented error code is an ErrorCode", () => {
    for (const [name, f] of functions)
      for (const code of f.throws.codes)
        assert.ok(
          declared.errorCodes?.includes(code),
          `${name} documents ${code}, which ErrorCode does not list`,
        );
  });
});
