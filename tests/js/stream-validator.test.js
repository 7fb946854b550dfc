// createStreamValidator: every fixture pushed as strings and as bytes at chunk sizes 1..32 and at
// random cuts keeps the stream's invariants: end() is validate() on the whole text, the events do
// not depend on the cuts, each section completes once, in order, with validate()'s value, text
// deltas give the document's strings, snapshots only grow. Hostile input fails cleanly.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  init, validate, createStreamValidator, GENERATION_ORDER, InvalidInputError, UnknownArtifactTypeError,
  UnknownTierError, Tier,
} from 'cofounder-artifacts';
import { expectedCases, planText } from './support/fixtures.js';

before(() => init());

const encoder = new TextEncoder();

// The brief with escapes, \u escapes, a surrogate-pair escape and raw multi-byte text (an astral
// character among them: a surrogate pair in a JS string), in a section and in a list item.
function escapesDocument() {
  const escapes = String.raw`Esc \" \\ \/ \b\f\n\r\t \u00e9\u00E9 \u20AC pair \ud83d\ude00 raw é — 😀 end `;
  let text = planText('brief');
  for (const marker of ['"problem_statement": "', '"differentiation_points": [\n    "']) {
    const at = text.indexOf(marker);
    assert.ok(at >= 0, marker);
    text = text.slice(0, at + marker.length) + escapes + text.slice(at + marker.length);
  }
  return text;
}

const documents = [
  ...GENERATION_ORDER.map((type) => ({ name: type, type, text: planText(type) })),
  { name: 'escapes', type: 'brief', text: escapesDocument() },
];

function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pieces(input, size) {
  const out = [];
  for (let at = 0; at < input.length; at += size) out.push(input.slice(at, at + size));
  return out;
}

function randomPieces(input, random) {
  const cuts = new Set();
  const count = 1 + Math.floor(random() * 24);
  for (let i = 0; i < count; i++) cuts.add(1 + Math.floor(random() * (input.length - 1)));
  const sorted = [...cuts].sort((a, b) => a - b);
  const out = [];
  let from = 0;
  for (const cut of [...sorted, input.length]) {
    out.push(input.slice(from, cut));
    from = cut;
  }
  return out;
}

function run(type, chunks, options = {}, { snapshots = false } = {}) {
  const validator = createStreamValidator(type, options);
  const events = [];
  const taken = [];
  for (const chunk of chunks) {
    events.push(...validator.push(chunk));
    if (snapshots) taken.push(validator.snapshot());
  }
  return { events, snapshots: taken, result: validator.end() };
}

// Consecutive deltas of one string joined: what any chunking gives.
function joined(events) {
  const out = [];
  for (const event of events) {
    const last = out.at(-1);
    if (event.kind === 'text' && last?.kind === 'text' && last.path.join('\u0000') === event.path.join('\u0000')) {
      last.delta += event.delta;
    } else {
      out.push(structuredClone(event));
    }
  }
  return out;
}

function grows(earlier, later, where = '') {
  if (earlier === null && where === '') return;  // nothing yet, then anything
  assert.equal(typeof later, typeof earlier, `type changed at ${where}`);
  assert.equal(Array.isArray(later), Array.isArray(earlier), `type changed at ${where}`);
  if (typeof earlier === 'string') {
    assert.ok(later.startsWith(earlier), `string shrank at ${where}`);
  } else if (Array.isArray(earlier)) {
    assert.ok(later.length >= earlier.length, `array shrank at ${where}`);
    earlier.forEach((item, i) => grows(item, later[i], `${where}/${i}`));
  } else if (earlier !== null && typeof earlier === 'object') {
    assert.notEqual(later, null, `object became null at ${where}`);
    for (const key of Object.keys(earlier)) {
      assert.ok(Object.hasOwn(later, key), `key ${key} vanished at ${where}`);
      grows(earlier[key], later[key], `${where}/${key}`);
    }
  } else {
    assert.equal(later, earlier, `value changed at ${where}`);
  }
}

function at(value, path) {
  return path.reduce((node, step) => node?.[step], value);
}

