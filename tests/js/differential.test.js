// Differential: our validate against ajv (draft 2020-12 + ajv-formats) running the JSON Schema we
// export, on more than 10 000 seeded documents — the plan fixtures and documents generated from
// the registry, edited within the schema (support/mutate.js) and then broken on purpose (fields
// dropped, duplicated, retyped; wrong enum values; awkward numbers; nested garbage; extra keys;
// nulls; empty lists; duplicate keys in the text; whole documents replaced).
//
// What is compared with what (the semantic relation):
// - The schema describes the JSON values Pydantic's *strict* mode accepts: "integer" takes no
//   "3" and no true, unknown keys are allowed (no additionalProperties), optional sections may be
//   absent or null. So ajv's verdict is compared with `validate(..., {strict: true})`.
// - Lax mode (the default) may only accept more, and only by Pydantic's integer conversions:
//   "3", true/false and whole floats. Checked on every document.
// - `jsonSchema(type)` (no tier) is the full model. `validate` with a tier checks the same full
//   model (a section above the tier is a warning, but its value is still validated: an ok result's
//   `value` keeps it, and it must conform to the content type), so every tier's verdict is
//   compared with ajv on the full schema.
// - `jsonSchema(type, {tier})` is what that tier sees (the LLM's structured-output schema for
//   it): it does not mention the sections above the tier. It is compared with validate on the
//   gated document: ajv(tierSchema, doc) === validate(type, gate(type, doc, tier).value).ok.
//
// Deliberate deviations (README, "Validation semantics"), counted, never accepted silently: a
// whole number written as a float ("1e+300", what JSON.stringify writes for 1e21 and up) is not
// an integer to strict mode, while ajv sees a JS number; integers beyond 64 bits; nesting deeper
// than 200 levels. Any other disagreement fails the test with the document.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { init, validate, gate, jsonSchema, GENERATION_ORDER, Tier } from 'cofounder-artifacts';
import { coreRegistry } from 'cofounder-artifacts/diagnostics';
import { plan } from './support/fixtures.js';
import { mutate, rng } from './support/mutate.js';

const TIERS = [undefined, ...Object.values(Tier)];
const DOCUMENTS_PER_TYPE = 2100;  // 5 types: 10 500 documents

let ajv;
let registry;
before(async () => {
  await init();
  ajv = new Ajv2020({ allErrors: false, strict: true });
  addFormats(ajv);
  registry = coreRegistry();
});

const compiled = new Map();
function schemaCheck(type, tier) {
  const schema = jsonSchema(type, tier ? { tier } : {});
  // No tier is the full model: the same schema (and $id) as cto_scale.
  if (!compiled.has(schema.$id)) compiled.set(schema.$id, ajv.compile(schema));
  return compiled.get(schema.$id);
}

function models() {
  return Object.fromEntries([...registry.generation_order, ...registry.items].map((m) => [m.id, m]));
}

// ---- generated documents ------------------------------------------------------------------------

const PROSE = ['We', 'ship', 'a', 'stock', 'count', 'café', '在庫', '📦', 'offline', '—', 'shops', '"quoted"',
  'back\\slash', 'tab\there', 'new\nline', '\u0000', '\uFFFD', '👩‍💻', ''];

function prose(pick) {
  const words = [];
  for (let n = pick(6); n >= 0; n -= 1) words.push(PROSE[pick(PROSE.length)]);
  return words.join(' ');
}

function generateValue(type, pick, depth = 0) {
  switch (type.kind) {
    case 'string': return prose(pick);
    case 'integer': return (type.ge ?? 0) + pick(60);
    case 'literal': return type.choices[pick(type.choices.length)];
    case 'list': {
      const list = [];
      for (let n = pick(depth ? 3 : 4); n > 0; n -= 1) list.push(generateValue(type.item, pick, depth + 1));
      return list;
    }
    case 'model': return generateModel(models()[type.model], pick, depth + 1);
    default: throw new Error(`no generator for ${type.kind}`);
  }
}

