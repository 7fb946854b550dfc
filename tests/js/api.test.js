// The public API as a frontend uses it: constants, results, typed errors.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as artifacts from 'cofounder-artifacts';
import {
  init, isInitialized, validate, gate, migrate, jsonSchema, sectionsFor, ArtifactType, ARTIFACTS,
  GENERATION_ORDER, SCHEMA_VERSION, Tier, ArtifactsError, SchemaVersionUnsupportedError,
  UnknownArtifactTypeError, UnknownTierError, InvalidInputError,
} from 'cofounder-artifacts';
import { plan, planText } from './support/fixtures.js';

before(async () => {
  const first = init();
  assert.equal(init(), first, 'init is memoised');
  await first;
});

test('constants come from the registry', () => {
  assert.deepEqual(GENERATION_ORDER, ['brief', 'mvp_scope', 'milestones', 'risk_log', 'how_it_works']);
  assert.equal(ArtifactType.MVP_SCOPE, 'mvp_scope');
  assert.deepEqual(Object.values(Tier), ['bootstrapper', 'partner', 'cto_scale']);
  assert.equal(SCHEMA_VERSION, 1);
  assert.equal(ARTIFACTS.brief.title, 'Product Brief');
  assert.deepEqual(ARTIFACTS.brief.sections.map((s) => s.id), [
    'problem_statement', 'target_user', 'value_proposition', 'key_constraint',
    'differentiation_points', 'market_analysis', 'competitive_strategy']);
  assert.equal(ARTIFACTS.brief.sections[0].description, 'What core problem are we solving?');
  assert.equal(ARTIFACTS.risk_log.sections.at(-1).tier, 'cto_scale');
  assert.deepEqual(sectionsFor('how_it_works', 'partner'),
    ['user_journey', 'architecture', 'data_flow', 'integration_points']);
  assert.throws(() => { GENERATION_ORDER.push('x'); }, TypeError);
  assert.ok(isInitialized());
});

test('validate accepts an object or JSON text and returns plain objects', () => {
  const fromObject = validate('milestones', plan('milestones'));
  const fromText = validate('milestones', planText('milestones'));
  assert.equal(fromObject.ok, true);
  assert.deepEqual(fromObject, fromText);
  assert.deepEqual(Object.keys(fromObject), ['ok', 'errors', 'warnings', 'value']);
  assert.equal(Object.getPrototypeOf(fromObject.value), Object.prototype);
});

test('a valid result\'s value is parsed when first read, then kept; it can be replaced', () => {
  const document = artifacts.openDocument('brief', plan('brief'));
  const results = [validate('brief', plan('brief')), validate('brief', planText('brief')), document.validate()];
  document.dispose();
  for (const result of results) {
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assert.deepEqual(Object.keys(result), ['ok', 'errors', 'warnings', 'value']);
    assert.deepEqual(Object.getOwnPropertySymbols(result).filter((key) => Object.getOwnPropertyDescriptor(result, key).enumerable), []);
    // Spreading, JSON and structuredClone read it like any other member.
    assert.deepEqual({ ...result }.value, plan('brief'));
    assert.deepEqual(JSON.parse(JSON.stringify(result)).value, plan('brief'));
    assert.deepEqual(structuredClone(result).value, plan('brief'));
    assert.equal(result.value, result.value, 'parsed once, then the same object');
    result.value = null;
    assert.equal(result.value, null, 'an assigned value stays, even null');
  }
  // Each result owns its value: reading or replacing one leaves the others alone.
  const [first, second] = [validate('brief', planText('brief')), validate('brief', planText('brief'))];
  first.value.problem_statement = 'changed';
  assert.deepEqual(second.value, plan('brief'));
});

test('validate reports every error, Pydantic-style, without throwing', () => {
  const content = plan('milestones');
  content.milestones[2].estimated_weeks = 0;
  content.total_duration_weeks = 'four';
  const result = validate('milestones', content);
  assert.equal(result.ok, false);
  assert.equal(result.value, null);
  assert.deepEqual(result.errors, [
    { type: 'greater_than_equal', loc: ['milestones', 2, 'estimated_weeks'],
      msg: 'Input should be greater than or equal to 1', input: 0, ctx: { ge: 1 } },
    { type: 'int_parsing', loc: ['total_duration_weeks'],
      msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'four' },
  ]);
});

test('lax conversions are normalised; strict refuses them', () => {
  const content = plan('how_it_works');
  content.user_journey[0].step_number = '1';
  assert.equal(validate('how_it_works', content).value.user_journey[0].step_number, 1);
  assert.equal(validate('how_it_works', content, { strict: true }).errors[0].type, 'int_type');
});

test('tier warnings and unknown keys', () => {
  const result = validate('brief', { ...plan('brief'), pitch: 'x' }, { tier: 'bootstrapper' });
  assert.equal(result.ok, true);
  assert.deepEqual(result.warnings.map((w) => `${w.type}:${w.loc.join('.')}`),
    ['unknown_key:pitch', 'tier_locked:market_analysis', 'tier_locked:competitive_strategy']);
  assert.equal('pitch' in result.value, false);
});

test('gate returns the visible sections and the locked ids', () => {
  const { value, locked } = gate('risk_log', plan('risk_log'), 'partner');
  assert.deepEqual(locked, ['strategic_risks']);
  assert.ok(value.financial_risks.length > 0);
  assert.equal('strategic_risks' in value, false);
});

test('migrate stamps legacy content and refuses newer versions with a typed error', () => {
  const legacy = plan('brief');
  delete legacy._schema_version;
  const result = migrate('brief', legacy);
  assert.equal(result.fromVersion, 0);
  assert.equal(result.toVersion, 1);
  assert.equal(result.value._schema_version, 1);
  assert.throws(() => migrate('brief', { ...legacy, _schema_version: 9 }), (error) => {
    assert.ok(error instanceof SchemaVersionUnsupportedError);
    assert.ok(error instanceof ArtifactsError);
    assert.equal(error.code, 'schema_version_unsupported');
    assert.match(error.message, /_schema_version 9/);
    return true;
  });
});

test('jsonSchema is a plain draft 2020-12 object per tier', () => {
  const schema = jsonSchema('brief', { tier: 'partner' });
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.ok('market_analysis' in schema.properties);
  assert.equal('competitive_strategy' in schema.properties, false);
  assert.ok('competitive_strategy' in jsonSchema('brief').properties);
  assert.equal(jsonSchema('artifact_response').title, 'Artifact');
});

test('unknown type or tier throws a typed error with a code', () => {
  assert.throws(() => validate('deck', {}), (e) => e instanceof UnknownArtifactTypeError &&
    e.code === 'unknown_artifact_type' && e.errors[0].type === 'unknown_artifact_type');
  assert.throws(() => validate('brief', {}, { tier: 'gold' }), UnknownTierError);
  assert.throws(() => gate('brief', {}, 'gold'), UnknownTierError);
  assert.throws(() => jsonSchema('brief', { tier: 'gold' }), UnknownTierError);
  assert.throws(() => migrate('artifact_response', {}), UnknownArtifactTypeError);
  assert.throws(() => gate('brief', '{', 'partner'), (e) => e instanceof InvalidInputError &&
    e.errors[0].type === 'json_invalid');
});

test('the raw module is not part of the public API', () => {
  const names = Object.keys(artifacts);
  for (const name of names) assert.doesNotMatch(name, /^_|HEAP|inputBuffer|outputPointer/);
});
