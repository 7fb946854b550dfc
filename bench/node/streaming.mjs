// The streaming benchmark: an artifact's JSON arriving in 4- and 16-character chunks, as an LLM
// writes it. Ours validates every value as it closes (createStreamValidator, then end());
// parsePartialJson (Vercel AI SDK) and partial-json re-parse the whole prefix per chunk, as the
// popular stacks do; @streamparser/json and jsonriver parse incrementally and validate nothing.
import { createStreamValidator } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { parsePartialJson } from '@ai-sdk/ui-utils';
import { parse as partialJsonParse } from 'partial-json';
import { JSONParser } from '@streamparser/json';
import { parse as jsonriverParse } from 'jsonriver';
import { scaledRiskLog } from './inputs.mjs';

export const CHUNK_SIZES = [4, 16];
const RISK_LOG_BYTES = 30_000;

/** The documents: the 30 KB risk log, then each artifact of the sample plan. */
export function streamingInputs() {
  const documents = [{ name: 'risk_log 30KB', type: 'risk_log', text: JSON.stringify(scaledRiskLog(RISK_LOG_BYTES)) }];
  for (const [type, content] of Object.entries(SAMPLE_PLAN)) {
    documents.push({ name: `${type} (sample plan)`, type, text: JSON.stringify(content) });
  }
  return documents;
}

export function chunksOf(text, size) {
  const chunks = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

/** The synchronous contenders: each streams `chunks` to the end. */
export function contenders(type) {
  return {
    ours(chunks) {
      const validator = createStreamValidator(type);
      try {
        for (const chunk of chunks) validator.push(chunk);
        const result = validator.end();
        if (!result.ok) throw new Error(`the benchmark input is invalid: ${JSON.stringify(result.errors[0])}`);
      } finally {
        validator.dispose();
      }
    },
    'parsePartialJson per chunk'(chunks) {
      let text = '';
      for (const chunk of chunks) parsePartialJson(text += chunk);
    },
    'partial-json per chunk'(chunks) {
      let text = '';
      for (const chunk of chunks) partialJsonParse(text += chunk);
    },
    '@streamparser/json'(chunks) {
      const parser = new JSONParser({ paths: ['$'] });
      parser.onValue = () => {};
      for (const chunk of chunks) parser.write(chunk);
      if (!parser.isEnded) parser.end();
    },
  };
}

/** jsonriver is asynchronous only: it reads an AsyncIterable and yields growing values. */
export async function jsonriver(chunks) {
  async function* source() { yield* chunks; }
  // eslint-disable-next-line no-unused-vars
  for await (const value of jsonriverParse(source())) { /* the growing value */ }
}

/**
 * Microseconds per push of `push(i)` for the pushes around `fraction` of the stream: the stream
 * is replayed `rounds` times and the window timed as a block (a timer per push would cost more
 * than a push).
 */
export function microsPerPushAt(chunks, fraction, makePusher, { window = 200, rounds = 9 } = {}) {
  const count = Math.min(window, chunks.length);
  const start = Math.max(0, Math.min(chunks.length - count, Math.round(chunks.length * fraction - count / 2)));
  const samples = [];
  for (let round = 0; round < rounds; round += 1) {
    const { push, finish } = makePusher();
    for (let i = 0; i < start; i += 1) push(chunks[i]);
    const t0 = performance.now();
    for (let i = start; i < start + count; i += 1) push(chunks[i]);
    samples.push(((performance.now() - t0) * 1000) / count);
    for (let i = start + count; i < chunks.length; i += 1) push(chunks[i]);
    finish();
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** Per-push pushers for the per-push growth table. */
export function pushers(type) {
  return {
    ours: () => {
      const validator = createStreamValidator(type);
      return { push: (chunk) => validator.push(chunk), finish: () => { validator.end(); validator.dispose(); } };
    },
    'parsePartialJson per chunk': () => {
      let text = '';
      return { push: (chunk) => parsePartialJson(text += chunk), finish: () => {} };
    },
    '@streamparser/json': () => {
      const parser = new JSONParser({ paths: ['$'] });
      parser.onValue = () => {};
      return { push: (chunk) => parser.write(chunk), finish: () => { if (!parser.isEnded) parser.end(); } };
    },
  };
}
