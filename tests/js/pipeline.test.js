// generateAll and regenerate over fake-indexeddb with RunnerFake: the cascade, its failure
// rules at every position, retries, tier gating, previews, cancellation.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { init, generateAll, regenerate, GENERATION_ORDER, ValidationFailedError } from 'cofounder-artifacts';
import { RunnerFake, SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { environment, openStore } from './support/store.js';

before(() => init());

const P = 'project-7';

test('the cascade writes each artifact in order, each call given the earlier ones', async () => {
  const store = await openStore(environment());
  const runner = new RunnerFake();
  const events = [];
  const stored = [];
  const summary = await generateAll(store, runner, {
    projectId: P, context: { idea: 'inventory' }, tier: 'cto_scale',
    onProgress: async (event) => {
      events.push(`${event.type}:${event.status}`);
      // Live preview: a completed artifact is already in the store when its event fires.
      if (event.status === 'completed') stored.push((await store.getByType(P, event.type)).version_number);
    },
  });
  assert.deepEqual(summary.completed, [...GENERATION_ORDER]);
  assert.deepEqual(events, GENERATION_ORDER.flatMap((t) => [`${t}:started`, `${t}:completed`]));
  assert.deepEqual(runner.calls.map((c) => Object.keys(c.priorArtifacts).length), [0, 1, 2, 3, 4]);
  assert.deepEqual(runner.calls[3].priorArtifacts.milestones.critical_path, SAMPLE_PLAN.milestones.critical_path);
  const records = await store.listProject(P);
  assert.deepEqual(records.map((r) => r.artifact_type), [...GENERATION_ORDER]);
  assert.ok(records.every((r) => r.version_number === 1 && r.generation_status === 'idle'));
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(stored, [1, 1, 1, 1, 1]);
  store.close();
});

test('content is gated by tier before it is stored', async () => {
  const store = await openStore(environment());
  await generateAll(store, new RunnerFake(), { projectId: P, tier: 'partner' });
  for (const record of await store.listProject(P)) {
    const keys = Object.keys(record.current_content);
    assert.equal(keys.includes({ brief: 'competitive_strategy', mvp_scope: 'scalability_plan',
      milestones: 'risk_mitigation_timeline', risk_log: 'strategic_risks',
      how_it_works: 'security_compliance' }[record.artifact_type]), false, record.artifact_type);
  }
  store.close();
});

const expectations = {
  brief: { completed: [], failed: [...GENERATION_ORDER], skipped: [] },
  mvp_scope: { completed: ['brief'], failed: ['mvp_scope'], skipped: ['milestones', 'risk_log', 'how_it_works'] },
  milestones: { completed: ['brief', 'mvp_scope', 'risk_log', 'how_it_works'], failed: ['milestones'], skipped: [] },
  risk_log: { completed: ['brief', 'mvp_scope', 'milestones', 'how_it_works'], failed: ['risk_log'], skipped: [] },
  how_it_works: { completed: ['brief', 'mvp_scope', 'milestones', 'risk_log'], failed: ['how_it_works'], skipped: [] },
};

for (const failing of GENERATION_ORDER) {
  test(`a runner failing at ${failing}: the failure rules, then a retry regenerates only what failed`, async () => {
    const store = await openStore(environment());
    const runner = new RunnerFake({ scenario: 'llm_failure', failTypes: [failing] });
    const summary = await generateAll(store, runner, { projectId: P });
    const want = expectations[failing];
    assert.deepEqual(summary.completed, want.completed);
    assert.deepEqual(summary.failed, want.failed);
    assert.deepEqual(summary.skipped, want.skipped);
    const records = Object.fromEntries((await store.listProject(P)).map((r) => [r.artifact_type, r]));
    for (const type of [...want.failed, ...want.skipped]) {
      assert.equal(records[type].generation_status, 'failed', type);
      assert.equal(records[type].current_content, null);
    }
    for (const type of want.completed) assert.equal(records[type].generation_status, 'idle');

    const retryRunner = new RunnerFake();
    const retry = await generateAll(store, retryRunner, { projectId: P });
    assert.deepEqual(retryRunner.calls.map((c) => c.type), [...want.failed, ...want.skipped]
      .sort((a, b) => GENERATION_ORDER.indexOf(a) - GENERATION_ORDER.indexOf(b)));
    assert.deepEqual(retry.reused, want.completed);
    // The retried ones still got every earlier artifact as context.
    for (const call of retryRunner.calls) {
      assert.equal(Object.keys(call.priorArtifacts).length, GENERATION_ORDER.indexOf(call.type));
    }
    assert.ok((await store.listProject(P)).every((r) => r.generation_status === 'idle'));
    store.close();
  });
}

test('a rate-limited runner fails cleanly, and content that fails validation is a failed generation', async () => {
  const store = await openStore(environment());
  const limited = await generateAll(store, new RunnerFake({ scenario: 'rate_limited', failTypes: ['risk_log'] }), { projectId: P });
  assert.deepEqual(limited.failed, ['risk_log']);
  assert.match((await store.getByType(P, 'risk_log')).generation_error, /Rate limited/);
  const broken = structuredClone(SAMPLE_PLAN);
  broken.risk_log.market_risks = 'none';
  const events = [];
  await generateAll(store, new RunnerFake({ plan: broken }), {
    projectId: P, onProgress: (e) => events.push(e),
  });
  const failure = events.find((e) => e.status === 'failed');
  assert.ok(failure.error instanceof ValidationFailedError);
  const record = await store.getByType(P, 'risk_log');
  assert.equal(record.generation_status, 'failed');
  assert.equal(record.current_content, null);
  store.close();
});

test('regenerate with preview shows what would happen and writes nothing; then applies it', async () => {
  const store = await openStore(environment());
  await generateAll(store, new RunnerFake(), { projectId: P });
  await store.editSection(P, 'mvp_scope', 'out_of_scope', ['Everything but stock counts.']);
  const regenerated = structuredClone(SAMPLE_PLAN);
  regenerated.mvp_scope.out_of_scope = ['Payroll.'];
  regenerated.mvp_scope.success_metrics = ['Ten shops count daily.'];
  const runner = new RunnerFake({ plan: regenerated });
  const before = JSON.stringify(await store.getByType(P, 'mvp_scope'));
  const preview = await regenerate(store, runner, { projectId: P, type: 'mvp_scope', preview: true });
  assert.equal(preview.preview, true);
  assert.deepEqual(preview.kept, ['out_of_scope']);
  assert.equal(preview.conflicts.length, 1);
  assert.deepEqual(preview.value.out_of_scope, ['Everything but stock counts.']);
  assert.deepEqual(preview.value.success_metrics, ['Ten shops count daily.']);
  assert.equal(preview.diff.sections.find((s) => s.id === 'success_metrics').change, 'modified');
  assert.equal(JSON.stringify(await store.getByType(P, 'mvp_scope')), before, 'preview writes nothing');
  assert.deepEqual(Object.keys(runner.calls[0].priorArtifacts), ['brief']);

  const applied = await regenerate(store, null, { projectId: P, type: 'mvp_scope', generated: preview.generated });
  assert.deepEqual(applied.record.current_content, preview.value);
  assert.equal(applied.record.version_number, 2);
  assert.equal(runner.calls.length, 1, 'applying a preview does not call the runner again');

  const forced = await regenerate(store, runner, { projectId: P, type: 'mvp_scope', force: true });
  assert.deepEqual(forced.record.current_content.out_of_scope, ['Payroll.']);
  assert.equal(forced.record.has_user_edits, false);
  store.close();
});

test('an abort signal stops the cascade and fails the artifact in flight', async () => {
  const store = await openStore(environment());
  const controller = new AbortController();
  const runner = new RunnerFake({ latencyMs: 20 });
  const pending = generateAll(store, runner, {
    projectId: P, signal: controller.signal,
    onProgress: (e) => { if (e.type === 'mvp_scope' && e.status === 'started') controller.abort(new Error('user cancelled')); },
  });
  await assert.rejects(pending, /user cancelled/);
  const records = Object.fromEntries((await store.listProject(P)).map((r) => [r.artifact_type, r]));
  assert.equal(records.brief.generation_status, 'idle');
  assert.equal(records.mvp_scope.generation_status, 'failed');
  assert.equal(records.milestones, undefined);
  store.close();
});
