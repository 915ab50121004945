// Request validation driven by the contract, server/openapi.yaml: its schemas
// are compiled by ajv (JSON Schema 2020-12, strict mode) at start, so changing
// the contract changes what the server accepts, and a keyword ajv does not
// know (a typo, say) stops the server rather than being silently ignored.
// Every schema of the contract is compiled, responses' included, so the whole
// contract is held to strict mode. The wasm module stays the judge of IDs and
// certificates; this file only turns ajv's verdicts into the API's errors.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import YAML from "yaml";
import { HttpError, invalidFieldCode } from "./errors.js";

export const CONTRACT_FILE = fileURLToPath(
  new URL("./openapi.yaml", import.meta.url),
);

const CONTRACT_ID = "openapi.yaml";
// The contract's own annotation: the message shown when a value fails its schema.
const INVALID_MESSAGE = "x-invalid-message";

/** Reads the contract; returns validators for request bodies and path parameters. */
export function loadContract(file = CONTRACT_FILE) {
  const spec = YAML.parse(readFileSync(file, "utf8"));
  const ajv = new Ajv2020({
    strict: true,
    allowUnionTypes: true, // type: [string, "null"]
    allErrors: false, // stop at the first error: lengths are checked before patterns
    verbose: true, // errors carry their schema (for x-invalid-message)
  });
  addFormats(ajv);
  ajv.addKeyword({ keyword: INVALID_MESSAGE, schemaType: "string" });
  ajv.addSchema({
    $id: CONTRACT_ID,
    $defs: toDefs(spec.components?.schemas ?? {}),
  });
  const compile = (schema) => ajv.compile(toDefs(schema));
  const resolve = (node) =>
    node?.$ref ? resolve(pointer(spec, node.$ref)) : node;

  const bodies = new Map();
  for (const item of Object.values(spec.paths))
    for (const operation of Object.values(item)) {
      if (!operation?.operationId) continue;
      const requestBody = resolve(operation.requestBody);
      const schema = requestBody?.content?.["application/json"]?.schema;
      if (schema)
        bodies.set(operation.operationId, {
          schema,
          validate: compile(schema),
          optional: requestBody.required !== true,
        });
    }
  const parameters = new Map(
    Object.entries(spec.components?.parameters ?? {}).map(
      ([name, parameter]) => [name, compile(resolve(parameter).schema)],
    ),
  );
  let stateFile; // compiled when first needed (an upgrade)
  return {
    /**
     * What is wrong with the contents of a state.json (the JSON store's
     * file), as "where: what"; undefined if each organisation, integration,
     * certificate and history entry is what the API may serve.
     */
    stateFileProblem(state) {
      stateFile ??= compile(stateFileSchema(spec.components.schemas));
      if (stateFile(state)) return undefined;
      const [error] = stateFile.errors;
      return `${error.instancePath || "the file"} ${error.message}`;
    },
    /** Whether `operationId` may be sent without a body. */
    bodyIsOptional: (operationId) => bodies.get(operationId)?.optional ?? true,
    /** Throws HttpError (400/422) unless `body` matches the operation's schema. */
    checkBody(operationId, body) {
      const entry = bodies.get(operationId);
      if (!entry)
        throw new Error(`The contract has no body for ${operationId}.`);
      if (body === null || typeof body !== "object" || Array.isArray(body))
        throw new HttpError(
          400,
          "invalid_body",
          "The request body must be a JSON object.",
        );
      if (!entry.validate(body)) throw refusal(entry.validate.errors[0]);
      const at = unpairedSurrogate(body);
      if (at) {
        const schema = at.reduce(
          (node, part) => resolve(node?.properties?.[part] ?? node?.items),
          resolve(entry.schema),
        );
        throw refusal({
          keyword: "unpaired surrogate",
          instancePath: at.map((part) => `/${part}`).join(""),
          parentSchema: schema ?? {},
        });
      }
    },
    /** Whether `value` matches the schema of components.parameters[name]. */
    parameterMatches(name, value) {
      const validate = parameters.get(name);
      if (!validate) throw new Error(`The contract has no parameter ${name}.`);
      return validate(value);
    },
  };
}

