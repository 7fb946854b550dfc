// Two tabs on one database (two ArtifactStores on one fake-indexeddb): one sync client is the
// leader and sends; when it dies mid-flush, the other takes over once the lease has expired and
// sends the rest, nothing applied twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { environment, openStore } from './support/store.js';
import {
  backend, call, drain, duplicateApplies, faultyFetch, projectWith, requestsWithKey, sleep, startSync, writesOnly,
} from './support/sync.js';

await init();
const server = backend();

async function until(what, check, { ms = 8000 } = {}) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// Two tabs (two stores on one database) and a brief already synced from the first, its sync
// client stopped again.
async function twoTabsWithSyncedBrief() {
  const env = environment();
  const tabA = await openStore(env);
  const tabB = await openStore(env);
  const clock = () => env.clock.now;
  const { projectId, record } = await projectWith(server, tabA, 'brief', SAMPLE_PLAN.brief);
  const setup = await startSync(server, tabA, { clock });
  await drain(setup, tabA);
  await setup.stop();
  return { env, tabA, tabB, clock, projectId, record };
}

test('one leader per database; a flush asked for in the other tab is sent by the leader', async () => {
  const env = environment();
  const tabA = await openStore(env);
  const tabB = await openStore(env);
  const clock = () => env.clock.now;
  const { projectId, record } = await projectWith(server, tabA, 'brief', SAMPLE_PLAN.brief);
  const a = await startSync(server, tabA, { clock });
  const b = await startSync(server, tabB, { clock });
  assert.equal(a.status.leader, true);
  assert.equal(b.status.leader, false);
  await drain(a, tabA);
  await tabB.editSection(projectId, 'brief', 'target_user', 'Edited in tab B');
  await b.flush();
  await until('the leader to send tab B\'s edit', async () => (await tabB.outbox()).length === 0);
  assert.equal((await call(server, 'GET', `/artifacts/${record.id}`)).body.current_content.target_user, 'Edited in tab B');
  assert.equal(b.status.leader, false);
  await a.stop();
  await b.stop();
  tabA.close();
  tabB.close();
});

test('the leader dies mid-flush after the server committed; the other takes over when the lease expires', async () => {
  const { env, tabA, tabB, clock, projectId, record } = await twoTabsWithSyncedBrief();
  // A: the leader, whose third write's answer is lost; long backoffs on a frozen clock, so it
  // does not try again before it dies. B: a follower checking the lease every 50 ms.
  const fetchA = faultyFetch();
  let writes = 0;
  fetchA.push({ kind: 'drop-response', when: (url, init) => writesOnly(url, init) && ++writes === 3 });
  for (let i = 0; i < 3; i += 1) {
    await tabB.editSection(projectId, 'brief', 'value_proposition', `offer ${i}`);
    await tabB.annotate(projectId, 'brief', 'value_proposition', `note ${i}`);
  }
  const queued = await tabB.outbox();
  const a = await startSync(server, tabA, { clock, fetch: fetchA, backoff: { baseMs: 60_000, maxMs: 60_000 } });
  const b = await startSync(server, tabB, { clock, intervalMs: 50 });
  assert.equal(a.status.leader, true);
  assert.equal(b.status.leader, false);
  await until('the lost answer', async () => fetchA.state.injected === 1 && (await tabA.outbox()).some((e) => e.attempts > 0 && e.lastError));
  const lost = (await tabA.outbox()).find((e) => e.lastError);
  assert.equal(lost.mutationId, queued[2].mutationId, 'the third write');
  assert.deepEqual(requestsWithKey(server, lost.mutationId).map((r) => [r.status, r.replayed]), [[200, false]]);
  // A's tab crashes: its store is gone before its client could give the lease back.
  tabA.close();
  await a.stop();
  await sleep(200);
  assert.equal(b.status.leader, false, 'not before the lease expires');
  assert.ok((await tabB.outbox()).length > 0);
  env.tick(10 * 60_000);
  await until('B to take over and send the rest', async () => (await tabB.outbox()).length === 0);
  assert.equal(b.status.leader, true);
  const applied = server.requests.filter((r) => queued.some((e) => e.mutationId === r.key) && r.status < 300 && !r.replayed).map((r) => r.key);
  assert.deepEqual(applied, queued.map((e) => e.mutationId), 'every change applied once, in order');
  assert.deepEqual(requestsWithKey(server, lost.mutationId).map((r) => r.replayed), [false, true]);
  assert.deepEqual(duplicateApplies(server), []);
  const remote = (await call(server, 'GET', `/artifacts/${record.id}`)).body;
  assert.equal(remote.current_content.value_proposition, 'offer 2');
  assert.deepEqual(remote.annotations.map((n) => n.note), ['note 0', 'note 1', 'note 2']);
  await b.stop();
  tabB.close();
});

