// The sync client against the reference backend over real HTTP: the outbox reaches the backend
// exactly once and in order, through every network fault, and nothing newer is overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, SyncClient } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { environment, openStore } from './support/store.js';
import { backend, call, faultyFetch, TOKEN } from './support/sync.js';

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
