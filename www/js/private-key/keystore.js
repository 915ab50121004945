// Keeps a non-extractable signing key per organisation in IndexedDB. The browser
// can sign with it; nobody (not even this page) can read the key bytes back out.
// Every failure is a StorageError with a code, so the page can say what went wrong.
const DB_NAME = "netsuite-m2m";
const STORE = "keys";

export class StorageError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "StorageError";
    this.code = code;
  }
}

/** The browser's DOMException names, as a code and a sentence a person can act on. */
function storageError(cause) {
  if (cause instanceof StorageError) return cause;
  switch (cause?.name) {
    case "QuotaExceededError":
      return new StorageError(
        "storage_full",
        "The browser's storage for this site is full. Free some space (site data), then try again.",
      );
    case "SecurityError":
    case "InvalidAccessError":
      return new StorageError(
        "storage_blocked",
        "This browser does not let the page store data (private window or site data blocked).",
      );
    case "DataCloneError":
      return new StorageError(
        "storage_key_not_storable",
        "This browser cannot store a signing key.",
      );
    case "VersionError":
      return new StorageError(
        "storage_version",
        "The stored keys were written by a newer version of this page. Reload it.",
      );
    default:
      return new StorageError(
        "storage_failed",
        `The browser's storage failed${cause?.message ? `: ${cause.message}` : "."}`,
      );
  }
}

function openDb() {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === "undefined") {
      reject(
        new StorageError(
          "storage_unavailable",
          "This browser has no IndexedDB storage.",
        ),
      );
      return;
    }
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () =>
      request.result.createObjectStore(STORE, { keyPath: "orgId" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () =>
      reject(
        new StorageError(
          "storage_blocked",
          "Another tab of this page holds the key store open. Close it, then try again.",
        ),
      );
  });
}

async function transact(mode, work) {
  let db;
  try {
    db = await openDb();
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request?.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } catch (error) {
    throw storageError(error);
  } finally {
    db?.close();
  }
}

/** Stores `{orgId, cryptoKey, keyType, fingerprintSha256, notAfter, savedAt}`. */
export function keepKey(record) {
  return transact("readwrite", (store) =>
    store.put({ ...record, savedAt: new Date().toISOString() }),
  );
}

/** The kept key of an organisation, or null; throws a StorageError on failure. */
export async function keptKey(orgId) {
  return (await transact("readonly", (store) => store.get(orgId))) ?? null;
}

export function forgetKey(orgId) {
  return transact("readwrite", (store) => store.delete(orgId));
}
