// ArtifactStore over fake-indexeddb: every lifecycle transition and its refusals, leases, races,
// upgrades, migration on read, cross-tab notifications.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  init, ArtifactStore, ConcurrentGenerationError, LeaseLostError, ValidationFailedError,
  TierLockedError, NotFoundError, InvalidInputError, StorageError, UnknownArtifactTypeError,
  SchemaVersionUnsupportedError, UnknownTierError,
} from 'cofounder-artifacts';
import { SAMPLE_PLAN, openDatabase, DB_VERSION } from 'cofounder-artifacts/testing';
import { environment, openStore } from './support/store.js';

before(() => init());

const P = 'project-1';

async function generated(store, type = 'brief', content = SAMPLE_PLAN[type], options = {}) {
  const lease = await store.beginGeneration(P, type);
  return store.completeGeneration(P, type, content, { lease, ...options });
}

test('first generation: record created generating, then version 1, idle, previous null', async () => {
  const store = await openStore(environment());
  const lease = await store.beginGeneration(P, 'brief');
  const during = await store.getByType(P, 'brief');
  assert.equal(during.generation_status, 'generating');
  assert.equal(during.current_content, null);
  assert.equal(during.version_number, 0);
  assert.match(during.id, /^[0-9a-f-]{36}$/);
  const { record } = await store.completeGeneration(P, 'brief', SAMPLE_PLAN.brief, { lease });
  assert.equal(record.version_number, 1);
  assert.equal(record.generation_status, 'idle');
  assert.equal(record.previous_content, null);
  assert.equal(record.generation_lease, null);
  assert.deepEqual(record.current_content.problem_statement, SAMPLE_PLAN.brief.problem_statement);
  assert.deepEqual(record.base_content, record.current_content);
  assert.equal(record.has_user_edits, false);
  assert.deepEqual(await store.get(record.id), record);
  store.close();
});

test('a second generation rotates previous_content and bumps the version', async () => {
  const store = await openStore(environment());
  await generated(store);
  const changed = { ...SAMPLE_PLAN.brief, key_constraint: 'We must work offline.' };
  const { record } = await generated(store, 'brief', changed);
  assert.equal(record.version_number, 2);
  assert.equal(record.previous_content.key_constraint, SAMPLE_PLAN.brief.key_constraint);
  assert.equal(record.current_content.key_constraint, 'We must work offline.');
  store.close();
});

test('refusals: concurrent generation, lease lost, completing without a lease, failing', async () => {
  const store = await openStore(environment());
  const lease = await store.beginGeneration(P, 'milestones');
  await assert.rejects(store.beginGeneration(P, 'milestones'), ConcurrentGenerationError);
  await assert.rejects(store.completeGeneration(P, 'milestones', SAMPLE_PLAN.milestones, {}), InvalidInputError);
  await assert.rejects(store.completeGeneration(P, 'milestones', SAMPLE_PLAN.milestones,
    { lease: { owner: 'someone-else' } }), LeaseLostError);
  const failed = await store.failGeneration(P, 'milestones', new Error('LLM down'), { lease });
  assert.equal(failed.generation_status, 'failed');
  assert.equal(failed.generation_error, 'LLM down');
  assert.equal(failed.current_content, null);
  await assert.rejects(store.completeGeneration(P, 'milestones', SAMPLE_PLAN.milestones, { lease }), LeaseLostError);
  await assert.rejects(store.failGeneration(P, 'milestones', 'x', { lease }), LeaseLostError);
  // failed -> generating again
  const retry = await store.beginGeneration(P, 'milestones');
  const { record } = await store.completeGeneration(P, 'milestones', SAMPLE_PLAN.milestones, { lease: retry });
  assert.equal(record.version_number, 1);
  store.close();
});

test('a lease older than its TTL may be taken over; the old holder cannot complete', async () => {
  const env = environment();
  const store = await openStore(env);
  const first = await store.beginGeneration(P, 'risk_log', { ttlMs: 60_000 });
  env.tick(30_000);
  await assert.rejects(store.beginGeneration(P, 'risk_log'), ConcurrentGenerationError);
  env.tick(31_000);  // the first generator crashed: its lease expired
  const second = await store.beginGeneration(P, 'risk_log');
  await assert.rejects(store.completeGeneration(P, 'risk_log', SAMPLE_PLAN.risk_log, { lease: first }), LeaseLostError);
  const { record } = await store.completeGeneration(P, 'risk_log', SAMPLE_PLAN.risk_log, { lease: second });
  assert.equal(record.generation_status, 'idle');
  store.close();
});

test('two connections race beginGeneration 100 times: exactly one winner each time', async () => {
  const env = environment();
  const [a, b] = await Promise.all([openStore(env), openStore(env)]);
  for (let round = 0; round < 100; round += 1) {
    const results = await Promise.allSettled([a.beginGeneration(P, 'how_it_works'), b.beginGeneration(P, 'how_it_works')]);
    const winners = results.filter((r) => r.status === 'fulfilled');
    assert.equal(winners.length, 1, `round ${round}`);
    assert.ok(results.find((r) => r.status === 'rejected').reason instanceof ConcurrentGenerationError);
    await a.completeGeneration(P, 'how_it_works', SAMPLE_PLAN.how_it_works, { lease: winners[0].value });
  }
  assert.equal((await b.getByType(P, 'how_it_works')).version_number, 100);
  a.close();
  b.close();
});

