// A quick look at documents held open (not a timed test): in one process, the time of
// doc.setSection(id, value) on a 27 KB risk log and on a 1 KB one (the same small section each
// time), beside validate() of the whole content; and diff of two resident 27 KB versions against
// diff of the same versions as objects. Prints microseconds per call (medians).
//   node bench/node/documents.mjs [--json]
import { init, openDocument, validate, diff } from 'cofounder-artifacts';
import { scaledRiskLog, editedRiskLog } from './inputs.mjs';
import { micros } from './timing.mjs';

await init();

const TYPE = 'risk_log';
const large = scaledRiskLog(27_000);
const small = scaledRiskLog(1_000);
// The section set on every call: one market risk whose prose alternates between two texts.
const risk = structuredClone(small.market_risks[0]);
const values = [[risk], [{ ...risk, description: `${risk.description} We check it every week.` }]];

const rows = [];
function row(name, bytes, fn) {
  rows.push({ name, bytes, micros: micros(fn, { warmup: 2000 }) });
}

for (const [label, content] of [['27 KB', large], ['1 KB', small]]) {
  const bytes = JSON.stringify(content).length;
  const document = openDocument(TYPE, content, { tier: 'partner' });
  let flip = 0;
  row(`setSection('market_risks', value), ${label} document`, bytes,
    () => document.setSection('market_risks', values[(flip ^= 1)]));
  row(`  then validate(), ${label} document`, bytes, () => {
    document.setSection('market_risks', values[(flip ^= 1)]);
    return document.validate();
  });
  const object = structuredClone(content);
  row(`validate(type, object) after the same edit, ${label}`, bytes, () => {
    object.market_risks = values[(flip ^= 1)];
    return validate(TYPE, object, { tier: 'partner' });
  });
  document.dispose();
}

// Three edits outside the largest section, and editedRiskLog's edits (inside it).
function threeEdits(content) {
  const next = structuredClone(content);
  next.market_risks[0].description = `${next.market_risks[0].description} It grows with every new shop.`;
  next.execution_risks[0].severity = next.execution_risks[0].severity === 'high' ? 'medium' : 'high';
  next.financial_risks[0].mitigation = `${next.financial_risks[0].mitigation} We review it monthly.`;
  return next;
}
for (const [label, edit] of [['three edits outside technical_risks', threeEdits],
  ['editedRiskLog (edits inside technical_risks)', editedRiskLog]]) {
  const after = edit(large);
  const bytes = JSON.stringify(large).length + JSON.stringify(after).length;
  const before = openDocument(TYPE, large);
  const changed = openDocument(TYPE, after);
  row(`diff(docA, docB), 27 KB, ${label}`, bytes, () => diff(before, changed));
  row(`diff(type, objA, objB), 27 KB, ${label}`, bytes, () => diff(TYPE, large, after));
  before.dispose();
  changed.dispose();
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  for (const { name, bytes, micros: us } of rows) {
    console.log(`${name.padEnd(72)} ${String(bytes).padStart(7)} B ${us.toFixed(1).padStart(9)} µs`);
  }
}
