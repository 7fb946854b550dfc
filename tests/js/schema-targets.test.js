// jsonSchema's structured-output targets. The providers' documented rules are written down here
// as checkers, and every artifact type at every tier must pass its provider's; the sample plan
// (as an LLM would write it: the tier's sections, no version stamp) must satisfy each schema.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import {
  init, jsonSchema, gate, validate, GENERATION_ORDER, Tier, InvalidInputError, UnknownArtifactTypeError,
} from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';

before(async () => { await init(); });

// Every schema node, with its depth of object nesting, following local $refs once.
function* nodes(schema, node = schema, depth = 1, seen = new Set()) {
  yield { node, depth };
  if (node.$ref) {
    const name = node.$ref.replace(/^#\/\$defs\//, '');
    if (!seen.has(name)) yield* nodes(schema, schema.$defs[name], depth, new Set([...seen, name]));
    return;
  }
  for (const property of Object.values(node.properties ?? {})) yield* nodes(schema, property, depth + 1, seen);
  if (node.items) yield* nodes(schema, node.items, depth, seen);
  for (const choice of node.anyOf ?? []) yield* nodes(schema, choice, depth, seen);
}

function refsAreLocalAndAcyclic(schema, problems) {
  const refsOf = (node) => [...nodes(schema, node)].map(({ node: n }) => n.$ref).filter(Boolean);
  for (const ref of refsOf(schema)) if (!/^#\/\$defs\/\w+$/.test(ref)) problems.push(`non-local $ref ${ref}`);
  for (const [name, def] of Object.entries(schema.$defs ?? {})) {
    if (refsOf(def).includes(`#/$defs/${name}`)) problems.push(`recursive $defs/${name}`);
  }
}

// OpenAI Structured Outputs, strict mode: the root is an object (not anyOf); every object has
// additionalProperties: false and lists every property in required; only the supported keywords;
// at most 10 levels of object nesting, 5000 properties and 1000 enum values.
const OPENAI_KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'enum',
  'const', 'anyOf', '$ref', '$defs', 'description', 'title']);
function openAiProblems(schema) {
  const problems = [];
  if (schema.type !== 'object' || schema.anyOf) problems.push('the root is not an object');
  let properties = 0;
  let enumValues = 0;
  for (const { node, depth } of nodes(schema)) {
    for (const key of Object.keys(node)) if (!OPENAI_KEYWORDS.has(key)) problems.push(`unsupported keyword ${key}`);
    if (depth > 10) problems.push('nested deeper than 10 levels');
    if (node.type === 'object') {
      if (node.additionalProperties !== false) problems.push('an object without additionalProperties: false');
      const keys = Object.keys(node.properties ?? {});
      properties += keys.length;
      if (JSON.stringify([...(node.required ?? [])].sort()) !== JSON.stringify([...keys].sort())) {
        problems.push(`not every property required: ${keys.filter((k) => !node.required?.includes(k))}`);
      }
    }
    enumValues += node.enum?.length ?? 0;
  }
  if (properties > 5000) problems.push('more than 5000 properties');
  if (enumValues > 1000) problems.push('more than 1000 enum values');
  refsAreLocalAndAcyclic(schema, problems);
  return problems;
}

// Anthropic structured outputs: every object additionalProperties: false; no numeric or string
// constraints (minimum, maximum, multipleOf, minLength, maxLength), array constraints beyond
// minItems 0 or 1, recursive or external $ref; enum values are primitives.
const ANTHROPIC_UNSUPPORTED = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'maxItems', 'uniqueItems', 'contains', 'patternProperties'];
function anthropicProblems(schema) {
  const problems = [];
  if (schema.type !== 'object') problems.push('the root is not an object');
  for (const { node } of nodes(schema)) {
    for (const key of ANTHROPIC_UNSUPPORTED) if (key in node) problems.push(`unsupported keyword ${key}`);
    if ('minItems' in node && node.minItems > 1) problems.push('minItems above 1');
    if (node.type === 'object' && node.additionalProperties !== false) problems.push('an object without additionalProperties: false');
    if (node.type === 'object' && !node.properties) problems.push('an object with no properties (arbitrary JSON)');
    for (const value of node.enum ?? []) if (value !== null && typeof value === 'object') problems.push('a complex enum value');
  }
  refsAreLocalAndAcyclic(schema, problems);
  return problems;
}

test('the checkers catch what the providers refuse', () => {
  const draft = jsonSchema('milestones');
  assert.ok(openAiProblems(draft).some((p) => p.includes('additionalProperties')));
  assert.ok(openAiProblems(draft).some((p) => p.includes('minimum')));
  assert.ok(anthropicProblems(draft).some((p) => p.includes('minimum')));
  assert.ok(anthropicProblems({ type: 'object', properties: { a: { $ref: '#/$defs/A' } }, additionalProperties: false,
    $defs: { A: { type: 'object', properties: { a: { $ref: '#/$defs/A' } }, additionalProperties: false } } })
    .some((p) => p.includes('recursive')));
});

// The sample plan as an LLM writes it for `tier`: the tier's sections, without the stamp.
function written(type, tier) {
  const { _schema_version: stamp, ...sections } = gate(type, SAMPLE_PLAN[type], tier).value;
  return sections;
}

test('every artifact type at every tier: each provider schema keeps its provider\'s rules and accepts the plan', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  for (const type of GENERATION_ORDER) {
    for (const tier of Object.values(Tier)) {
      for (const [target, problems] of [['openai', openAiProblems], ['anthropic', anthropicProblems]]) {
        const schema = jsonSchema(type, { tier, target });
        assert.deepEqual(problems(schema), [], `${type} ${tier} ${target}`);
        const check = ajv.compile(schema);
        assert.ok(check(written(type, tier)), `${type} ${tier} ${target}: ${ajv.errorsText(check.errors)}`);
        // What the provider returns is valid content for the library, stamp or not.
        assert.equal(validate(type, written(type, tier), { tier }).ok, true);
      }
    }
  }
});

test('openai: the tier\'s optional sections are required and nullable; anthropic leaves them optional', () => {
  const openai = jsonSchema('brief', { tier: Tier.PARTNER, target: 'openai' });
  assert.ok(openai.required.includes('market_analysis'));
  assert.deepEqual(openai.properties.market_analysis.anyOf[1], { type: 'null' });
  assert.equal('competitive_strategy' in openai.properties, false);
  const anthropic = jsonSchema('brief', { tier: Tier.PARTNER, target: 'anthropic' });
  assert.equal(anthropic.required.includes('market_analysis'), false);
  assert.equal('_schema_version' in anthropic.properties, false);
  assert.deepEqual(jsonSchema('brief', { target: 'draft-2020-12' }), jsonSchema('brief'));
});

test('bad targets are typed errors, and the module stays usable', () => {
  assert.throws(() => jsonSchema('brief', { target: 'gemini' }),
    (e) => e instanceof InvalidInputError && e.errors[0].type === 'unknown_target');
  assert.throws(() => jsonSchema('brief', { target: 42 }), InvalidInputError);
  assert.throws(() => jsonSchema('brief', { target: 'x'.repeat(1e6) }), InvalidInputError);
  assert.throws(() => jsonSchema('artifact_response', { target: 'openai' }), UnknownArtifactTypeError);
  assert.equal(jsonSchema('brief', { target: 'openai' }).type, 'object');
});
