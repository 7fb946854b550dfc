// generateAll and regenerate with a streaming runner (RunnerFake({stream: true}) and hand-written
// streams): the same records as whole answers, progress per stream event, abort mid-stream,
// streams that stop early, carry invalid content or throw, and the failure cascade.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  init, generateAll, regenerate, ARTIFACTS, GENERATION_ORDER, ValidationFailedError,
} from 'cofounder-artifacts';
import { RunnerFake, RunnerError, SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { environment, openStore } from './support/store.js';

before(() => init());

const P = 'project-stream';

// What a record says, without the fields that differ run to run (its random id).
function comparable(record) {
  const { id, ...rest } = record;
  return rest;
}

async function recordsOf(store) {
  return (await store.listProject(P)).map(comparable);
}

// The sections of `type` in the order `content` (the runner's JSON) writes them.
const sectionsInOrder = (type, content) => Object.keys(content)
  .filter((key) => ARTIFACTS[type].sections.some((section) => section.id === key));

// A runner that streams `textFor(type)` in `size`-character chunks; `generateArtifact` is never
// used when a runner streams.
function streamingRunner(textFor, { size = 50 } = {}) {
  return {
    calls: [],
    generateArtifact() { throw new Error('a streaming runner is streamed'); },
    async* streamArtifact(type) {
      this.calls.push(type);
      const text = textFor(type);
      for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
    },
  };
}

const wholeText = (type) => JSON.stringify(SAMPLE_PLAN[type]);

test('RunnerFake streams only when asked: without `stream` it has no streamArtifact', async () => {
  assert.equal('streamArtifact' in new RunnerFake(), false);
  const runner = new RunnerFake({ stream: true, chunkSize: 10 });
  const chunks = [];
  for await (const chunk of runner.streamArtifact('brief', { idea: 'x' }, {})) chunks.push(chunk);
  assert.equal(chunks.join(''), JSON.stringify(SAMPLE_PLAN.brief), 'compact JSON of the plan');
  assert.ok(chunks.slice(0, -1).every((chunk) => Array.from(chunk).length === 10));
  assert.deepEqual(runner.calls, [{ type: 'brief', context: { idea: 'x' }, priorArtifacts: {} }]);
  assert.throws(() => new RunnerFake({ stream: true, chunkSize: 0 }), TypeError);
});

async function collect(stream) {
  const chunks = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
  } catch (error) {
    return { chunks, error };
  }
  return { chunks };
}

test('RunnerFake streaming: chunk delay, abort with the signal\'s reason, scripted failures', async () => {
  const slow = new RunnerFake({ stream: true, chunkSize: 200, chunkDelayMs: 15 });
  const started = performance.now();
  const { chunks } = await collect(slow.streamArtifact('brief', {}, {}));
  assert.ok(performance.now() - started >= 15 * (chunks.length - 1) - 5, 'chunks come chunkDelayMs apart');

  const controller = new AbortController();
  const reason = new Error('enough');
  const aborted = [];
  const abortedRun = await (async () => {
    try {
      for await (const chunk of slow.streamArtifact('brief', {}, {}, { signal: controller.signal })) {
        aborted.push(chunk);
        if (aborted.length === 2) controller.abort(reason);
      }
    } catch (error) {
      return error;
    }
    return null;
  })();
  assert.equal(abortedRun, reason);
  assert.equal(aborted.length, 2);

  const failing = await collect(new RunnerFake({ stream: true, chunkSize: 50, scenario: 'llm_failure' })
    .streamArtifact('risk_log', {}, {}));
  assert.ok(failing.error instanceof RunnerError && failing.error.scenario === 'llm_failure');
  assert.ok(failing.chunks.length >= 1, 'some chunks before the failure');
  assert.ok(failing.chunks.join('').length < wholeText('risk_log').length, 'and not all of them');

  const oneChunk = await collect(new RunnerFake({ stream: true, chunkSize: 100000, scenario: 'llm_failure' })
    .streamArtifact('brief', {}, {}));
  assert.equal(oneChunk.chunks.length, 1, 'a one-chunk stream fails after its chunk');
  assert.ok(oneChunk.error instanceof RunnerError);

  const limited = await collect(new RunnerFake({ stream: true, scenario: 'rate_limited' }).streamArtifact('brief', {}, {}));
  assert.deepEqual(limited.chunks, []);
  assert.equal(limited.error.status, 429);
});