// The Web Locks API as browsers grant it: one holder per name at a time, the rest queued in order.
function fakeLocks() {
  const queues = new Map();
  return {
    request(name, callback) {
      return new Promise((resolve, reject) => {
        const queue = queues.get(name) ?? [];
        queues.set(name, queue);
        const run = async () => {
          try {
            resolve(await callback({ name, mode: 'exclusive' }));
          } catch (error) {
            reject(error);
          } finally {
            queue.shift();
            queue[0]?.();
          }
        };
        queue.push(run);
        if (queue.length === 1) run();
      });
    },
  };
}

test('with Web Locks: the lock holder leads; when it stops, the next tab gets the lock and sends', async () => {
  const env = environment();
  const tabA = await openStore(env);
  const tabB = await openStore(env);
  const locks = fakeLocks();
  const { projectId, record } = await projectWith(server, tabA, 'brief', SAMPLE_PLAN.brief);
  const a = await startSync(server, tabA, { locks });
  const b = await startSync(server, tabB, { locks });
  await until('A to lead', () => a.status.leader);
  assert.equal(b.status.leader, false);
  await drain(a, tabA);
  await a.stop();
  await tabB.editSection(projectId, 'brief', 'target_user', 'Sent by the next lock holder');
  await until('B to lead', () => b.status.leader);
  await until('B to send', async () => (await tabB.outbox()).length === 0);
  assert.equal((await call(server, 'GET', `/artifacts/${record.id}`)).body.current_content.target_user, 'Sent by the next lock holder');
  assert.deepEqual(duplicateApplies(server), []);
  await b.stop();
  tabA.close();
  tabB.close();
});

test('a leader in a long flush keeps its lease: the other tab does not start sending the same changes', async () => {
  const { env, tabA, tabB, clock, projectId, record } = await twoTabsWithSyncedBrief();
  for (let i = 0; i < 8; i += 1) await tabA.annotate(projectId, 'brief', 'target_user', `slow note ${i}`);
  const queued = await tabA.outbox();
  // A slow backend: each write of A's takes 60 ms, while A's clock moves 100 s (its lease is 180 s).
  const slow = async (url, init) => {
    if (init.method !== 'GET') {
      await sleep(60);
      env.tick(100_000);
    }
    return globalThis.fetch(url, init);
  };
  const a = await startSync(server, tabA, { clock, fetch: slow });
  const b = await startSync(server, tabB, { clock, intervalMs: 20 });
  await until('A to send everything', async () => (await tabA.outbox()).length === 0, { ms: 15_000 });
  const sends = queued.map((e) => requestsWithKey(server, e.mutationId).length);
  assert.deepEqual(sends, queued.map(() => 1), 'each change sent by one tab only');
  assert.deepEqual((await call(server, 'GET', `/artifacts/${record.id}`)).body.annotations.map((n) => n.note), queued.map((e) => e.payload.note));
  await a.stop();
  await b.stop();
  tabA.close();
  tabB.close();
});
