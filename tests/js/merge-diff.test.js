// merge and diff through the package: the merge laws, diff patches applied by an independent
// RFC 6902 implementation (fast-json-patch), word diffs that rebuild both texts, edge cases.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import jsonpatch from 'fast-json-patch';
import {
  init, merge, diff, wordDiff, validate, GENERATION_ORDER, ARTIFACTS,
  InvalidInputError, ValidationFailedError, UnknownArtifactTypeError,
} from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { wasmMemoryBytes } from 'cofounder-artifacts/diagnostics';
import { mutate, rng } from './support/mutate.js';

before(() => init());

const sectionIds = (type) => ARTIFACTS[type].sections.map((s) => s.id);
// Key order does not matter (validate returns keys in schema order).
const same = (a, b) => isDeepStrictEqual(a ?? undefined, b ?? undefined);
const rebuilt = (pieces, skip) => pieces.filter((p) => p.op !== skip).map((p) => p.text).join('');

test('merge laws hold on 500 generated edit pairs', () => {
  const pick = rng(7);
  for (let round = 0; round < 100; round += 1) {
    for (const type of GENERATION_ORDER) {
      const base = SAMPLE_PLAN[type];
      const { content: ours, changed } = mutate(type, base, pick);
      const editedSections = [...changed];
      const { content: theirs } = mutate(type, base, pick);
      const label = `${type} round ${round}`;

      const keep = merge({ type, base, ours, theirs: base, editedSections });
      assert.deepEqual(keep.value, validate(type, ours).value, `merge(base, ours, base) = ours: ${label}`);
      assert.deepEqual(keep.conflicts, []);

      const follow = merge({ type, base, ours: base, theirs, editedSections });
      assert.deepEqual(follow.value, validate(type, theirs).value, `merge(base, base, theirs) = theirs: ${label}`);

      const forced = merge({ type, base, ours, theirs, editedSections, force: true });
      assert.deepEqual(forced.value, validate(type, theirs).value);
      assert.deepEqual(forced.editedSections, []);

      const merged = merge({ type, base, ours, theirs, editedSections });
      assert.equal(validate(type, merged.value).ok, true, label);
      for (const id of sectionIds(type)) {
        const founder = !same(ours[id], base[id]) && changed.has(id);
        const generation = !same(theirs[id], base[id]);
        if (!founder) assert.ok(same(merged.value[id], theirs[id]), `${label}: ${id} follows theirs`);
        if (merged.conflicts.some((c) => c.sectionId === id)) {
          assert.ok(founder && generation, `${label}: conflict in ${id} only when both changed`);
        }
        assert.equal(merged.editedSections.includes(id), !same(merged.value[id], theirs[id]), `${label}: ${id}`);
      }
    }
  }
});

test('a founder\'s edited section is never lost without force', () => {
  const ours = structuredClone(SAMPLE_PLAN.brief);
  ours.value_proposition = 'Our own words, kept.';
  const theirs = structuredClone(SAMPLE_PLAN.brief);
  theirs.value_proposition = 'Regenerated.';
  const result = merge({ type: 'brief', base: SAMPLE_PLAN.brief, ours, theirs, editedSections: ['value_proposition'] });
  assert.equal(result.value.value_proposition, 'Our own words, kept.');
  assert.deepEqual(result.kept, ['value_proposition']);
  assert.deepEqual(result.conflicts, [{
    sectionId: 'value_proposition', path: '/value_proposition',
    base: SAMPLE_PLAN.brief.value_proposition, ours: 'Our own words, kept.', theirs: 'Regenerated.',
  }]);
});

test('diff: 1000 generated pairs, each patch applied by fast-json-patch gives after exactly', () => {
  const pick = rng(2024);
  let pairs = 0;
  for (let round = 0; round < 200; round += 1) {
    for (const type of GENERATION_ORDER) {
      const { content: before } = mutate(type, SAMPLE_PLAN[type], pick, { edits: 2 });
      const { content: after } = mutate(type, before, pick, { edits: 4 });
      const { patch, sections } = diff(type, before, after);
      const applied = jsonpatch.applyPatch(structuredClone(before), patch, true, false).newDocument;
      assert.deepEqual(applied, after, `${type} round ${round}`);
      for (const section of sections) {
        if (!section.words) continue;
        assert.equal(rebuilt(section.words, 'delete'), after[section.id]);
        assert.equal(rebuilt(section.words, 'insert'), before[section.id]);
      }
      pairs += 1;
    }
  }
  assert.equal(pairs, 1000);
});

test('diff: an inserted feature is one add, a reorder is moves, sections added and removed', () => {
  const before = SAMPLE_PLAN.mvp_scope;
  const after = structuredClone(before);
  after.core_features.splice(1, 0, { name: 'Barcode Printing', description: 'We print labels.', priority: 'low' });
  assert.deepEqual(diff('mvp_scope', before, after).patch,
    [{ op: 'add', path: '/core_features/1', value: after.core_features[1] }]);

  const reordered = structuredClone(before);
  reordered.core_features.reverse();
  const { patch } = diff('mvp_scope', before, reordered);
  assert.ok(patch.every((op) => op.op === 'move'));
  assert.equal(patch.length, before.core_features.length - 1);

  const trimmed = structuredClone(before);
  delete trimmed.scalability_plan;
  const sections = diff('mvp_scope', before, trimmed).sections;
  assert.equal(sections.find((s) => s.id === 'scalability_plan').change, 'removed');
  assert.ok(diff('mvp_scope', null, before).sections.every((s) => s.change === 'added'));
});