for (const chunkSize of [1, 7, 64, 100000]) {
  test(`streamed in ${chunkSize}-character chunks, generateAll stores what whole answers store`, async () => {
    const envWhole = environment();
    const whole = await openStore(envWhole);
    await generateAll(whole, new RunnerFake(), { projectId: P, tier: 'partner', context: { idea: 'stock' } });

    const envStream = environment();
    const streamed = await openStore(envStream);
    const writes = [];
    streamed.subscribe((change) => writes.push(`${change.kind}:${change.artifactType}`));
    const runner = new RunnerFake({ stream: true, chunkSize });
    const summary = await generateAll(streamed, runner, { projectId: P, tier: 'partner', context: { idea: 'stock' } });
    assert.deepEqual(summary.completed, [...GENERATION_ORDER]);
    assert.deepEqual(await recordsOf(streamed), await recordsOf(whole));
    // One completing write per artifact, and each runner call given the earlier artifacts.
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(writes.filter((w) => w.startsWith('completeGeneration')),
      GENERATION_ORDER.map((type) => `completeGeneration:${type}`));
    assert.deepEqual(runner.calls.map((call) => Object.keys(call.priorArtifacts).length), [0, 1, 2, 3, 4]);
    whole.close();
    streamed.close();
  });
}

test('progress: each artifact streams between started and completed, its sections completing in order', async () => {
  const store = await openStore(environment());
  const events = [];
  await generateAll(store, new RunnerFake({ stream: true, chunkSize: 23 }), {
    projectId: P, tier: 'cto_scale', onProgress: (event) => events.push(event),
  });
  for (const type of GENERATION_ORDER) {
    const mine = events.filter((event) => event.type === type);
    assert.equal(mine[0].status, 'started');
    assert.equal(mine.at(-1).status, 'completed');
    const streaming = mine.slice(1, -1);
    assert.ok(streaming.length > 0 && streaming.every((event) => event.status === 'streaming'), type);
    assert.ok(streaming.every((event) => event.index === GENERATION_ORDER.indexOf(type) && event.total === 5));
    const known = (section) => ARTIFACTS[type].sections.some((s) => s.id === section);
    const completed = streaming.map((e) => e.event)
      .filter((event) => event.kind === 'section_complete' && known(event.section));
    assert.deepEqual(completed.map((event) => event.section), sectionsInOrder(type, SAMPLE_PLAN[type]), type);
    assert.ok(completed.every((event) => event.ok), type);
    const started = streaming.map((e) => e.event).filter((event) => event.kind === 'section_start' && known(event.section));
    assert.deepEqual(started.map((event) => event.section), sectionsInOrder(type, SAMPLE_PLAN[type]), type);
    // The text deltas of a prose section add up to its value.
    for (const [section, value] of Object.entries(SAMPLE_PLAN[type])) {
      if (typeof value !== 'string') continue;
      const text = streaming.map((e) => e.event)
        .filter((event) => event.kind === 'text' && event.path.length === 1 && event.path[0] === section)
        .map((event) => event.delta).join('');
      assert.equal(text, value, `${type}.${section}`);
    }
  }
  store.close();
});

test('an abort mid-stream writes nothing of the artifact and leaves it retryable', async () => {
  const store = await openStore(environment());
  const controller = new AbortController();
  const runner = new RunnerFake({ stream: true, chunkSize: 20, chunkDelayMs: 1 });
  let sectionsSeen = 0;
  const pending = generateAll(store, runner, {
    projectId: P, signal: controller.signal,
    onProgress: (event) => {
      if (event.type === 'mvp_scope' && event.event?.kind === 'section_complete' && ++sectionsSeen === 2) {
        controller.abort(new Error('founder pressed stop'));
      }
    },
  });
  await assert.rejects(pending, /founder pressed stop/);
  const records = Object.fromEntries((await store.listProject(P)).map((r) => [r.artifact_type, r]));
  assert.equal(records.brief.generation_status, 'idle');
  assert.equal(records.mvp_scope.generation_status, 'failed');
  assert.equal(records.mvp_scope.current_content, null, 'no half-written content');
  assert.equal(records.mvp_scope.version_number, 0);
  assert.equal(records.milestones, undefined);

  const retry = await generateAll(store, new RunnerFake({ stream: true }), { projectId: P });
  assert.deepEqual(retry.reused, ['brief']);
  assert.deepEqual(retry.completed, GENERATION_ORDER.slice(1));
  const retried = await store.getByType(P, 'mvp_scope');
  assert.equal(retried.generation_status, 'idle');
  assert.equal(retried.version_number, 1);
  store.close();
});

