// The same cases drive C++ and JS: every Pydantic reference case gives Pydantic's verdict
// through the package, and validate/gate/migrate/jsonSchema give exactly the native build's
// results (compared after parsing both, key order included).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { init, validate, gate, migrate, jsonSchema, GENERATION_ORDER, Tier } from 'cofounder-artifacts';
import { expectedCases, planText, repoRoot } from './support/fixtures.js';

const cli = fileURLToPath(new URL('build/native/cli/artifacts-cli', repoRoot));
const cases = expectedCases();

before(() => init());

function native(requests) {
  const run = spawnSync(cli, ['batch'], {
    input: requests.map((r) => JSON.stringify(r)).join('\n') + '\n',
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
}

test('every Pydantic reference case: same verdict, errors and value through wasm', () => {
  let checked = 0;
  for (const c of cases) {
    const result = validate(c.model, c.text, { strict: c.strict });
    assert.equal(result.ok, c.ok, c.name);
    assert.equal(result.errors.length, c.errors.length, c.name);
    c.errors.forEach((want, i) => {
      const got = result.errors[i];
      assert.equal(got.type, want.type, c.name);
      assert.deepEqual(got.loc, want.loc, c.name);
      if (want.type === 'json_invalid') {
        assert.match(got.msg, /^Invalid JSON: /, c.name);
        return;
      }
      assert.equal(got.msg, want.msg, c.name);
      assert.deepEqual(got.input, want.input, c.name);
      assert.deepEqual(got.ctx, want.ctx, c.name);
    });
    assert.deepEqual(result.value, c.value, c.name);
    checked += 1;
  }
  assert.ok(checked > 150);
});

test('validate through wasm equals validate natively, case for case', () => {
  const requests = [];
  for (const c of cases) {
    for (const tier of ['', ...Object.values(Tier)]) {
      requests.push({ op: 'validate', type: c.model, text: c.text, tier, strict: c.strict });
    }
  }
  const answers = native(requests);
  requests.forEach((r, i) => {
    const expected = answers[i];
    delete expected.code;
    delete expected.value_is_input;
    const actual = validate(r.type, r.text, { tier: r.tier || undefined, strict: r.strict });
    assert.equal(JSON.stringify(actual), JSON.stringify(expected), `${r.type} ${r.tier}`);
  });
});

test('gate, migrate and jsonSchema through wasm equal native', () => {
  const requests = [];
  for (const type of GENERATION_ORDER) {
    for (const tier of Object.values(Tier)) {
      requests.push({ op: 'gate', type, text: planText(type), tier });
      requests.push({ op: 'schema', type, tier });
    }
    requests.push({ op: 'migrate', type, text: planText(type).replace('"_schema_version": 1,', '') });
  }
  const answers = native(requests);
  requests.forEach((r, i) => {
    const expected = answers[i];
    assert.equal(expected.ok, true);
    if (r.op === 'gate') {
      assert.equal(JSON.stringify(gate(r.type, r.text, r.tier)),
        JSON.stringify({ value: expected.value, locked: expected.locked }));
    } else if (r.op === 'schema') {
      assert.equal(JSON.stringify(jsonSchema(r.type, { tier: r.tier })), JSON.stringify(expected.value));
    } else {
      const { value, from_version: fromVersion, to_version: toVersion } = expected;
      assert.equal(JSON.stringify(migrate(r.type, r.text)), JSON.stringify({ value, fromVersion, toVersion }));
    }
  });
});