function generateModel(model, pick, depth = 0) {
  const out = {};
  for (const field of model.fields) {
    if (field.key === '_schema_version') {
      if (pick(5)) out._schema_version = 1;
      continue;
    }
    if (!field.required) {
      const choice = pick(3);
      if (choice === 0) continue;
      if (choice === 1 && field.nullable) {
        out[field.key] = null;
        continue;
      }
    }
    out[field.key] = generateValue(field.type, pick, depth);
  }
  return out;
}

// ---- breaking documents -------------------------------------------------------------------------

// JSON.stringify writes 1e300 and 1e21 with an exponent, 2 ** 64 as 18446744073709552000.
const NUMBERS = [0, -1, 1, 1.5, -0, 1e300, 2 ** 53 + 1, 2 ** 63, 2 ** 64, 1e21, 0.1, '3', '3.0', '-1', ' 4 ',
  '1e3', '', true, false, Number.MAX_SAFE_INTEGER, -(2 ** 63)];
const ENUMS = ['urgent', 'HIGH', 'High', ' high', 'high ', '', 'medium\u0000', 'lów', 'brief', null, 0, ['high']];
const EXTRA_KEYS = ['extra', '__proto__', 'constructor', 'prototype', '', ' problem_statement', 'Title',
  '_schema_version_', '$ref', 'market_analysis', 'name', 'ステップ', 'a/b~c'];
const SCALARS = ['text', '', 0, 1, -7, 2.5, true, false, null, [], {}, ['a'], [1, 2], { a: 1 }, [[[]]], [null], [{}]];

// A fresh copy of one of `list`: documents never share (and so never loop through) a value.
const any = (list, pick) => structuredClone(list[pick(list.length)]);

function garbage(pick, depth) {
  if (depth <= 0 || pick(3) === 0) return any(SCALARS, pick);
  if (pick(2)) {
    const list = [];
    for (let n = pick(3); n >= 0; n -= 1) list.push(garbage(pick, depth - 1));
    return list;
  }
  const object = {};
  for (let n = pick(3); n >= 0; n -= 1) object[EXTRA_KEYS[pick(EXTRA_KEYS.length)] + n] = garbage(pick, depth - 1);
  return object;
}

function nested(depth, inner) {
  let value = inner;
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { deeper: value };
  return value;
}

// Every [container, key] in the document (key a property name or an index), root excluded.
function slots(value, out = []) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => { out.push([value, i]); slots(item, out); });
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) { out.push([value, key]); slots(value[key], out); }
  }
  return out;
}

const OPERATIONS = ['drop', 'duplicate', 'retype', 'enum', 'number', 'garbage', 'extra', 'null', 'empty',
  'wrap', 'unwrap', 'stringify'];

/** Breaks `doc` in place (or returns a replacement); returns [doc, what was done]. */
function breakDocument(doc, pick) {
  const done = [];
  for (let n = 1 + pick(3); n > 0; n -= 1) {
    if (pick(200) === 0) {
      const replacement = [[], 'text', 7, null, true, [doc], { doc }][pick(7)];
      return [replacement, [...done, 'root']];
    }
    const all = slots(doc);
    if (all.length === 0) break;
    const [container, key] = all[pick(all.length)];
    const op = OPERATIONS[pick(OPERATIONS.length)];
    const value = container[key];
    done.push(op);
    switch (op) {
      case 'drop':
        if (Array.isArray(container)) container.splice(key, 1);
        else delete container[key];
        break;
      case 'duplicate':
        if (Array.isArray(container)) {
          container.splice(key, 0, structuredClone(value));
        } else {
          const keys = Object.keys(container);
          container[keys[pick(keys.length)]] = structuredClone(value);  // copied over a sibling
        }
        break;
      case 'retype': container[key] = any(SCALARS, pick); break;
      case 'enum': container[key] = any(ENUMS, pick); break;
      case 'number': container[key] = any(NUMBERS, pick); break;
      case 'garbage':
        // Mostly shallow; now and then deeper than the 200-level nesting limit.
        container[key] = pick(40) === 0 ? nested(201 + pick(20), garbage(pick, 2)) : garbage(pick, 1 + pick(5));
        break;
      case 'extra': {
        const target = value && typeof value === 'object' && !Array.isArray(value) ? value : container;
        if (!Array.isArray(target)) {
          const extra = pick(30) === 0 ? nested(201 + pick(20), 'deep') : garbage(pick, 2);
          Object.defineProperty(target, EXTRA_KEYS[pick(EXTRA_KEYS.length)],
            { value: extra, enumerable: true, writable: true, configurable: true });
        }
        break;
      }
      case 'null': container[key] = null; break;
      case 'empty': container[key] = Array.isArray(value) ? [] : typeof value === 'string' ? '' : {}; break;
      case 'wrap': container[key] = [value]; break;
      case 'unwrap': container[key] = Array.isArray(value) ? value[0] ?? null : value; break;
      case 'stringify': container[key] = JSON.stringify(value) ?? 'undefined'; break;
    }
  }
  return [doc, done];
}

