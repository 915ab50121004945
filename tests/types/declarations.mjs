// What netsuite_m2m.d.ts declares, read with the TypeScript compiler: each exported
// function's parameters, return type as a JSON Schema (every object closed with
// additionalProperties: false, so an undeclared field is a failure), and the error
// codes its JSDoc documents ("Throws `code`", "Rejects with `code`").
import ts from "typescript";

/** The declarations of `dtsFile`: { functions, errorCodes, schemaOf(name) }. */
export function readDeclarations(dtsFile) {
  const program = ts.createProgram([dtsFile], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(dtsFile);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const exports = checker.getExportsOfModule(moduleSymbol);
  const isPlatform = (decl) =>
    program.isSourceFileDefaultLibrary(decl.getSourceFile());
  const schema = (type) => toSchema(checker, isPlatform, type);

  const functions = new Map();
  for (const symbol of exports) {
    const decl = symbol.valueDeclaration;
    if (!decl || !ts.isFunctionDeclaration(decl)) continue;
    if (symbol.name === "initSync" || symbol.name === "default") continue;
    const signature = checker.getSignatureFromDeclaration(decl);
    let returns = checker.getReturnTypeOfSignature(signature);
    const async = returns.symbol?.name === "Promise";
    if (async) returns = checker.getTypeArguments(returns)[0];
    functions.set(symbol.name, {
      async,
      // The names of its inputs: parameters and the options they carry.
      inputs: decl.parameters.flatMap((p) => [
        p.name.getText(source),
        ...checker
          .getTypeAtLocation(p)
          .getNonNullableType()
          .getProperties()
          .filter((prop) => !prop.declarations?.some(isPlatform))
          .map((prop) => prop.name),
      ]),
      returns: schema(returns),
      throws: documentedCodes(symbol, checker),
    });
  }

  const typeNamed = (name) => {
    const symbol = exports.find((s) => s.name === name);
    return symbol && checker.getDeclaredTypeOfSymbol(symbol);
  };
  // The closed list of error codes; null when the declarations have none.
  const errorCodeType = typeNamed("ErrorCode");
  const errorCodes =
    errorCodeType &&
    (errorCodeType.isUnion() ? errorCodeType.types : [errorCodeType]).map(
      (t) => t.value,
    );
  const schemaOf = (name) => {
    const type = typeNamed(name);
    if (!type) throw new Error(`netsuite_m2m.d.ts declares no ${name}`);
    return schema(type);
  };
  return { functions, errorCodes, schemaOf };
}

/**
 * The error codes a function's JSDoc documents: every `snake_case` word quoted
 * from its "Throws" or "Rejects with" sentence to the end of the comment.
 */
function documentedCodes(symbol, checker) {
  const doc = ts
    .displayPartsToString(symbol.getDocumentationComment(checker))
    .replace(/\s+/g, " ");
  const at = doc.search(/\b(Throws|Rejects with)\b/);
  const text = at < 0 ? "" : doc.slice(at);
  return {
    text,
    codes: [...text.matchAll(/`([a-z0-9]+(?:_[a-z0-9]+)+)`/g)].map((m) => m[1]),
  };
}

// Platform objects the module returns, checked with instanceof (see typesAjv).
const INSTANCES = new Set(["Uint8Array", "CryptoKey"]);

/** A JSON Schema for a declared type: the subset of TypeScript the API uses. */
function toSchema(checker, isPlatform, type, seen = []) {
  const sub = (t) => toSchema(checker, isPlatform, t, [...seen, type]);
  const F = ts.TypeFlags;
  if (type.isUnion()) {
    // undefined is absence: optional properties are left out of `required`.
    const members = type.types.filter((t) => !(t.flags & F.Undefined));
    // `boolean` is the union true | false.
    const bools = members.filter((t) => t.flags & F.BooleanLiteral);
    const rest = members.filter((t) => !(t.flags & F.BooleanLiteral));
    const anyOf = rest.map((t) => sub(t));
    if (bools.length === 2) anyOf.push({ type: "boolean" });
    else
      for (const b of bools)
        anyOf.push({ const: checker.typeToString(b) === "true" });
    return anyOf.length === 1 ? anyOf[0] : { anyOf };
  }
  if (type.isStringLiteral()) return { const: type.value };
  if (type.isNumberLiteral()) return { const: type.value };
  if (type.flags & F.BooleanLiteral)
    return { const: checker.typeToString(type) === "true" };
  if (type.flags & F.String) return { type: "string" };
  if (type.flags & F.Number) return { type: "number" };
  if (type.flags & F.Boolean) return { type: "boolean" };
  if (type.flags & F.Null) return { type: "null" };
  if (checker.isArrayType(type))
    return {
      type: "array",
      items: sub(checker.getTypeArguments(type)[0]),
    };
  const name = type.symbol?.name;
  if (INSTANCES.has(name)) return { instanceof: name };
  if (type.flags & F.Object) {
    if (seen.includes(type))
      throw new Error(`recursive type ${checker.typeToString(type)}`);
    if (checker.getSignaturesOfType(type, ts.SignatureKind.Call).length > 0)
      throw new Error(`a function type in data: ${checker.typeToString(type)}`);
    const properties = {};
    const required = [];
    for (const prop of checker.getPropertiesOfType(type)) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      // Members inherited from the platform (Error's message, stack, ...) are
      // not this module's data.
      if (isPlatform(decl)) continue;
      const optional = Boolean(prop.flags & ts.SymbolFlags.Optional);
      properties[prop.name] = sub(
        checker.getTypeOfSymbolAtLocation(prop, decl),
      );
      if (!optional) required.push(prop.name);
    }
    return {
      type: "object",
      properties,
      required,
      additionalProperties: false,
    };
  }
  throw new Error(
    `no JSON Schema for ${checker.typeToString(type)} (flags ${type.flags})`,
  );
}
