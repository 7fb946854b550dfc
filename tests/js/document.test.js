// Documents held open (openDocument) give exactly the stateless answers: validate, setSection's
// share of validate, diff and merge, on every fixture and along 1000 generated edit chains; they
// are freed by dispose() or, dropped, by the FinalizationRegistry; bad input throws typed errors
// and leaves the module usable.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  init, openDocument, validate, diff, merge, GENERATION_ORDER, ARTIFACTS, Tier,
  InvalidInputError, UnknownArtifactTypeError, UnknownTierError, ValidationFailedError,
} from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { documentCount, wasmMemoryBytes } from 'cofounder-artifacts/diagnostics';
import { mutate, rng } from './support/mutate.js';
import { expectedCases, planText, repoRoot } from './support/fixtures.js';

before(() => init());

const TIERS = [undefined, Tier.BOOTSTRAPPER, Tier.PARTNER, Tier.CTO_SCALE];
const sectionIds = (type) => ARTIFACTS[type].sections.map((s) => s.id);

// A result with its (lazy) value read, for deep comparison.
const plain = (result) => ({ ...result, value: result.value });

// The part of a whole validate() result located at `id`.
function sectionShare(whole, id) {
  const at = (issue) => issue.loc[0] === id;
  return { errors: whole.errors.filter(at), warnings: whole.warnings.filter(at) };
}

test('validate of a document is validate of its content, on every plan fixture at every tier', () => {
  for (const type of GENERATION_ORDER) {
    for (const tier of TIERS) {
      for (const content of [SAMPLE_PLAN[type], planText(type)]) {
        const document = openDocument(type, content, { tier });
        for (const strict of [false, true]) {
          assert.deepEqual(plain(document.validate({ strict })), plain(validate(type, content, { tier, strict })),
            `${type} ${tier} strict=${strict}`);
        }
        assert.deepEqual(document.toJSON(), SAMPLE_PLAN[type]);
        assert.equal(document.text, JSON.stringify(SAMPLE_PLAN[type]));
        document.dispose();
      }
    }
  }
});

test('validate of a document is validate of its text on every validation case', () => {
  let opened = 0;
  for (const entry of expectedCases()) {
    for (const tier of TIERS) {
      let document;
      try {
        document = openDocument(entry.model, entry.text, { tier });
      } catch (error) {
        // Only content that is not a JSON object is refused, and with a typed error.
        assert.ok(error instanceof InvalidInputError, `${entry.name}: ${error}`);
        let root;
        try { root = JSON.parse(entry.text); } catch { root = undefined; }
        assert.ok(root === null || typeof root !== 'object' || Array.isArray(root) || !validate(entry.model, entry.text).ok,
          `${entry.name} refused`);
        continue;
      }
      opened += 1;
      for (const strict of [false, true]) {
        const held = plain(document.validate({ strict }));
        const stateless = plain(validate(entry.model, entry.text, { tier, strict }));
        assert.deepEqual(held, stateless, `${entry.name} ${tier} strict=${strict}`);
      }
      document.dispose();
    }
  }
  assert.ok(opened > 400, `${opened} opened`);
});

// A new value for a section: a generated edit, a value of the wrong kind, or a removal.
const ODD_VALUES = [42, 'text', [], {}, true, -1, 1.5, [{ name: 1 }], 'é/\u2028', null, undefined];
function randomValue(type, id, current, pick) {
  const choice = pick(6);
  if (choice === 0) return undefined;
  if (choice === 1) return ODD_VALUES[pick(ODD_VALUES.length)];
  const { content } = mutate(type, { ...SAMPLE_PLAN[type], ...current }, pick, { allowed: [id], edits: 2 });
  return content[id];
}

function applyEdit(object, id, value) {
  if (value === undefined || value === null) delete object[id];
  else object[id] = structuredClone(value);
}