// A duplicated top-level key in the text: JSON.parse, ajv and our core all keep the last value.
function withDuplicateKey(text, pick) {
  if (!text.startsWith('{') || text === '{}') return text;
  const key = JSON.stringify(['problem_statement', 'milestones', 'core_features', '_schema_version', 'x'][pick(5)]);
  const junk = JSON.stringify(any(SCALARS, pick));
  return pick(2) ? `{${key}:${junk},${text.slice(1)}` : `${text.slice(0, -1)},${key}:${junk}}`;
}

function* documents(type) {
  const pick = rng(0xC0FFEE + GENERATION_ORDER.indexOf(type));
  const model = models()[type];
  for (let i = 0; i < DOCUMENTS_PER_TYPE; i += 1) {
    let doc = i % 3 === 0 ? structuredClone(plan(type)) : generateModel(model, pick);
    if (pick(2)) doc = mutate(type, doc, pick, { edits: 1 + pick(4) }).content;
    let done = ['valid'];
    if (i % 10 !== 0) [doc, done] = breakDocument(doc, pick);
    let text = JSON.stringify(doc);
    if (pick(12) === 0) {
      text = withDuplicateKey(text, pick);
      done = [...done, 'duplicate-key'];
    }
    yield { text, done };
  }
}

// ---- comparing ----------------------------------------------------------------------------------

// A rejection by our strict mode that ajv does not share, for a documented reason (or null).
function documentedDeviation(errors) {
  const reasons = new Set(errors.map((e) => {
    if (e.type === 'int_type' && typeof e.input === 'number' && Number.isInteger(e.input)) return 'whole-float-in-strict';
    if (e.type === 'int_parsing_size' && typeof e.input === 'number') return 'beyond-64-bit';
    if (e.type === 'json_invalid' && /recursion limit exceeded/.test(e.msg)) return 'nesting-over-200';
    return null;
  }));
  return reasons.has(null) || reasons.size === 0 ? null : [...reasons].sort().join('+');
}

// The Pydantic lax conversions to int that strict mode refuses.
function laxIntegerConversion(error) {
  return error.type === 'int_type' && (typeof error.input === 'string' || typeof error.input === 'boolean' ||
    (typeof error.input === 'number' && Number.isInteger(error.input)));
}

// validate (strict) on what gate leaves for `tier`; gate refuses what is not an object.
function gatedVerdict(type, text, parsed, tier) {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, errors: [] };
  try {
    return validate(type, gate(type, text, tier).value, { tier, strict: true });
  } catch (error) {
    return { ok: false, errors: error.errors ?? [] };
  }
}

