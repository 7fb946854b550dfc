// Text that ends before its document does is json_invalid with Pydantic's own message, word for
// word, through validate() and at a stream validator's end(): the same fixture the native suite
// reads (tests/fixtures/validation/truncations.json, from tools/pydantic_truncations.py).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { init, validate, createStreamValidator, IssueType } from 'cofounder-artifacts';
import { readFixture } from './support/fixtures.js';

before(() => init());

const { documents, cases } = JSON.parse(readFixture('validation/truncations.json'));
const encoder = new TextEncoder();
const decoder = new TextDecoder();
// A prefix of `bytes` UTF-8 bytes (the fixture cuts between characters).
const prefixOf = (name, bytes) => decoder.decode(encoder.encode(documents[name]).subarray(0, bytes));

test('validate(): every prefix says where Pydantic says it ran out', () => {
  assert.ok(cases.length > 2000);
  for (const [name, bytes, message] of cases) {
    const result = validate('brief', prefixOf(name, bytes));
    assert.equal(result.ok, false);
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0].type, IssueType.JSON_INVALID);
    assert.equal(result.errors[0].msg, message, `${name} cut at ${bytes}`);
  }
});

test('a stream cut off ends with the same message, however it was chunked', () => {
  for (const [name, bytes, message] of cases.filter((_, i) => i % 9 === 0)) {
    const text = prefixOf(name, bytes);
    for (const size of [1, 5, 64]) {
      const validator = createStreamValidator('brief');
      for (let i = 0; i < text.length; i += size) validator.push(text.slice(i, i + size));
      const result = validator.end();
      assert.equal(result.errors[0].msg, message, `${name} cut at ${bytes}, ${size}-char chunks`);
    }
  }
});
