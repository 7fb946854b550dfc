// How JSON text gets into wasm memory: TextEncoder.encodeInto into the module's reused buffer
// (what the API does) against an embind std::string argument, on the same documents in one
// process; then validate end to end through each path. Prints MB/s, medians of several rounds.
// The embind paths exist only in the diagnostics build of the module (built here if needed);
// validate via encodeInto is the package's own, on the shipped module built from the same sources.
//   node bench/node/boundary.mjs
import { init, validate } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { loadDiagnosticsModule } from './diagnostics-module.mjs';

await init();
const { transferViaEncodeInto, transferViaEmbindString, validateViaEmbindString } = await loadDiagnosticsModule();

// A risk log scaled to `bytes` by repeating its risks (prose-heavy, like real content).
function riskLog(bytes) {
  const content = structuredClone(SAMPLE_PLAN.risk_log);
  const risks = [...content.technical_risks, ...content.market_risks];
  while (JSON.stringify(content).length < bytes) {
    const risk = structuredClone(risks[content.technical_risks.length % risks.length]);
    risk.title += ` ${content.technical_risks.length}`;
    content.technical_risks.push(risk);
  }
  return JSON.stringify(content);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function rate(run, text, rounds = 15) {
  const bytes = new TextEncoder().encode(text).length;
  const iterations = Math.max(1, Math.round(4e6 / bytes));
  for (let i = 0; i < iterations; i += 1) run(text);  // warm-up
  const samples = [];
  for (let round = 0; round < rounds; round += 1) {
    const t0 = performance.now();
    for (let i = 0; i < iterations; i += 1) run(text);
    samples.push((performance.now() - t0) / iterations);
  }
  return bytes / 1e6 / (median(samples) / 1e3);  // MB/s
}

const rows = [];
for (const size of [3_000, 27_000, 256_000, 4_000_000]) {
  const text = riskLog(size);
  rows.push({
    document: `risk_log ${(text.length / 1000).toFixed(0)} KB`,
    'encodeInto MB/s': rate(transferViaEncodeInto, text).toFixed(0),
    'embind string MB/s': rate(transferViaEmbindString, text).toFixed(0),
    'validate via encodeInto MB/s': rate((t) => validate('risk_log', t), text).toFixed(0),
    'validate via embind string MB/s': rate((t) => validateViaEmbindString('risk_log', t), text).toFixed(0),
  });
}
console.table(rows);
