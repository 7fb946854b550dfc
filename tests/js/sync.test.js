// The sync client against the reference backend over real HTTP: the outbox reaches the backend
// exactly once and in order, through every network fault, and nothing newer is overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArtifactsError, init, NotFoundError, OutboxState, SyncClient } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { environment, openStore } from './support/store.js';
import {
  backend, call, drain, duplicateApplies, faultyFetch, newProject, requestsWithKey, sleep, TOKEN, writesOnly,
} from './support/sync.js';

await init();
const server = backend();

async function projectWithBrief(store, name = 'StockPilot') {
  const projectId = crypto.randomUUID();
  const created = await call(server, 'POST', '/projects', { body: { id: projectId, name, idea: 'inventory' } });
  assert.equal(created.status, 201);
  const lease = await store.beginGeneration(projectId, 'brief');
  const { record } = await store.completeGeneration(projectId, 'brief', SAMPLE_PLAN.brief, { lease });
  return { projectId, record };
}

function start(store, options = {}) {
  return SyncClient.start(store, {
    baseUrl: server.api, getAuthToken: () => TOKEN, intervalMs: 60_000, locks: null,
    backoff: { baseMs: 1, maxMs: 5 }, ...options,
  });
}

test('a generation, an edit and a note made here reach the backend once each, in order', async () => {
  const store = await openStore(environment());
  const { projectId, record } = await projectWithBrief(store);
  await store.editSection(projectId, 'brief', 'target_user', 'Shop owners who run the till themselves');
  await store.annotate(projectId, 'brief', 'target_user', 'check with Ana');
  assert.equal((await store.outbox()).length, 3);
  const sync = await start(store);
  await sync.flush();
  assert.equal((await store.outbox()).length, 0);
  const remote = await call(server, 'GET', `/artifacts/${record.id}`);
  assert.equal(remote.status, 200);
  assert.equal(remote.body.current_content.target_user, 'Shop owners who run the till themselves');
  assert.equal(remote.body.annotations.length, 1);
  const local = await store.get(record.id);
  assert.equal(local.synced_etag, remote.etag);
  assert.deepEqual(local.current_content, remote.body.current_content);
  assert.equal(sync.status.pending, 0);
  await sync.stop();
  store.close();
});

test('bad input: typed errors with stable codes', async () => {
  const store = await openStore(environment());
  const codeIs = (code) => (error) => error instanceof ArtifactsError && error.code === code;
  await assert.rejects(SyncClient.start(undefined, { baseUrl: server.api }), codeIs('invalid_input'));
  await assert.rejects(SyncClient.start({}, { baseUrl: server.api }), codeIs('invalid_input'));
  for (const baseUrl of [undefined, '', 42, 'not a url', 'ftp://example.com/api']) {
    await assert.rejects(SyncClient.start(store, { baseUrl, locks: null }), codeIs('invalid_input'), `baseUrl ${String(baseUrl)}`);
  }
  for (const intervalMs of [0, -5, Number.NaN, Infinity, '1000']) {
    await assert.rejects(SyncClient.start(store, { baseUrl: server.api, intervalMs, locks: null }), codeIs('invalid_input'), `intervalMs ${String(intervalMs)}`);
  }
  const sync = await start(store);
  await assert.rejects(sync.pull(''), codeIs('invalid_input'));
  await assert.rejects(sync.pull(undefined), codeIs('invalid_input'));
  await assert.rejects(sync.resolve('nope', { take: 'mine' }), (error) => error instanceof NotFoundError && error.code === 'not_found');
  await assert.rejects(sync.retry('nope'), codeIs('not_found'));
  await assert.rejects(sync.discard('nope'), codeIs('not_found'));
  await sync.stop();
  store.close();
});