test('an abort stops a stream whose runner ignores its signal, and closes the stream', async () => {
  const store = await openStore(environment());
  const controller = new AbortController();
  let closed = false;
  let wake;
  const runner = {
    generateArtifact() { throw new Error('unused'); },
    async* streamArtifact() {
      try {
        yield '{"problem_statement": "Shops ';
        await new Promise((resolve) => { wake = resolve; });  // hangs until woken
        yield 'lose stock"}';
      } finally {
        closed = true;
      }
    },
  };
  const pending = regenerate(store, runner, {
    projectId: P, type: 'brief', signal: controller.signal,
    // Once the runner is stuck waiting for its next chunk.
    onProgress: (event) => { if (event.event.kind === 'text') setTimeout(() => controller.abort(new Error('stop')), 5); },
  });
  await assert.rejects(pending, /stop/);
  assert.equal(typeof wake, 'function', 'the runner was stuck when the abort came');
  const record = await store.getByType(P, 'brief');
  assert.equal(record.generation_status, 'failed');
  assert.equal(record.current_content, null);
  wake();
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(closed, true, 'the pipeline asked the runner to close its stream');
  store.close();
});

const truncated = (failing, fraction = 0.6) => (type) => {
  const text = wholeText(type);
  return type === failing ? text.slice(0, Math.floor(text.length * fraction)) : text;
};

const cascade = {
  brief: { completed: [], failed: [...GENERATION_ORDER], skipped: [] },
  mvp_scope: { completed: ['brief'], failed: ['mvp_scope'], skipped: ['milestones', 'risk_log', 'how_it_works'] },
  risk_log: { completed: ['brief', 'mvp_scope', 'milestones', 'how_it_works'], failed: ['risk_log'], skipped: [] },
};

for (const [failing, want] of Object.entries(cascade)) {
  test(`a stream that stops early at ${failing} is a validation failure, never repaired; the cascade rules apply`, async () => {
    const store = await openStore(environment());
    const events = [];
    const summary = await generateAll(store, streamingRunner(truncated(failing)), {
      projectId: P, onProgress: (event) => events.push(event),
    });
    assert.deepEqual(summary.completed, want.completed);
    assert.deepEqual(summary.failed, want.failed);
    assert.deepEqual(summary.skipped, want.skipped);
    const failure = events.find((event) => event.type === failing && event.status === 'failed');
    assert.ok(failure.error instanceof ValidationFailedError, String(failure.error));
    assert.equal(failure.error.code, 'validation_failed');
    assert.ok(failure.error.errors.length > 0);
    const record = await store.getByType(P, failing);
    assert.equal(record.generation_status, 'failed');
    assert.equal(record.current_content, null);
    assert.match(record.generation_error, /invalid/);
    // A whole stream afterwards retries exactly what failed or was skipped.
    const retry = await generateAll(store, new RunnerFake({ stream: true }), { projectId: P });
    assert.deepEqual(retry.completed, [...want.failed, ...want.skipped]
      .sort((a, b) => GENERATION_ORDER.indexOf(a) - GENERATION_ORDER.indexOf(b)));
    store.close();
  });
}

test('a stream of invalid content fails cleanly, its invalid section reported as it completes', async () => {
  const store = await openStore(environment());
  const broken = structuredClone(SAMPLE_PLAN);
  broken.risk_log.market_risks = 'none';
  const events = [];
  const summary = await generateAll(store, new RunnerFake({ stream: true, chunkSize: 31, plan: broken }), {
    projectId: P, onProgress: (event) => events.push(event),
  });
  assert.deepEqual(summary.failed, ['risk_log']);
  assert.deepEqual(summary.completed, ['brief', 'mvp_scope', 'milestones', 'how_it_works']);
  const marketRisks = events.find((e) => e.type === 'risk_log' && e.event?.kind === 'section_complete'
    && e.event.section === 'market_risks');
  assert.equal(marketRisks.event.ok, false);
  assert.ok(marketRisks.event.errors.length > 0);
  const failure = events.find((e) => e.type === 'risk_log' && e.status === 'failed');
  assert.ok(failure.error instanceof ValidationFailedError);
  assert.ok(failure.error.errors.some((error) => error.loc[0] === 'market_risks'));
  assert.equal((await store.getByType(P, 'risk_log')).current_content, null);

  // Text that is not JSON at all fails the same way.
  const garbled = await generateAll(store, streamingRunner(() => '{"technical_risks": [}} not json', { size: 4 }), {
    projectId: P, all: false,
  });
  assert.deepEqual(garbled.failed, ['risk_log']);
  assert.equal((await store.getByType(P, 'risk_log')).generation_status, 'failed');
  store.close();
});

