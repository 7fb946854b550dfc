// The record cache under the React hooks, on a scripted store: what a change reads again, which
// snapshots change, and a change that lands while a read is in flight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordCache } from '../../web/react/record-cache.js';

// A store whose reads are counted and whose records the test sets; `hold()` makes reads wait.
function scriptedStore() {
  const records = new Map();
  let listener = () => {};
  let gate = null;
  const reads = [];
  const waitGate = () => gate?.promise;
  return {
    reads,
    set(record) { records.set(`${record.project_id}/${record.artifact_type}`, record); },
    emit(change) { listener(change); },
    hold() {
      let release;
      gate = { promise: new Promise((resolve) => { release = resolve; }) };
      return () => { const opened = gate; gate = null; release(); return opened; };
    },
    subscribe(next) { listener = next; return () => { listener = () => {}; }; },
    async getByType(projectId, type) {
      reads.push(`get ${projectId}/${type}`);
      await waitGate();
      return structuredClone(records.get(`${projectId}/${type}`) ?? null);
    },
    async listProject(projectId) {
      reads.push(`list ${projectId}`);
      await waitGate();
      return [...records.values()].filter((r) => r.project_id === projectId).map((r) => structuredClone(r));
    },
    async projectIds() {
      reads.push('ids');
      return [...new Set([...records.values()].map((r) => r.project_id))];
    },
  };
}

const record = (type, version = 1, projectId = 'p') => ({
  id: `${projectId}-${type}`, project_id: projectId, artifact_type: type, version_number: version, current_content: null,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

test('a project is read once; a change reads only its record; the others keep their identity', async () => {
  const store = scriptedStore();
  store.set(record('brief'));
  store.set(record('mvp_scope'));
  const cache = new RecordCache(store);
  let renders = 0;
  cache.watchProject('p', () => { renders += 1; });
  await settle();
  const first = cache.projectSnapshot('p');
  assert.deepEqual(first.records.map((r) => r.artifact_type), ['brief', 'mvp_scope']);
  assert.deepEqual(store.reads, ['list p']);

  store.set(record('mvp_scope', 2));
  store.emit({ kind: 'completeGeneration', projectId: 'p', artifactType: 'mvp_scope', id: 'p-mvp_scope', versionNumber: 2 });
  await settle();
  assert.deepEqual(store.reads, ['list p', 'get p/mvp_scope']);
  const second = cache.projectSnapshot('p');
  assert.equal(second.byType.mvp_scope.version_number, 2);
  assert.equal(second.byType.brief, first.byType.brief, 'the brief is the same object');
  assert.equal(renders, 2);

  // A change that leaves the record as it was: no new snapshot.
  store.emit({ kind: 'syncAttempt', projectId: 'p', artifactType: 'brief', id: 'p-brief', versionNumber: 1 });
  await settle();
  assert.equal(cache.projectSnapshot('p'), second);
  assert.equal(renders, 2);
  cache.dispose();
});

test('a change during a read discards that read and reads again: one snapshot, the newest', async () => {
  const store = scriptedStore();
  store.set(record('brief', 1));
  const cache = new RecordCache(store);
  const seen = [];
  const release = store.hold();
  cache.watchRecord('p', 'brief', () => seen.push(cache.recordSnapshot('p', 'brief').record?.version_number));
  await settle();
  store.set(record('brief', 2));
  store.emit({ kind: 'editSection', projectId: 'p', artifactType: 'brief', id: 'p-brief', versionNumber: 2 });
  release();
  await settle();
  assert.deepEqual(seen, [2], 'the read begun before the change was not shown');
  assert.deepEqual(store.reads, ['get p/brief', 'get p/brief']);
  cache.dispose();
});

test('a change naming only a record id reads the watched records; a flush request reads nothing; unwatched goes stale', async () => {
  const store = scriptedStore();
  store.set(record('brief'));
  store.set(record('brief', 1, 'q'));
  const cache = new RecordCache(store);
  const stop = cache.watchRecord('q', 'brief', () => {});
  cache.watchRecord('p', 'brief', () => {});
  await settle();
  stop();
  store.reads.length = 0;
  store.emit({ kind: 'syncFlushRequested' });
  await settle();
  assert.deepEqual(store.reads, []);
  store.emit({ kind: 'syncReconciled', id: 'p-brief' });
  await settle();
  assert.deepEqual(store.reads, ['get p/brief'], 'only the watched record is read');
  // Watched again: the stale record is read then.
  cache.watchRecord('q', 'brief', () => {});
  await settle();
  assert.deepEqual(store.reads, ['get p/brief', 'get q/brief']);
  cache.dispose();
});

test('project ids: read when watched, again when a change names a project not in the list', async () => {
  const store = scriptedStore();
  const cache = new RecordCache(store);
  cache.watchProjectIds(() => {});
  await settle();
  assert.deepEqual(cache.projectIdsSnapshot().ids, []);
  store.set(record('brief', 1, 'new'));
  store.emit({ kind: 'beginGeneration', projectId: 'new', artifactType: 'brief', id: 'new-brief', versionNumber: 0 });
  await settle();
  assert.deepEqual(cache.projectIdsSnapshot().ids, ['new']);
  const reads = store.reads.filter((read) => read === 'ids').length;
  store.emit({ kind: 'completeGeneration', projectId: 'new', artifactType: 'brief', id: 'new-brief', versionNumber: 1 });
  await settle();
  assert.equal(store.reads.filter((read) => read === 'ids').length, reads, 'a known project reads no ids');
  cache.dispose();
});
