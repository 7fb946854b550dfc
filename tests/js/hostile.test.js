// Hostile input through every public core call (validate, gate, migrate, merge, diff, wordDiff,
// jsonSchema, and the Markdown export when the package has it): each hostile call fails cleanly —
// a typed ArtifactsError or an error result, never a RangeError/TypeError of ours, never a crash —
// and a correct call on the same operation right after it answers exactly as before. Nothing
// pollutes Object.prototype, and a second identical burst neither grows the wasm memory nor
// leaves the module's reused buffers holding the burst's size.
// (bad-input.test.js covers the argument types, invalid JSON, 32 MB documents at the limit and
// 100 000 calls; this suite adds the extremes and runs them through every operation.)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as api from 'cofounder-artifacts';
import { ArtifactsError, InvalidInputError, init } from 'cofounder-artifacts';
import { MAX_INPUT_BYTES, retainedBufferBytes, wasmMemoryBytes } from 'cofounder-artifacts/diagnostics';
import { plan } from './support/fixtures.js';

const MB = 1024 * 1024;
const DEEP = 1_000_000;

before(() => init());

// ---- the operations, each with a correct call to check it afterwards ---------------------------

const brief = () => plan('brief');
const edited = () => ({ ...plan('brief'), target_user: 'We serve two-person bakeries.' });

const mergeGood = () => api.merge({ type: 'brief', base: brief(), ours: edited(), theirs: brief(), editedSections: ['target_user'] });
const diffGood = () => api.diff('brief', brief(), edited());
const planOf = () => Object.fromEntries(api.GENERATION_ORDER.map((type) => [type, plan(type)]));

// Each operation takes the hostile value in one position: [hostile call, correct call].
const OPERATIONS = {
  validate: [(x) => api.validate('brief', x), () => api.validate('brief', brief())],
  'validate strict at a tier': [(x) => api.validate('brief', x, { tier: 'partner', strict: true }),
    () => api.validate('brief', brief(), { tier: 'partner', strict: true })],
  'validate (type)': [(x) => api.validate(x, brief()), () => api.validate('mvp_scope', plan('mvp_scope'))],
  gate: [(x) => api.gate('brief', x, 'bootstrapper'), () => api.gate('brief', brief(), 'bootstrapper')],
  'gate (tier)': [(x) => api.gate('brief', brief(), x), () => api.gate('brief', brief(), 'partner')],
  migrate: [(x) => api.migrate('brief', x), () => api.migrate('brief', brief())],
  'merge (base)': [(x) => api.merge({ type: 'brief', base: x, ours: edited(), theirs: brief(), editedSections: ['target_user'] }), mergeGood],
  'merge (ours)': [(x) => api.merge({ type: 'brief', base: brief(), ours: x, theirs: brief(), editedSections: ['target_user'] }), mergeGood],
  'merge (theirs)': [(x) => api.merge({ type: 'brief', base: brief(), ours: edited(), theirs: x, editedSections: ['target_user'] }), mergeGood],
  'diff (before)': [(x) => api.diff('brief', x, brief()), diffGood],
  'diff (after)': [(x) => api.diff('brief', brief(), x), diffGood],
  wordDiff: [(x) => api.wordDiff(x, 'we ship a stock count'), () => api.wordDiff('we count stock', 'we ship a stock count')],
  'jsonSchema (type)': [(x) => api.jsonSchema(x), () => api.jsonSchema('brief')],
  'jsonSchema (tier)': [(x) => api.jsonSchema('brief', { tier: x }), () => api.jsonSchema('risk_log', { tier: 'partner' })],
};
// The Markdown export, when the package has it (it was added alongside this suite).
if (typeof api.toMarkdown === 'function') {
  OPERATIONS.toMarkdown = [(x) => api.toMarkdown('brief', x, { variant: 'technical', tier: 'cto_scale' }),
    () => api.toMarkdown('brief', brief(), { variant: 'technical', tier: 'cto_scale' })];
  OPERATIONS['toMarkdown (type)'] = [(x) => api.toMarkdown(x, brief()), () => api.toMarkdown('brief', brief())];
}
if (typeof api.planToMarkdown === 'function') {
  OPERATIONS.planToMarkdown = [(x) => api.planToMarkdown({ ...planOf(), brief: x }, { variant: 'technical' }),
    () => api.planToMarkdown(planOf(), { variant: 'technical' })];
}