test('a backend answering garbage leaves the outbox intact and the client usable', async () => {
  const env = environment();
  const store = await openStore(env);
  const fetch = faultyFetch();
  const { projectId, record } = await projectWithBrief(store);
  // Long backoffs on a clock the test moves: no retry runs on its own between the faults.
  const sync = await start(store, { fetch, clock: () => env.clock.now, backoff: { baseMs: 60_000, maxMs: 60_000 } });
  await drain(sync, store);
  await store.editSection(projectId, 'brief', 'target_user', 'After the garbage');
  const [entry] = await store.outbox();
  for (const kind of ['garbage-200', 'html-502', 'json-200']) {
    fetch.push({ kind, when: writesOnly });
    await sync.flush();
    const entries = await store.outbox();
    assert.equal(entries.length, 1, kind);
    assert.equal(entries[0].mutationId, entry.mutationId, kind);
    assert.equal(entries[0].state, OutboxState.PENDING, kind);
    assert.ok(entries[0].lastError, kind);
    env.tick(120_000);
  }
  fetch.push({ kind: 'garbage-200' });
  assert.equal((await sync.pull(projectId)).updated, 0);
  await drain(sync, store);
  const remote = await call(server, 'GET', `/artifacts/${record.id}`);
  assert.equal(remote.body.current_content.target_user, 'After the garbage');
  assert.equal((await store.get(record.id)).synced_etag, remote.etag);
  await sync.stop();
  store.close();
});

test('a record under a generation lease holds its outbox until the generation is stored', async () => {
  const env = environment();
  const store = await openStore(env);
  const clock = () => env.clock.now;
  const { projectId, record } = await projectWithBrief(store);
  const first = await start(store);
  await drain(first, store);
  await first.stop();
  await store.editSection(projectId, 'brief', 'target_user', 'Edited before the regeneration');
  const [edit] = await store.outbox();
  const lease = await store.beginGeneration(projectId, 'brief');
  const sync = await start(store, { clock });
  await sync.flush();
  await sync.flush();
  assert.equal(requestsWithKey(server, edit.mutationId).length, 0, 'held while generating');
  assert.equal((await store.outbox()).length, 1);
  const regenerated = { ...SAMPLE_PLAN.brief, problem_statement: 'Regenerated: stock counts drift every week' };
  const done = await store.completeGeneration(projectId, 'brief', regenerated, { lease });
  assert.equal(done.record.current_content.target_user, 'Edited before the regeneration', 'the edit is merged in');
  const [, put] = await store.outbox();
  await drain(sync, store);
  assert.deepEqual(await store.outbox(), []);
  assert.deepEqual(requestsWithKey(server, edit.mutationId).map((r) => r.status), [200]);
  assert.deepEqual(requestsWithKey(server, put.mutationId).map((r) => r.status), [200]);
  const remote = await call(server, 'GET', `/artifacts/${record.id}`);
  assert.equal(remote.body.version_number, 2);
  assert.deepEqual(remote.body.current_content, done.record.current_content);
  assert.equal(remote.body.current_content.problem_statement, 'Regenerated: stock counts drift every week');
  assert.equal(remote.body.current_content.target_user, 'Edited before the regeneration');
  assert.deepEqual((await store.get(record.id)).current_content, remote.body.current_content);
  await sync.stop();
  store.close();
});

// 20 changes across 5 records queued during a long outage, with the default backoff (their heads
// tried eight times over a quarter of an hour on the client's clock, so they wait 30-60 s more):
// the milliseconds from the network coming back to an empty outbox. `reconnect` is how the client
// learns of it.
async function latencyAfterReconnecting(reconnect) {
  const env = environment();
  const store = await openStore(env);
  const fetch = faultyFetch();
  const projectId = await newProject(server);
  const types = ['brief', 'mvp_scope', 'milestones', 'risk_log', 'how_it_works'];
  const sections = { brief: 'target_user', mvp_scope: 'out_of_scope', milestones: 'critical_path', risk_log: 'technical_risks', how_it_works: 'data_flow' };
  for (const type of types) {
    const lease = await store.beginGeneration(projectId, type);
    await store.completeGeneration(projectId, type, SAMPLE_PLAN[type], { lease });
  }
  const sync = await start(store, { fetch, backoff: undefined, clock: () => env.clock.now });
  await drain(sync, store);
  fetch.down();
  for (let i = 0; i < 20; i += 1) {
    const type = types[i % 5];
    if (typeof SAMPLE_PLAN[type][sections[type]] === 'string') await store.editSection(projectId, type, sections[type], `edit ${i}`);
    else await store.annotate(projectId, type, sections[type], `note ${i}`);
  }
  for (let i = 0; i < 8; i += 1) {
    env.tick(120_000);
    await sync.flush();
  }
  const queued = await store.outbox();
  assert.equal(queued.length, 20);
  assert.ok(queued.filter((e) => e.attempts > 0).every((e) => e.nextAt >= env.clock.now + 30_000), 'backed off');
  assert.equal(sync.status.online, false);
  fetch.up();
  const started = performance.now();
  await reconnect(sync);
  while ((await store.outbox()).length > 0) {
    assert.ok(performance.now() - started < 10_000, 'sent within 10 s of reconnecting');
    await sleep(1);
  }
  const ms = performance.now() - started;
  assert.equal(sync.status.online, true);
  assert.deepEqual(duplicateApplies(server), []);
  await sync.stop();
  store.close();
  return ms;
}