// The JSON store's state.json: the organisations as the API serves them, each
// integration with its history. (Names are not held to today's rule for new
// ones: what a user saved under an older rule is kept as saved.)
function stateFileSchema(schemas) {
  const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
  const integration = schemas.Integration;
  return {
    type: "object",
    required: ["format", "organisations"],
    properties: {
      format: { type: "string" }, // (its value is checked by the importer)
      organisations: {
        type: "array",
        items: {
          type: "object",
          required: ["id", "name", "createdAt", "integration"],
          properties: {
            id: schemas.Organisation.properties.id,
            name: schemas.Organisation.properties.name,
            createdAt: ref("Timestamp"),
            integration: {
              oneOf: [
                { type: "null" },
                {
                  type: "object",
                  // (The JSON store predates pending certificates.)
                  required: integration.required.filter(
                    (name) => name !== "pendingCertificate",
                  ),
                  properties: {
                    ...integration.properties,
                    history: { type: "array", items: ref("HistoryEntry") },
                  },
                },
              ],
            },
          },
        },
      },
    },
  };
}

// The contract's "#/components/schemas/X" becomes "openapi.yaml#/$defs/X",
// so that every schema can refer to the others from one added document.
function toDefs(schema) {
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    key === "$ref" && typeof value === "string"
      ? value.replace(/^#\/components\/schemas\//, `${CONTRACT_ID}#/$defs/`)
      : value,
  );
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

// One ajv error as the API's error: unknown_field, missing_field,
// invalid_type, or invalid_<field> (with the schema's x-invalid-message).
// Nested fields are named by their path, e.g. "integration.accountId".
function refusal(error) {
  const at = error.instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  const name = (parts) => parts.join(".").slice(0, 64);
  if (error.keyword === "additionalProperties") {
    const field = name([...at, error.params.additionalProperty]);
    const expected = Object.keys(error.parentSchema.properties ?? {});
    return new HttpError(
      422,
      "unknown_field",
      `Unknown field ${JSON.stringify(field)}; expected ${expected.length ? expected.join(", ") : "none"}.`,
      { field },
    );
  }
  if (error.keyword === "required") {
    const field = name([...at, error.params.missingProperty]);
    return new HttpError(
      422,
      "missing_field",
      `The field ${field} is required.`,
      { field },
    );
  }
  const field = name(at);
  if (at.length === 0)
    return new HttpError(
      400,
      "invalid_body",
      "The request body does not match the contract.",
    );
  if (error.keyword === "type")
    return new HttpError(
      422,
      "invalid_type",
      `The field ${field} must be ${[error.schema]
        .flat()
        .map((type) => (type === "null" ? "null" : article(type)))
        .join(" or ")}.`,
      { field },
    );
  const leaf = at.findLast((part) => !/^\d+$/.test(part)) ?? "body";
  return new HttpError(
    422,
    invalidFieldCode(leaf.replace(/[^A-Za-z0-9_]/g, "_")),
    error.parentSchema[INVALID_MESSAGE] ??
      `The field ${field} does not match the contract (${error.keyword}).`,
    { field },
  );
}

// JSON Schema counts code points and cannot tell a lone surrogate from a
// character; the store and the module need well-formed text. Returns the path
// of the first string (or key) that is not, or undefined.
function unpairedSurrogate(value) {
  const pending = [[value, []]];
  while (pending.length > 0) {
    const [item, at] = pending.pop();
    if (typeof item === "string") {
      if (!item.isWellFormed()) return at;
    } else if (item !== null && typeof item === "object") {
      for (const [key, member] of Object.entries(item)) {
        if (!key.isWellFormed()) return at;
        pending.push([member, [...at, key]]);
      }
    }
  }
  return undefined;
}

function article(type) {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
