// Opening the database: runs the upgrade steps, turns a blocked upgrade into an error instead of
// a hang, and closes this connection when another tab upgrades.
import { StorageError } from '../errors.js';
import { DB_VERSION, UPGRADES } from './schema.js';

function defaultFactory() {
  if (typeof indexedDB === 'undefined') {
    throw new StorageError('IndexedDB is not available here: pass { indexedDB } (in Node, import "fake-indexeddb/auto")');
  }
  return indexedDB;
}

/**
 * Opens `name` at `version` (the current one by default), upgrading step by step.
 * @param {{name: string, version?: number, indexedDB?: IDBFactory, onVersionChange?: () => void}} options
 */
export async function openDatabase({ name, version = DB_VERSION, indexedDB: factory, onVersionChange }) {
  if (typeof name !== 'string' || name === '') throw new StorageError('the database needs a name');
  // idb loads with the first store, so pages and workers that only validate never fetch it.
  const { wrap } = await import('idb');
  let request;
  try {
    request = (factory ?? defaultFactory()).open(name, version);
  } catch (error) {  // e.g. SecurityError where storage is disabled
    if (error instanceof StorageError) throw error;
    throw new StorageError(`cannot open database '${name}': ${error?.message || error?.name || String(error)}`, { cause: error });
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error) => {
      if (settled) return;
      settled = true;
      reject(error instanceof StorageError ? error : new StorageError(`cannot open database '${name}': ${error?.message || error?.name || String(error)}`, { cause: error }));
    };
    request.onupgradeneeded = (event) => {
      if (settled) {  // we already reported this open as blocked: do not upgrade behind its back
        request.transaction.abort();
        return;
      }
      const db = wrap(request.result);
      const transaction = wrap(request.transaction);
      transaction.done.catch(() => {});  // an aborted upgrade is reported through the request
      const steps = UPGRADES.slice(event.oldVersion, version);
      // Chained so each step only awaits IndexedDB; an error aborts the versionchange.
      steps.reduce((previous, step) => previous.then(() => step(db, transaction)), Promise.resolve())
        .catch((error) => {
          try { request.transaction.abort(); } catch { /* already finished */ }
          fail(error);
        });
    };
    request.onblocked = () => {
      fail(new StorageError(`upgrading database '${name}' is blocked: another tab keeps an older version open`));
    };
    request.onerror = () => fail(request.error);
    request.onsuccess = () => {
      const db = request.result;
      if (settled) {  // a blocked open that went through later: nobody is waiting for it
        db.close();
        return;
      }
      settled = true;
      db.onversionchange = () => {
        db.close();
        onVersionChange?.();
      };
      resolve(wrap(db));
    };
  });
}