test('a stream that throws mid-way fails the artifact; a rate limit fails before any chunk', async () => {
  const store = await openStore(environment());
  const events = [];
  const summary = await generateAll(store,
    new RunnerFake({ stream: true, chunkSize: 40, scenario: 'llm_failure', failTypes: ['milestones'] }),
    { projectId: P, onProgress: (event) => events.push(event) });
  assert.deepEqual(summary.failed, ['milestones']);
  assert.deepEqual(summary.completed, ['brief', 'mvp_scope', 'risk_log', 'how_it_works']);
  const milestones = events.filter((event) => event.type === 'milestones');
  assert.ok(milestones.some((event) => event.status === 'streaming'), 'some chunks came before the failure');
  assert.ok(milestones.at(-1).error instanceof RunnerError);
  assert.match((await store.getByType(P, 'milestones')).generation_error, /LLM failure/);

  const limited = [];
  const store2 = await openStore(environment());
  const rate = await generateAll(store2,
    new RunnerFake({ stream: true, scenario: 'rate_limited', failTypes: ['risk_log'] }),
    { projectId: P, onProgress: (event) => limited.push(event) });
  assert.deepEqual(rate.failed, ['risk_log']);
  assert.equal(limited.filter((event) => event.type === 'risk_log' && event.status === 'streaming').length, 0);
  assert.equal(limited.find((event) => event.type === 'risk_log' && event.status === 'failed').error.status, 429);
  store.close();
  store2.close();
});

test('regenerate streams too: a preview writes nothing, a write stores what a whole answer would', async () => {
  const store = await openStore(environment());
  await generateAll(store, new RunnerFake(), { projectId: P, tier: 'partner' });
  await store.editSection(P, 'mvp_scope', 'out_of_scope', ['Everything but stock counts.']);
  const regenerated = structuredClone(SAMPLE_PLAN);
  regenerated.mvp_scope.out_of_scope = ['Payroll.'];
  regenerated.mvp_scope.success_metrics = ['Ten shops count daily.'];
  const runner = new RunnerFake({ plan: regenerated, stream: true, chunkSize: 9 });
  const before = JSON.stringify(await store.getByType(P, 'mvp_scope'));

  const events = [];
  const preview = await regenerate(store, runner, {
    projectId: P, type: 'mvp_scope', tier: 'partner', preview: true, onProgress: (event) => events.push(event),
  });
  const wholePreview = await regenerate(store, new RunnerFake({ plan: regenerated }), {
    projectId: P, type: 'mvp_scope', tier: 'partner', preview: true,
  });
  assert.deepEqual(preview, wholePreview);
  assert.deepEqual(preview.kept, ['out_of_scope']);
  assert.equal(JSON.stringify(await store.getByType(P, 'mvp_scope')), before, 'a preview writes nothing');
  assert.ok(events.length > 0 && events.every((event) => event.status === 'streaming' && event.type === 'mvp_scope'));
  assert.ok(events.some((event) => event.event.kind === 'section_complete' && event.event.section === 'success_metrics'));
  assert.deepEqual(Object.keys(runner.calls[0].priorArtifacts), ['brief']);

  const written = await regenerate(store, runner, { projectId: P, type: 'mvp_scope', tier: 'partner' });
  assert.equal(written.record.version_number, 2);
  assert.deepEqual(written.record.current_content, preview.value);
  assert.deepEqual(written.kept, ['out_of_scope']);

  // A stream that stops early fails the write and keeps the current content.
  await assert.rejects(
    regenerate(store, streamingRunner(truncated('mvp_scope', 0.5)), { projectId: P, type: 'mvp_scope' }),
    ValidationFailedError);
  const after = await store.getByType(P, 'mvp_scope');
  assert.equal(after.generation_status, 'failed');
  assert.equal(after.version_number, 2);
  assert.deepEqual(after.current_content, preview.value);
  store.close();
});

test('a runner call is told the generation tier (an LLM runner asks for that tier\'s sections)', async () => {
  const store = await openStore(environment());
  const told = [];
  const recording = (stream) => ({
    async generateArtifact(type, context, prior, options) {
      told.push([type, options.tier, options.signal instanceof AbortSignal || options.signal === undefined]);
      return SAMPLE_PLAN[type];
    },
    ...(stream && {
      async* streamArtifact(type, context, prior, options) {
        told.push([type, options.tier, true]);
        yield JSON.stringify(SAMPLE_PLAN[type]);
      },
    }),
  });
  await generateAll(store, recording(false), { projectId: P, tier: 'partner' });
  await regenerate(store, recording(true), { projectId: P, type: 'brief', tier: 'cto_scale', force: true });
  await regenerate(store, recording(false), { projectId: P, type: 'brief', preview: true });
  assert.deepEqual(told, [
    ...GENERATION_ORDER.map((type) => [type, 'partner', true]),
    ['brief', 'cto_scale', true],
    ['brief', undefined, true],
  ]);
});