test('invalid content is never written: the record stays byte-for-byte the same', async () => {
  const store = await openStore(environment());
  await generated(store, 'mvp_scope');
  const lease = await store.beginGeneration(P, 'mvp_scope');
  const before = JSON.stringify(await store.getByType(P, 'mvp_scope'));
  const broken = structuredClone(SAMPLE_PLAN.mvp_scope);
  broken.core_features[0].priority = 'urgent';
  await assert.rejects(store.completeGeneration(P, 'mvp_scope', broken, { lease }),
    (e) => e instanceof ValidationFailedError && e.errors[0].loc.join('.') === 'core_features.0.priority');
  await assert.rejects(store.completeGeneration(P, 'mvp_scope', '{"core_features":', { lease }), ValidationFailedError);
  assert.equal(JSON.stringify(await store.getByType(P, 'mvp_scope')), before);
  await store.failGeneration(P, 'mvp_scope', 'invalid', { lease });
  const idle = JSON.stringify(await store.getByType(P, 'mvp_scope'));
  await assert.rejects(store.editSection(P, 'mvp_scope', 'out_of_scope', 'not a list'), ValidationFailedError);
  await assert.rejects(store.editSection(P, 'mvp_scope', 'core_features', [{ name: 'x' }]), ValidationFailedError);
  assert.equal(JSON.stringify(await store.getByType(P, 'mvp_scope')), idle);
  store.close();
});

test('editSection: validated, tier-checked, recorded, version unchanged', async () => {
  const store = await openStore(environment());
  await generated(store);
  const record = await store.editSection(P, 'brief', 'target_user', 'Owners of corner shops.', { tier: 'bootstrapper' });
  assert.equal(record.current_content.target_user, 'Owners of corner shops.');
  assert.equal(record.has_user_edits, true);
  assert.deepEqual(record.edited_sections, ['target_user']);
  assert.equal(record.version_number, 1);
  await assert.rejects(store.editSection(P, 'brief', 'market_analysis', 'x', { tier: 'bootstrapper' }), TierLockedError);
  await store.editSection(P, 'brief', 'market_analysis', 'A bigger market.', { tier: 'partner' });
  await assert.rejects(store.editSection(P, 'brief', 'pitch', 'x'), InvalidInputError);
  await assert.rejects(store.editSection(P, 'brief', 'target_user', 'x', { tier: 'gold' }), UnknownTierError);
  await assert.rejects(store.editSection(P, 'risk_log', 'market_risks', []), NotFoundError);
  assert.deepEqual((await store.getByType(P, 'brief')).edited_sections, ['target_user', 'market_analysis']);
  store.close();
});

test('regeneration merges the founder\'s edits; annotations survive; force keeps them in previous_content', async () => {
  const store = await openStore(environment());
  await generated(store);
  await store.editSection(P, 'brief', 'target_user', 'Our words.');
  await store.annotate(P, 'brief', 'target_user', 'Check with Ana');
  const regenerated = { ...SAMPLE_PLAN.brief, target_user: 'Regenerated.', key_constraint: 'New constraint.' };
  const { record, kept, conflicts } = await generated(store, 'brief', regenerated);
  assert.equal(record.current_content.target_user, 'Our words.');
  assert.equal(record.current_content.key_constraint, 'New constraint.');
  assert.deepEqual(kept, ['target_user']);
  assert.equal(conflicts.length, 1);
  assert.deepEqual(record.edited_sections, ['target_user']);
  assert.equal(record.has_user_edits, true);
  assert.equal(record.base_content.target_user, 'Regenerated.');
  assert.equal(record.annotations.length, 1);
  assert.equal(record.annotations[0].note, 'Check with Ana');

  const forced = await generated(store, 'brief', regenerated, { force: true });
  assert.equal(forced.record.current_content.target_user, 'Regenerated.');
  assert.equal(forced.record.previous_content.target_user, 'Our words.');
  assert.equal(forced.record.has_user_edits, false);
  assert.equal(forced.record.edited_sections, null);
  assert.equal(forced.record.annotations.length, 1);
  store.close();
});

test('tier gating before storage and versionDiff', async () => {
  const store = await openStore(environment());
  const { record } = await generated(store, 'risk_log', SAMPLE_PLAN.risk_log, { tier: 'bootstrapper' });
  assert.equal('financial_risks' in record.current_content, false);
  assert.equal('strategic_risks' in record.current_content, false);
  const changed = structuredClone(SAMPLE_PLAN.risk_log);
  changed.market_risks[0].mitigation = 'We pilot with ten shops first.';
  await generated(store, 'risk_log', changed, { tier: 'cto_scale' });
  const { versionNumber, patch, sections } = await store.versionDiff(P, 'risk_log');
  assert.equal(versionNumber, 2);
  assert.ok(patch.some((op) => op.path === '/market_risks/0/mitigation'));
  assert.equal(sections.find((s) => s.id === 'financial_risks').change, 'added');
  await assert.rejects(store.versionDiff(P, 'brief'), NotFoundError);
  store.close();
});

