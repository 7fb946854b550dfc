// The demo's generators. The sample ones are RunnerFake (shipped in the package for frontends'
// tests and demos): it writes the StockPilot sample plan whatever the idea, whole or streamed. A
// regeneration comes back revised (a sentence added to each prose section, the first item of each
// list reworded) so the preview, merge and version diff have something to show. The endpoint one
// is the package's OpenAI Chat Completions runner, pointed at any compatible endpoint.
import { RunnerFake, SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { openAIChatRunner } from 'cofounder-artifacts/runners';

/** The generator menu: value -> label. */
export const GENERATORS = Object.freeze({
  happy_path: 'Sample plan (writes the StockPilot sample, whatever the idea)',
  sample_stream: 'Sample plan, streamed (the StockPilot sample, whatever the idea)',
  llm_failure: 'Sample plan, LLM fails on Risk Log',
  rate_limited: 'Sample plan, rate limit on Milestones',
  openai: 'OpenAI-compatible endpoint',
});

export const ENDPOINT_GENERATOR = 'openai';

const REVISION_NOTE = (round) => ` (Revised in round ${round} after more customer interviews.)`;

function revise(content, round) {
  const revised = structuredClone(content);
  for (const [key, value] of Object.entries(revised)) {
    if (typeof value === 'string') {
      revised[key] = value + REVISION_NOTE(round);
    } else if (Array.isArray(value) && value.length && typeof value[0] === 'object' && 'description' in value[0]) {
      value[0].description += REVISION_NOTE(round);
    }
  }
  return revised;
}

/**
 * @param {{scenario?: string, failTypes?: string[], latencyMs?: number, round: (type) => number,
 *   stream?: {chunkSize: number, chunkDelayMs: number}}} options
 *   `round(type)`: which generation of that artifact this is (1 = first); `stream`: stream the
 *   JSON text in chunks instead of answering whole.
 */
export function demoRunner({ scenario = 'happy_path', failTypes, latencyMs = 350, round, stream }) {
  // The plan this round of `type` writes: the sample, revised after the first round.
  const planFor = (type) => {
    const n = round(type);
    return n > 1 ? { ...SAMPLE_PLAN, [type]: revise(SAMPLE_PLAN[type], n) } : SAMPLE_PLAN;
  };
  const fake = (type, streaming) => new RunnerFake({
    scenario, failTypes, latencyMs, plan: planFor(type), ...(streaming ? { stream: true, ...stream } : {}),
  });
  const runner = {
    generateArtifact: (type, context, priorArtifacts, options) =>
      fake(type, false).generateArtifact(type, context, priorArtifacts, options),
  };
  if (stream) {
    runner.streamArtifact = (type, context, priorArtifacts, options) =>
      fake(type, true).streamArtifact(type, context, priorArtifacts, options);
  }
  return runner;
}

/**
 * A runner for an OpenAI-compatible Chat Completions endpoint. The API key lives only in the
 * page's memory: it is passed here, never stored.
 * @param {{baseURL: string, model: string, apiKey: string}} endpoint
 */
export function endpointRunner({ baseURL, model, apiKey }, tier) {
  if (!baseURL.trim() || !model.trim()) throw new Error('Enter the endpoint\'s base URL and model first.');
  return openAIChatRunner({
    baseURL: baseURL.trim(), model: model.trim(), apiKey, tier, fetch: (...args) => globalThis.fetch(...args),
  });
}

export { SAMPLE_PLAN };
