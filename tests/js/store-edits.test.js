// Edits that change nothing, and previews that write nothing: the store's record, its edited
// flags and its change feed stay as they were.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { init, validate } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { environment, openStore } from './support/store.js';

before(() => init());

const P = 'project-1';

async function generated(store, type, content = SAMPLE_PLAN[type]) {
  const lease = await store.beginGeneration(P, type);
  return (await store.completeGeneration(P, type, content, { lease })).record;
}

// Two stores on one database (two tabs) and every change either of them hears.
async function twoTabs() {
  const env = environment();
  const store = await openStore(env);
  const other = await openStore(env);
  const heard = [];
  store.subscribe((change) => heard.push(['store', change.kind]));
  other.subscribe((change) => heard.push(['other', change.kind]));
  return { env, store, other, heard, close: () => { store.close(); other.close(); } };
}

test('saving a section with its current value writes nothing, flags nothing and tells nobody', async () => {
  const tabs = await twoTabs();
  const before = await generated(tabs.store, 'brief');
  tabs.env.tick(60_000);  // a write now would change updated_at
  await delay(50);
  tabs.heard.length = 0;
  const returned = await tabs.store.editSection(P, 'brief', 'target_user', before.current_content.target_user);
  assert.deepEqual(returned, before);
  assert.deepEqual(await tabs.store.getByType(P, 'brief'), before);
  assert.equal(returned.has_user_edits, false);
  assert.equal(returned.edited_sections, null);
  await delay(50);
  assert.deepEqual(tabs.heard, []);

  // A real edit still is one, heard in both tabs (so the wait above was long enough).
  const edited = await tabs.store.editSection(P, 'brief', 'target_user', 'Owners of three-person cafes.');
  assert.equal(edited.has_user_edits, true);
  assert.deepEqual(edited.edited_sections, ['target_user']);
  assert.notEqual(edited.updated_at, before.updated_at);
  await delay(50);
  assert.deepEqual(tabs.heard.sort(), [['other', 'editSection'], ['store', 'editSection']]);
  tabs.close();
});

test('an unchanged list of objects is no edit, whatever the order of its keys', async () => {
  const tabs = await twoTabs();
  const before = await generated(tabs.store, 'mvp_scope');
  tabs.env.tick(60_000);
  await delay(50);
  tabs.heard.length = 0;
  const reordered = before.current_content.core_features.map(
    (feature) => Object.fromEntries(Object.entries(feature).reverse()));
  assert.notDeepEqual(Object.keys(reordered[0]), Object.keys(before.current_content.core_features[0]));
  const returned = await tabs.store.editSection(P, 'mvp_scope', 'core_features', reordered);
  assert.deepEqual(returned, before);
  await delay(50);
  assert.deepEqual(tabs.heard, []);
  tabs.close();
});

test('a value that validates to the current one (a lax "12" for 12) is no edit either', async () => {
  const store = await openStore(environment());
  const before = await generated(store, 'milestones');
  const weeks = before.current_content.total_duration_weeks;
  const lax = validate('milestones', { ...before.current_content, total_duration_weeks: String(weeks) });
  assert.equal(lax.ok, true);
  assert.equal(lax.value.total_duration_weeks, weeks);
  const returned = await store.editSection(P, 'milestones', 'total_duration_weeks', String(weeks));
  assert.deepEqual(returned, before);
  const changed = await store.editSection(P, 'milestones', 'total_duration_weeks', String(weeks + 1));
  assert.deepEqual(changed.edited_sections, ['total_duration_weeks']);
  assert.equal(changed.current_content.total_duration_weeks, weeks + 1);
  store.close();
});

test('an unchanged value keeps earlier edits as they are', async () => {
  const store = await openStore(environment());
  await generated(store, 'brief');
  const edited = await store.editSection(P, 'brief', 'key_constraint', 'We must work offline.');
  const again = await store.editSection(P, 'brief', 'key_constraint', 'We must work offline.');
  assert.deepEqual(again, edited);
  const other = await store.editSection(P, 'brief', 'problem_statement', edited.current_content.problem_statement);
  assert.deepEqual(other.edited_sections, ['key_constraint']);
  store.close();
});

test('previewGeneration returns what completing would store, and writes nothing', async () => {
  const tabs = await twoTabs();
  await generated(tabs.store, 'brief');
  const edited = await tabs.store.editSection(P, 'brief', 'target_user', 'Owners of three-person cafes.');
  await delay(50);
  tabs.heard.length = 0;
  const next = { ...SAMPLE_PLAN.brief, key_constraint: 'We must work offline.' };
  const preview = await tabs.store.previewGeneration(P, 'brief', next);
  assert.equal(preview.value.target_user, 'Owners of three-person cafes.');
  assert.equal(preview.value.key_constraint, 'We must work offline.');
  assert.deepEqual(preview.kept, ['target_user']);
  assert.deepEqual(preview.diff.sections.filter((s) => s.change !== 'unchanged').map((s) => s.id), ['key_constraint']);
  assert.deepEqual(await tabs.store.getByType(P, 'brief'), edited);
  await delay(50);
  assert.deepEqual(tabs.heard, []);

  const lease = await tabs.store.beginGeneration(P, 'brief');
  const { record, kept } = await tabs.store.completeGeneration(P, 'brief', preview.generated, { lease });
  assert.deepEqual(record.current_content, preview.value);
  assert.deepEqual(kept, preview.kept);
  tabs.close();
});