// What each correct call answered before any hostile input (JSON text: getters included).
const baseline = new Map();
const snapshot = (value) => JSON.stringify(value);

// ---- hostile inputs ---------------------------------------------------------------------------

function deepObject(depth) {
  let value = {};
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

// A JSON text with __proto__, constructor and prototype keys in every object, at every level.
function pollutingText(type) {
  const poison = '"__proto__":{"polluted":true,"isAdmin":true},"constructor":{"prototype":{"polluted":true}},' +
    '"prototype":{"polluted":true},';
  return JSON.stringify(plan(type)).replaceAll('{', `{${poison}`);
}

function pollutingObject(type) {
  return JSON.parse(pollutingText(type));  // JSON.parse makes __proto__ an own data property
}

function throwingGetter() {
  const content = brief();
  Object.defineProperty(content, 'market_analysis', { enumerable: true, get() { throw new TypeError('getter says no'); } });
  return content;
}

function throwingProxy() {
  return new Proxy(brief(), {
    get(target, key) {
      if (key === 'toJSON' || key === 'problem_statement') throw new Error('proxy says no');
      return Reflect.get(target, key);
    },
  });
}

function cyclic() {
  const content = brief();
  content.loop = { back: content };
  return content;
}

// Each entry: [name, factory]. Factories run per call so big values do not stay alive.
const HOSTILE = [
  ['a 64 MB string', () => 'x'.repeat(64 * MB)],
  ['a 64 MB JSON string value', () => `"${'x'.repeat(64 * MB)}"`],
  ['an object with a 64 MB section', () => ({ ...brief(), market_analysis: 'y'.repeat(64 * MB) })],
  ['an object whose UTF-8 is over the limit (6 Mi × €)', () => ({ ...brief(), market_analysis: '€'.repeat(6 * MB) })],
  ['an object just under the limit (15 MB section)', () => ({ ...brief(), market_analysis: 'z'.repeat(15 * MB) })],
  ['text nested 1 000 000 deep (arrays)', () => '['.repeat(DEEP) + ']'.repeat(DEEP)],
  ['text nested 1 000 000 deep (objects)', () => '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP)],
  ['text nested 1 000 000 deep, unclosed', () => `{"market_analysis":${'['.repeat(DEEP)}`],
  ['an object nested 1 000 000 deep', () => deepObject(DEEP)],
  ['a section nested 1 000 000 deep', () => ({ ...brief(), market_analysis: deepObject(DEEP) })],
  ['lone surrogates in text', () => JSON.stringify(brief()).replace('Small', 'Sm\uD800all\uDFFF')],
  ['lone surrogates in an object', () => ({ ...brief(), problem_statement: 'a\uDC00b\uD83D' })],
  ['lone surrogates as text', () => '\uD800'],
  ['U+FFFD, noncharacters and astral text', () => ({ ...brief(), problem_statement: '\uFFFD\uFFFE\uFFFF\u{10FFFF}\u{1F4E6}\u0000' })],
  ['__proto__/constructor/prototype keys at every level (text)', () => pollutingText('brief')],
  ['__proto__/constructor/prototype keys at every level (object)', () => pollutingObject('brief')],
  ['numbers out of range', () => `{"_schema_version":1e400,"problem_statement":-1e400,"target_user":18446744073709551616,` +
    `"value_proposition":-0,"key_constraint":1e-400,"differentiation_points":[1${'0'.repeat(400)},1e99999999,-1e-99999999,4.9e-324]}`],
  ['numbers out of range in unknown keys', () => JSON.stringify(brief()).replace('{', `{"a":1e400,"b":-1e400,"c":${2 ** 64},"d":-0,"e":1${'0'.repeat(400)},"f":1E+99999,`)],
  ['100 000 sections of junk keys', () => {
    const content = brief();
    for (let i = 0; i < 100_000; i += 1) content[`junk_${i}`] = { [`k${i}`]: [i, `v${i}`] };
    return content;
  }],
  ['a cyclic object', cyclic],
  ['a BigInt value', () => ({ ...brief(), _schema_version: 1n })],
  ['a BigInt', () => 10n],
  ['a function value', () => ({ ...brief(), problem_statement: () => 'we' })],
  ['a function', () => () => brief()],
  ['a symbol value and key', () => ({ ...brief(), key_constraint: Symbol('s'), [Symbol('k')]: 1 })],
  ['a symbol', () => Symbol('content')],
  ['a Proxy that throws on get', throwingProxy],
  ['a getter that throws', throwingGetter],
  ['a toJSON that throws', () => ({ ...brief(), toJSON() { throw new RangeError('toJSON says no'); } })],
  ['undefined', () => undefined],
  ['a Uint8Array of invalid UTF-8', () => new Uint8Array([0x7B, 0xFF, 0xFE, 0x7D])],
];

// ---- checks -----------------------------------------------------------------------------------

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

function assertNoPollution(where) {
  assert.equal({}.polluted, undefined, `${where}: Object.prototype polluted`);
  assert.equal({}.isAdmin, undefined, `${where}: Object.prototype polluted`);
  assert.equal([].polluted, undefined, where);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTOTYPE_NAMES, where);
  assert.equal(Object.getPrototypeOf({}), Object.prototype, where);
}

// Every object in a result is a plain object or array; a __proto__ key, if any, is an own data
// property, never the object's prototype.
function assertPlain(value, where, seen = new Set()) {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value)) {
    assert.ok(proto === Object.prototype || value instanceof Error, `${where}: object with a foreign prototype`);
  }
  const own = Object.getOwnPropertyDescriptor(value, '__proto__');
  if (own) assert.ok('value' in own, `${where}: __proto__ is an accessor`);
  for (const key of Object.keys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if ('value' in descriptor) assertPlain(descriptor.value, `${where}.${key}`, seen);
  }
}

