// Request validation driven by the contract, server/openapi.yaml: each
// operation's request body schema and the path parameters' schemas are read
// from it at start, so changing the contract changes what the server accepts.
// It implements the JSON Schema keywords the contract uses for requests, and
// refuses to start on any other (a keyword silently ignored would be a check
// silently dropped). The wasm module stays the judge of IDs and certificates.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { HttpError, invalidFieldCode } from "./errors.js";

export const CONTRACT_FILE = fileURLToPath(
  new URL("./openapi.yaml", import.meta.url),
);

const CHECKED = [
  "type",
  "properties",
  "required",
  "additionalProperties",
  "minLength",
  "maxLength",
  "pattern",
  "enum",
];
const ANNOTATIONS = ["description", "examples", "title", "x-invalid-message"];

/** Reads the contract; returns validators for request bodies and path parameters. */
export function loadContract(file = CONTRACT_FILE) {
  const spec = YAML.parse(readFileSync(file, "utf8"));
  const resolve = (node) =>
    node?.$ref ? resolve(pointer(spec, node.$ref)) : node;
  const bodies = new Map();
  for (const item of Object.values(spec.paths))
    for (const operation of Object.values(item)) {
      if (!operation?.operationId) continue;
      const requestBody = resolve(operation.requestBody);
      const schema = resolve(
        requestBody?.content?.["application/json"]?.schema,
      );
      if (schema)
        bodies.set(operation.operationId, {
          schema: compile(schema, resolve),
          optional: requestBody.required !== true,
        });
    }
  const parameters = new Map(
    Object.entries(spec.components?.parameters ?? {}).map(
      ([name, parameter]) => [
        name,
        compile(resolve(parameter).schema, resolve),
      ],
    ),
  );
  return {
    /** Whether `operationId` may be sent without a body. */
    bodyIsOptional: (operationId) => bodies.get(operationId)?.optional ?? true,
    /** Throws HttpError (400/422) unless `body` matches the operation's schema. */
    checkBody(operationId, body) {
      const entry = bodies.get(operationId);
      if (!entry)
        throw new Error(`The contract has no body for ${operationId}.`);
      checkObject(entry.schema, body);
    },
    /** Whether `value` matches the schema of components.parameters[name]. */
    parameterMatches(name, value) {
      const schema = parameters.get(name);
      if (!schema) throw new Error(`The contract has no parameter ${name}.`);
      return fieldError(schema, value) === undefined;
    },
  };
}

function pointer(spec, ref) {
  if (!ref.startsWith("#/")) throw new Error(`Unsupported $ref ${ref}.`);
  return ref
    .slice(2)
    .split("/")
    .reduce(
      (node, key) => node[key.replace(/~1/g, "/").replace(/~0/g, "~")],
      spec,
    );
}

// Resolves $refs, checks that every keyword is one this file implements, and
// compiles patterns once.
function compile(schema, resolve) {
  schema = resolve(schema);
  for (const keyword of Object.keys(schema))
    if (!CHECKED.includes(keyword) && !ANNOTATIONS.includes(keyword))
      throw new Error(
        `server/validate.js does not implement the keyword ${keyword} used in the contract.`,
      );
  const compiled = { ...schema };
  if (schema.pattern) compiled.regex = new RegExp(schema.pattern, "u");
  if (schema.properties)
    compiled.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, property]) => [
        name,
        compile(property, resolve),
      ]),
    );
  return compiled;
}

function checkObject(schema, body) {
  if (typeOf(body) !== "object")
    throw new HttpError(
      400,
      "invalid_body",
      "The request body must be a JSON object.",
    );
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const expected = Object.keys(properties);
  if (schema.additionalProperties === false)
    for (const field of Object.keys(body))
      if (!Object.hasOwn(properties, field))
        throw new HttpError(
          422,
          "unknown_field",
          `Unknown field ${JSON.stringify(field.slice(0, 64))}; expected ${expected.length ? expected.join(", ") : "none"}.`,
          { field: field.slice(0, 64) },
        );
  for (const field of expected) {
    if (body[field] === undefined) {
      if (required.includes(field))
        throw new HttpError(
          422,
          "missing_field",
          `The field ${field} is required.`,
          { field },
        );
      continue;
    }
    const error = fieldError(properties[field], body[field]);
    if (error === "type")
      throw new HttpError(
        422,
        "invalid_type",
        `The field ${field} must be ${article(properties[field].type)}.`,
        { field },
      );
    if (error)
      throw new HttpError(
        422,
        invalidFieldCode(field),
        properties[field]["x-invalid-message"] ??
          `The field ${field} does not match the contract (${error}).`,
        { field },
      );
  }
}

// The first keyword `value` fails ("type" first), or undefined.
function fieldError(schema, value) {
  const type = typeOf(value);
  if (
    schema.type &&
    type !== schema.type &&
    !(schema.type === "number" && type === "integer")
  )
    return "type";
  if (schema.enum && !schema.enum.includes(value)) return "enum";
  if (typeof value !== "string") return undefined;
  if (!value.isWellFormed()) return "unpaired surrogate";
  // Lengths count code points (JSON Schema), and are checked before the
  // pattern so that no pattern ever runs on an overlong string.
  const length = codePoints(value, schema.maxLength);
  if (schema.minLength !== undefined && length < schema.minLength)
    return "minLength";
  if (schema.maxLength !== undefined && length > schema.maxLength)
    return "maxLength";
  if (schema.regex && !schema.regex.test(value)) return "pattern";
  return undefined;
}

// Counts code points, stopping early once past `limit`.
function codePoints(text, limit = Infinity) {
  let count = 0;
  for (let i = 0; i < text.length && count <= limit; i++, count++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return count;
}

function typeOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  return typeof value;
}

function article(type) {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
