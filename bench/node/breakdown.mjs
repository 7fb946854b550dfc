// Where a stateless call's time goes at editor sizes (1 KB and 27 KB): each step of validate and
// diff timed alone, in one process, beside the public call: JSON.stringify of objects, encodeInto
// into wasm memory, the embind crossing with no work, simdjson's parse, the core's work (with the
// result's JSON written in wasm), and reading the result (decode, JSON.parse, camelCase mapping).
// The steps run on the diagnostics build of the module (the package's bindings plus a parse-only
// one; built here if needed), the public calls on the shipped module built from the same sources.
//   node bench/node/breakdown.mjs
import { init, validate, diff, openDocument } from 'cofounder-artifacts';
import { MODEL_INDEX } from '../../web/registry.js';
import { diffFromWire, diffRequestToWire } from '../../web/results.js';
import { loadDiagnosticsModule } from './diagnostics-module.mjs';
import { scaledRiskLog, threeEditsInEveryPlan } from './inputs.mjs';
import { micros } from './timing.mjs';

await init();
const { core, transferViaEncodeInto, resultBytes } = await loadDiagnosticsModule();
const decoder = new TextDecoder();
const model = MODEL_INDEX.get('risk_log');
const floor = micros(() => core.retainedBytes());

const rows = [];
function row(scenario, size, steps, api) {
  const sum = Object.values(steps).filter((v) => typeof v === 'number').reduce((a, b) => a + b, 0);
  rows.push({ scenario, size, steps, sum, api: micros(api) });
}

// The result as the package reads it: bytes out of wasm memory, JSON.parse, the wire -> camelCase converter.
function readSteps(length) {
  const bytes = resultBytes(length);
  return micros(() => diffFromWire(JSON.parse(decoder.decode(bytes))));
}

for (const [size, bytes] of [['1 KB', 1_000], ['27 KB', 27_000]]) {
  const content = scaledRiskLog(bytes);
  const text = JSON.stringify(content);

  // validate: valid content is checked by the fast scan, which reads the text once without
  // building simdjson's DOM (the parse column is what that DOM would cost), and the answer "valid
  // as written" writes no result.
  const length = transferViaEncodeInto(text);
  const scan = micros(() => core.validateIndexed(model, length, -1, false)) - floor;
  const unusedParse = `(${(micros(() => core.parseInput(length)) - floor).toFixed(1)})`;
  row('validate from text', size, {
    'JSON.stringify': 0, 'encodeInto': micros(() => transferViaEncodeInto(text)), 'embind call': floor, parse: unusedParse,
    'work': scan, 'result read': 0,
  }, () => validate('risk_log', text));
  row('validate an object', size, {
    'JSON.stringify': micros(() => JSON.stringify(content)), 'encodeInto': micros(() => transferViaEncodeInto(text)),
    'embind call': floor, parse: unusedParse, 'work': scan, 'result read': 0,
  }, () => validate('risk_log', content));

  // diff of two objects: one request {type, before, after} crosses; its result comes back.
  const edited = threeEditsInEveryPlan(content);
  const request = JSON.stringify(diffRequestToWire({ type: 'risk_log', before: content, after: edited }));
  const requestLength = transferViaEncodeInto(request);
  // The request is read by its raw member spans and valid inputs by the fast scan, so simdjson's
  // DOM is never built: its cost is shown in brackets, as for validate.
  const requestParse = `(${(micros(() => core.parseInput(requestLength)) - floor).toFixed(1)})`;
  const diffWhole = micros(() => core.diff(requestLength)) - floor;
  row('diff two objects', size, {
    'JSON.stringify': micros(() => JSON.stringify(diffRequestToWire({ type: 'risk_log', before: content, after: edited }))),
    'encodeInto': micros(() => transferViaEncodeInto(request)), 'embind call': floor,
    parse: requestParse, 'work': diffWhole, 'result read': readSteps(core.diff(requestLength)),
  }, () => diff('risk_log', content, edited));

  // diff of two documents held open: only handles cross; the sections that differ are parsed.
  const [before, after] = [content, edited].map((c) => openDocument('risk_log', c));
  const handles = [text, JSON.stringify(edited)].map((t) => core.documentOpen('risk_log', transferViaEncodeInto(t), ''));
  row('diff two resident documents', size, {
    'JSON.stringify': 0, 'encodeInto': 0, 'embind call': floor, parse: 0,
    'work': micros(() => core.documentDiff(handles[0], handles[1])) - floor, 'result read': readSteps(core.documentDiff(handles[0], handles[1])),
  }, () => diff(before, after));
  before.dispose();
  after.dispose();
  for (const handle of handles) core.documentFree(handle);
}

const names = [...new Set(rows.flatMap((r) => Object.keys(r.steps)))];
console.log(`| call | size | ${names.join(' | ')} | sum of steps | public call |`);
console.log(`|---|---|${names.map(() => '---').join('|')}|---|---|`);
for (const r of rows) {
  console.log(`| ${r.scenario} | ${r.size} | ${names.map((n) => (typeof r.steps[n] === 'number' ? r.steps[n].toFixed(1) : r.steps[n])).join(' | ')} | ${r.sum.toFixed(1)} | ${r.api.toFixed(1)} |`);
}
console.log('µs per call, medians. "work": the core\'s own time, including writing its result JSON in wasm memory. In');
console.log('brackets: what simdjson\'s DOM of the input would cost, which these calls never build (validate\'s fast scan');
console.log('accepts valid content as written; diff reads its request by raw spans and valid sides member by member,');
console.log('parsing only the sections and items that differ).');
