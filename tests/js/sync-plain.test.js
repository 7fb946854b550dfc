// Against a backend without the sync extensions (no ETag, If-Match or Idempotency-Key: the
// reference server in plain mode): edits, notes and generations still sync; a note sent twice is
// one note (its id); a newer change on the backend is detected from version_number and content
// and becomes a conflict instead of being overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, OutboxState } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { environment, openStore } from './support/store.js';
import { backend, call, drain, faultyFetch, projectWith, requestsWithKey, startSync, writesOnly } from './support/sync.js';

await init();
const server = backend({ syncExtensions: false });

const remote = async (id) => (await call(server, 'GET', `/artifacts/${id}`)).body;

test('plain backend: a generation, edits, notes and a regeneration sync', async () => {
  const env = environment();
  const store = await openStore(env);
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  await store.editSection(projectId, 'brief', 'target_user', 'Plain: shop owners');
  await store.annotate(projectId, 'brief', 'target_user', 'plain note');
  const sync = await startSync(server, store);
  await drain(sync, store);
  assert.deepEqual(await store.outbox(), []);
  let after = await remote(record.id);
  assert.equal(after.current_content.target_user, 'Plain: shop owners');
  assert.equal(after.annotations.length, 1);
  assert.equal((await call(server, 'GET', `/artifacts/${record.id}`)).etag, null, 'no ETags here');
  const local = await store.get(record.id);
  assert.deepEqual(local.current_content, after.current_content);
  assert.equal(local.synced_etag, `W/"${after.version_number}"`);
  // A regeneration here replaces the backend's version (PUT without If-Match).
  const lease = await store.beginGeneration(projectId, 'brief');
  const regenerated = { ...SAMPLE_PLAN.brief, key_constraint: 'Plain: regenerated constraint' };
  const done = await store.completeGeneration(projectId, 'brief', regenerated, { lease });
  await drain(sync, store);
  after = await remote(record.id);
  assert.equal(after.version_number, 2);
  assert.deepEqual(after.current_content, done.record.current_content);
  assert.equal(after.current_content.key_constraint, 'Plain: regenerated constraint');
  assert.deepEqual(await store.outbox(), []);
  await sync.stop();
  store.close();
});

test('plain backend: a note whose answer is lost is sent again and stays one note (its id)', async () => {
  const store = await openStore(environment());
  const fetch = faultyFetch();
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store, { fetch });
  await drain(sync, store);
  await store.annotate(projectId, 'brief', 'problem_statement', 'only once please');
  const [note] = await store.outbox();
  fetch.push({ kind: 'drop-response', when: writesOnly });
  await drain(sync, store);
  assert.deepEqual(await store.outbox(), []);
  const after = await remote(record.id);
  assert.deepEqual(after.annotations.map((a) => a.id), [note.payload.id]);
  assert.equal((await store.get(record.id)).annotations.length, 1);
  assert.ok(requestsWithKey(server, note.mutationId).every((r) => !r.replayed), 'no replays in plain mode');
  await sync.stop();
  store.close();
});

// A synced brief, then another device edits target_user on the backend and this one edits it
// too. `restart`: this device's client is a new one (it has not talked to the backend yet).
async function sameSectionOnBothSides({ restart }) {
  const store = await openStore(environment());
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  let sync = await startSync(server, store);
  await drain(sync, store);
  if (restart) await sync.stop();
  assert.equal((await call(server, 'PATCH', `/artifacts/${record.id}/edit`, { body: { section_path: 'target_user', new_value: 'Theirs: franchises' } })).status, 200);
  await store.editSection(projectId, 'brief', 'target_user', 'Mine: kiosks');
  await store.editSection(projectId, 'brief', 'problem_statement', 'Mine: counts are always wrong');
  const [edit] = await store.outbox();
  if (restart) sync = await startSync(server, store);
  await drain(sync, store);
  const after = await remote(record.id);
  assert.equal(after.current_content.target_user, 'Theirs: franchises', 'the backend\'s newer value is not overwritten');
  assert.equal(after.current_content.problem_statement, SAMPLE_PLAN.brief.problem_statement, 'later entries wait');
  const [conflict] = await sync.conflicts();
  assert.equal(conflict?.id, edit.mutationId);
  assert.equal(conflict.mine, 'Mine: kiosks');
  assert.equal(conflict.theirs, 'Theirs: franchises');
  assert.equal(conflict.base, SAMPLE_PLAN.brief.target_user);
  await sync.resolve(edit.mutationId, { take: 'theirs' });
  await drain(sync, store);
  assert.deepEqual(await store.outbox(), []);
  const resolved = await remote(record.id);
  assert.equal(resolved.current_content.target_user, 'Theirs: franchises');
  assert.equal(resolved.current_content.problem_statement, 'Mine: counts are always wrong');
  assert.deepEqual((await store.get(record.id)).current_content, resolved.current_content);
  await sync.stop();
  store.close();
}

