// The browser out of space: a QuotaExceededError on any store write (by its request, by its
// transaction's abort or at its commit) is StorageFullError (`storage_full`, a StorageError and
// an ArtifactsError), nothing of the write is stored, and the store works right after. And
// persist()/estimate(): what the browser says, or supported false where it cannot say.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  init, ArtifactsError, StorageError, StorageFullError, exportProject, importProject, regenerate,
} from 'cofounder-artifacts';
import { RunnerFake, SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { quotaExceeded } from './support/faulty-indexeddb.js';
import { dump, environment, generated, P, scenario } from './support/backup.js';

before(() => init());

function isStorageFull(error) {
  assert.ok(error instanceof StorageFullError, `${error?.name}: ${error?.message}`);
  assert.ok(error instanceof StorageError);
  assert.ok(error instanceof ArtifactsError);
  assert.equal(error.name, 'StorageFullError');
  assert.equal(error.code, 'storage_full');
  assert.equal(error.cause?.name, 'QuotaExceededError');
  assert.match(error.message, /storage space in the browser is full/);
  return true;
}

const WRITES = {
  'an edit': {
    run: (store) => store.editSection(P, 'brief', 'target_user', 'Market stalls.'),
    check: async (store) => assert.equal((await store.getByType(P, 'brief')).current_content.target_user, 'Market stalls.'),
  },
  'a note': {
    run: (store) => store.annotate(P, 'mvp_scope', 'success_metrics', 'Weekly.'),
    check: async (store) => assert.equal((await store.getByType(P, 'mvp_scope')).annotations.length, 2),
  },
  'the completion of a generation': {
    run: async (store, env) => {
      env.lease ??= await store.beginGeneration(P, 'how_it_works');
      return store.completeGeneration(P, 'how_it_works', SAMPLE_PLAN.how_it_works, { lease: env.lease });
    },
    check: async (store) => assert.equal((await store.getByType(P, 'how_it_works')).version_number, 1),
  },
  'an import': {
    run: (store, env) => importProject(store, env.backup, { mode: 'replace' }),
    check: async (store, env) => assert.equal((await store.listProject(P)).length, env.backup.records.length),
  },
};

const QUOTA = {
  'on the put': (faults) => faults.failNext('put', quotaExceeded()),
  'when the transaction aborts': (faults) => faults.abortAfter(1, { error: quotaExceeded() }),
  'at the commit': (faults) => faults.failCommit(quotaExceeded()),
};

for (const [writeName, write] of Object.entries(WRITES)) {
  test(`${writeName}: a quota error ${Object.keys(QUOTA).join(', ')} is StorageFullError; nothing is half-written; then it succeeds`, async () => {
    for (const [when, arm] of Object.entries(QUOTA)) {
      const env = await environment();
      await scenario(env);
      env.backup = await exportProject(env.store, P);
      if (writeName === 'the completion of a generation') env.lease = await env.store.beginGeneration(P, 'how_it_works');
      const before = await dump(env);
      const changes = [];
      env.store.subscribe((change) => changes.push(change));
      arm(env.faults);
      await assert.rejects(write.run(env.store, env), isStorageFull, `${writeName}, ${when}`);
      assert.equal(env.faults.armed, 0, `${when}: the fault fired`);
      assert.deepEqual(await dump(env), before, `${writeName}, ${when}: half-written`);
      assert.deepEqual(changes, []);
      await write.run(env.store, env);
      await write.check(env.store, env);
      env.store.close();
    }
  });
}

test('regenerate: the completing write out of space fails the generation with StorageFullError; the old version stays', async () => {
  const env = await environment();
  await generated(env.store, P, 'brief');
  const [stored] = (await dump(env)).records;
  env.faults.failCommit(quotaExceeded(), { when: (record) => record.version_number === 2 });
  await assert.rejects(regenerate(env.store, new RunnerFake(), { projectId: P, type: 'brief' }), isStorageFull);
  const record = await env.store.getByType(P, 'brief');
  assert.equal(record.version_number, 1);
  assert.deepEqual(record.current_content, stored.current_content);
  assert.match(record.generation_error, /storage space in the browser is full/);
  await regenerate(env.store, new RunnerFake(), { projectId: P, type: 'brief' });
  assert.equal((await env.store.getByType(P, 'brief')).version_number, 2);
  env.store.close();
});

test('persist() and estimate() in Node, without navigator.storage: supported false, no throw', async () => {
  const env = await environment();
  assert.equal(globalThis.navigator?.storage, undefined);
  assert.deepEqual(await env.store.persist(), { persisted: false, supported: false });
  assert.deepEqual(await env.store.estimate(), { usage: null, quota: null, persisted: null, supported: false });
  env.store.close();
});

test('persist() and estimate() report what navigator.storage says, and survive its failures', async () => {
  const env = await environment();
  const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  const calls = [];
  const storage = {
    persist: async () => { calls.push('persist'); return true; },
    persisted: async () => true,
    estimate: async () => ({ usage: 1_250_000, quota: 2_000_000_000 }),
  };
  Object.defineProperty(globalThis, 'navigator', { value: { storage }, configurable: true, writable: true });
  try {
    assert.deepEqual(await env.store.persist(), { persisted: true, supported: true });
    assert.deepEqual(calls, ['persist']);
    assert.deepEqual(await env.store.estimate(), { usage: 1_250_000, quota: 2_000_000_000, persisted: true, supported: true });
    storage.persist = async () => false;
    storage.persisted = async () => false;
    assert.deepEqual(await env.store.persist(), { persisted: false, supported: true });
    assert.equal((await env.store.estimate()).persisted, false);
    storage.persist = async () => { throw new DOMException('denied', 'NotAllowedError'); };
    storage.estimate = async () => { throw new TypeError('no'); };
    assert.deepEqual(await env.store.persist(), { persisted: false, supported: true });
    assert.deepEqual(await env.store.estimate(), { usage: null, quota: null, persisted: null, supported: false });
  } finally {
    if (had) Object.defineProperty(globalThis, 'navigator', had);
    else delete globalThis.navigator;
    env.store.close();
  }
});
