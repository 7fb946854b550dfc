// When the backend changed too: a section both sides changed is a conflict the founder resolves
// (held, with everything after it on that record); sections changed on one side each merge
// cleanly; a change the backend refuses is a dead letter, visible and never dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, NotFoundError, OutboxState, ValidationFailedError } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { environment, openStore } from './support/store.js';
import {
  backend, call, drain, duplicateApplies, OTHER_TOKEN, projectWith, requestsWithKey, startSync,
} from './support/sync.js';

await init();
const server = backend();

const remote = async (id) => (await call(server, 'GET', `/artifacts/${id}`)).body;
// Another device's edit, straight to the backend.
const serverEdit = (id, section, value) => call(server, 'PATCH', `/artifacts/${id}/edit`, { body: { section_path: section, new_value: value } });

// A synced brief, a server-side edit of target_user, and local changes made on the old version:
// an edit of the same section, then a note after it. The flush finds the conflict.
async function conflicted(onConflict) {
  const store = await openStore(environment());
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store, { onConflict });
  await drain(sync, store);
  assert.equal((await serverEdit(record.id, 'target_user', 'Theirs: chain stores')).status, 200);
  await store.editSection(projectId, 'brief', 'target_user', 'Mine: corner shops');
  await store.annotate(projectId, 'brief', 'target_user', 'after the edit');
  const [edit, note] = await store.outbox();
  await drain(sync, store);
  return { store, sync, projectId, record, edit, note };
}

async function checkHeld({ store, sync, record, edit, note }) {
  const [conflict] = await sync.conflicts();
  assert.equal((await sync.conflicts()).length, 1);
  assert.equal(conflict.id, edit.mutationId);
  assert.equal(conflict.recordId, record.id);
  assert.equal(conflict.sectionId, 'target_user');
  assert.equal(conflict.base, SAMPLE_PLAN.brief.target_user);
  assert.equal(conflict.mine, 'Mine: corner shops');
  assert.equal(conflict.theirs, 'Theirs: chain stores');
  assert.equal(sync.status.conflicts, 1);
  const entries = await store.outbox();
  assert.deepEqual(entries.map((e) => [e.mutationId, e.state]), [[edit.mutationId, OutboxState.CONFLICT], [note.mutationId, OutboxState.PENDING]]);
  // Held: the edit was refused by If-Match, never applied; the note after it was not sent.
  assert.ok(requestsWithKey(server, edit.mutationId).every((r) => r.status === 412));
  assert.equal(requestsWithKey(server, note.mutationId).length, 0);
  const after = await remote(record.id);
  assert.equal(after.current_content.target_user, 'Theirs: chain stores');
  assert.equal(after.annotations.length, 0);
  // The local record keeps the founder's value until the conflict is resolved.
  assert.equal((await store.get(record.id)).current_content.target_user, 'Mine: corner shops');
}

test('same section edited on both sides: a conflict with base, mine and theirs; resolve take mine', async () => {
  const seen = [];
  const state = await conflicted((conflicts) => seen.push(...conflicts));
  await checkHeld(state);
  const { store, sync, record, edit, note } = state;
  assert.equal(seen.length, 1);
  assert.equal(seen[0].id, edit.mutationId);
  await sync.resolve(edit.mutationId, { take: 'mine' });
  await drain(sync, store);
  assert.deepEqual(await store.outbox(), []);
  const after = await remote(record.id);
  assert.equal(after.current_content.target_user, 'Mine: corner shops');
  assert.deepEqual(after.annotations.map((a) => a.id), [note.payload.id]);
  const local = await store.get(record.id);
  assert.deepEqual(local.current_content, after.current_content);
  assert.equal(sync.status.conflicts, 0);
  assert.deepEqual(duplicateApplies(server), []);
  await sync.stop();
  store.close();
});

test('resolve take theirs: the local record gets the backend\'s value, the entry is gone, the note goes', async () => {
  const state = await conflicted();
  await checkHeld(state);
  const { store, sync, record, edit, note } = state;
  await sync.resolve(edit.mutationId, { take: 'theirs' });
  assert.equal((await store.get(record.id)).current_content.target_user, 'Theirs: chain stores');
  assert.ok(!(await store.outbox()).some((e) => e.mutationId === edit.mutationId));
  await drain(sync, store);
  assert.deepEqual(await store.outbox(), []);
  const after = await remote(record.id);
  assert.equal(after.current_content.target_user, 'Theirs: chain stores');
  assert.deepEqual(after.annotations.map((a) => a.id), [note.payload.id]);
  assert.deepEqual((await store.get(record.id)).current_content, after.current_content);
  assert.deepEqual(requestsWithKey(server, edit.mutationId).filter((r) => r.status < 300), []);
  await sync.stop();
  store.close();
});