test('1000 generated edit chains: setSection and validate match validate of the edited object, diff and merge match', () => {
  const pick = rng(2026);
  for (let round = 0; round < 200; round += 1) {
    for (const type of GENERATION_ORDER) {
      const tier = TIERS[pick(TIERS.length)];
      const strict = pick(4) === 0;
      const ids = sectionIds(type);
      const object = structuredClone(SAMPLE_PLAN[type]);
      const document = openDocument(type, object, { tier, strict });
      const previous = openDocument(type, object, { tier });
      const previousObject = structuredClone(object);
      for (let step = 0; step < 4; step += 1) {
        const id = ids[pick(ids.length)];
        const value = randomValue(type, id, object, pick);
        const label = `${type} round ${round} step ${step} ${id}`;
        const section = document.setSection(id, value);
        applyEdit(object, id, value);
        const whole = validate(type, object, { tier, strict });
        assert.deepEqual(plain(document.validate()), plain(whole), label);
        assert.deepEqual(document.toJSON(), object, label);
        const share = sectionShare(whole, id);
        assert.deepEqual(section.errors, share.errors, label);
        assert.deepEqual(section.warnings, share.warnings, label);
        assert.equal(section.ok, share.errors.length === 0, label);
        if (whole.ok) assert.deepEqual(section.value ?? undefined, whole.value[id] ?? undefined, label);
        if (step % 2 === 1) {
          let stateless;
          try { stateless = diff(type, previousObject, object); } catch (error) { stateless = error; }
          let held;
          try { held = diff(previous, document); } catch (error) { held = error; }
          assert.deepEqual(held, stateless, `diff ${label}`);
          const request = { base: previousObject, ours: object, theirs: previousObject, editedSections: [id] };
          try { stateless = merge({ type, ...request }); } catch (error) { stateless = error; }
          try { held = merge({ ...request, base: previous, ours: document, theirs: previous }); } catch (error) { held = error; }
          assert.deepEqual(held, stateless, `merge ${label}`);
        }
      }
      document.dispose();
      previous.dispose();
    }
  }
});

test('diff and merge of documents give the stateless answers on generated versions', () => {
  const pick = rng(11);
  for (let round = 0; round < 40; round += 1) {
    for (const type of GENERATION_ORDER) {
      const base = SAMPLE_PLAN[type];
      const { content: ours, changed } = mutate(type, base, pick);
      const { content: theirs } = mutate(type, base, pick);
      const [b, o, t] = [base, ours, theirs].map((content) => openDocument(type, content));
      assert.deepEqual(diff(b, o), diff(type, base, ours));
      assert.deepEqual(diff(type, o, t), diff(type, ours, theirs));
      assert.deepEqual(diff(type, o, theirs), diff(type, ours, theirs), 'a document beside an object');
      const editedSections = [...changed];
      assert.deepEqual(merge({ base: b, ours: o, theirs: t, editedSections }),
        merge({ type, base, ours, theirs, editedSections }));
      assert.deepEqual(merge({ base: null, ours: o, theirs: t, editedSections, force: true }),
        merge({ type, base: null, ours, theirs, editedSections, force: true }));
      assert.deepEqual(merge({ type, base: b, ours, theirs: t, editedSections }),
        merge({ type, base, ours, theirs, editedSections }), 'documents beside objects');
      for (const document of [b, o, t]) document.dispose();
    }
  }
});

test('a document after dispose() throws InvalidInputError; dispose() twice is harmless', () => {
  const document = openDocument('brief', SAMPLE_PLAN.brief);
  const other = openDocument('brief', SAMPLE_PLAN.brief);
  document.dispose();
  document.dispose();
  assert.equal(document.disposed, true);
  for (const use of [
    () => document.validate(), () => document.setSection('target_user', 'x'), () => document.text,
    () => document.toJSON(), () => diff(document, other), () => diff('brief', other, document),
    () => merge({ base: other, ours: document, theirs: other }),
  ]) {
    assert.throws(use, (error) => error instanceof InvalidInputError && error.code === 'invalid_input'
      && /disposed/.test(error.message));
  }
  assert.equal(other.validate().ok, true);
  other.dispose();
});

