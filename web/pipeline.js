// The generation pipeline over a store and a runner (the runner contract:
// runner.generateArtifact(type, context, priorArtifacts, {signal}) -> Promise<content>, and
// optionally runner.streamArtifact(...) -> AsyncIterable<string | Uint8Array>, the content's JSON
// text in chunks). It uses the store only through its public methods.
import { ARTIFACTS, CascadeRule, GENERATION_ORDER, GenerationStatus } from './registry.js';
import { ConcurrentGenerationError, InvalidInputError, ValidationFailedError } from './errors.js';
import { createStreamValidator } from './stream.js';

function checkRunner(runner) {
  if (!runner || typeof runner.generateArtifact !== 'function') {
    throw new InvalidInputError('runner must have generateArtifact(type, context, priorArtifacts)');
  }
}

// What progress events say of an artifact; a failed one is left in the failed status.
const Progress = Object.freeze({
  STARTED: 'started', STREAMING: 'streaming', COMPLETED: 'completed', FAILED: GenerationStatus.FAILED,
  SKIPPED: 'skipped', REUSED: 'reused',
});

// A progress event with the artifact's place in GENERATION_ORDER.
function progressEmitter(onProgress) {
  return (event) => onProgress?.({ ...event, index: GENERATION_ORDER.indexOf(event.type), total: GENERATION_ORDER.length });
}