test('resolve with a value: validated, then sent; an invalid value changes nothing', async () => {
  const state = await conflicted();
  await checkHeld(state);
  const { store, sync, record, edit } = state;
  const before = { outbox: await store.outbox(), record: await store.get(record.id) };
  await assert.rejects(sync.resolve(edit.mutationId, { take: 42 }), (error) => error instanceof ValidationFailedError && error.code === 'validation_failed');
  assert.deepEqual(await store.outbox(), before.outbox);
  assert.deepEqual(await store.get(record.id), before.record);
  await assert.rejects(sync.resolve('no-such-conflict', { take: 'mine' }), (error) => error instanceof NotFoundError && error.code === 'not_found');
  await sync.resolve(edit.mutationId, { take: 'Both: corner shops and small chains' });
  await drain(sync, store);
  assert.deepEqual(await store.outbox(), []);
  const after = await remote(record.id);
  assert.equal(after.current_content.target_user, 'Both: corner shops and small chains');
  assert.deepEqual((await store.get(record.id)).current_content, after.current_content);
  await sync.stop();
  store.close();
});

test('different sections edited on both sides merge cleanly: both edits on the server and here', async () => {
  const store = await openStore(environment());
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store);
  await drain(sync, store);
  assert.equal((await serverEdit(record.id, 'problem_statement', 'Theirs: shrinkage is invisible')).status, 200);
  await store.editSection(projectId, 'brief', 'target_user', 'Mine: corner shops');
  const [edit] = await store.outbox();
  await drain(sync, store);
  assert.deepEqual(await sync.conflicts(), []);
  assert.deepEqual(await store.outbox(), []);
  assert.deepEqual(requestsWithKey(server, edit.mutationId).map((r) => r.status), [412, 200]);
  const after = await remote(record.id);
  assert.equal(after.current_content.problem_statement, 'Theirs: shrinkage is invisible');
  assert.equal(after.current_content.target_user, 'Mine: corner shops');
  const local = await store.get(record.id);
  assert.deepEqual(local.current_content, after.current_content);
  assert.deepEqual([...local.edited_sections].sort(), ['problem_statement', 'target_user']);
  await sync.stop();
  store.close();
});

test('a change the backend refuses (422) is a dead letter with its reason; later entries still go; retry and discard', async () => {
  const store = await openStore(environment());
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store);
  await drain(sync, store);
  // U+0000 is valid JSON and valid content here, but PostgreSQL cannot store it: the backend
  // answers 422 unstorable_text.
  await store.editSection(projectId, 'brief', 'key_constraint', 'Works with\u0000out wifi');
  await store.annotate(projectId, 'brief', 'key_constraint', 'after the refused edit');
  const [refused, note] = await store.outbox();
  await drain(sync, store);
  const [dead] = await sync.deadLetters();
  assert.equal((await sync.deadLetters()).length, 1);
  assert.equal(dead.id, refused.mutationId);
  assert.equal(dead.kind, 'edit');
  assert.equal(dead.error.status, 422);
  assert.equal(dead.error.code, 'unstorable_text');
  assert.match(dead.error.detail, /U\+0000/);
  assert.equal(sync.status.failed, 1);
  // The note after it went; the local record keeps the refused edit.
  assert.deepEqual((await remote(record.id)).annotations.map((a) => a.id), [note.payload.id]);
  assert.equal((await store.get(record.id)).current_content.key_constraint, 'Works with\u0000out wifi');
  // Retry sends it again (same key): refused again, still visible.
  await sync.retry(dead.id);
  assert.equal((await store.outbox())[0].state, OutboxState.PENDING);
  await drain(sync, store);
  assert.equal((await sync.deadLetters()).length, 1);
  assert.deepEqual(requestsWithKey(server, refused.mutationId).map((r) => r.status), [422, 422]);
  await sync.discard(dead.id);
  assert.deepEqual(await sync.deadLetters(), []);
  assert.deepEqual(await store.outbox(), []);
  assert.equal(sync.status.failed, 0);
  await assert.rejects(sync.retry(dead.id), NotFoundError);
  await assert.rejects(sync.discard(dead.id), NotFoundError);
  await sync.stop();
  store.close();
});

