// An IndexedDB factory over fake-indexeddb that fails on demand, the way browsers fail: a request
// that errors (QuotaExceededError on a put) aborts its transaction and rolls back everything the
// transaction wrote; a transaction aborted in the middle; a commit that fails at the end. Pass
// `indexedDB` to ArtifactStore.open({ name, indexedDB }).
//
//   const { indexedDB, faults } = faultyIndexedDB();
//   faults.failNext('put', new DOMException('quota', 'QuotaExceededError'));
//   faults.failNext('put', error, { when: (record) => record.artifact_type === 'brief' });
//   faults.abortAfter(1);                 // the next readwrite transaction, at its 2nd request
//   faults.failCommit(error);             // the next readwrite transaction fails to commit
//   faults.failCommit(error, { when });   // ...the next one that puts a record matching `when`
//   faults.failAlways('put', error, { when });  // until faults.reset()
//
// Methods are matched by name on object stores and indexes (put, add, delete, get, getAll,
// getKey, getAllKeys, count, openCursor, openKeyCursor, clear); `when` receives the request's
// arguments. Faults are armed on connections this factory opened, outside upgrades.
//
// It reaches into fake-indexeddb's transaction internals (_execRequestAsync, _start, _abort,
// _requests, _state) to fail a request and a commit exactly as the specification's steps do; the
// self-test in storage-faults.test.js pins that against the installed version.
// idb needs the IndexedDB globals (IDBRequest, IDBTransaction, ...): fake-indexeddb/auto.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';

const METHODS = ['put', 'add', 'delete', 'get', 'getAll', 'getKey', 'getAllKeys', 'count', 'openCursor',
  'openKeyCursor', 'clear'];

export function faultyIndexedDB(base = new IDBFactory()) {
  let requestFaults = [];   // {method, error, when, always}
  let aborts = [];          // {after, error}
  let commits = [];         // {error, when}
  const log = [];           // every request seen: {method, mode, failed?}

  const faults = {
    failNext(method, error, { when } = {}) { requestFaults.push({ method, error, when, always: false }); return faults; },
    failAlways(method, error, { when } = {}) { requestFaults.push({ method, error, when, always: true }); return faults; },
    abortAfter(after, { error } = {}) { aborts.push({ after, error }); return faults; },
    failCommit(error, { when } = {}) { commits.push({ error, when }); return faults; },
    reset() { requestFaults = []; aborts = []; commits = []; return faults; },
    get armed() { return requestFaults.length + aborts.length + commits.length; },
    log,
  };

  function takeRequestFault(method, args) {
    const index = requestFaults.findIndex((f) => f.method === method && (!f.when || f.when(...args)));
    if (index < 0) return null;
    const fault = requestFaults[index];
    if (!fault.always) requestFaults.splice(index, 1);
    return fault;
  }

  // Fails the transaction's commit (its last request is done, nothing more was asked): the
  // specification's "abort a transaction" with the error, which rolls back every write.
  function armCommit(tx, state, error) {
    state.commitError = error;
    if (state.startWrapped) return;
    state.startWrapped = true;
    const start = tx._start;
    tx._start = function startOrFail() {
      const idle = this._requests.every((r) => r.request.readyState === 'done');
      if (state.commitError && this._state !== 'finished' && this._started && idle) {
        const { name } = state.commitError;
        state.commitError = null;
        this._abort(name);
        return undefined;
      }
      return start.call(this);
    };
  }

  function intercept(tx, state, method, source, args, call) {
    state.requests += 1;
    const record = { method, mode: tx.mode };
    log.push(record);
    if (state.upgrade) return call();
    const fault = takeRequestFault(method, args);
    if (fault) {
      record.failed = fault.error.name;
      // A request whose operation throws: its error event, then (not prevented) the transaction
      // aborts with that error and rolls back.
      return tx._execRequestAsync({ source, operation: () => { throw fault.error; } });
    }
    if (tx.mode === 'readwrite' && (method === 'put' || method === 'add')) {
      const commit = commits.findIndex((c) => c.when && c.when(...args));
      if (commit >= 0) armCommit(tx, state, commits.splice(commit, 1)[0].error);
    }
    const request = call();
    if (state.abortAfter !== null && state.requests > state.abortAfter) {
      record.failed = 'abort';
      const { error } = state;
      state.abortAfter = null;
      if (error) tx._abort(error.name);
      else tx.abort();
    }
    return request;
  }

  function patchSource(source, tx, state) {
    if (source.__faulty) return source;
    Object.defineProperty(source, '__faulty', { value: true });
    for (const method of METHODS) {
      const original = source[method];
      if (typeof original !== 'function') continue;
      source[method] = function faulty(...args) {
        return intercept(tx, state, method, this, args, () => original.apply(this, args));
      };
    }
    if (typeof source.index === 'function') {
      const index = source.index;
      source.index = function faultyIndex(name) {
        return patchSource(index.call(this, name), tx, state);
      };
    }
    return source;
  }

  function patchTransaction(tx, upgrade = false) {
    const state = { requests: 0, abortAfter: null, error: null, upgrade, commitError: null, startWrapped: false };
    if (!upgrade && tx.mode === 'readwrite') {
      if (aborts.length) Object.assign(state, { abortAfter: aborts[0].after, error: aborts.shift().error ?? null });
      const commit = commits.findIndex((c) => !c.when);
      if (commit >= 0) armCommit(tx, state, commits.splice(commit, 1)[0].error);
    }
    const objectStore = tx.objectStore;
    tx.objectStore = function faultyObjectStore(name) {
      return patchSource(objectStore.call(this, name), tx, state);
    };
    return tx;
  }

  function patchDatabase(db) {
    const transaction = db.transaction;
    db.transaction = function faultyTransaction(...args) {
      return patchTransaction(transaction.apply(this, args));
    };
  }

  const indexedDB = {
    open(name, version) {
      const request = version === undefined ? base.open(name) : base.open(name, version);
      request.addEventListener('upgradeneeded', () => patchTransaction(request.transaction, true));
      request.addEventListener('success', () => patchDatabase(request.result));
      return request;
    },
    deleteDatabase: (name) => base.deleteDatabase(name),
    databases: () => base.databases(),
    cmp: (a, b) => base.cmp(a, b),
  };
  return { indexedDB, faults, base };
}

/** A browser's quota error. */
export const quotaExceeded = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
