// One generation run per project: two generateAll calls at once (a double click, StrictMode's
// double effect) must not interleave. The second is refused before it touches any record, and no
// artifact is generated without every earlier one as its context.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  init, generateAll, regenerate, ConcurrentGenerationError, GENERATION_ORDER, GenerationStatus,
} from 'cofounder-artifacts';
import { RunnerFake } from 'cofounder-artifacts/testing';
import { environment, openStore } from './support/store.js';

before(() => init());

const P = 'project-exclusive';

function settle(promises) {
  return Promise.allSettled(promises);
}

async function assertOneCompleteRun(store, runners, outcomes) {
  const won = outcomes.filter((o) => o.status === 'fulfilled');
  const refused = outcomes.filter((o) => o.status === 'rejected');
  assert.equal(won.length, 1, 'exactly one run');
  assert.ok(refused.every((o) => o.reason instanceof ConcurrentGenerationError), String(refused[0]?.reason));
  assert.deepEqual(won[0].value.completed, [...GENERATION_ORDER]);
  // The refused run called no runner; the winner gave each call every earlier artifact.
  const calls = runners.flatMap((r) => r.calls);
  assert.equal(calls.length, GENERATION_ORDER.length);
  calls.forEach((call, i) => assert.deepEqual(Object.keys(call.priorArtifacts), GENERATION_ORDER.slice(0, i)));
  const records = await store.listProject(P);
  assert.ok(records.every((r) => r.version_number === 1 && r.generation_status === GenerationStatus.IDLE),
    JSON.stringify(records.map((r) => [r.artifact_type, r.version_number, r.generation_status, r.generation_error])));
}

test('two generateAll calls at once on one store: one runs, the other is refused untouched', async () => {
  const store = await openStore(environment());
  const runners = [new RunnerFake({ latencyMs: 5 }), new RunnerFake({ latencyMs: 5 })];
  const outcomes = await settle(runners.map((runner) => generateAll(store, runner, { projectId: P, tier: 'cto_scale' })));
  await assertOneCompleteRun(store, runners, outcomes);
  store.close();
});

test('two stores on one database (two tabs in one realm): the same', async () => {
  const env = environment();
  const [a, b] = [await openStore(env), await openStore(env)];
  const runners = [new RunnerFake({ latencyMs: 5 }), new RunnerFake({ latencyMs: 5 })];
  const outcomes = await settle([
    generateAll(a, runners[0], { projectId: P, tier: 'cto_scale' }),
    generateAll(b, runners[1], { projectId: P, tier: 'cto_scale' }),
  ]);
  await assertOneCompleteRun(a, runners, outcomes);
  a.close();
  b.close();
});

test('a writing regenerate during a cascade is refused; a preview is not; other projects run', async () => {
  const store = await openStore(environment());
  await generateAll(store, new RunnerFake(), { projectId: P });
  const cascade = generateAll(store, new RunnerFake({ latencyMs: 20 }), { projectId: P, all: true });
  await assert.rejects(regenerate(store, new RunnerFake(), { projectId: P, type: GENERATION_ORDER[4] }),
    ConcurrentGenerationError);
  const preview = await regenerate(store, new RunnerFake(), { projectId: P, type: GENERATION_ORDER[4], preview: true });
  assert.equal(preview.preview, true);
  const other = await generateAll(store, new RunnerFake(), { projectId: 'another-project' });
  assert.equal(other.completed.length, GENERATION_ORDER.length);
  const summary = await cascade;
  assert.deepEqual(summary.completed, [...GENERATION_ORDER]);
  assert.ok((await store.listProject(P)).every((r) => r.version_number === 2));
  store.close();
});

test('the run is released when it ends, fails or is aborted', async () => {
  const store = await openStore(environment());
  await assert.rejects(generateAll(store, new RunnerFake({ scenario: 'llm_failure', failTypes: [GENERATION_ORDER[0]] }),
    { projectId: P }).then((summary) => { if (summary.failed.length) throw new Error('failed'); }), /failed/);
  const controller = new AbortController();
  const aborted = generateAll(store, new RunnerFake({ latencyMs: 20 }), { projectId: P, signal: controller.signal });
  controller.abort(new Error('stopped'));
  await assert.rejects(aborted, /stopped/);
  const retry = await generateAll(store, new RunnerFake(), { projectId: P });
  assert.deepEqual(retry.completed, [...GENERATION_ORDER]);
  store.close();
});