test('an edit above the project\'s tier is refused (403 tier_locked); once the tier is raised, retry applies it', async () => {
  const store = await openStore(environment());
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief, { tier: 'bootstrapper' });
  const sync = await startSync(server, store);
  await drain(sync, store);
  await store.editSection(projectId, 'brief', 'market_analysis', 'A bigger market than we thought');
  await store.editSection(projectId, 'brief', 'target_user', 'Village shops');
  const [locked, open] = await store.outbox();
  await drain(sync, store);
  const [dead] = await sync.deadLetters();
  assert.equal(dead.id, locked.mutationId);
  assert.equal(dead.error.status, 403);
  assert.equal(dead.error.code, 'tier_locked');
  assert.deepEqual(requestsWithKey(server, open.mutationId).map((r) => r.status), [200]);
  assert.equal((await remote(record.id)).current_content.target_user, 'Village shops');
  // The founder upgrades (here straight in the backend's database), then retries.
  await server.db.query('UPDATE projects SET tier = $1 WHERE id = $2', ['cto_scale', projectId]);
  await sync.retry(dead.id);
  await drain(sync, store);
  assert.deepEqual(await sync.deadLetters(), []);
  assert.deepEqual(await store.outbox(), []);
  assert.equal((await remote(record.id)).current_content.market_analysis, 'A bigger market than we thought');
  assert.deepEqual((await store.get(record.id)).current_content, (await remote(record.id)).current_content);
  await sync.stop();
  store.close();
});

test('another user\'s project id is refused (never shown or changed); the put is a dead letter', async () => {
  const store = await openStore(environment());
  const theirs = crypto.randomUUID();
  assert.equal((await call(server, 'POST', '/projects', { token: OTHER_TOKEN, body: { id: theirs, name: 'Not yours' } })).status, 201);
  const lease = await store.beginGeneration(theirs, 'brief');
  await store.completeGeneration(theirs, 'brief', SAMPLE_PLAN.brief, { lease });
  const sync = await startSync(server, store, { describeProject: () => ({ name: 'Mine' }) });
  await drain(sync, store);
  const [dead] = await sync.deadLetters();
  assert.equal(dead.kind, 'put');
  assert.ok(dead.error.status >= 400);
  assert.deepEqual((await call(server, 'GET', `/artifacts/project/${theirs}`, { token: OTHER_TOKEN })).body, []);
  await sync.stop();
  store.close();
});

// A version generated here on version 1 while another device edited version 1 on the backend.
async function generationConflict() {
  const store = await openStore(environment());
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store);
  await drain(sync, store);
  assert.equal((await serverEdit(record.id, 'key_constraint', 'Theirs: edited on the backend')).status, 200);
  const lease = await store.beginGeneration(projectId, 'brief');
  const mine = { ...SAMPLE_PLAN.brief, problem_statement: 'Mine: regenerated here' };
  await store.completeGeneration(projectId, 'brief', mine, { lease });
  const [put] = await store.outbox();
  await drain(sync, store);
  const [conflict] = await sync.conflicts();
  assert.equal(conflict.id, put.mutationId);
  assert.equal(conflict.kind, 'put');
  assert.equal(conflict.sectionId, null);
  assert.equal(conflict.mine.problem_statement, 'Mine: regenerated here');
  assert.equal(conflict.theirs.key_constraint, 'Theirs: edited on the backend');
  assert.equal((await remote(record.id)).version_number, 1, 'the backend\'s edit is not overwritten');
  return { store, sync, record, put };
}

test('a version generated here over a backend edit: a conflict of the whole content; take mine makes it the next version', async () => {
  const { store, sync, record, put } = await generationConflict();
  await sync.resolve(put.mutationId, { take: 'mine' });
  await drain(sync, store);
  assert.deepEqual(await store.outbox(), []);
  const after = await remote(record.id);
  assert.equal(after.version_number, 2);
  assert.equal(after.current_content.problem_statement, 'Mine: regenerated here');
  assert.deepEqual((await store.get(record.id)).current_content, after.current_content);
  await sync.stop();
  store.close();
});

test('a version generated here over a backend edit: take theirs keeps the backend\'s version here', async () => {
  const { store, sync, record, put } = await generationConflict();
  await sync.resolve(put.mutationId, { take: 'theirs' });
  await drain(sync, store);
  assert.deepEqual(await store.outbox(), []);
  const after = await remote(record.id);
  assert.equal(after.version_number, 1);
  assert.equal(after.current_content.key_constraint, 'Theirs: edited on the backend');
  const local = await store.get(record.id);
  assert.deepEqual(local.current_content, after.current_content);
  assert.equal(local.version_number, 1);
  assert.equal(local.synced_etag, (await call(server, 'GET', `/artifacts/${record.id}`)).etag);
  await sync.stop();
  store.close();
});

