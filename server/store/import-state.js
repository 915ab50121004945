// The upgrade from the JSON store (state.json, "format": "netsuite-m2m/1"):
// on the first start over such a directory every organisation, integration,
// certificate and history entry is copied into the database, in the same
// transaction that creates the schema; then the file is renamed so that it is
// kept as a backup. Nothing a user saved may be lost by upgrading.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync } from "node:fs";
import path from "node:path";
import { scanJson } from "../json.js";
import { containsPrivateKey } from "../private-key.js";
import { loadContract } from "../validate.js";

export const STATE_FILE = "state.json";
const FORMAT = "netsuite-m2m/1";
const IMPORTED_KEY = "imported_state_sha256";

/** Reads DIR/state.json: { file, state, sha256 }, or undefined if there is none. */
export function readStateFile(dir) {
  const file = path.join(dir, STATE_FILE);
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return undefined;
    throw error;
  }
  let state;
  try {
    state = JSON.parse(text);
  } catch (cause) {
    throw new Error(`${file} is not valid JSON; refusing to start.`, {
      cause,
    });
  }
  if (state?.format !== FORMAT || !Array.isArray(state.organisations))
    throw new Error(
      `${file} is not a ${FORMAT} state file; refusing to start.`,
    );
  const sha256 = createHash("sha256").update(text).digest("hex");
  return { file, text, state, sha256 };
}

/**
 * Copies everything in `state` into an empty database (inside its
 * transaction). The file goes through the same checks as a request body
 * first: no private key material anywhere (duplicate keys included), and
 * data the contract allows; otherwise it throws and nothing is imported.
 */
export function importState(queries, { file, text, state, sha256 }) {
  if (containsPrivateKey(state) || containsPrivateKey(scanJson(text).strings))
    throw new Error(
      `${file} contains private key material, which this server never stores; remove it from the file, then start again. Nothing was imported.`,
    );
  const problem = loadContract().stateFileProblem(state);
  if (problem)
    throw new Error(
      `${file} does not match the contract (server/openapi.yaml): ${problem}. Correct the file, then start again. Nothing was imported.`,
    );
  for (const org of state.organisations) {
    queries.insertOrganisation(org);
    const integration = org.integration;
    if (!integration) continue;
    queries.saveIntegration(org.id, {
      ...integration,
      certificate: integration.certificate && {
        ...integration.certificate,
        keyType: integration.certificate.keyType ?? null,
      },
    });
    for (const entry of integration.history ?? [])
      queries.addHistory(org.id, {
        ...entry,
        keyType: entry.keyType ?? null,
        previousCertificateId: entry.previousCertificateId ?? null,
      });
  }
  queries.setMeta(IMPORTED_KEY, sha256);
}

/**
 * A state.json beside an initialised database must be the one imported
 * (a start that stopped before renaming it); anything else is refused
 * rather than ignored.
 */
export function checkAlreadyImported(queries, found) {
  if (queries.meta(IMPORTED_KEY) !== found.sha256)
    throw new Error(
      `${found.file} was not imported into the database beside it; move one of them away, then start again.`,
    );
}

/** Renames state.json to a free backup name; returns that name (undefined if another process did it). */
export function keepAsBackup(dir) {
  const file = path.join(dir, STATE_FILE);
  for (let n = 1; ; n++) {
    const backup = `${file}.imported${n === 1 ? "" : `.${n}`}`;
    if (existsSync(backup)) continue;
    try {
      renameSync(file, backup);
      return backup;
    } catch (error) {
      if (error.code === "ENOENT") return undefined;
      throw error;
    }
  }
}
