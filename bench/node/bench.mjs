// npm run bench: this package next to its JS peers, same inputs, same process, several rounds,
// medians; the ratio is peer time / our time (above 1: we are faster). Also the native build
// (Google Benchmark) on the same inputs, for the wasm/native ratio. Writes bench/RESULTS.md;
// `--json` prints the rows as JSON instead of the table.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { init, validate, gate, merge, diff, wordDiff, sectionsFor } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { SIZES, scaledRiskLog, editedRiskLog, prosePair } from './inputs.mjs';
import { ajvValidator, zodSchema, differ, jsMerge, jsGate, jsdiffWords, dmpDiff } from './peers.mjs';
import {
  CHUNK_SIZES, streamingInputs, chunksOf, contenders, jsonriver, microsPerPushAt, pushers,
} from './streaming.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const asJson = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
// --streaming: only the streaming rows (a quick look while working on the stream validator).
const onlyStreaming = process.argv.includes('--streaming');

await init();

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median seconds per call of `fn` over several timed rounds of a calibrated batch. */
function time(fn) {
  fn();
  let batch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i += 1) fn();
    if (performance.now() - t0 > (quick ? 5 : 25) || batch > 1e6) break;
    batch *= 2;
  }
  const samples = [];
  for (let round = 0; round < (quick ? 3 : 9); round += 1) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i += 1) fn();
    samples.push((performance.now() - t0) / 1000 / batch);
  }
  return median(samples);
}

const rows = [];
function row(scenario, size, bytes, ours, peers) {
  const oursTime = time(ours);
  const entry = { scenario, size, bytes, oursMBps: bytes / oursTime / 1e6, oursMicros: oursTime * 1e6, peers: {} };
  for (const [name, fn] of Object.entries(peers)) {
    const peerTime = time(fn);
    entry.peers[name] = { micros: peerTime * 1e6, ratio: peerTime / oursTime };
  }
  rows.push(entry);
  if (!asJson) process.stderr.write(`  ${scenario} ${size}\n`);
  return entry;
}

const ajv = ajvValidator('risk_log');
const zod = zodSchema('risk_log');
const partner = sectionsFor('risk_log', 'partner');
const inputs = Object.entries(SIZES).map(([size, bytes]) => {
  const content = scaledRiskLog(bytes);
  return { size, content, text: JSON.stringify(content), edited: editedRiskLog(content) };
});
const benchInputs = new URL('build/bench-inputs/', `file://${root}`);
mkdirSync(benchInputs, { recursive: true });

for (const { size, content, text, edited } of onlyStreaming ? [] : inputs) {
  if (quick && size === '4MB') continue;
  const bytes = Buffer.byteLength(text);
  writeFileSync(new URL(`risk_log.${size}.json`, benchInputs), text);
  writeFileSync(new URL(`risk_log.${size}.edited.json`, benchInputs), JSON.stringify(edited));
  row('validate from text', size, bytes, () => validate('risk_log', text), {
    'JSON.parse+ajv': () => ajv(JSON.parse(text)),
  });
  row('validate from object', size, bytes, () => validate('risk_log', content), {
    ajv: () => ajv(content),
    zod: () => zod.safeParse(content),
    'JSON.stringify (floor)': () => JSON.stringify(content),
  });
  row('gate', size, bytes, () => gate('risk_log', text, 'partner'), {
    'JSON.parse+pick+stringify': () => jsGate(text, partner),
  });
  row('diff', size, bytes, () => diff('risk_log', content, edited), {
    jsondiffpatch: () => differ.diff(content, edited),
  });
  row('merge', size, bytes, () => merge({
    type: 'risk_log', base: content, ours: edited, theirs: content, editedSections: ['technical_risks'],
  }), { 'jsondiffpatch merge': () => jsMerge(content, edited, content) });
}
for (const [size, length] of onlyStreaming ? [] : [['1KB', 1_000], ['16KB', 16_000], ['256KB', 256_000]]) {
  const [a, b] = prosePair(length);
  writeFileSync(new URL(`prose.${size}.txt`, benchInputs), a);
  writeFileSync(new URL(`prose.${size}.edited.txt`, benchInputs), b);
  row('word diff', size, Buffer.byteLength(a), () => wordDiff(a, b), {
    'jsdiff diffWords': () => jsdiffWords(a, b),
    'diff-match-patch': () => dmpDiff(a, b),
  });
}

/** time() for an asynchronous `fn`. */
async function timeAsync(fn) {
  await fn();
  const samples = [];
  for (let round = 0; round < (quick ? 3 : 9); round += 1) {
    const t0 = performance.now();
    await fn();
    samples.push((performance.now() - t0) / 1000);
  }
  return median(samples);
}

// Streaming: each document in 4- and 16-character chunks, start to end, per contender.
const perPush = [];
for (const { name, type, text } of streamingInputs()) {
  for (const size of CHUNK_SIZES) {
    const chunks = chunksOf(text, size);
    const { ours, ...peers } = contenders(type);
    const entry = row(`stream ${size}-char chunks`, name, Buffer.byteLength(text), () => ours(chunks),
      Object.fromEntries(Object.entries(peers).map(([peer, fn]) => [peer, () => fn(chunks)])));
    const riverTime = await timeAsync(() => jsonriver(chunks));
    entry.peers['jsonriver (async)'] = { micros: riverTime * 1e6, ratio: riverTime / (entry.oursMicros / 1e6) };
    if (name === 'risk_log 30KB') {
      const growth = { chunkSize: size, pushes: chunks.length, contenders: {} };
      for (const [contender, make] of Object.entries(pushers(type))) {
        growth.contenders[contender] = [0.1, 0.5, 0.9].map((fraction) => microsPerPushAt(chunks, fraction, make, { rounds: quick ? 3 : 9 }));
      }
      perPush.push(growth);
    }
  }
}

