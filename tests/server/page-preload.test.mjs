// index.html preloads every module main.js imports statically (rel=modulepreload):
// without it the browser finds them level by level, and the page's start waited
// on ~26 requests in a row (bench: about 440 ms of a fresh load at 1,000
// organisations, ~150 ms with the list). The list is a copy of the import graph,
// so this test holds it to the graph: no module missing, none extra.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import ts from "typescript";

const WWW = path.resolve(import.meta.dirname, "../../www");

/** The modules `file` names in import/export … from (not import(): views load when opened). */
function staticImports(file) {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
  );
  return source.statements
    .filter(
      (node) =>
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
        node.moduleSpecifier,
    )
    .map((node) => node.moduleSpecifier.text)
    .filter((name) => name.startsWith("."))
    .map((name) => path.resolve(path.dirname(file), name));
}

/** Every module `entry` imports statically, transitively. */
function staticGraph(entry) {
  const found = new Set();
  const visit = (file) => {
    if (found.has(file)) return;
    found.add(file);
    staticImports(file).forEach(visit);
  };
  visit(entry);
  return found;
}

test("index.html preloads exactly the modules main.js imports statically", () => {
  const html = readFileSync(path.join(WWW, "index.html"), "utf8");
  const preloaded = [
    ...html.matchAll(/<link\s+rel="modulepreload"\s+href="([^"]+)"/g),
  ].map((m) => m[1]);
  const graph = [...staticGraph(path.join(WWW, "js/main.js"))]
    .map((file) => path.relative(WWW, file))
    .filter((file) => file !== "js/main.js");
  assert.ok(graph.length > 10, `the graph was read: ${graph.length} modules`);
  assert.deepEqual(
    [...preloaded].sort(),
    [...graph].sort(),
    'add or remove <link rel="modulepreload"> lines in www/index.html',
  );
});