function compare(type, text, counts, disagreements, label) {
  const parsed = JSON.parse(text);
  const full = schemaCheck(type)(parsed);
  for (const tier of TIERS) {
    const options = tier ? { tier } : {};
    const strict = validate(type, text, { ...options, strict: true });
    const lax = validate(type, text, options);
    const where = `${label} ${type}${tier ? `@${tier}` : ''}`;
    // Ours (strict) against ajv on the full schema.
    if (strict.ok === full) {
      counts[full ? 'both accept' : 'both reject'] += 1;
    } else {
      const deviation = strict.ok ? null : documentedDeviation(strict.errors);
      if (deviation && full) {
        counts[`documented: ${deviation}`] = (counts[`documented: ${deviation}`] ?? 0) + 1;
      } else {
        disagreements.push({ where, ours: strict.ok, ajv: full, errors: strict.errors.slice(0, 3), text: text.slice(0, 600) });
      }
    }
    // Lax accepts a superset of strict, and only by integer conversions.
    if (strict.ok && !lax.ok) disagreements.push({ where, problem: 'strict accepts, lax rejects', errors: lax.errors.slice(0, 3) });
    if (lax.ok && !strict.ok && !strict.errors.every(laxIntegerConversion)) {
      disagreements.push({ where, problem: 'lax accepts beyond integer conversions', errors: strict.errors.slice(0, 3) });
    }
    if (!tier) continue;
    // The tier's schema describes the gated document.
    const tierVerdict = schemaCheck(type, tier)(parsed);
    const gated = gatedVerdict(type, text, parsed, tier);
    if (gated.ok === tierVerdict) {
      counts[`tier schema = gated: ${tierVerdict ? 'accept' : 'reject'}`] += 1;
    } else if (tierVerdict && documentedDeviation(gated.errors)) {
      counts['tier schema = gated: documented'] += 1;
    } else {
      disagreements.push({ where: `${where} (tier schema vs gated)`, ours: gated.ok, ajv: tierVerdict, errors: gated.errors.slice(0, 3), text: text.slice(0, 600) });
    }
  }
}

test('validate (strict) and ajv on our exported JSON Schema agree on 10 000+ documents', () => {
  const counts = {
    'both accept': 0, 'both reject': 0,
    'tier schema = gated: accept': 0, 'tier schema = gated: reject': 0, 'tier schema = gated: documented': 0,
  };
  const operations = {};
  const disagreements = [];
  let documentCount = 0;
  for (const type of GENERATION_ORDER) {
    for (const { text, done } of documents(type)) {
      for (const op of done) operations[op] = (operations[op] ?? 0) + 1;
      compare(type, text, counts, disagreements, `#${documentCount}`);
      documentCount += 1;
    }
  }
  const comparisons = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`differential: ${documentCount} documents, ${comparisons} verdict comparisons ` +
    `(each document against the full schema at no tier and at ${TIERS.length - 1} tiers, ` +
    'and against each tier\'s schema after gating)');
  console.log(`differential verdicts: ${JSON.stringify(counts)}`);
  console.log(`differential mutations: ${JSON.stringify(operations)}`);
  assert.ok(documentCount >= 10000, `only ${documentCount} documents`);
  assert.ok(counts['both accept'] > 4000 && counts['both reject'] > 15000, JSON.stringify(counts));
  // One example of each kind of disagreement (by our first error), to read and to keep as a case.
  const kinds = new Map();
  for (const d of disagreements) {
    const first = d.errors?.[0];
    const kind = `${d.problem ?? `ours ${d.ours} ajv ${d.ajv}`}: ${first ? `${first.type} ${first.msg}` : 'no errors'}`;
    if (!kinds.has(kind)) kinds.set(kind, { count: 0, example: { ...d, errors: d.errors?.map(({ input, ...e }) => e) } });
    kinds.get(kind).count += 1;
  }
  assert.deepEqual(Object.fromEntries(kinds), {}, `${disagreements.length} disagreements`);
});

// ---- named regression cases: every disagreement found, and each documented deviation ----------

const briefText = () => JSON.stringify(plan('brief'));
const splice = (text, member) => `${text.slice(0, text.lastIndexOf('}'))},${member}}`;

function verdicts(type, text, tier) {
  const parsed = JSON.parse(text);
  return {
    lax: validate(type, text, tier ? { tier } : {}).ok,
    strict: validate(type, text, { tier, strict: true }).ok,
    ajvFull: schemaCheck(type)(parsed),
    ajvTier: tier ? schemaCheck(type, tier)(parsed) : undefined,
    gated: tier ? gatedVerdict(type, text, parsed, tier).ok : undefined,
  };
}