/** Runs one hostile call: a typed error or a result, never anything else. */
function attempt(name, run, input, label) {
  let outcome;
  try {
    outcome = { result: run(input) };
  } catch (error) {
    outcome = { error };
  }
  const where = `${name} ← ${label}`;
  if (outcome.error) {
    const { error } = outcome;
    assert.ok(error instanceof ArtifactsError, `${where}: threw ${error?.constructor?.name}: ${error?.message}`);
    assert.equal(typeof error.code, 'string', where);
    assert.ok(!(error instanceof RangeError) && !(error instanceof TypeError), where);
    if (error.errors) assert.ok(Array.isArray(error.errors) && error.errors.every((e) => typeof e.type === 'string'), where);
  } else {
    assertPlain(outcome.result, where);
  }
  assertNoPollution(where);
  return outcome;
}

function assertStillWorks(name) {
  const [, good] = OPERATIONS[name];
  assert.equal(snapshot(good()), baseline.get(name), `${name} answers differently after hostile input`);
}

function recordBaseline() {
  for (const [name, [, good]] of Object.entries(OPERATIONS)) baseline.set(name, snapshot(good()));
}

function burst(log) {
  for (const [label, make] of HOSTILE) {
    for (const [name, [run]] of Object.entries(OPERATIONS)) {
      const input = make();
      const started = performance.now();
      const outcome = attempt(name, run, input, label);
      // Linear work: 100 000 keys once took migrate and diff most of a minute (a quadratic
      // duplicate-key check in the core); every call here takes well under a second.
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 10_000, `${name} ← ${label} took ${Math.round(elapsed)} ms`);
      log?.push([label, name, outcome.error ? `${outcome.error.name}:${outcome.error.errors?.[0]?.type ?? ''}` : 'result']);
      assertStillWorks(name);
    }
  }
}