test('plain backend: the same section edited on the backend is a conflict, not overwritten', () => sameSectionOnBothSides({ restart: false }));

test('plain backend, after a restart: the first change is checked against the backend too', () => sameSectionOnBothSides({ restart: true }));

test('plain backend: a version generated on the backend is detected (version_number) and merged, not overwritten', async () => {
  const store = await openStore(environment());
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store);
  await drain(sync, store);
  // Another device generated a new version (PUT replaces: version 2, a new problem statement).
  const theirs = { ...SAMPLE_PLAN.brief, problem_statement: 'Theirs: version two' };
  const put = await call(server, 'PUT', `/artifacts/${record.id}`, { body: { project_id: projectId, artifact_type: 'brief', content: theirs } });
  assert.equal(put.status, 200);
  assert.equal(put.body.version_number, 2);
  await store.editSection(projectId, 'brief', 'target_user', 'Mine: on version one');
  await drain(sync, store);
  const after = await remote(record.id);
  assert.equal(after.version_number, 2);
  assert.equal(after.current_content.problem_statement, 'Theirs: version two');
  assert.equal(after.current_content.target_user, 'Mine: on version one');
  const local = await store.get(record.id);
  assert.equal(local.version_number, 2);
  assert.deepEqual(local.current_content, after.current_content);
  assert.ok((await store.outbox()).every((e) => e.state !== OutboxState.PENDING));
  await sync.stop();
  store.close();
});

test('plain backend: a regeneration whose answer is lost is recognised on the backend, not a conflict or a second version', async () => {
  const store = await openStore(environment());
  const fetch = faultyFetch();
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store, { fetch });
  await drain(sync, store);
  const lease = await store.beginGeneration(projectId, 'brief');
  const regenerated = { ...SAMPLE_PLAN.brief, value_proposition: 'Plain: regenerated once' };
  await store.completeGeneration(projectId, 'brief', regenerated, { lease });
  fetch.push({ kind: 'drop-response', when: writesOnly });
  await drain(sync, store);
  assert.deepEqual(await sync.conflicts(), []);
  assert.deepEqual(await store.outbox(), []);
  const after = await remote(record.id);
  assert.equal(after.version_number, 2, 'applied once');
  assert.equal(after.current_content.value_proposition, 'Plain: regenerated once');
  const local = await store.get(record.id);
  assert.equal(local.version_number, 2);
  assert.deepEqual(local.current_content, after.current_content);
  await sync.stop();
  store.close();
});

test('plain backend: a version generated on the backend that changed the section edited here is a conflict', async () => {
  const store = await openStore(environment());
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store);
  await drain(sync, store);
  const theirs = { ...SAMPLE_PLAN.brief, target_user: 'Theirs: regenerated target user' };
  assert.equal((await call(server, 'PUT', `/artifacts/${record.id}`, { body: { project_id: projectId, artifact_type: 'brief', content: theirs } })).status, 200);
  await store.editSection(projectId, 'brief', 'target_user', 'Mine: edited on version one');
  const [edit] = await store.outbox();
  await drain(sync, store);
  const after = await remote(record.id);
  assert.equal(after.version_number, 2);
  assert.equal(after.current_content.target_user, 'Theirs: regenerated target user', 'not overwritten');
  const [conflict] = await sync.conflicts();
  assert.equal(conflict?.id, edit.mutationId);
  assert.equal(conflict.theirs, 'Theirs: regenerated target user');
  assert.equal(conflict.mine, 'Mine: edited on version one');
  await sync.resolve(edit.mutationId, { take: 'mine' });
  await drain(sync, store);
  assert.equal((await remote(record.id)).current_content.target_user, 'Mine: edited on version one');
  assert.deepEqual(await store.outbox(), []);
  await sync.stop();
  store.close();
});