test('regression: an integer beyond 64 bits in an unknown key made the whole document json_invalid', () => {
  // Found by this suite (simdjson refuses such literals); fixed in core/src/json_io.cpp: they are
  // read as floats, so an unknown key is ignored again, as by ajv and Pydantic.
  for (const big of ['18446744073709551616', '-9223372036854776000', '100000000000000000000', '1'.repeat(60)]) {
    const text = splice(briefText(), `"junk":[${big}]`);
    assert.deepEqual(verdicts('brief', text), { lax: true, strict: true, ajvFull: true, ajvTier: undefined, gated: undefined }, big);
    const result = validate('brief', text);
    assert.deepEqual(result.warnings.map((w) => w.type), ['unknown_key']);
    // In a string field it is a plain string_type error, not json_invalid.
    const inString = validate('brief', splice(briefText(), `"target_user":${big}`));
    assert.deepEqual(inString.errors.map((e) => e.type), ['string_type']);
  }
});

test('documented: an integer beyond 64 bits in an integer field (ajv has no size limit)', () => {
  // What JSON.stringify writes for -(2 ** 63) - 1024 and 2 ** 64: beyond int64/uint64.
  for (const big of ['-9223372036854776000', '18446744073709552000', '9223372036854775808']) {
    const text = splice(briefText(), `"_schema_version":${big}`);
    assert.deepEqual(verdicts('brief', text), { lax: false, strict: false, ajvFull: true, ajvTier: undefined, gated: undefined }, big);
    const lax = validate('brief', text);
    assert.deepEqual(lax.errors.map((e) => e.type), ['int_parsing_size'], big);
    assert.ok(documentedDeviation(validate('brief', text, { strict: true }).errors), big);
  }
});

test('documented: a whole number written as a float is not an integer to strict mode', () => {
  for (const number of ['3.0', '1e+300', '1e+21', '2E1']) {
    const text = splice(JSON.stringify(plan('milestones')), `"total_duration_weeks":${number}`);
    const strict = validate('milestones', text, { strict: true });
    assert.deepEqual(strict.errors.map((e) => e.type), ['int_type'], number);
    assert.equal(documentedDeviation(strict.errors), 'whole-float-in-strict');
    assert.equal(schemaCheck('milestones')(JSON.parse(text)), true, number);  // ajv sees a JS integer
  }
  // Lax mode takes small whole floats (Pydantic) and refuses ones beyond 64 bits.
  assert.equal(validate('milestones', splice(JSON.stringify(plan('milestones')), '"total_duration_weeks":3.0')).ok, true);
  assert.deepEqual(validate('milestones', splice(JSON.stringify(plan('milestones')), '"total_duration_weeks":1e300'))
    .errors.map((e) => e.type), ['int_parsing_size']);
});

test('documented: nesting deeper than 200 levels, even in an unknown key', () => {
  const deep = JSON.stringify(nested(210, 'deep'));
  const text = splice(briefText(), `"junk":${deep}`);
  const result = validate('brief', text, { strict: true });
  assert.equal(result.ok, false);
  assert.equal(documentedDeviation(result.errors), 'nesting-over-200');
  assert.equal(schemaCheck('brief')(JSON.parse(text)), true);
  // 150 levels are fine for both.
  assert.deepEqual(verdicts('brief', splice(briefText(), `"junk":${JSON.stringify(nested(150, 'x'))}`)),
    { lax: true, strict: true, ajvFull: true, ajvTier: undefined, gated: undefined });
});

test('semantics: a section above the tier is still validated; the tier schema describes the gated document', () => {
  // resource_plan is a partner section; at bootstrapper it is a tier_locked warning, but its value
  // must still be a string: an ok result's value keeps it (gating removes it).
  const text = splice(JSON.stringify(plan('milestones')), '"resource_plan":5');
  assert.deepEqual(verdicts('milestones', text, 'bootstrapper'),
    { lax: false, strict: false, ajvFull: false, ajvTier: true, gated: true });
  const atTier = validate('milestones', text, { tier: 'bootstrapper' });
  assert.deepEqual(atTier.errors.map((e) => e.loc), [['resource_plan']]);
  assert.deepEqual(atTier.warnings.map((w) => w.type), ['tier_locked', 'tier_locked']);
  // A valid one is kept in value at the lower tier, with the warning.
  const kept = validate('milestones', splice(JSON.stringify(plan('milestones')), '"resource_plan":"we hire"'), { tier: 'bootstrapper' });
  assert.equal(kept.ok, true);
  assert.equal(kept.value.resource_plan, 'we hire');
});