test('latency after reconnecting: flush() when the app sees the network again sends everything at once', async () => {
  const ms = await latencyAfterReconnecting((sync) => sync.flush());
  console.log(`sync latency after reconnecting (flush): ${ms.toFixed(0)} ms for 20 queued changes across 5 records`);
  assert.ok(ms < 5000, 'not after the backoff');
});

test('latency after reconnecting: the window\'s online event', async () => {
  // Node has no window: an EventTarget stands in for it while the client is running.
  const target = new EventTarget();
  Object.assign(globalThis, {
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
  });
  try {
    const ms = await latencyAfterReconnecting(() => { target.dispatchEvent(new Event('online')); });
    console.log(`sync latency after reconnecting (online event): ${ms.toFixed(0)} ms for 20 queued changes across 5 records`);
    assert.ok(ms < 5000, 'not after the backoff');
  } finally {
    delete globalThis.addEventListener;
    delete globalThis.removeEventListener;
  }
});

test('the timer pulls what another device changed, and finds the backend again after an outage', async () => {
  const store = await openStore(environment());
  const fetchWithFaults = faultyFetch();
  const { projectId, record } = await projectWithBrief(store);
  // A project never synced is not pulled (the backend has nothing of it yet).
  const local = await store.beginGeneration(crypto.randomUUID(), 'brief');
  await store.failGeneration(local.projectId, 'brief', 'offline only', { lease: local });
  const asked = [];
  const recording = (url, init) => {
    asked.push(String(url));
    return fetchWithFaults(url, init);
  };
  const sync = await start(store, { fetch: recording, intervalMs: 40, pullOnTick: true });
  await sync.flush();
  // Another device edits the brief on the backend: the tick brings it in.
  const remote = await call(server, 'GET', `/artifacts/${record.id}`);
  const edited = await call(server, 'PATCH', `/artifacts/${record.id}/edit`, {
    body: { section_path: 'target_user', new_value: 'Edited on the other device' }, headers: { 'if-match': remote.etag },
  });
  assert.equal(edited.status, 200);
  for (let i = 0; i < 100 && (await store.get(record.id)).current_content.target_user !== 'Edited on the other device'; i += 1) await sleep(20);
  assert.equal((await store.get(record.id)).current_content.target_user, 'Edited on the other device');
  assert.equal((await store.get(record.id)).synced_etag, edited.etag);
  // The backend goes away: the status says offline; it comes back: the next tick says online,
  // with nothing queued to send (no window events in Node).
  fetchWithFaults.down();
  for (let i = 0; i < 100 && sync.status.online; i += 1) await sleep(20);
  assert.equal(sync.status.online, false);
  fetchWithFaults.up();
  for (let i = 0; i < 100 && !sync.status.online; i += 1) await sleep(20);
  assert.equal(sync.status.online, true);
  assert.equal(sync.status.pending, 0);
  assert.ok(asked.some((url) => url.endsWith(`/artifacts/project/${projectId}`)), 'the synced project was pulled');
  assert.ok(!asked.some((url) => url.includes(local.projectId)), 'the project the backend never had was not asked for');
  await sync.stop();
  store.close();
});
