// Keeps a non-extractable signing key per organisation in IndexedDB. The browser
// can sign with it; nobody (not even this page) can read the key bytes back out.
const DB_NAME = "netsuite-m2m";
const STORE = "keys";

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () =>
      request.result.createObjectStore(STORE, { keyPath: "orgId" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transact(mode, work) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request?.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Stores `{orgId, cryptoKey, keyType, fingerprintSha256, notAfter, savedAt}`. */
export function keepKey(record) {
  return transact("readwrite", (store) =>
    store.put({ ...record, savedAt: new Date().toISOString() }),
  );
}

export async function keptKey(orgId) {
  try {
    return (await transact("readonly", (store) => store.get(orgId))) ?? null;
  } catch {
    return null;
  }
}

export function forgetKey(orgId) {
  return transact("readwrite", (store) => store.delete(orgId));
}