test('64 MB: input_too_large before anything crosses into wasm, as text and as an object', () => {
  const before = wasmMemoryBytes();
  const text = 'x'.repeat(64 * MB);
  assert.equal(api.validate('brief', text).errors[0].type, 'input_too_large');
  const object = { ...brief(), market_analysis: 'y'.repeat(64 * MB) };
  assert.equal(api.validate('brief', object).errors[0].type, 'input_too_large');
  for (const call of [() => api.gate('brief', object, 'partner'), () => api.migrate('brief', text),
    () => api.merge({ type: 'brief', base: object, ours: brief(), theirs: brief() }),
    () => api.diff('brief', brief(), object), () => api.wordDiff(text, 'x')]) {
    assert.throws(call, (e) => e instanceof InvalidInputError && e.errors[0].type === 'input_too_large' &&
      e.errors[0].ctx.limit === MAX_INPUT_BYTES);
  }
  assert.equal(wasmMemoryBytes(), before, 'a refused 64 MB input still grew wasm memory');
  // Names cross by embind string conversion, outside the input buffer: a 64 MB one must not
  // (wasm memory never shrinks). The answer is the same as for any unknown name.
  const name = 'n'.repeat(64 * MB);
  for (const [call, ErrorType] of [[() => api.validate(name, brief()), api.UnknownArtifactTypeError],
    [() => api.validate('brief', brief(), { tier: name }), api.UnknownTierError],
    [() => api.gate(name, brief(), 'partner'), api.UnknownArtifactTypeError],
    [() => api.gate('brief', brief(), name), api.UnknownTierError],
    [() => api.migrate(name, brief()), api.UnknownArtifactTypeError],
    [() => api.jsonSchema(name), api.UnknownArtifactTypeError],
    [() => api.jsonSchema('brief', { tier: name }), api.UnknownTierError],
    ...(api.toMarkdown ? [[() => api.toMarkdown(name, brief()), api.UnknownArtifactTypeError]] : [])]) {
    assert.throws(call, (e) => e instanceof ErrorType && e.errors[0].input.length <= 1025 && e.message.length < 400);
  }
  assert.equal(wasmMemoryBytes(), before, 'a 64 MB name grew wasm memory');
});



let memoryAfterFirstBurst;

test('every hostile input through every operation: a typed error or a result, then a correct call', () => {
  recordBaseline();
  const log = [];
  burst(log);
  memoryAfterFirstBurst = wasmMemoryBytes();
  const byOutcome = {};
  for (const [, , outcome] of log) byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
  console.log(`hostile: ${log.length} calls (${HOSTILE.length} inputs × ${Object.keys(OPERATIONS).length} operations): ${JSON.stringify(byOutcome)}`);
  assert.ok(retainedBufferBytes() <= 2 * MB, `buffers still hold ${retainedBufferBytes()} bytes after the burst`);
});

test('a second identical burst grows no wasm memory, and the reused buffers are given back', () => {
  if (memoryAfterFirstBurst === undefined) {  // run on its own
    recordBaseline();
    burst();
    memoryAfterFirstBurst = wasmMemoryBytes();
  }
  burst();
  assert.equal(wasmMemoryBytes(), memoryAfterFirstBurst, 'the second identical burst grew wasm memory');
  assert.ok(retainedBufferBytes() <= 2 * MB, `buffers still hold ${retainedBufferBytes()} bytes`);
});

// ---- specific answers -------------------------------------------------------------------------

test('UTF-8 over the limit though UTF-16 is under it: refused, and the buffer it needed is given back', () => {
  const wide = { ...brief(), market_analysis: '€'.repeat(6 * MB) };
  assert.equal(api.validate('brief', wide).errors[0].type, 'input_too_large');
  assert.ok(retainedBufferBytes() <= 2 * MB, `input buffer kept ${retainedBufferBytes()} bytes`);
  assert.throws(() => api.wordDiff('€'.repeat(3 * MB), '€'.repeat(3 * MB)), (e) => e.errors[0].type === 'input_too_large');
  assert.ok(retainedBufferBytes() <= 2 * MB, `input buffer kept ${retainedBufferBytes()} bytes`);
});

test('1 000 000 levels: as text a json_invalid result; as an object an InvalidInputError, not a RangeError', () => {
  const result = api.validate('brief', '['.repeat(DEEP) + ']'.repeat(DEEP));
  assert.equal(result.errors[0].type, 'json_invalid');
  assert.match(result.errors[0].msg, /recursion limit exceeded/);
  const deep = deepObject(DEEP);
  // V8 cannot serialise it (JSON.stringify throws RangeError); the package says what happened.
  assert.throws(() => JSON.stringify(deep), RangeError);
  for (const call of [() => api.validate('brief', deep), () => api.gate('brief', deep, 'partner'),
    () => api.migrate('brief', deep), () => api.merge({ type: 'brief', base: deep, ours: brief(), theirs: brief() }),
    () => api.diff('brief', deep, null)]) {
    assert.throws(call, (e) => e instanceof InvalidInputError && e.code === 'invalid_input' &&
      e.cause instanceof RangeError && /cannot be serialised as JSON/.test(e.message));
  }
});

