// Network faults between the sync client and the reference backend (real HTTP, PGlite): every
// change arrives exactly once and in order per record, whatever is lost on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { environment, openStore } from './support/store.js';
import {
  backend, call, drain, duplicateApplies, faultyFetch, projectWith, requestsWithKey, startSync, writesOnly,
} from './support/sync.js';

await init();
const server = backend();

// A synced brief: generated here and uploaded, so later changes are edits of a known version.
async function syncedBrief(store, fetch, options = {}) {
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store, { fetch, ...options });
  await drain(sync, store);
  return { projectId, record, sync };
}

const remote = async (id) => (await call(server, 'GET', `/artifacts/${id}`)).body;

// Long backoffs on a clock the test moves: after a failure nothing is retried on its own until
// the test moves the clock, so the state the failure left can be looked at.
const frozen = (env) => ({ clock: () => env.clock.now, backoff: { baseMs: 60_000, maxMs: 60_000 } });

test('a request dropped before the server is sent again and applied once', async () => {
  const env = environment();
  const store = await openStore(env);
  const fetch = faultyFetch();
  const { projectId, record, sync } = await syncedBrief(store, fetch, frozen(env));
  await store.editSection(projectId, 'brief', 'target_user', 'Corner shops');
  const [entry] = await store.outbox();
  fetch.push({ kind: 'drop-request', when: writesOnly });
  await sync.flush();
  // The failed attempt is recorded and the entry waits for its backoff.
  const waiting = (await store.outbox())[0];
  assert.equal(waiting.mutationId, entry.mutationId);
  assert.equal(waiting.attempts, 1);
  assert.equal(waiting.lastError.status, 0);
  assert.equal(requestsWithKey(server, entry.mutationId).length, 0);
  env.tick(120_000);
  await drain(sync, store);
  const sent = requestsWithKey(server, entry.mutationId);
  assert.deepEqual(sent.map((r) => [r.status, r.replayed]), [[200, false]]);
  assert.equal((await remote(record.id)).current_content.target_user, 'Corner shops');
  await sync.stop();
  store.close();
});

test('a response lost after the server committed: the retry is a replay, the edit and the note land once', async () => {
  const store = await openStore(environment());
  const fetch = faultyFetch();
  const { projectId, record, sync } = await syncedBrief(store, fetch);
  await store.editSection(projectId, 'brief', 'target_user', 'Florists');
  await store.annotate(projectId, 'brief', 'target_user', 'ask the florist on 5th');
  const [edit, note] = await store.outbox();
  fetch.push({ kind: 'drop-response', when: writesOnly });
  await drain(sync, store);
  for (const key of [edit.mutationId]) {
    const sent = requestsWithKey(server, key);
    assert.deepEqual(sent.map((r) => r.replayed), [false, true], 'the second is the same key, replayed');
    assert.ok(sent.every((r) => r.status === 200));
  }
  assert.deepEqual(requestsWithKey(server, note.mutationId).map((r) => [r.status, r.replayed]), [[201, false]]);
  const after = await remote(record.id);
  assert.equal(after.current_content.target_user, 'Florists');
  assert.equal(after.annotations.filter((a) => a.note === 'ask the florist on 5th').length, 1);
  assert.equal(after.annotations[0].id, note.payload.id);
  const local = await store.get(record.id);
  assert.deepEqual(local.current_content, after.current_content);
  assert.equal(local.synced_etag, (await call(server, 'GET', `/artifacts/${record.id}`)).etag);
  assert.deepEqual(duplicateApplies(server), []);
  await sync.stop();
  store.close();
});

test('a note whose response is lost is replayed, not added twice', async () => {
  const store = await openStore(environment());
  const fetch = faultyFetch();
  const { projectId, record, sync } = await syncedBrief(store, fetch);
  await store.annotate(projectId, 'brief', 'problem_statement', 'numbers from the survey');
  const [note] = await store.outbox();
  fetch.push({ kind: 'drop-response', when: writesOnly });
  await drain(sync, store);
  assert.deepEqual(requestsWithKey(server, note.mutationId).map((r) => [r.status, r.replayed]), [[201, false], [201, true]]);
  const after = await remote(record.id);
  assert.equal(after.annotations.length, 1);
  assert.equal((await store.get(record.id)).annotations.length, 1);
  await sync.stop();
  store.close();
});