test('two devices generated the same artifact offline: the second one meets the first one\'s record as a conflict, nothing lost', async () => {
  const first = await openStore(environment());
  const { projectId, record: theirs } = await projectWith(server, first, 'brief', SAMPLE_PLAN.brief);
  const firstSync = await startSync(server, first);
  await drain(firstSync, first);
  await firstSync.stop();
  first.close();
  // The second device generated its own brief (its own id) and edited it, offline.
  const second = await openStore(environment());
  const lease = await second.beginGeneration(projectId, 'brief');
  const mine = { ...SAMPLE_PLAN.brief, problem_statement: 'Second device: its own generation' };
  const { record: local } = await second.completeGeneration(projectId, 'brief', mine, { lease });
  assert.notEqual(local.id, theirs.id);
  await second.editSection(projectId, 'brief', 'target_user', 'Second device: edited');
  const [put, edit] = await second.outbox();
  const sync = await startSync(server, second);
  await drain(sync, second);
  // The backend's record wins the id; this device's generation is held as a conflict on it.
  assert.equal(await second.get(local.id), null);
  const moved = await second.get(theirs.id);
  assert.equal(moved.current_content.problem_statement, 'Second device: its own generation');
  const [conflict] = await sync.conflicts();
  assert.equal(conflict.id, put.mutationId);
  assert.equal(conflict.recordId, theirs.id);
  assert.deepEqual((await second.outbox()).map((e) => [e.mutationId, e.recordId]), [[put.mutationId, theirs.id], [edit.mutationId, theirs.id]]);
  assert.deepEqual((await remote(theirs.id)).current_content, SAMPLE_PLAN.brief, 'the first device\'s version is untouched');
  assert.equal((await call(server, 'GET', `/artifacts/${local.id}`)).status, 404);
  // Keeping the second device's version makes it version 2 of the backend's record, edit included.
  await sync.resolve(put.mutationId, { take: 'mine' });
  await drain(sync, second);
  assert.deepEqual(await second.outbox(), []);
  const after = await remote(theirs.id);
  assert.equal(after.version_number, 2);
  assert.equal(after.current_content.problem_statement, 'Second device: its own generation');
  assert.equal(after.current_content.target_user, 'Second device: edited');
  assert.deepEqual((await second.get(theirs.id)).current_content, after.current_content);
  await sync.stop();
  second.close();
});

test('a refused note stays in the local record through later acknowledgements and pulls', async () => {
  const store = await openStore(environment());
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store);
  await drain(sync, store);
  await store.annotate(projectId, 'brief', 'target_user', 'a note PostgreSQL cannot store: \u0000');
  await store.editSection(projectId, 'brief', 'target_user', 'Edited after the refused note');
  const [note] = await store.outbox();
  await drain(sync, store);
  const [dead] = await sync.deadLetters();
  assert.equal(dead.id, note.mutationId);
  assert.equal(dead.error.code, 'unstorable_text');
  assert.equal((await call(server, 'GET', `/artifacts/${record.id}`)).body.current_content.target_user, 'Edited after the refused note');
  assert.equal(await sync.pull(projectId).then(() => 'pulled'), 'pulled');
  assert.equal(await call(server, 'PATCH', `/artifacts/${record.id}/edit`, { body: { section_path: 'key_constraint', new_value: 'Theirs: later' } }).then((a) => a.status), 200);
  await sync.pull(projectId);
  const local = await store.get(record.id);
  assert.equal(local.current_content.key_constraint, 'Theirs: later', 'the backend\'s later edit came in');
  assert.deepEqual(local.annotations.map((a) => a.id), [note.payload.id], 'the refused note is still here');
  await sync.discard(dead.id);
  await sync.stop();
  store.close();
});

test('a regeneration on the backend while an edit waits: the edit lands on the new version, once', async () => {
  const store = await openStore(environment());
  const { projectId, record } = await projectWith(server, store, 'brief', SAMPLE_PLAN.brief);
  const sync = await startSync(server, store);
  await drain(sync, store);
  const started = await call(server, 'POST', `/artifacts/${record.id}/regenerate`, { body: { force: true } });
  assert.equal(started.status, 202);
  await store.editSection(projectId, 'brief', 'target_user', 'Mine: during the regeneration');
  const [edit] = await store.outbox();
  // While the backend generates, its 409 generation_in_progress is a wait, not a refusal.
  for (let i = 0; i < 200; i += 1) {
    await drain(sync, store);
    if ((await remote(record.id)).generation_status !== 'generating' && (await store.outbox()).length === 0) break;
    await new Promise((resolve) => { setTimeout(resolve, 10); });
  }
  assert.deepEqual(await sync.deadLetters(), []);
  assert.deepEqual(await store.outbox(), []);
  const after = await remote(record.id);
  assert.equal(after.version_number, 2);
  assert.equal(after.current_content.target_user, 'Mine: during the regeneration');
  assert.ok(requestsWithKey(server, edit.mutationId).every((r) => [200, 409, 412].includes(r.status)));
  assert.equal(requestsWithKey(server, edit.mutationId).filter((r) => r.status === 200 && !r.replayed).length, 1);
  const local = await store.get(record.id);
  assert.equal(local.version_number, 2);
  assert.deepEqual(local.current_content, after.current_content);
  await sync.stop();
  store.close();
});