// Start-up: init() in a fresh Node process, several times.
const startups = [];
for (let i = 0; i < 7; i += 1) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e',
    "const t0 = performance.now(); const m = await import('cofounder-artifacts'); const t1 = performance.now(); await m.init(); console.log(JSON.stringify({ importMs: t1 - t0, initMs: performance.now() - t1 }));"],
  { cwd: root, encoding: 'utf8' });
  startups.push(JSON.parse(out));
}
const startup = { initMs: median(startups.map((s) => s.initMs)), importMs: median(startups.map((s) => s.importMs)) };

// The native build on the same inputs (Google Benchmark), for the wasm/native ratio.
const nativeBench = `${root}build/native/bench/native/artifacts_bench`;
const native = {};
if (existsSync(nativeBench)) {
  const run = spawnSync(nativeBench, ['--benchmark_format=json', `--benchmark_min_time=${quick ? '0.05' : '0.2'}`],
    { env: { ...process.env, ARTIFACTS_BENCH_INPUTS: fileURLToPath(benchInputs) }, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status === 0) {
    for (const b of JSON.parse(run.stdout).benchmarks) native[b.name] = b.bytes_per_second / 1e6;
  }
}
const nativeNames = { 'validate from text': 'validate', gate: 'gate', diff: 'diff', merge: 'merge', 'word diff': 'word_diff' };
for (const r of rows) {
  const name = nativeNames[r.scenario];
  const mbps = name && native[`${name}/${r.size}`];
  if (mbps) r.nativeMBps = mbps;
}

const emcc = spawnSync('emcc', ['--version'], { encoding: 'utf8', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version,
  emscripten: emcc.status === 0 ? emcc.stdout.split('\n')[0].replace(/.*\) /, '').trim() || emcc.stdout.split('\n')[0] : 'not found',
  date: new Date().toISOString(),
};

if (asJson) {
  console.log(JSON.stringify({ machine, startup, rows, perPush }, null, 1));
} else {
  const fmt = (n, digits = 1) => (n >= 100 ? n.toFixed(0) : n.toFixed(digits));
  const lines = [
    '# Benchmark results', '',
    `Machine: ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, Emscripten ${machine.emscripten}; ${machine.date}.`,
    'Produced by `npm run bench` (bench/node/bench.mjs). Medians of 9 rounds. Ratio = peer time / our time:',
    'above 1.00 this package is faster. MB/s counts the JSON (or text) bytes of the input.', '',
    `Start-up: \`init()\` ${startup.initMs.toFixed(1)} ms in a fresh Node process (importing the package: ${startup.importMs.toFixed(1)} ms).`, '',
    '| scenario | size | ours MB/s | ours µs | native MB/s | wasm/native | peer | peer µs | ratio |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const peers = Object.entries(r.peers);
    peers.forEach(([name, p], i) => {
      const first = i === 0;
      lines.push(`| ${first ? r.scenario : ''} | ${first ? r.size : ''} | ${first ? fmt(r.oursMBps) : ''} | ${first ? fmt(r.oursMicros) : ''} | ${first && r.nativeMBps ? fmt(r.nativeMBps) : ''} | ${first && r.nativeMBps ? (r.oursMBps / r.nativeMBps).toFixed(2) : ''} | ${name} | ${fmt(p.micros)} | ${p.ratio.toFixed(2)} |`);
    });
  }
  lines.push('', 'Streaming, cost of one push at 10%, 50% and 90% of the 30 KB risk log (µs/push, median of the rounds;',
    'flat means O(n) overall, growing means the prefix is re-parsed):', '',
    '| chunk | pushes | contender | 10% | 50% | 90% |', '|---|---|---|---|---|---|');
  for (const growth of perPush) {
    Object.entries(growth.contenders).forEach(([contender, micros], i) => {
      lines.push(`| ${i === 0 ? growth.chunkSize : ''} | ${i === 0 ? growth.pushes : ''} | ${contender} | ${micros.map((m) => m.toFixed(2)).join(' | ')} |`);
    });
  }
  if (!quick && !onlyStreaming) {
    // The speed goals at editor sizes and the per-call cost breakdown, each from its own process.
    const script = (name) => fileURLToPath(new URL(name, import.meta.url));
    lines.push('', 'The speed goals at the sizes founders edit (`node bench/node/goals.mjs`):', '',
      execFileSync(process.execPath, [script('goals.mjs')], { encoding: 'utf8' }).trim(),
      '', 'Where a call\'s time goes (`node bench/node/breakdown.mjs`):', '',
      execFileSync(process.execPath, [script('breakdown.mjs')], { encoding: 'utf8' }).trim());
  }
  const table = lines.join('\n');
  console.log(table);
  if (!quick && !onlyStreaming) writeFileSync(new URL('bench/RESULTS.md', `file://${root}`), `${table}\n`);
}