test('word diff: empty strings, emoji and CJK never split', () => {
  assert.deepEqual(wordDiff('', ''), []);
  assert.deepEqual(wordDiff('', 'new'), [{ op: 'insert', text: 'new' }]);
  const pieces = wordDiff('在庫管理 👩‍💻 café', '在庫整理 👩‍💻 cafés');
  assert.equal(rebuilt(pieces, 'insert'), '在庫管理 👩‍💻 café');
  assert.equal(rebuilt(pieces, 'delete'), '在庫整理 👩‍💻 cafés');
  for (const piece of pieces) assert.equal(piece.text.isWellFormed(), true);
  assert.deepEqual(pieces.filter((p) => p.op === 'delete').map((p) => p.text), ['管', 'café']);
});

test('word diff of a 1 MB prose field with three edits is exact and local', () => {
  let base = '';
  while (base.length < 1 << 20) base += 'We count every item on the shelf before the shop opens. ';
  const edited = base.slice(0, 1000) + 'tally' + base.slice(1005, 500000) +
    'Twice a week we audit the back room. ' + base.slice(500000);
  const pieces = wordDiff(base, edited);
  assert.equal(rebuilt(pieces, 'insert'), base);
  assert.equal(rebuilt(pieces, 'delete'), edited);
  assert.ok(pieces.length <= 10, `${pieces.length} pieces`);
});

test('two unrelated 200 KB texts: word diff under 3 s, wasm memory under 64 MB more', () => {
  const pick = rng(5);
  const text = (words) => {
    let out = '';
    while (out.length < 200 * 1024) out += `${words[pick(words.length)]} `;
    return out;
  };
  const a = text(['alpha', 'beta', 'gamma', 'delta', 'epsilon']);
  const b = text(['one', 'two', 'three', 'four', 'gamma']);
  const memory = wasmMemoryBytes();
  const started = performance.now();
  const pieces = wordDiff(a, b);
  const seconds = (performance.now() - started) / 1000;
  assert.equal(rebuilt(pieces, 'insert'), a);
  assert.equal(rebuilt(pieces, 'delete'), b);
  assert.ok(seconds < 3, `${seconds.toFixed(2)} s`);
  assert.ok(wasmMemoryBytes() - memory < 64 * 1024 * 1024);
});

test('bad input to merge, diff and wordDiff: typed errors, module still usable', () => {
  assert.throws(() => merge(null), InvalidInputError);
  assert.throws(() => merge({ type: 'brief', editedSections: 'all' }), InvalidInputError);
  assert.throws(() => merge({ type: 'deck' }), UnknownArtifactTypeError);
  assert.throws(() => merge({ type: 'brief', base: {}, ours: {}, theirs: {}, editedSections: ['nope'] }),
    (e) => e instanceof InvalidInputError && e.errors[0].type === 'unknown_section');
  const broken = { ...SAMPLE_PLAN.brief, target_user: 7 };
  assert.throws(() => merge({ type: 'brief', base: SAMPLE_PLAN.brief, ours: broken, theirs: SAMPLE_PLAN.brief }),
    (e) => e instanceof ValidationFailedError && e.errors[0].loc.join('.') === 'ours.target_user');
  assert.throws(() => merge({ type: 'brief', ours: 5 }), InvalidInputError);
  assert.throws(() => diff('brief', '{', {}), InvalidInputError);
  // diff refuses invalid content as merge and toMarkdown do: every error, under its side's name.
  assert.throws(() => diff('brief', [], {}),
    (e) => e instanceof ValidationFailedError && e.errors[0].type === 'model_type' && e.errors[0].loc.join('.') === 'before');
  assert.throws(() => diff('brief', SAMPLE_PLAN.brief, broken),
    (e) => e instanceof ValidationFailedError && e.errors[0].loc.join('.') === 'after.target_user');
  assert.throws(() => diff('brief', 3, {}), InvalidInputError);
  assert.throws(() => wordDiff('a', null), InvalidInputError);
  assert.throws(() => wordDiff(1, 'a'), InvalidInputError);
  assert.throws(() => wordDiff('lone \ud800', 'a'), (e) => e instanceof InvalidInputError && /lone surrogate/.test(e.message) && !/JSON/.test(e.message));
  // Documents given as JSON text cannot smuggle request fields.
  const sneaky = '{"target_user":"x"},"force":true,"z":{';
  assert.throws(() => merge({ type: 'brief', base: SAMPLE_PLAN.brief, ours: sneaky, theirs: SAMPLE_PLAN.brief }),
    InvalidInputError);
  assert.equal(validate('brief', SAMPLE_PLAN.brief).ok, true);
  assert.deepEqual(wordDiff('a b', 'a c'), [{ op: 'equal', text: 'a ' }, { op: 'delete', text: 'b' }, { op: 'insert', text: 'c' }]);
});
