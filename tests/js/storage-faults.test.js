// IndexedDB failing under the store (support/faulty-indexeddb.js): a quota error on a write, a
// failed read, a transaction aborted in the middle, a commit that fails. Every write of the store
// is one transaction, so each of these leaves every record exactly as it was (deep-equal snapshot
// of the whole object store), announces no change, throws StorageError (`storage_failed`, the
// DOMException as `cause`), and the store answers the same call correctly right after.
// generateAll leaves an artifact whose write failed retryable and never stuck in `generating`
// while it can still write (see generateUnderLease in web/pipeline.js for the choice when it
// cannot). A blocked upgrade is already covered in store.test.js ("a blocked upgrade is an error,
// not a hang").
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  init, ArtifactStore, ConcurrentGenerationError, DEFAULT_LEASE_TTL_MS, GENERATION_ORDER, StorageError, StorageFullError,
  generateAll, regenerate,
} from 'cofounder-artifacts';
import { RunnerFake, SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { faultyIndexedDB, quotaExceeded } from './support/faulty-indexeddb.js';

before(() => init());

const P = 'project-faults';
const OTHER = 'project-bystander';
let counter = 0;

async function environment() {
  const { indexedDB, faults, base } = faultyIndexedDB();
  const env = { indexedDB, faults, base, name: `faults-${++counter}`, now: Date.parse('2026-11-24T09:00:00Z') };
  env.tick = (ms) => { env.now += ms; };
  env.store = await ArtifactStore.open({ name: env.name, indexedDB, clock: () => env.now });
  return env;
}

/** Every record in the database, read through the factory without faults, by id. */
async function snapshot(env) {
  const db = await new Promise((resolve, reject) => {
    const request = env.base.open(env.name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const records = await new Promise((resolve, reject) => {
    const request = db.transaction('artifacts').objectStore('artifacts').getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return records.sort((a, b) => a.id.localeCompare(b.id));
}

async function generated(store, projectId, type, content = SAMPLE_PLAN[type]) {
  const lease = await store.beginGeneration(projectId, type);
  return store.completeGeneration(projectId, type, content, { lease });
}

/**
 * A project with records in every state: brief generated twice, edited, annotated and now being
 * regenerated (a merge on completion); mvp_scope idle; milestones generating for the first time;
 * risk_log failed; how_it_works absent; and another project's brief.
 */
async function scenario(env) {
  const { store } = env;
  await generated(store, P, 'brief');
  await generated(store, P, 'brief', { ...SAMPLE_PLAN.brief, key_constraint: 'We must work offline.' });
  await store.editSection(P, 'brief', 'target_user', 'We serve two-person bakeries.');
  await store.annotate(P, 'brief', 'target_user', 'Check this with the bakers.');
  const briefLease = await store.beginGeneration(P, 'brief');
  await generated(store, P, 'mvp_scope');
  const milestonesLease = await store.beginGeneration(P, 'milestones');
  const riskLease = await store.beginGeneration(P, 'risk_log');
  await store.failGeneration(P, 'risk_log', new Error('LLM down'), { lease: riskLease });
  await generated(store, OTHER, 'brief');
  return { briefLease, milestonesLease };
}

const regeneratedBrief = { ...SAMPLE_PLAN.brief, value_proposition: 'We count stock with a phone.' };

// Each store write, and what its successful retry must show.
const WRITES = {
  'completeGeneration (first generation)': {
    run: (store, leases) => store.completeGeneration(P, 'milestones', SAMPLE_PLAN.milestones, { lease: leases.milestonesLease }),
    check: ({ record }) => assert.equal(record.version_number, 1),
  },
  'completeGeneration (merging edits)': {
    run: (store, leases) => store.completeGeneration(P, 'brief', regeneratedBrief, { lease: leases.briefLease }),
    check: ({ record, kept }) => {
      assert.equal(record.version_number, 3);
      assert.deepEqual(kept, ['target_user']);
      assert.equal(record.current_content.value_proposition, regeneratedBrief.value_proposition);
      assert.equal(record.annotations.length, 1);
    },
  },
  'beginGeneration (new record)': {
    run: (store) => store.beginGeneration(P, 'how_it_works'),
    check: (lease) => assert.equal(lease.type, 'how_it_works'),
  },
  'beginGeneration (failed -> generating)': {
    run: (store) => store.beginGeneration(P, 'risk_log'),
    check: (lease) => assert.equal(lease.type, 'risk_log'),
  },
  editSection: {
    run: (store) => store.editSection(P, 'mvp_scope', 'out_of_scope', ['Multi-store chains']),
    check: (record) => assert.deepEqual(record.edited_sections, ['out_of_scope']),
  },
  annotate: {
    run: (store) => store.annotate(P, 'mvp_scope', 'success_metrics', 'Measure weekly.'),
    check: (record) => assert.equal(record.annotations.length, 1),
  },
  failGeneration: {
    run: (store, leases) => store.failGeneration(P, 'milestones', new Error('timeout'), { lease: leases.milestonesLease }),
    check: (record) => assert.equal(record.generation_status, 'failed'),
  },
};

// Each fault, and the code of the error the store throws for it: a quota error, however it
// arrives (the request, the abort, the commit), is StorageFullError.
const FAULTS = {
  'quota error on the write': [(faults) => faults.failNext('put', quotaExceeded()), 'storage_full'],
  'the read fails': [(faults) => faults.failNext('get', new DOMException('The disk is gone.', 'UnknownError')), 'storage_failed'],
  'aborted after the read': [(faults) => faults.abortAfter(1), 'storage_failed'],
  'aborted at the first request': [(faults) => faults.abortAfter(0), 'storage_failed'],
  'aborted with an error after the read': [(faults) => faults.abortAfter(1, { error: quotaExceeded() }), 'storage_full'],
  'the commit fails': [(faults) => faults.failCommit(quotaExceeded()), 'storage_full'],
};

// ---- the helper itself -------------------------------------------------------------------------

test('faulty-indexeddb: a failed request, an abort and a failed commit behave as IndexedDB specifies', async () => {
  const env = await environment();
  await generated(env.store, P, 'brief');
  const before = await snapshot(env);
  const db = await new Promise((resolve) => {
    const request = env.indexedDB.open(env.name);
    request.onsuccess = () => resolve(request.result);
  });
  const attempt = (arm) => new Promise((resolve) => {
    arm();
    const tx = db.transaction('artifacts', 'readwrite');
    const store = tx.objectStore('artifacts');
    const put = store.put({ ...before[0], version_number: 99 });
    store.put({ ...before[0], id: 'second', artifact_type: 'mvp_scope' });
    let requestError = null;
    put.onerror = () => { requestError = put.error?.name; };
    tx.oncomplete = () => resolve({ outcome: 'complete' });
    tx.onabort = () => resolve({ outcome: 'abort', error: tx.error?.name ?? null, requestError });
  });
  assert.deepEqual(await attempt(() => env.faults.failNext('put', quotaExceeded())),
    { outcome: 'abort', error: 'QuotaExceededError', requestError: 'QuotaExceededError' });
  // Aborted when it issues its second request: the first, still pending, fails with AbortError.
  assert.deepEqual(await attempt(() => env.faults.abortAfter(1)), { outcome: 'abort', error: null, requestError: 'AbortError' });
  assert.deepEqual(await attempt(() => env.faults.failCommit(quotaExceeded())),
    { outcome: 'abort', error: 'QuotaExceededError', requestError: null });
  assert.deepEqual(await snapshot(env), before, 'an aborted transaction left a write behind');
  assert.equal(env.faults.armed, 0);
  assert.deepEqual(await attempt(() => {}), { outcome: 'complete' });
  db.close();
  env.store.close();
});

// ---- every store write × every fault -------------------------------------------------------------

for (const [writeName, write] of Object.entries(WRITES)) {
  test(`${writeName}: every fault leaves every record as it was; then the same call succeeds`, async () => {
    for (const [faultName, [arm, code]] of Object.entries(FAULTS)) {
      const env = await environment();
      const leases = await scenario(env);
      const before = await snapshot(env);
      const announced = [];
      const unsubscribe = env.store.subscribe((change) => announced.push(change));
      arm(env.faults);
      await assert.rejects(write.run(env.store, leases), (error) => {
        assert.ok(error instanceof StorageError, `${faultName}: ${error?.name}: ${error?.message}`);
        assert.equal(error.code, code, faultName);
        assert.equal(error instanceof StorageFullError, code === 'storage_full', faultName);
        assert.ok(error.cause instanceof DOMException, faultName);
        return true;
      }, faultName);
      assert.equal(env.faults.armed, 0, `${faultName}: the fault never fired`);
      assert.deepEqual(await snapshot(env), before, `${faultName}: a record changed`);
      assert.deepEqual(announced, [], `${faultName}: a change was announced`);
      // Usable at once: the same call succeeds, and changes exactly one record.
      write.check(await write.run(env.store, leases));
      const after = await snapshot(env);
      const changed = after.filter((record) => !before.some((b) => JSON.stringify(b) === JSON.stringify(record)));
      assert.equal(changed.length, 1, faultName);
      assert.equal(announced.length, 1, faultName);
      unsubscribe();
      env.store.close();
    }
  });
}

test('reads that fail are StorageError too; opening with a factory that throws is StorageError', async () => {
  const env = await environment();
  await scenario(env);
  env.faults.failNext('getAll', new DOMException('The disk is gone.', 'UnknownError'));
  await assert.rejects(env.store.listProject(P), (e) => e instanceof StorageError && e.code === 'storage_failed');
  env.faults.failNext('get', new DOMException('The disk is gone.', 'UnknownError'));
  await assert.rejects(env.store.getByType(P, 'brief'), StorageError);
  assert.equal((await env.store.listProject(P)).length, 4);
  // generateAll reads the project first: a failed read writes nothing.
  const before = await snapshot(env);
  env.faults.failNext('getAll', new DOMException('The disk is gone.', 'UnknownError'));
  await assert.rejects(generateAll(env.store, new RunnerFake(), { projectId: P }), StorageError);
  assert.deepEqual(await snapshot(env), before);
  env.store.close();
  // Storage disabled (some browsers throw from open() itself).
  const denied = { open() { throw new DOMException('Access denied', 'SecurityError'); } };
  await assert.rejects(ArtifactStore.open({ name: 'denied', indexedDB: denied }),
    (e) => e instanceof StorageError && e.code === 'storage_failed' && e.cause.name === 'SecurityError');
});

// ---- the cascade -------------------------------------------------------------------------------

const isType = (type, status) => (record) => record.artifact_type === type && record.generation_status === status;

const CASCADE_FAULTS = {
  // completeGeneration's write (the record going back to idle with its content)
  'quota error storing it': (faults, type) => faults.failNext('put', quotaExceeded(), { when: isType(type, 'idle') }),
  'its commit fails': (faults, type) => faults.failCommit(quotaExceeded(), { when: isType(type, 'idle') }),
  // beginGeneration's write
  'quota error taking the lease': (faults, type) => faults.failNext('put', quotaExceeded(), { when: isType(type, 'generating') }),
};

function expectedSummary(position) {
  const type = GENERATION_ORDER[position];
  const before = GENERATION_ORDER.slice(0, position);
  const after = GENERATION_ORDER.slice(position + 1);
  if (type === 'brief') return { completed: [], failed: [...GENERATION_ORDER], skipped: [] };
  if (type === 'mvp_scope') return { completed: before, failed: [type], skipped: after };
  return { completed: [...before, ...after], failed: [type], skipped: [] };
}

for (const [faultName, arm] of Object.entries(CASCADE_FAULTS)) {
  test(`generateAll, ${faultName}, at each artifact position: the artifact is failed, not stuck, and a retry completes the plan`, async () => {
    for (let position = 0; position < GENERATION_ORDER.length; position += 1) {
      const type = GENERATION_ORDER[position];
      const env = await environment();
      const events = [];
      arm(env.faults, type);
      const summary = await generateAll(env.store, new RunnerFake(), {
        projectId: P, tier: 'cto_scale', onProgress: (event) => events.push(event),
      });
      assert.equal(env.faults.armed, 0, `${type}: the fault never fired`);
      const { reused, ...rest } = summary;
      assert.deepEqual(rest, expectedSummary(position), type);
      assert.deepEqual(reused, []);
      const failedEvent = events.find((e) => e.type === type && e.status === 'failed');
      assert.ok(failedEvent.error instanceof StorageError, `${type}: ${failedEvent.error}`);
      const records = await snapshot(env);
      assert.ok(records.every((r) => r.generation_status !== 'generating' && r.generation_lease === null),
        `${type}: a record was left generating`);
      const record = records.find((r) => r.artifact_type === type);
      if (faultName === 'quota error taking the lease') {
        assert.equal(record, undefined, `${type}: a record was half-created`);
      } else {
        // Nothing of the failed write: no content, no version; marked failed with the reason.
        assert.equal(record.generation_status, 'failed');
        assert.equal(record.current_content, null);
        assert.equal(record.version_number, 0);
        assert.match(record.generation_error, /QuotaExceededError|quota/);
      }
      // A retry regenerates exactly what did not complete, and completes the plan.
      const retry = await generateAll(env.store, new RunnerFake(), { projectId: P, tier: 'cto_scale' });
      const notDone = [...rest.failed, ...rest.skipped];
      assert.deepEqual([...retry.completed].sort(), [...notDone].sort(), type);
      assert.deepEqual(retry.reused, rest.completed, type);
      const final = await env.store.listProject(P);
      assert.deepEqual(final.map((r) => [r.artifact_type, r.generation_status, r.version_number]),
        GENERATION_ORDER.map((t) => [t, 'idle', 1]), type);
      assert.deepEqual(final.map((r) => r.current_content), GENERATION_ORDER.map((t) => SAMPLE_PLAN[t]), type);
      env.store.close();
    }
  });
}

test('regenerating everything, a storage failure at each position keeps that artifact\'s content', async () => {
  for (let position = 0; position < GENERATION_ORDER.length; position += 1) {
    const type = GENERATION_ORDER[position];
    const env = await environment();
    await generateAll(env.store, new RunnerFake(), { projectId: P });
    const v1 = await snapshot(env);
    env.faults.failNext('put', quotaExceeded(), { when: isType(type, 'idle') });
    const summary = await generateAll(env.store, new RunnerFake(), { projectId: P, all: true });
    assert.deepEqual(summary.failed.includes(type), true);
    const records = await snapshot(env);
    const record = records.find((r) => r.artifact_type === type);
    const old = v1.find((r) => r.artifact_type === type);
    assert.equal(record.generation_status, 'failed');
    assert.equal(record.version_number, 1, type);
    assert.deepEqual(record.current_content, old.current_content, type);
    assert.deepEqual(record.previous_content, old.previous_content, type);
    assert.ok(records.every((r) => r.generation_status !== 'generating'), type);
    const retry = await generateAll(env.store, new RunnerFake(), { projectId: P });
    assert.ok(retry.completed.includes(type), type);
    assert.equal((await env.store.getByType(P, type)).version_number, 2, type);
    env.store.close();
  }
});

test('storage that keeps failing: the lease cannot be released, so the artifact waits for its TTL; then a retry completes', async () => {
  // The documented choice (web/pipeline.js, generateUnderLease): when the completing write fails,
  // the pipeline marks the generation failed in a new transaction. If storage refuses that too,
  // nothing can be written: the record keeps its lease ("generating") and becomes retryable when
  // the lease's TTL has passed (beginGeneration takes an expired lease over).
  const env = await environment();
  await generateAll(env.store, new RunnerFake(), { projectId: P });
  env.faults.failAlways('put', quotaExceeded(), { when: (r) => r.artifact_type === 'risk_log' && r.generation_status !== 'generating' });
  const first = await regenerate(env.store, new RunnerFake(), { projectId: P, type: 'risk_log' })
    .then(() => null, (error) => error);
  assert.ok(first instanceof StorageError);
  let record = await env.store.getByType(P, 'risk_log');
  assert.equal(record.generation_status, 'generating');
  assert.equal(record.version_number, 1);
  assert.deepEqual(record.current_content, SAMPLE_PLAN.risk_log);
  // Storage is back, but within the TTL the stale lease still refuses a new generation.
  env.faults.reset();
  const early = await generateAll(env.store, new RunnerFake(), { projectId: P });
  assert.deepEqual(early.failed, ['risk_log']);
  assert.deepEqual(early.reused, ['brief', 'mvp_scope', 'milestones', 'how_it_works']);
  await assert.rejects(env.store.beginGeneration(P, 'risk_log'), ConcurrentGenerationError);
  env.tick(DEFAULT_LEASE_TTL_MS + 1);
  const late = await generateAll(env.store, new RunnerFake(), { projectId: P });
  assert.deepEqual(late.completed, ['risk_log']);
  record = await env.store.getByType(P, 'risk_log');
  assert.equal(record.generation_status, 'idle');
  assert.equal(record.version_number, 2);
  env.store.close();
});
