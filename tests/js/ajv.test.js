// The exported JSON Schema works with ajv (draft 2020-12): every plan fixture is accepted at
// every tier, and the reference cases Pydantic rejects are rejected.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { init, jsonSchema, GENERATION_ORDER, Tier } from 'cofounder-artifacts';
import { expectedCases, plan } from './support/fixtures.js';

let ajv;
before(async () => {
  await init();
  ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
});

const compiled = new Map();
function validator(type, tier) {
  const key = `${type}:${tier}`;
  if (!compiled.has(key)) compiled.set(key, ajv.compile(jsonSchema(type, { tier })));
  return compiled.get(key);
}

test('ajv accepts every plan fixture under its schema at every tier', () => {
  for (const type of GENERATION_ORDER) {
    for (const tier of Object.values(Tier)) {
      const check = validator(type, tier);
      assert.equal(check(plan(type)), true, `${type} at ${tier}: ${ajv.errorsText(check.errors)}`);
    }
  }
});

test('ajv rejects every reference case that Pydantic rejects', () => {
  let rejected = 0;
  for (const c of expectedCases()) {
    if (c.ok) continue;
    // Not JSON at all: nothing for a JSON Schema validator to look at.
    if (c.errors.some((e) => e.type === 'json_invalid')) continue;
    // Integers past 64 bits: JSON Schema's "integer" has no size; our validator (like
    // Pydantic's JSON parser here) refuses them. The only documented disagreement.
    if (c.errors.every((e) => e.type === 'int_parsing_size')) continue;
    // Strict mode refuses 3.0 for an integer, but JSON.parse reads 3.0 as 3 before ajv sees it.
    if (c.errors.every((e) => e.type === 'int_type' && Number.isInteger(e.input))) continue;
    const check = validator(c.model, 'cto_scale');
    assert.equal(check(JSON.parse(c.text)), false, c.name);
    rejected += 1;
  }
  assert.ok(rejected > 60, `only ${rejected} invalid cases checked`);
});
