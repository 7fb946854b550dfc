// A database from before sync (version 2) with data: the upgrade to version 3 queues everything
// for upload (each record's content, then each of its notes, now with ids), and a sync client
// then puts it all on the backend, creating the project it does not know yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, OutboxKind, OutboxState } from 'cofounder-artifacts';
import { DB_VERSION, openDatabase, SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { environment, openStore } from './support/store.js';
import { backend, call, drain, duplicateApplies, startSync } from './support/sync.js';

await init();
const server = backend();

const TYPES = ['brief', 'mvp_scope', 'milestones', 'risk_log', 'how_it_works'];
const NOTE_SECTIONS = { brief: 'target_user', mvp_scope: 'out_of_scope', milestones: 'critical_path', risk_log: 'market_risks', how_it_works: 'data_flow' };

// A version-2 record as the store wrote it then (no synced_* fields, notes without ids).
function v2Record(projectId, type, index, { content = SAMPLE_PLAN[type], notes = 0 } = {}) {
  const stamp = `2026-10-0${index + 1}T10:00:00.000Z`;
  return {
    id: crypto.randomUUID(), project_id: projectId, artifact_type: type, version_number: content ? 1 : 0,
    current_content: content, previous_content: null, base_content: content,
    has_user_edits: false, edited_sections: null,
    annotations: Array.from({ length: notes }, (_, n) => ({ section_id: NOTE_SECTIONS[type], note: `${type} note ${n}`, created_at: stamp })),
    generation_status: content ? 'idle' : 'failed', generation_lease: null, generation_error: content ? null : 'model timed out',
    schema_version: 1, created_at: stamp, updated_at: stamp,
  };
}

test('a version-2 database with data: upgraded, queued for upload, and uploaded once', async () => {
  assert.equal(DB_VERSION, 3);
  const env = environment();
  const projectId = crypto.randomUUID();
  const records = TYPES.map((type, i) => v2Record(projectId, type, i, { notes: i % 3 }));
  // One record whose generation failed before it had content: nothing to upload.
  const failedProject = crypto.randomUUID();
  const failed = v2Record(failedProject, 'brief', 0, { content: null });
  const v2 = await openDatabase({ name: env.name, version: 2, indexedDB: env.indexedDB });
  const tx = v2.transaction('artifacts', 'readwrite');
  for (const record of [...records, failed]) tx.store.put(record);
  await tx.done;
  assert.deepEqual([...v2.objectStoreNames].sort(), ['artifacts']);
  v2.close();

  const store = await openStore(env);
  const entries = await store.outbox();
  for (const record of records) {
    const local = await store.get(record.id);
    assert.equal(local.synced_content, null);
    assert.equal(local.synced_etag, null);
    assert.deepEqual(local.current_content, record.current_content);
    assert.equal(local.annotations.length, record.annotations.length);
    for (const [n, note] of local.annotations.entries()) {
      assert.match(note.id, /^[0-9a-f-]{36}$/);
      assert.equal(note.note, record.annotations[n].note);
    }
    const mine = entries.filter((e) => e.recordId === record.id);
    assert.deepEqual(mine.map((e) => e.kind), [OutboxKind.PUT, ...record.annotations.map(() => OutboxKind.ANNOTATE)]);
    assert.ok(mine.every((e) => e.state === OutboxState.PENDING && e.baseVersion === null && e.projectId === projectId));
    assert.deepEqual(mine[0].payload.content, record.current_content);
    assert.deepEqual(mine.slice(1).map((e) => e.payload.id), local.annotations.map((a) => a.id));
  }
  assert.equal(entries.length, records.length + records.reduce((n, r) => n + r.annotations.length, 0));
  assert.deepEqual(entries.filter((e) => e.recordId === failed.id), []);
  const ids = new Set(entries.map((e) => e.mutationId));
  assert.equal(ids.size, entries.length, 'every entry has its own key');

  // The backend has never heard of the project: the client creates it (describeProject).
  const described = [];
  const sync = await startSync(server, store, {
    describeProject: (id) => { described.push(id); return id === projectId ? { name: 'Upgraded', idea: 'from before sync' } : null; },
  });
  await drain(sync, store);
  assert.deepEqual(await store.outbox(), []);
  assert.ok(described.includes(projectId));
  const project = await call(server, 'GET', `/projects/${projectId}`);
  assert.equal(project.status, 200);
  assert.equal(project.body.name, 'Upgraded');
  const listed = await call(server, 'GET', `/artifacts/project/${projectId}`);
  assert.equal(listed.body.length, TYPES.length);
  for (const record of records) {
    const remote = await call(server, 'GET', `/artifacts/${record.id}`);
    assert.equal(remote.status, 200, `${record.artifact_type} is on the backend under its own id`);
    assert.deepEqual(remote.body.current_content, record.current_content);
    const local = await store.get(record.id);
    assert.deepEqual(remote.body.annotations.map((a) => [a.id, a.note]), local.annotations.map((a) => [a.id, a.note]));
    assert.equal(local.synced_etag, remote.etag);
    assert.deepEqual(local.synced_content, remote.body.current_content);
  }
  assert.deepEqual(duplicateApplies(server), []);
  // The record with nothing to upload stays local; its project was never created.
  assert.equal((await store.get(failed.id)).generation_status, 'failed');
  assert.equal((await call(server, 'GET', `/projects/${failedProject}`)).status, 404);
  await sync.stop();
  store.close();
});
