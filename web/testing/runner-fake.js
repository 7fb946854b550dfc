// RunnerFake plays the LLM for frontend tests and the demo: it "generates" the sample plan (a
// StockPilot inventory tracker, every tier's sections, cross-referenced) with optional latency
// and failure scenarios. It honours the runner contract:
//   runner.generateArtifact(type, context, priorArtifacts) -> Promise<content>
// and, with `stream: true`, streams like an LLM:
//   runner.streamArtifact(type, context, priorArtifacts) -> AsyncGenerator<string>
import { SAMPLE_PLAN } from '../../dist/sample-plan.js';
import { GENERATION_ORDER } from '../registry.js';
import { sleep } from '../runners/abort.js';

export const SCENARIOS = Object.freeze(['happy_path', 'llm_failure', 'rate_limited']);

/** The error a failing scenario rejects with. */
export class RunnerError extends Error {
  constructor(message, { scenario, type, status } = {}) {
    super(message);
    this.name = 'RunnerError';
    this.scenario = scenario;
    this.type = type;
    if (status !== undefined) this.status = status;
  }
}

// No latency: settled at once (no timer turn), as a cached answer would be.
function wait(ms, signal) {
  if (ms) return sleep(ms, signal);
  return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
}

export class RunnerFake {
  /**
   * @param {object} [options]
   * @param {'happy_path'|'llm_failure'|'rate_limited'} [options.scenario]
   * @param {number} [options.latencyMs] delay before each artifact resolves
   * @param {string[]} [options.failTypes] with a failing scenario, fail only these types
   * @param {object} [options.plan] content per type, instead of the sample plan
   * @param {boolean} [options.stream] also stream: gives the runner a `streamArtifact` (without
   *   it the runner has no such property, so the pipeline asks for whole answers)
   * @param {number} [options.chunkSize] characters (code points) per streamed chunk
   * @param {number} [options.chunkDelayMs] delay before each chunk after the first
   */
  constructor({
    scenario = 'happy_path', latencyMs = 0, failTypes, plan = SAMPLE_PLAN, stream = false, chunkSize = 16, chunkDelayMs = 0,
  } = {}) {
    if (!SCENARIOS.includes(scenario)) {
      throw new TypeError(`unknown RunnerFake scenario '${scenario}'; expected ${SCENARIOS.join(', ')}`);
    }
    this.scenario = scenario;
    this.latencyMs = latencyMs;
    this.failTypes = failTypes ? new Set(failTypes) : null;
    this.plan = plan;
    /** Every call, in order: {type, context, priorArtifacts} (for assertions in tests). */
    this.calls = [];
    if (stream) {
      if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new TypeError('chunkSize must be a positive integer');
      this.chunkSize = chunkSize;
      this.chunkDelayMs = chunkDelayMs;
      // An own property only when streaming: the pipeline streams from a runner that has one.
      this.streamArtifact = (type, context, priorArtifacts, options) =>
        this.#stream(type, context, priorArtifacts, options);
    }
  }

  /** One artifact; `priorArtifacts` holds the artifacts generated before it in the chain. */
  async generateArtifact(type, context = {}, priorArtifacts = {}, { signal } = {}) {
    this.calls.push({ type, context, priorArtifacts });
    await wait(this.latencyMs, signal);
    const failure = this.#scriptedFailure(type);
    if (failure) throw failure;
    return structuredClone(this.plan[type]);
  }

  // The error the scenario scripts for `type`, or null.
  #scriptedFailure(type) {
    if (!(type in this.plan)) throw new RunnerError(`RunnerFake has no content for '${type}'`, { type });
    const failing = this.scenario !== 'happy_path' && (!this.failTypes || this.failTypes.has(type));
    if (!failing) return null;
    if (this.scenario === 'llm_failure') {
      return new RunnerError(`LLM failure while generating ${type}`, { scenario: this.scenario, type });
    }
    return new RunnerError(`Rate limited while generating ${type}: retry later`,
      { scenario: this.scenario, type, status: 429 });
  }

  // The artifact as compact JSON text (what a provider's structured output sends), in chunks of
  // `chunkSize` code points (never half a surrogate pair). Rate limiting refuses before the first
  // chunk; `llm_failure` breaks off after half of them.
  async* #stream(type, context = {}, priorArtifacts = {}, { signal } = {}) {
    this.calls.push({ type, context, priorArtifacts });
    await wait(this.latencyMs, signal);
    const failure = this.#scriptedFailure(type);
    if (failure && this.scenario === 'rate_limited') throw failure;
    const characters = Array.from(JSON.stringify(this.plan[type]));
    const chunks = [];
    for (let i = 0; i < characters.length; i += this.chunkSize) chunks.push(characters.slice(i, i + this.chunkSize).join(''));
    const failAt = Math.max(1, Math.floor(chunks.length / 2));
    for (let i = 0; i < chunks.length; i += 1) {
      if (i > 0) await wait(this.chunkDelayMs, signal);
      if (failure && i === failAt) throw failure;
      yield chunks[i];
    }
    if (failure) throw failure;
  }

  /** All five, in GENERATION_ORDER, each given the ones before it. */
  async generateArtifacts(context = {}, { signal } = {}) {
    const artifacts = {};
    for (const type of GENERATION_ORDER) {
      artifacts[type] = await this.generateArtifact(type, context, { ...artifacts }, { signal });
    }
    return artifacts;
  }
}
