// RunnerFake plays the LLM for frontend tests and the demo: it "generates" the sample plan (a
// StockPilot inventory tracker, every tier's sections, cross-referenced) with optional latency
// and failure scenarios. It honours the runner contract:
//   runner.generateArtifact(type, context, priorArtifacts) -> Promise<content>
import { SAMPLE_PLAN } from '../../dist/sample-plan.js';
import { GENERATION_ORDER } from '../registry.js';

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

function wait(ms, signal) {
  if (!ms) return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

export class RunnerFake {
  /**
   * @param {object} [options]
   * @param {'happy_path'|'llm_failure'|'rate_limited'} [options.scenario]
   * @param {number} [options.latencyMs] delay before each artifact resolves
   * @param {string[]} [options.failTypes] with a failing scenario, fail only these types
   * @param {object} [options.plan] content per type, instead of the sample plan
   */
  constructor({ scenario = 'happy_path', latencyMs = 0, failTypes, plan = SAMPLE_PLAN } = {}) {
    if (!SCENARIOS.includes(scenario)) {
      throw new TypeError(`unknown RunnerFake scenario '${scenario}'; expected ${SCENARIOS.join(', ')}`);
    }
    this.scenario = scenario;
    this.latencyMs = latencyMs;
    this.failTypes = failTypes ? new Set(failTypes) : null;
    this.plan = plan;
    /** Every call, in order: {type, context, priorArtifacts} (for assertions in tests). */
    this.calls = [];
  }

  /** One artifact; `priorArtifacts` holds the artifacts generated before it in the chain. */
  async generateArtifact(type, context = {}, priorArtifacts = {}, { signal } = {}) {
    this.calls.push({ type, context, priorArtifacts });
    await wait(this.latencyMs, signal);
    if (!(type in this.plan)) throw new RunnerError(`RunnerFake has no content for '${type}'`, { type });
    const failing = this.scenario !== 'happy_path' && (!this.failTypes || this.failTypes.has(type));
    if (failing && this.scenario === 'llm_failure') {
      throw new RunnerError(`LLM failure while generating ${type}`, { scenario: this.scenario, type });
    }
    if (failing && this.scenario === 'rate_limited') {
      throw new RunnerError(`Rate limited while generating ${type}: retry later`,
        { scenario: this.scenario, type, status: 429 });
    }
    return structuredClone(this.plan[type]);
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