test('two records interleaved: each record\'s changes reach the server in their order', async () => {
  const store = await openStore(environment());
  const fetch = faultyFetch();
  const { projectId, record: brief } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const { record: scope } = await projectWith(server, store, 'mvp_scope', SAMPLE_PLAN.mvp_scope, { projectId });
  const sync = await startSync(server, store, { fetch });
  await drain(sync, store);
  await sync.stop();
  const values = ['a', 'b', 'c', 'd'];
  for (const value of values) {
    await store.editSection(projectId, 'brief', 'target_user', `brief ${value}`);
    await store.annotate(projectId, 'mvp_scope', 'out_of_scope', `scope ${value}`);
  }
  const queued = await store.outbox();
  const order = (id) => queued.filter((e) => e.recordId === id).map((e) => e.mutationId);
  // Faults on the way: the first brief edit is dropped twice, a scope note's answer is lost.
  fetch.push({ kind: 'drop-request', when: writesOnly }, { kind: 'drop-response', when: writesOnly },
    { kind: 'http-500', when: writesOnly });
  const again = await startSync(server, store, { fetch });
  await drain(again, store);
  const applied = (id) => server.requests.filter((r) => order(id).includes(r.key) && r.status < 300 && !r.replayed).map((r) => r.key);
  assert.deepEqual(applied(brief.id), order(brief.id));
  assert.deepEqual(applied(scope.id), order(scope.id));
  assert.equal((await remote(brief.id)).current_content.target_user, 'brief d');
  assert.deepEqual((await remote(scope.id)).annotations.map((a) => a.note), values.map((v) => `scope ${v}`));
  assert.deepEqual(duplicateApplies(server), []);
  await again.stop();
  store.close();
});

test('500s are retried with backoff until the server takes the change', async () => {
  const env = environment();
  const store = await openStore(env);
  const fetch = faultyFetch();
  const { projectId, record, sync } = await syncedBrief(store, fetch, frozen(env));
  await store.editSection(projectId, 'brief', 'key_constraint', 'Works offline');
  const [entry] = await store.outbox();
  fetch.push(...Array.from({ length: 3 }, () => ({ kind: 'http-500', when: writesOnly })));
  await sync.flush();
  const failed = (await store.outbox())[0];
  assert.equal(failed.lastError.status, 500);
  assert.ok(failed.nextAt >= env.clock.now + 30_000, 'backed off');
  for (let i = 0; i < 3; i += 1) {
    env.tick(120_000);
    await sync.flush();
  }
  await drain(sync, store);
  assert.deepEqual(requestsWithKey(server, entry.mutationId).map((r) => [r.status, r.replayed]), [[200, false]]);
  assert.equal((await remote(record.id)).current_content.key_constraint, 'Works offline');
  await sync.stop();
  store.close();
});

test('a 429 with Retry-After holds the entry until then (injected clock)', async () => {
  const env = environment();
  const store = await openStore(env);
  const fetch = faultyFetch({ retryAfter: 30 });
  const clock = () => env.clock.now;
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store, { fetch, clock });
  await drain(sync, store);
  await store.editSection(projectId, 'brief', 'target_user', 'Bakeries');
  const [entry] = await store.outbox();
  fetch.push({ kind: 'http-429', when: writesOnly });
  await sync.flush();
  const held = (await store.outbox())[0];
  assert.equal(held.lastError.status, 429);
  assert.equal(held.nextAt, env.clock.now + 30_000, 'Retry-After (30 s) is later than the backoff');
  env.tick(29_000);
  await sync.flush();
  assert.equal(requestsWithKey(server, entry.mutationId).length, 0, 'not before Retry-After');
  assert.equal((await store.outbox()).length, 1);
  env.tick(1_000);
  await sync.flush();
  assert.equal((await store.outbox()).length, 0);
  assert.deepEqual(requestsWithKey(server, entry.mutationId).map((r) => r.status), [200]);
  assert.equal((await remote(record.id)).current_content.target_user, 'Bakeries');
  await sync.stop();
  store.close();
});

test('the server down for a while, then up: everything queued arrives once', async () => {
  const store = await openStore(environment());
  const fetch = faultyFetch();
  const { projectId, record, sync } = await syncedBrief(store, fetch);
  const seen = [];
  const unsubscribe = sync.subscribe((status) => seen.push({ ...status }));
  fetch.down();
  for (let i = 0; i < 5; i += 1) {
    await store.editSection(projectId, 'brief', 'value_proposition', `offer ${i}`);
    await store.annotate(projectId, 'brief', 'value_proposition', `note ${i}`);
  }
  for (let i = 0; i < 3; i += 1) await sync.flush();
  assert.equal((await store.outbox()).length, 10);
  assert.equal(sync.status.online, false);
  assert.equal(sync.status.pending, 10);
  fetch.up();
  await drain(sync, store);
  assert.equal(sync.status.online, true);
  assert.equal(sync.status.pending, 0);
  // Subscribers saw it: offline with changes waiting, then online with none.
  const offline = seen.findIndex((s) => !s.online && s.pending > 0);
  assert.ok(offline >= 0);
  assert.ok(seen.slice(offline).some((s) => s.online && s.pending === 0 && s.lastSyncAt !== null));
  unsubscribe();
  const after = await remote(record.id);
  assert.equal(after.current_content.value_proposition, 'offer 4');
  assert.deepEqual(after.annotations.map((a) => a.note), [0, 1, 2, 3, 4].map((i) => `note ${i}`));
  assert.deepEqual(duplicateApplies(server), []);
  await sync.stop();
  store.close();
});
