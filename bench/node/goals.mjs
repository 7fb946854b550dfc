// The speed goals at the sizes founders edit (1-30 KB), each as a ratio peer time / our time in
// one process (above 1: we are faster), beside its goal: where the package stands, so the next
// change starts from a measurement. Medians of calibrated batches; run on a quiet machine.
//   node bench/node/goals.mjs [--json]
import { init, openDocument, validate, diff, merge } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { scaledRiskLog } from './inputs.mjs';
import { ajvValidator, differ, jsMerge, jsdiffWords } from './peers.mjs';
import { micros } from './timing.mjs';

await init();

const rows = [];
/**
 * A row: `ours` and `peer` timed; the ratio peer/ours must reach `goal`. With `costRatio` the ratio
 * is ours/peer instead and must stay at most `goal` (ours on a large input against ours on a small one).
 */
function row(scenario, ours, peer, goal, { costRatio = false, peerName } = {}) {
  const oursMicros = micros(ours);
  const peerMicros = micros(peer);
  const ratio = costRatio ? oursMicros / peerMicros : peerMicros / oursMicros;
  rows.push({ scenario, peerName, oursMicros, peerMicros, ratio, goal, costRatio, met: costRatio ? ratio <= goal : ratio >= goal });
}

// Three edits outside the largest section of a risk log.
function threeEdits(content) {
  const next = structuredClone(content);
  next.market_risks[0].description = `${next.market_risks[0].description} It grows with every new shop.`;
  next.execution_risks[0].severity = next.execution_risks[0].severity === 'high' ? 'medium' : 'high';
  next.financial_risks[0].mitigation = `${next.financial_risks[0].mitigation} We review it monthly.`;
  return next;
}

// 1. Validate the five artifacts from text.
const types = Object.keys(SAMPLE_PLAN);
const texts = types.map((type) => JSON.stringify(SAMPLE_PLAN[type]));
const validators = types.map((type) => ajvValidator(type));
const planBytes = texts.reduce((sum, text) => sum + text.length, 0);
row(`validate the five sample artifacts from text (${(planBytes / 5 / 1000).toFixed(1)} KB each)`,
  () => types.forEach((type, i) => validate(type, texts[i])),
  () => validators.forEach((check, i) => check(JSON.parse(texts[i]))), 1.5, { peerName: 'JSON.parse + ajv' });

// 2. Validate a 27 KB artifact from text.
const large = scaledRiskLog(27_000);
const largeText = JSON.stringify(large);
const checkRiskLog = ajvValidator('risk_log');
row('validate a 27 KB risk log from text', () => validate('risk_log', largeText),
  () => checkRiskLog(JSON.parse(largeText)), 2, { peerName: 'JSON.parse + ajv' });

// 3. A keystroke in one section: setSection + its validation, 27 KB document against 1 KB.
const small = scaledRiskLog(1_000);
const risk = structuredClone(small.market_risks[0]);
const values = [[risk], [{ ...risk, description: `${risk.description} We check it every week.` }]];
const largeDocument = openDocument('risk_log', large);
const smallDocument = openDocument('risk_log', small);
let flip = 0;
row('keystroke: doc.setSection + its validation, 27 KB document (ratio: 27 KB time / 1 KB time)',
  () => largeDocument.setSection('market_risks', values[(flip ^= 1)]),
  () => smallDocument.setSection('market_risks', values[(flip ^= 1)]), 1.2, { costRatio: true, peerName: 'ours on 1 KB' });
const ajvObject = structuredClone(large);
rows.push({ scenario: '  for reference: ajv on the 27 KB object after the same edit', peerName: 'ajv', oursMicros: NaN,
  peerMicros: micros(() => { ajvObject.market_risks = values[(flip ^= 1)]; return checkRiskLog(ajvObject); }), ratio: NaN });

// 4, 5. diff of two 27 KB versions with three edits: resident documents, and objects.
const edited = threeEdits(large);
const before = openDocument('risk_log', large);
const after = openDocument('risk_log', edited);
row('diff of two resident 27 KB versions, three edits', () => diff(before, after), () => differ.diff(large, edited), 5,
  { peerName: 'jsondiffpatch + dmp' });
row('diff of two 27 KB objects (stateless), three edits', () => diff('risk_log', large, edited), () => differ.diff(large, edited), 1.5,
  { peerName: 'jsondiffpatch + dmp' });

// 6. merge of three resident 16 KB versions.
const base16 = scaledRiskLog(16_000);
const ours16 = threeEdits(base16);
const theirs16 = structuredClone(base16);
theirs16.technical_risks[0].mitigation = `${theirs16.technical_risks[0].mitigation} The pilot shops agreed.`;
const [baseDoc, oursDoc, theirsDoc] = [base16, ours16, theirs16].map((content) => openDocument('risk_log', content));
const editedSections = ['market_risks', 'execution_risks', 'financial_risks'];
row('merge of three resident 16 KB versions', () => merge({ type: 'risk_log', base: baseDoc, ours: oursDoc, theirs: theirsDoc, editedSections }),
  () => jsMerge(base16, ours16, theirs16), 3, { peerName: 'jsondiffpatch merge' });

// 7. A word diff of one prose section through diff on resident documents.
const brief = SAMPLE_PLAN.brief;
const briefEdited = { ...brief, problem_statement: brief.problem_statement.replace(/\bshops\b/, 'stores').replace(/\bthe\b/, 'their') };
const [briefBefore, briefAfter] = [brief, briefEdited].map((content) => openDocument('brief', content));
row('word diff of one prose section via diff on resident documents', () => diff(briefBefore, briefAfter),
  () => jsdiffWords(brief.problem_statement, briefEdited.problem_statement), 3, { peerName: 'jsdiff diffWords' });

for (const document of [largeDocument, smallDocument, before, after, baseDoc, oursDoc, theirsDoc, briefBefore, briefAfter]) document.dispose();

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log('| scenario | peer | ours µs | peer µs | ratio (peer/ours) | goal | met |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const goal = r.goal === undefined ? '' : r.costRatio ? `≤ ${r.goal}×` : `≥ ${r.goal}×`;
    const met = r.met === undefined ? '' : r.met ? 'yes' : 'no';
    const fmt = (v) => (Number.isNaN(v) ? '' : v.toFixed(1));
    console.log(`| ${r.scenario} | ${r.peerName} | ${fmt(r.oursMicros)} | ${fmt(r.peerMicros)} | ${Number.isNaN(r.ratio) ? '' : `${r.ratio.toFixed(2)}×`} | ${goal} | ${met} |`);
  }
}
