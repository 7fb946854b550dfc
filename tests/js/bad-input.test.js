// Hostile and malformed input through the JS API: each call fails cleanly (a typed error or an
// error result), and the module still answers a good call correctly afterwards.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { init, validate, gate, migrate, jsonSchema, InvalidInputError } from 'cofounder-artifacts';
import { wasmMemoryBytes, MAX_INPUT_BYTES } from 'cofounder-artifacts/diagnostics';
import { plan, planText } from './support/fixtures.js';

before(() => init());

function stillWorks() {
  const result = validate('brief', planText('brief'));
  assert.equal(result.ok, true, 'module unusable after bad input');
  assert.equal(result.value.problem_statement, plan('brief').problem_statement);
  assert.deepEqual(gate('brief', plan('brief'), 'bootstrapper').locked,
    ['market_analysis', 'competitive_strategy']);
}

test('non-string, non-object arguments throw InvalidInputError', () => {
  const cyclic = {};
  cyclic.self = cyclic;
  for (const content of [undefined, 42, true, () => {}, Symbol('x'), 10n, cyclic]) {
    assert.throws(() => validate('brief', content), InvalidInputError, String(typeof content));
    assert.throws(() => gate('brief', content, 'partner'), InvalidInputError);
    assert.throws(() => migrate('brief', content), InvalidInputError);
  }
  for (const type of [undefined, null, 3, {}, ['brief']]) {
    assert.throws(() => validate(type, {}), InvalidInputError);
    assert.throws(() => jsonSchema(type), InvalidInputError);
  }
  assert.throws(() => validate('brief', {}, { tier: 5 }), InvalidInputError);
  assert.throws(() => validate('brief', {}, 'partner'), InvalidInputError);
  assert.throws(() => gate('brief', {}, undefined), InvalidInputError);
  stillWorks();
});

test('null, arrays and scalars as JSON text are validation results, not crashes', () => {
  for (const content of [null, [], [plan('brief')], '"text"', '17', 'null']) {
    const result = validate('brief', content);
    assert.equal(result.ok, false);
    assert.equal(result.errors[0].type, 'model_type');
  }
  stillWorks();
});

test('invalid JSON text gives a json_invalid result', () => {
  for (const text of ['', '{', '{"a":1,}', 'nul', '{"a":NaN}', "{'a':1}", '[' .repeat(100000)]) {
    const result = validate('brief', text);
    assert.equal(result.ok, false);
    assert.equal(result.errors[0].type, 'json_invalid', text.slice(0, 20));
    assert.match(result.errors[0].msg, /^Invalid JSON: /);
  }
  stillWorks();
});

test('lone surrogates: in JSON text and inside objects', () => {
  const text = `{"problem_statement":"a\ud800b"}`;
  const fromText = validate('brief', text);
  assert.equal(fromText.ok, false);
  assert.equal(fromText.errors[0].type, 'json_invalid');
  assert.match(fromText.errors[0].msg, /lone surrogate/);
  // JSON.stringify escapes a lone surrogate as \ud800, which the core's parser refuses.
  const fromObject = validate('brief', { ...plan('brief'), problem_statement: 'x\udc00' });
  assert.equal(fromObject.ok, false);
  assert.equal(fromObject.errors[0].type, 'json_invalid');
  assert.throws(() => gate('brief', text, 'partner'), InvalidInputError);
  stillWorks();
});

test('unknown keys named __proto__ and constructor do not pollute anything', () => {
  const text = planText('brief').replace('{', '{"__proto__":{"polluted":1},"constructor":{"x":1},');
  const result = validate('brief', text);
  assert.equal(result.ok, true);
  assert.equal(result.value.polluted, undefined);
  assert.equal({}.polluted, undefined);
  assert.equal(Object.getPrototypeOf(result.value), Object.prototype);
  assert.deepEqual(result.warnings.map((w) => w.loc[0]), ['__proto__', 'constructor']);
  stillWorks();
});

test('32 MB documents: a clear input_too_large result, before and after the limit', () => {
  const huge = JSON.stringify({ ...plan('brief'), market_analysis: 'x'.repeat(32 * 1024 * 1024) });
  const result = validate('brief', huge);
  assert.equal(result.ok, false);
  assert.equal(result.errors[0].type, 'input_too_large');
  assert.throws(() => gate('brief', huge, 'partner'), (e) => e.errors[0].type === 'input_too_large');
  // Multi-byte text whose UTF-16 length is under the limit but UTF-8 length is over it.
  const wide = JSON.stringify({ ...plan('brief'), market_analysis: '€'.repeat(6 * 1024 * 1024) });
  assert.ok(wide.length < MAX_INPUT_BYTES);
  assert.equal(validate('brief', wide).errors[0].type, 'input_too_large');
  // Just under the limit still validates.
  const big = JSON.stringify({ ...plan('brief'), market_analysis: 'y'.repeat(15 * 1024 * 1024) });
  const ok = validate('brief', big);
  assert.equal(ok.ok, true);
  assert.equal(ok.value.market_analysis.length, 15 * 1024 * 1024);
  stillWorks();
});

test('100 000 validate calls leave the wasm memory size unchanged after warm-up', () => {
  const text = planText('risk_log');
  const broken = text.replace('"high"', '"urgent"');
  for (let i = 0; i < 1000; i += 1) validate('risk_log', i % 2 ? text : broken);
  const before = wasmMemoryBytes();
  for (let i = 0; i < 100000; i += 1) {
    const result = validate('risk_log', i % 2 ? text : broken);
    if (result.ok !== Boolean(i % 2)) assert.fail(`wrong verdict at call ${i}`);
  }
  assert.equal(wasmMemoryBytes(), before);
});