// The next chunk, or the signal's reason as soon as it aborts (a runner that ignores its signal
// cannot hold the pipeline).
function nextChunk(iterator, signal) {
  if (!signal) return iterator.next();
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    iterator.next().then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Feeds the runner's chunks for `type` through a stream validator at `tier`, reporting each of
 * its events, and resolves to the validated value. Content that is invalid when the stream ends
 * (a stream that stops early included: it is never repaired) is a ValidationFailedError, as the
 * store reports invalid content of a whole answer. An abort stops the stream at once.
 */
async function streamThroughValidator(runner, { type, context, prior, tier, signal, onEvent }) {
  const validator = createStreamValidator(type, tier ? { tier } : {});
  let iterator;
  let finished = false;
  try {
    iterator = runner.streamArtifact(type, context, prior, runnerOptions(tier, signal))[Symbol.asyncIterator]();
    for (;;) {
      const step = await nextChunk(iterator, signal);
      if (step.done) {
        finished = true;
        break;
      }
      for (const event of validator.push(step.value)) {
        onEvent(event);
        if (event.kind === 'error') throw invalidContent(type, [event.issue]);
      }
    }
    signal?.throwIfAborted();
    const result = validator.end();
    if (!result.ok) throw invalidContent(type, result.errors);
    return result.value;
  } finally {
    // Stopped early (abort, error, invalid JSON): let the runner close its stream. Not awaited: a
    // generator still busy in next() only settles when its own work does.
    if (iterator && !finished) Promise.resolve().then(() => iterator.return?.()).catch(() => {});
    validator.dispose();
  }
}

function invalidContent(type, errors) {
  const [first] = errors;
  return new ValidationFailedError(`generated ${type} content is invalid: ${first.msg} at ${first.loc.join('.')}`, { errors });
}

// What a runner call is told: the signal, and the generation's tier (an LLM runner asks for that
// tier's sections).
function runnerOptions(tier, signal) {
  return tier === undefined ? { signal } : { signal, tier };
}

// One artifact from the runner: streamed through a validator when it can stream (each event
// reported as a `streaming` progress event), else its whole answer.
function runnerContent(runner, { type, context, prior, tier, signal, emit }) {
  if (typeof runner.streamArtifact !== 'function') return runner.generateArtifact(type, context, prior, runnerOptions(tier, signal));
  return streamThroughValidator(runner, {
    type, context, prior, tier, signal, onEvent: (event) => emit({ type, status: Progress.STREAMING, event }),
  });
}

function done(record) {
  return record && record.generation_status === GenerationStatus.IDLE && record.current_content !== null;
}

// Marks `type` failed without generating it (its lease taken just for that). A generation
// running elsewhere is left alone.
async function markFailed(store, projectId, type, reason) {
  try {
    const lease = await store.beginGeneration(projectId, type);
    return await store.failGeneration(projectId, type, reason, { lease });
  } catch (error) {
    if (error instanceof ConcurrentGenerationError) return null;
    throw error;
  }
}

// Stores what `produce()` generates, under a lease; a failure of the runner, of its content or
// of storage is recorded as a failed generation and rethrown.
//
// When the completing write itself fails (a quota error, an aborted or failed commit), its
// transaction wrote nothing: the record is still `generating` under our lease, with its old
// content. We then release the lease by marking the generation failed, in a new transaction, so
// the artifact is retryable at once (generateAll retries what failed). If storage refuses that
// too, nothing can be written: the record keeps the lease and becomes retryable when the lease's
// TTL has passed (beginGeneration takes an expired lease over). Tested in storage-faults.test.js.
async function generateUnderLease(store, { projectId, type, tier, force, signal, ttlMs }, produce) {
  const lease = await store.beginGeneration(projectId, type, ttlMs ? { ttlMs } : {});
  try {
    const content = await produce();
    signal?.throwIfAborted();
    return await store.completeGeneration(projectId, type, content, { lease, force, tier });
  } catch (error) {
    await store.failGeneration(projectId, type, error, { lease }).catch(() => {});
    throw error;
  }
}

/**
 * Generates a project's five artifacts in GENERATION_ORDER, each runner call given the earlier
 * ones, each written as soon as it is done. Failure rules of the original product: the brief
 * fails -> every artifact fails; the MVP scope fails -> the rest are skipped (recorded as failed,
 * so a retry picks them up); a later failure lets the cascade go on. Artifacts already generated
 * (idle with content) are kept unless `all`, so calling it again retries only what failed.
 * One run per project at a time: while one runs (here or, with the Web Locks API, in another
 * tab), another generateAll or a writing regenerate is refused with ConcurrentGenerationError
 * before it touches any record. A runner with streamArtifact is streamed: each event of the stream
 * validator is a `streaming` progress event, and what is stored is the same as for its whole
 * answer (a stream that ends invalid or early fails the artifact with ValidationFailedError).
 * @returns {Promise<{completed: string[], failed: string[], skipped: string[], reused: string[]}>}
 */
export async function generateAll(store, runner, {
  projectId, context = {}, tier, force = false, all = false, onProgress, signal, ttlMs,
} = {}) {
  checkRunner(runner);
  // One run per project: a second call is refused before it touches anything (see store/project-lock.js).
  return store.exclusively(projectId, async () => {
    const summary = { completed: [], failed: [], skipped: [], reused: [] };
    const prior = {};
    const existing = Object.fromEntries((await store.listProject(projectId)).map((r) => [r.artifact_type, r]));
    const emit = progressEmitter(onProgress);

    for (let i = 0; i < GENERATION_ORDER.length; i += 1) {
      const type = GENERATION_ORDER[i];
      signal?.throwIfAborted();
      if (!all && done(existing[type])) {
        prior[type] = existing[type].current_content;
        summary.reused.push(type);
        emit({ type, status: Progress.REUSED, record: existing[type] });
        continue;
      }
      emit({ type, status: Progress.STARTED });
      try {
        const { record } = await generateUnderLease(store, { projectId, type, tier, force, signal, ttlMs },
          () => runnerContent(runner, { type, context, prior: { ...prior }, tier, signal, emit }));
        prior[type] = record.current_content;
        summary.completed.push(type);
        emit({ type, status: Progress.COMPLETED, record });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        summary.failed.push(type);
        emit({ type, status: Progress.FAILED, error });
        // The registry's cascade rule says what this failure does to the artifacts after it.
        const rule = ARTIFACTS[type].onFailure;
        if (rule !== CascadeRule.CONTINUE) {
          const skip = rule === CascadeRule.SKIP_REST;
          const reason = `${skip ? 'skipped: ' : ''}${type} failed: ${error.message}`;
          for (const later of GENERATION_ORDER.slice(i + 1)) {
            await markFailed(store, projectId, later, reason);
            (skip ? summary.skipped : summary.failed).push(later);
            emit({ type: later, status: skip ? Progress.SKIPPED : Progress.FAILED, error });
          }
          break;
        }
      }
    }
    return summary;
  });
}

// The artifacts before `type` in GENERATION_ORDER that have content: its runner's context.
async function priorArtifacts(store, projectId, type) {
  const prior = {};
  for (const record of await store.listProject(projectId)) {
    if (record.artifact_type === type) break;
    if (record.current_content) prior[record.artifact_type] = record.current_content;
  }
  return prior;
}

/**
 * Regenerates one artifact. With `preview`, nothing is written: the result says what would be
 * (merged content, the edited sections kept, conflicts, the diff from the current content) and
 * carries `generated`, which a later call can pass back to apply exactly that generation
 * without calling the runner again. A runner with streamArtifact is streamed, each event of the
 * stream validator reported to `onProgress` as a `streaming` progress event.
 */
export async function regenerate(store, runner, {
  projectId, type, tier, force = false, preview = false, context = {}, generated, signal, ttlMs, onProgress,
} = {}) {
  if (generated === undefined) checkRunner(runner);
  const emit = progressEmitter(onProgress);
  if (preview) {
    const prior = await priorArtifacts(store, projectId, type);
    const content = generated ?? await runnerContent(runner, { type, context, prior, tier, signal, emit });
    signal?.throwIfAborted();
    return { preview: true, ...await store.previewGeneration(projectId, type, content, { force, tier }) };
  }
  // Writing takes the project's run, so it cannot interleave with a cascade; the earlier
  // artifacts are read under it.
  return store.exclusively(projectId, async () => {
    const prior = await priorArtifacts(store, projectId, type);
    return generateUnderLease(store, { projectId, type, tier, force, signal, ttlMs },
      async () => generated ?? runnerContent(runner, { type, context, prior, tier, signal, emit }));
  });
}