test('cycles, BigInt, throwing getters and Proxies: InvalidInputError carrying the original as cause', () => {
  for (const [label, make, Cause] of [['cycle', cyclic, TypeError], ['BigInt', () => ({ ...brief(), x: 1n }), TypeError],
    ['getter', throwingGetter, TypeError], ['Proxy', throwingProxy, Error]]) {
    for (const call of [(x) => api.validate('brief', x), (x) => api.merge({ type: 'brief', base: brief(), ours: x, theirs: brief() }),
      (x) => api.diff('brief', brief(), x), (x) => api.merge({ type: 'brief', base: null, ours: null, theirs: x })]) {
      assert.throws(() => call(make()), (e) => e instanceof InvalidInputError && e.cause instanceof Cause, label);
    }
  }
  // The request and options objects themselves.
  const hostileRequest = new Proxy({}, { get() { throw new Error('request says no'); } });
  assert.throws(() => api.merge(hostileRequest), (e) => e instanceof InvalidInputError && e.cause.message === 'request says no');
  const hostileOptions = Object.defineProperty({}, 'tier', { get() { throw new Error('options say no'); } });
  assert.throws(() => api.validate('brief', brief(), hostileOptions), InvalidInputError);
  assert.throws(() => api.jsonSchema('brief', hostileOptions), InvalidInputError);
  const cyclicSections = ['target_user'];
  cyclicSections.push(cyclicSections);
  assert.throws(() => api.merge({ type: 'brief', base: brief(), ours: edited(), theirs: brief(), editedSections: cyclicSections }), InvalidInputError);
  // Functions and symbols inside an object are what JSON.stringify makes of them: left out.
  const withFunction = api.validate('brief', { ...brief(), problem_statement: () => 'we' });
  assert.deepEqual(withFunction.errors.map((e) => [e.type, e.loc]), [['missing', ['problem_statement']]]);
});

test('__proto__, constructor and prototype keys at every level: no pollution, own data properties only', () => {
  for (const type of api.GENERATION_ORDER) {
    const text = pollutingText(type);
    const result = api.validate(type, text);
    assert.equal(result.ok, true, type);
    // Unknown keys, at the top and in every item, are warnings and are not in value.
    assert.ok(result.warnings.some((w) => w.loc.length > 1 && w.loc.at(-1) === '__proto__') || type === 'brief', type);
    assert.equal(Object.hasOwn(result.value, '__proto__'), false, type);
    assertPlain(result.value, type);
    for (const value of [api.gate(type, text, 'partner').value, api.migrate(type, text).value,
      api.merge({ type, base: text, ours: pollutingObject(type), theirs: text }).value]) {
      assertPlain(value, type);
      assert.equal(Object.getPrototypeOf(value), Object.prototype, type);
      if (Object.hasOwn(value, '__proto__')) {
        assert.ok('value' in Object.getOwnPropertyDescriptor(value, '__proto__'), type);
        assert.equal(value.polluted, undefined, type);
      }
    }
    const changes = api.diff(type, text, plan(type));
    assertPlain(changes, type);
    assertNoPollution(type);
  }
});

test('numbers out of range: errors where a value is checked, nothing worse', () => {
  const result = api.validate('milestones', JSON.stringify(plan('milestones')).replace(/"total_duration_weeks":\d+/, '"total_duration_weeks":1e400'));
  assert.equal(result.ok, false);
  // Beyond the double range: infinity, as Pydantic reads it; JSON writes it as null.
  assert.deepEqual(result.errors, [{ type: 'finite_number', loc: ['total_duration_weeks'], msg: 'Input should be a finite number', input: null }]);
  const ignored = api.validate('brief', JSON.stringify(brief()).replace('{', '{"a":[1e400,-1e400],'));
  assert.equal(ignored.ok, true);
  assert.deepEqual(ignored.warnings.map((w) => w.loc), [['a']]);
  const negativeZero = api.validate('milestones', { ...plan('milestones'), total_duration_weeks: -0 });
  assert.equal(negativeZero.ok, true);
  assert.ok(Object.is(negativeZero.value.total_duration_weeks, 0));
  const big = api.validate('milestones', JSON.stringify({ ...plan('milestones'), total_duration_weeks: 0 })
    .replace('"total_duration_weeks":0', `"total_duration_weeks":${'9'.repeat(40)}`));
  assert.deepEqual(big.errors.map((e) => e.type), ['int_parsing_size']);
});
