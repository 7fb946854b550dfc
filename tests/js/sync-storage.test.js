// Storage failing under the sync client (faulty IndexedDB): a failed write leaves the outbox and
// the record as they were, and the next flush repeats the request under the same key, so the
// backend applies it once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArtifactStore, init, OutboxState } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { environment } from './support/store.js';
import { faultyIndexedDB, quotaExceeded } from './support/faulty-indexeddb.js';
import { backend, call, drain, duplicateApplies, projectWith, requestsWithKey, sleep, startSync } from './support/sync.js';

await init();
const server = backend();

// A fetch that holds every write after the first `free` ones until release(): the client's
// immediate retry waits while the test looks at the state the failure left.
function gatedFetch(free) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  const gated = async (url, init) => {
    if (init.method !== 'GET' && ++gated.writes > free) await released;
    return globalThis.fetch(url, init);
  };
  return Object.assign(gated, { writes: 0, release });
}

async function faultyStore() {
  const env = environment();
  const { indexedDB, faults } = faultyIndexedDB();
  const store = await ArtifactStore.open({ name: env.name, indexedDB, clock: () => env.clock.now });
  return { store, faults };
}

test('an acknowledgement that fails to commit leaves the entry and the record; the next flush is a replay', async () => {
  const { store, faults } = await faultyStore();
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store);
  await drain(sync, store);
  await sync.stop();
  await store.annotate(projectId, 'brief', 'target_user', 'call the three pilot shops');
  const [note] = await store.outbox();
  const before = await store.get(record.id);
  // The acknowledgement's write of the record (it now carries the backend's new ETag) fails.
  faults.failCommit(quotaExceeded(), { when: (value) => value?.id === record.id && value.synced_etag !== before.synced_etag });
  const fetch = gatedFetch(1);
  // Started, the client flushes on its own (a flush() here would queue behind the held retry).
  const again = await startSync(server, store, { fetch });
  while (fetch.writes < 2) await sleep(5);
  assert.equal(faults.armed, 0, 'the fault fired');
  const [kept] = await store.outbox();
  assert.equal(kept.mutationId, note.mutationId);
  assert.equal(kept.state, OutboxState.PENDING);
  assert.deepEqual(await store.get(record.id), before, 'the record is as it was');
  assert.deepEqual(requestsWithKey(server, note.mutationId).map((r) => [r.status, r.replayed]), [[201, false]]);
  fetch.release();
  await drain(again, store);
  assert.deepEqual(await store.outbox(), []);
  assert.deepEqual(requestsWithKey(server, note.mutationId).map((r) => [r.status, r.replayed]), [[201, false], [201, true]]);
  const remote = await call(server, 'GET', `/artifacts/${record.id}`);
  assert.deepEqual(remote.body.annotations.map((a) => a.id), [note.payload.id], 'applied once');
  const local = await store.get(record.id);
  assert.equal(local.synced_etag, remote.etag);
  assert.deepEqual(local.annotations.map((a) => a.id), [note.payload.id]);
  assert.deepEqual(duplicateApplies(server), []);
  await again.stop();
  store.close();
});

test('a write that fails while reconciling with the backend\'s copy leaves everything as it was', async () => {
  const { store, faults } = await faultyStore();
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store);
  await drain(sync, store);
  await sync.stop();
  const theirs = 'Theirs: shrinkage nobody sees';
  assert.equal((await call(server, 'PATCH', `/artifacts/${record.id}/edit`, { body: { section_path: 'problem_statement', new_value: theirs } })).status, 200);
  await store.editSection(projectId, 'brief', 'target_user', 'Mine: market stalls');
  const [edit] = await store.outbox();
  const before = await store.get(record.id);
  // The reconcile's put of the record (merged with the backend's copy) fails with a quota error.
  faults.failNext('put', quotaExceeded(), { when: (value) => value?.id === record.id && value.synced_content?.problem_statement === theirs });
  const fetch = gatedFetch(1);
  // Started, the client flushes on its own (a flush() here would queue behind the held retry).
  const again = await startSync(server, store, { fetch });
  while (fetch.writes < 2) await sleep(5);
  assert.equal(faults.armed, 0, 'the fault fired');
  assert.deepEqual(await store.get(record.id), before, 'the record is as it was');
  const [kept] = await store.outbox();
  assert.deepEqual({ ...kept, attempts: 0 }, { ...edit, attempts: 0 }, 'the entry is as it was (but counted)');
  assert.deepEqual(requestsWithKey(server, edit.mutationId).map((r) => r.status), [412]);
  fetch.release();
  await drain(again, store);
  assert.deepEqual(await store.outbox(), []);
  assert.deepEqual(await again.conflicts(), []);
  const remote = (await call(server, 'GET', `/artifacts/${record.id}`)).body;
  assert.equal(remote.current_content.problem_statement, theirs);
  assert.equal(remote.current_content.target_user, 'Mine: market stalls');
  assert.deepEqual((await store.get(record.id)).current_content, remote.current_content);
  await again.stop();
  store.close();
});