// The invariants of one run of a valid document (no repeated keys) against its whole text.
function checkStory({ events, snapshots, result }, type, text, options = {}) {
  const expected = validate(type, text, options);
  assert.deepEqual(result, expected);
  const document = JSON.parse(text);
  const completed = events.filter((e) => e.kind === 'section_complete');
  const sections = Object.keys(document).filter((key) => !key.startsWith('_'));
  assert.deepEqual(completed.map((e) => e.section), sections);
  const starts = events.filter((e) => e.kind === 'section_start').map((e) => e.section);
  assert.deepEqual(starts, sections);
  for (const event of completed) {
    assert.equal(event.ok, true);
    assert.deepEqual(event.errors, []);
    assert.deepEqual(event.value, expected.value[event.section]);
  }
  for (const event of events.filter((e) => e.kind === 'item_complete')) {
    assert.equal(event.ok, true);
    assert.deepEqual(event.value, at(expected.value, event.path));
  }
  const texts = new Map();
  for (const event of events.filter((e) => e.kind === 'text')) {
    const key = JSON.stringify(event.path);
    texts.set(key, (texts.get(key) ?? '') + event.delta);
  }
  assert.ok(texts.size > 0);
  for (const [key, value] of texts) assert.equal(value, at(document, JSON.parse(key)), key);
  assert.ok(!events.some((e) => e.kind === 'error'));
  for (let i = 1; i < snapshots.length; i++) grows(snapshots[i - 1], snapshots[i]);
  if (snapshots.length) assert.deepEqual(snapshots.at(-1), document);
}

test('fixtures as strings at every chunk size 1..32: the events tell the document', () => {
  for (const { name, type, text } of documents) {
    const reference = joined(run(type, [text]).events);
    for (let size = 1; size <= 32; size++) {
      const outcome = run(type, pieces(text, size), {}, { snapshots: size === 7 });
      checkStory(outcome, type, text);
      assert.deepEqual(joined(outcome.events), reference, `${name} at ${size}`);
    }
  }
});

test('fixtures as UTF-8 bytes at every chunk size 1..32 (cut inside multi-byte characters)', () => {
  for (const { name, type, text } of documents) {
    const bytes = encoder.encode(text);
    const reference = joined(run(type, [text]).events);
    for (let size = 1; size <= 32; size++) {
      const outcome = run(type, pieces(bytes, size));
      checkStory(outcome, type, text);
      assert.deepEqual(joined(outcome.events), reference, `${name} at ${size}`);
    }
  }
});

test('fixtures at 200 random cuts each, strings and bytes, with snapshots and tiers', () => {
  const random = seeded(2026);
  for (const { name, type, text } of documents) {
    const bytes = encoder.encode(text);
    const reference = joined(run(type, [text], { tier: Tier.PARTNER }).events);
    for (let round = 0; round < 200; round++) {
      const chunks = round % 2 ? randomPieces(text, random) : randomPieces(bytes, random);
      const outcome = run(type, chunks, { tier: Tier.PARTNER }, { snapshots: true });
      checkStory(outcome, type, text, { tier: Tier.PARTNER });
      assert.deepEqual(joined(outcome.events), reference, `${name} round ${round}`);
    }
  }
});

test('a surrogate pair split between string chunks waits for its second half', () => {
  const validator = createStreamValidator('brief');
  validator.push('{"problem_statement": "A');
  const first = validator.push('\ud83d');
  assert.deepEqual(first, []);
  const second = validator.push('\ude00B');
  assert.deepEqual(second, [{ kind: 'text', path: ['problem_statement'], delta: '😀B' }]);
  assert.deepEqual(validator.snapshot(), { problem_statement: 'A😀B' });
  validator.push('"}');
  assert.deepEqual(validator.end(), validate('brief', '{"problem_statement": "A😀B"}'));
});

test('a lone surrogate ends as validate() says, with one error event', () => {
  for (const text of ['{"problem_statement": "\ud800x"}', '{"problem_statement": "x\ud83d']) {
    const validator = createStreamValidator('brief');
    const events = pieces(text, 3).flatMap((chunk) => validator.push(chunk));
    assert.deepEqual(validator.end(), validate('brief', text));
    if (text.endsWith('x"}')) assert.deepEqual(events.filter((e) => e.kind === 'error').length, 1);
  }
});

test('every reference case ends as validate() says, whatever the chunking', () => {
  const random = seeded(611);
  for (const entry of expectedCases()) {
    const options = { strict: entry.strict === true };
    const expected = validate(entry.model, entry.text, options);
    const reference = joined(run(entry.model, [entry.text], options).events);
    const chunkings = [1, 2, 3, 5, 8, 13, 64].map((size) => pieces(entry.text, size));
    for (let round = 0; round < 10 && entry.text.length > 1; round++) chunkings.push(randomPieces(entry.text, random));
    for (const chunks of chunkings) {
      const outcome = run(entry.model, chunks, options);
      assert.deepEqual(outcome.result, expected, entry.name);
      assert.deepEqual(joined(outcome.events), reference, entry.name);
      const errors = outcome.events.filter((e) => e.kind === 'error');
      assert.ok(errors.length <= 1 && (errors.length === 0 || outcome.events.at(-1) === errors[0]), entry.name);
      if (expected.ok) assert.equal(errors.length, 0, entry.name);
    }
  }
});