test('bad input fails with typed errors and the module stays usable', () => {
  assert.throws(() => openDocument('nope', {}), UnknownArtifactTypeError);
  assert.throws(() => openDocument('brief', {}, { tier: 'gold' }), UnknownTierError);
  for (const content of ['{"problem_statement": ', '[1]', 'null', '"text"', '\ud800{}', '\ufeff{}', 42, undefined]) {
    assert.throws(() => openDocument('brief', content), InvalidInputError, String(content));
  }
  assert.throws(() => openDocument('brief', '['.repeat(300) + ']'.repeat(300)), InvalidInputError);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => openDocument('brief', cyclic), InvalidInputError);

  const document = openDocument('brief', SAMPLE_PLAN.brief);
  const text = document.text;
  assert.throws(() => document.setSection('nope', 'x'), InvalidInputError);
  assert.throws(() => document.setSection('__proto__', 'x'), InvalidInputError);
  assert.throws(() => document.setSection(42, 'x'), InvalidInputError);
  assert.throws(() => document.setSection('target_user', cyclic), InvalidInputError);
  assert.throws(() => document.setSection('target_user', 10n), InvalidInputError);
  let deep = [];
  for (let i = 0; i < 250; i += 1) deep = [deep];
  assert.throws(() => document.setSection('target_user', deep), InvalidInputError);
  assert.throws(() => document.setSection('target_user', 'x'.repeat(17 * 1024 * 1024)), InvalidInputError);
  const hostile = { get problem_statement() { throw new Error('getter'); } };
  assert.throws(() => openDocument('brief', hostile), InvalidInputError);
  assert.equal(document.text, text, 'a refused edit leaves the document as it was');

  // A lone surrogate has no UTF-8: the value cannot be held (validate of such content is an
  // invalid_input result too).
  assert.throws(() => document.setSection('target_user', ['\ud800']), InvalidInputError);
  assert.equal(validate('brief', { ...SAMPLE_PLAN.brief, target_user: ['\ud800'] }).errors[0].type, 'json_invalid');
  assert.equal(document.text, text, 'a refused edit leaves the document as it was');
  // Odd but JSON values are validation errors, not refusals.
  const odd = document.setSection('target_user', { nested: ['\u2028', 1e308, -0] });
  assert.equal(odd.ok, false);
  assert.equal(odd.errors[0].type, 'string_type');
  assert.deepEqual(plain(document.validate()), plain(validate('brief', document.toJSON())));
  assert.throws(() => diff(document, openDocument('brief', SAMPLE_PLAN.brief)), ValidationFailedError);
  assert.throws(() => diff(document, openDocument('mvp_scope', SAMPLE_PLAN.mvp_scope)), InvalidInputError);
  document.dispose();
  assert.equal(validate('brief', SAMPLE_PLAN.brief).ok, true, 'the module still works');
});

test('100 000 open/dispose cycles leave wasm memory flat', () => {
  const content = JSON.stringify(SAMPLE_PLAN.brief);
  const cycle = (i) => {
    const document = openDocument('brief', content, { tier: Tier.PARTNER });
    if (i % 100 === 0) {
      document.setSection('market_analysis', 'x'.repeat(i % 1000));
      document.validate();
    }
    document.dispose();
  };
  for (let i = 0; i < 1000; i += 1) cycle(i);
  const memory = wasmMemoryBytes();
  const held = documentCount();
  for (let i = 0; i < 100_000; i += 1) cycle(i);
  assert.equal(wasmMemoryBytes(), memory);
  assert.equal(documentCount(), held);
});

test('documents dropped without dispose() are freed by the FinalizationRegistry', () => {
  const source = `
    import { init, openDocument } from 'cofounder-artifacts';
    import { documentCount } from 'cofounder-artifacts/diagnostics';
    import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
    await init();
    (() => { for (let i = 0; i < 1000; i += 1) openDocument('brief', SAMPLE_PLAN.brief).validate(); })();
    const opened = documentCount();
    for (let i = 0; i < 50 && documentCount() > 0; i += 1) {
      globalThis.gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    console.log(JSON.stringify({ opened, left: documentCount() }));
  `;
  const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', source],
    { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const { opened, left } = JSON.parse(run.stdout.trim().split('\n').at(-1));
  assert.equal(opened, 1000);
  assert.equal(left, 0);
});