test('upgrading a version-1 database full of records keeps every record', async () => {
  const env = environment();
  const v1 = await openDatabase({ name: env.name, version: 1, indexedDB: env.indexedDB });
  const tx = v1.transaction('artifacts', 'readwrite');
  for (let i = 0; i < 60; i += 1) {
    const type = ['brief', 'mvp_scope', 'milestones', 'risk_log', 'how_it_works'][i % 5];
    tx.store.put({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, project_id: `p${Math.floor(i / 5)}`,
      artifact_type: type, version_number: 3, current_content: SAMPLE_PLAN[type],
      previous_content: null, has_user_edits: i % 2 === 0, edited_sections: i % 2 === 0 ? ['x'] : null,
      annotations: [], generation_status: 'idle', schema_version: 1,
      created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
    });
  }
  await tx.done;
  v1.close();
  const store = await openStore(env);
  assert.equal(DB_VERSION, 3);
  let count = 0;
  for (let p = 0; p < 12; p += 1) {
    const records = await store.listProject(`p${p}`);
    assert.equal(records.length, 5);
    for (const record of records) {
      count += 1;
      assert.equal(record.generation_lease, null);
      assert.deepEqual(record.base_content, record.has_user_edits ? null : record.current_content);
      assert.equal(record.version_number, 3);
    }
  }
  assert.equal(count, 60);
  // The upgraded store works: a new generation on an upgraded record.
  const lease = await store.beginGeneration('p0', 'brief');
  await store.completeGeneration('p0', 'brief', SAMPLE_PLAN.brief, { lease });
  store.close();
});

test('content with an older _schema_version is migrated on read; a newer one is refused', async () => {
  const env = environment();
  const store = await openStore(env);
  const { record } = await generated(store);
  const db = await openDatabase({ name: env.name, indexedDB: env.indexedDB });
  const legacy = structuredClone(record);
  delete legacy.current_content._schema_version;
  await db.put('artifacts', legacy);
  assert.equal((await store.get(record.id)).current_content._schema_version, 1);
  legacy.current_content._schema_version = 7;
  await db.put('artifacts', legacy);
  await assert.rejects(store.get(record.id), SchemaVersionUnsupportedError);
  db.close();
  store.close();
});

test('another tab upgrading closes this connection cleanly; a blocked upgrade is an error, not a hang', async () => {
  const env = environment();
  const store = await openStore(env);
  await generated(store);
  // Another tab opens a newer version: our connection closes and says so.
  const newer = await new Promise((resolve, reject) => {
    const request = env.indexedDB.open(env.name, DB_VERSION + 1);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await assert.rejects(store.getByType(P, 'brief'), (e) => e instanceof StorageError && /another tab/.test(e.message));
  newer.close();

  // An old connection that never closes blocks our upgrade: a clear error.
  const other = environment();
  const stubborn = await new Promise((resolve) => {
    const request = other.indexedDB.open(other.name, 1);
    request.onsuccess = () => resolve(request.result);  // no onversionchange: it will not close
  });
  await assert.rejects(openStore(other), (e) => e instanceof StorageError && /blocked/.test(e.message));
  stubborn.close();
  store.close();
});

test('changes reach another store on the same database (BroadcastChannel)', async () => {
  const env = environment();
  const [a, b] = await Promise.all([openStore(env), openStore(env)]);
  const seen = [];
  const unsubscribe = b.subscribe((change) => seen.push(change));
  await generated(a, 'milestones');
  await a.annotate(P, 'milestones', 'critical_path', 'Watch week 3');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(seen.map((c) => c.kind), ['beginGeneration', 'completeGeneration', 'annotate']);
  assert.ok(seen.every((c) => c.projectId === P && c.artifactType === 'milestones'));
  unsubscribe();
  a.close();
  b.close();
});

test('bad arguments are typed errors', async () => {
  const store = await openStore(environment());
  await assert.rejects(store.beginGeneration('', 'brief'), InvalidInputError);
  await assert.rejects(store.beginGeneration(P, 'deck'), UnknownArtifactTypeError);
  await assert.rejects(store.beginGeneration(P, 'brief', { ttlMs: -1 }), InvalidInputError);
  await assert.rejects(store.getByType(P, 7), UnknownArtifactTypeError);
  await assert.rejects(store.annotate(P, 'brief', 'target_user', ''), InvalidInputError);
  await assert.rejects(store.annotate(P, 'brief', 'target_user', 'note'), NotFoundError);
  assert.equal(await store.get('missing'), null);
  await assert.rejects(ArtifactStore.open({ name: '', indexedDB: environment().indexedDB }), StorageError);
  store.close();
  await assert.rejects(store.get('x'), StorageError);
});
