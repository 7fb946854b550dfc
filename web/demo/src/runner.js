// The demo's generator: RunnerFake (shipped in the package for frontends' tests and demos) plays
// the LLM. A regeneration comes back revised (a sentence added to each prose section, the first
// item of each list reworded) so the preview, merge and version diff have something to show.
import { RunnerFake, SAMPLE_PLAN } from 'cofounder-artifacts/testing';

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
 * @param {{scenario?: string, failTypes?: string[], latencyMs?: number, round: (type) => number}} options
 *   `round(type)`: which generation of that artifact this is (1 = first).
 */
export function demoRunner({ scenario = 'happy_path', failTypes, latencyMs = 350, round }) {
  const fake = new RunnerFake({ scenario, failTypes, latencyMs });
  return {
    async generateArtifact(type, context, priorArtifacts, options) {
      const generated = await fake.generateArtifact(type, context, priorArtifacts, options);
      const n = round(type);
      return n > 1 ? revise(generated, n) : generated;
    },
  };
}

export { SAMPLE_PLAN };