test('agreements worth pinning: duplicate keys, "3" for an integer, enum case, nulls for optional sections', () => {
  const milestones = JSON.stringify(plan('milestones'));
  // The last of duplicated keys wins for JSON.parse, ajv and the core alike.
  assert.deepEqual(verdicts('brief', `{"problem_statement":5,${briefText().slice(1)}`),
    { lax: true, strict: true, ajvFull: true, ajvTier: undefined, gated: undefined });
  assert.deepEqual(verdicts('brief', splice(briefText(), '"problem_statement":5')),
    { lax: false, strict: false, ajvFull: false, ajvTier: undefined, gated: undefined });
  // "3": Pydantic lax converts it; strict and the schema refuse it.
  assert.deepEqual(verdicts('milestones', splice(milestones, '"total_duration_weeks":"3"')),
    { lax: true, strict: false, ajvFull: false, ajvTier: undefined, gated: undefined });
  assert.deepEqual(verdicts('milestones', splice(milestones, '"total_duration_weeks":true')),
    { lax: true, strict: false, ajvFull: false, ajvTier: undefined, gated: undefined });
  const risk = JSON.stringify(plan('risk_log')).replace('"severity":"high"', '"severity":"HIGH"');
  assert.deepEqual(verdicts('risk_log', risk, 'partner'),
    { lax: false, strict: false, ajvFull: false, ajvTier: false, gated: false });
  assert.deepEqual(verdicts('risk_log', splice(JSON.stringify(plan('risk_log')), '"financial_risks":null'), 'partner'),
    { lax: true, strict: true, ajvFull: true, ajvTier: true, gated: true });
  assert.deepEqual(verdicts('risk_log', splice(JSON.stringify(plan('risk_log')), '"technical_risks":null'), 'cto_scale'),
    { lax: false, strict: false, ajvFull: false, ajvTier: false, gated: false });
  assert.deepEqual(verdicts('risk_log', splice(JSON.stringify(plan('risk_log')), '"technical_risks":[]')),
    { lax: true, strict: true, ajvFull: true, ajvTier: undefined, gated: undefined });
});

test('documented: record models — Pydantic reads more uuid/datetime spellings than its schema\'s formats', () => {
  // The records' schemas say format "uuid" / "date-time", as Pydantic's own model_json_schema()
  // does; Pydantic's validators (and ours, which follow them) read more than those formats
  // allow, and refuse a leap second that RFC 3339 (ajv-formats) allows. The artifact content
  // models above have no formats; these are the only verdict differences on the records.
  const annotation = schemaCheck('artifact_annotation');
  const at = (created_at) => ({ section_id: 'a', note: 'b', created_at });
  for (const [value, ours, ajvVerdict] of [
    ['2024-01-02T03:04:05Z', true, true],
    ['2024-01-02T03:04:05', true, false],   // no offset: Pydantic reads a naive datetime
    ['2024-01-02T03:04Z', true, false],      // no seconds
    ['1704164645', true, false],             // Unix time as a string
    ['2024-01-02T23:59:60Z', false, true],   // leap second
    ['2024-02-30T00:00:00Z', false, false],
  ]) {
    assert.equal(validate('artifact_annotation', at(value), { strict: true }).ok, ours, value);
    assert.equal(annotation(at(value)), ajvVerdict, value);
  }
  const request = schemaCheck('generate_artifacts_request');
  for (const [value, ours, ajvVerdict] of [
    ['123e4567-e89b-12d3-a456-426614174000', true, true],
    ['123e4567e89b12d3a456426614174000', true, false],      // no hyphens
    ['{123e4567-e89b-12d3-a456-426614174000}', true, false], // braces
    ['123e4567-e89b-12d3-a456-42661417400', false, false],
  ]) {
    assert.equal(validate('generate_artifacts_request', { project_id: value }, { strict: true }).ok, ours, value);
    assert.equal(request({ project_id: value }), ajvVerdict, value);
  }
});