test('items and sections are validated as they close, errors located from the root', () => {
  const validator = createStreamValidator('mvp_scope');
  const events = validator.push('{"core_features": [{"name": "A", "description": "d", "priority": "urgent"}');
  const item = events.find((e) => e.kind === 'item_complete');
  assert.equal(item.ok, false);
  assert.deepEqual(item.path, ['core_features', 0]);
  assert.deepEqual(item.value, null);
  const text = '{"core_features": [{"name": "A", "description": "d", "priority": "urgent"}]}';
  const expected = validate('mvp_scope', text);
  assert.deepEqual(item.errors, expected.errors.filter((e) => e.loc[0] === 'core_features'));
  const rest = validator.push(']}');
  const section = rest.find((e) => e.kind === 'section_complete');
  assert.equal(section.section, 'core_features');
  assert.equal(section.ok, false);
  assert.deepEqual(section.errors, item.errors);
  assert.deepEqual(validator.end(), expected);
});

test('warnings come as soon as an unknown key or a locked section appears', () => {
  const validator = createStreamValidator('brief', { tier: Tier.BOOTSTRAPPER });
  const unknown = validator.push('{"surprise": 1, "market_analysis": "x');
  const expected = validate('brief', '{"surprise": 1, "market_analysis": "x"}', { tier: Tier.BOOTSTRAPPER });
  assert.deepEqual(unknown.filter((e) => e.kind === 'warning').map((e) => e.issue), expected.warnings);
  validator.dispose();
});

test('bad arguments throw what validate() throws, and the module stays usable', () => {
  assert.throws(() => createStreamValidator('no_such_type'), UnknownArtifactTypeError);
  assert.throws(() => createStreamValidator('brief', { tier: 'gold' }), UnknownTierError);
  assert.throws(() => createStreamValidator('brief', 5), InvalidInputError);
  assert.throws(() => createStreamValidator(42), InvalidInputError);
  const validator = createStreamValidator('brief');
  for (const bad of [42, null, undefined, {}, [1], new Uint16Array(2), Symbol('x')]) {
    assert.throws(() => validator.push(bad), (error) => error instanceof InvalidInputError && error.code === 'invalid_input');
  }
  const text = planText('brief');
  for (const chunk of pieces(text, 100)) validator.push(chunk);
  assert.deepEqual(validator.end(), validate('brief', text));
});

test('a closed validator throws invalid_input; dispose twice is fine', () => {
  const ended = createStreamValidator('brief');
  ended.push('{}');
  ended.end();
  for (const call of [() => ended.push('x'), () => ended.snapshot(), () => ended.end()]) {
    assert.throws(call, (error) => error instanceof InvalidInputError && error.code === 'invalid_input');
  }
  ended.dispose();
  const disposed = createStreamValidator('brief');
  disposed.dispose();
  disposed.dispose();
  assert.throws(() => disposed.push('{'), InvalidInputError);
  assert.equal(validate('brief', planText('brief')).ok, true);
});

test('over the size limit: one error event, then end() is validate()', () => {
  const validator = createStreamValidator('brief');
  const block = ' '.repeat(1 << 20);
  let errors = validator.push('{').filter((e) => e.kind === 'error');
  for (let i = 0; i < 17; i++) errors = errors.concat(validator.push(block).filter((e) => e.kind === 'error'));
  errors = errors.concat(validator.push('}').filter((e) => e.kind === 'error'));
  assert.equal(errors.length, 1);
  assert.equal(errors[0].issue.type, 'input_too_large');
  assert.deepEqual(validator.end(), validate('brief', `{${block.repeat(17)}}`));
  assert.equal(validate('brief', planText('brief')).ok, true);
});

test('10 000-deep nesting: one error event, then end() is validate()', () => {
  const text = `{"differentiation_points": ${'['.repeat(10000)}${']'.repeat(10000)}}`;
  const validator = createStreamValidator('brief');
  const events = pieces(text, 64).flatMap((chunk) => validator.push(chunk));
  const errors = events.filter((e) => e.kind === 'error');
  assert.equal(errors.length, 1);
  assert.equal(events.at(-1), errors[0]);
  assert.equal(validator.snapshot().differentiation_points.length, 1);
  assert.deepEqual(validator.end(), validate('brief', text));
});

test('a 30 KB document in 4-character chunks', () => {
  const document = JSON.parse(planText('risk_log'));
  const list = Object.keys(document).find((key) => Array.isArray(document[key]));
  while (JSON.stringify(document, null, 2).length < 30000) document[list].push(...document[list].slice(0, 3));
  const text = JSON.stringify(document, null, 2);
  const start = performance.now();
  const outcome = run('risk_log', pieces(text, 4));
  const ms = performance.now() - start;
  console.log(`# ${text.length} B in ${Math.ceil(text.length / 4)} pushes: ${ms.toFixed(1)} ms`);
  assert.equal(outcome.result.ok, true);
  assert.equal(outcome.events.filter((e) => e.kind === 'item_complete' && e.path[0] === list).length, document[list].length);
});
