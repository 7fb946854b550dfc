// Opening the database: runs the upgrade steps, turns a blocked upgrade into an error instead of
// a hang, and closes this connection when another tab upgrades.
import { StorageError } from '../errors.js';
import { DB_VERSION, UPGRADES } from './schema.js';

// idb reads IndexedDB's classes from the globals (its wrap() tests `instanceof IDBRequest`, ...),
// so a factory alone is not enough: without them every open fails opaquely ("A request was
// aborted"). The store refuses up front instead, saying what is missing.
const CLASSES_IDB_NEEDS = ['IDBRequest', 'IDBDatabase', 'IDBTransaction', 'IDBObjectStore', 'IDBIndex', 'IDBCursor'];
const HOW_TO_FIX = "in Node, import 'fake-indexeddb/auto' before opening the store (it installs the classes) " +
  "and pass that same fake-indexeddb's factory (or none)";

function checkGlobalClasses() {
  const missing = CLASSES_IDB_NEEDS.filter((name) => typeof globalThis[name] !== 'function');
  if (missing.length > 0) {
    throw new StorageError(`the IndexedDB classes are not globals here (missing ${missing.join(', ')}): ` +
      `the store's idb library reads them from the globals, a factory alone does not bring them; ${HOW_TO_FIX}`);
  }
}

// A factory from another IndexedDB implementation than the globals' (a second copy of
// fake-indexeddb, a fake in a browser): idb would not recognise its objects. Its open is undone.
function refuseForeignRequest(request) {
  request.onupgradeneeded = () => request.transaction.abort();
  request.onsuccess = () => request.result.close();
  request.onerror = (event) => event.preventDefault?.();
  request.onblocked = null;
  throw new StorageError('the indexedDB factory given is not of the IndexedDB implementation whose classes are ' +
    `the globals here (its requests are not instances of the global IDBRequest); ${HOW_TO_FIX}`);
}

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
  const source = factory ?? defaultFactory();
  checkGlobalClasses();
  const { wrap } = await import('idb');
  let request;
  try {
    request = source.open(name, version);
  } catch (error) {  // e.g. SecurityError where storage is disabled
    throw new StorageError(`cannot open database '${name}': ${error?.message || error?.name || String(error)}`, { cause: error });
  }
  if (!(request instanceof globalThis.IDBRequest)) refuseForeignRequest(request);
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
