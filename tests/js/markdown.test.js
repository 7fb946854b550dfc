// toMarkdown and planToMarkdown through the public package: the same golden files as the native
// suite (tests/golden/markdown/, written by tests/core/markdown_test.cpp), the options as JS
// passes them, and the errors a caller gets.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  init, toMarkdown, planToMarkdown, validate, GENERATION_ORDER, Tier, InvalidInputError,
  UnknownArtifactTypeError, UnknownTierError, ValidationFailedError,
} from 'cofounder-artifacts';
import { plan, planText } from './support/fixtures.js';

const goldenDir = new URL('../golden/markdown/', import.meta.url);
const golden = (type, variant, tier) => readFileSync(new URL(`${type}.${variant}.${tier}.md`, goldenDir), 'utf8');
const STARTUP = 'StockPilot';
const GENERATED = '2025-01-15T09:30:00Z';
const VARIANTS = ['readable', 'technical'];
const samplePlan = () => Object.fromEntries(GENERATION_ORDER.map((type) => [type, plan(type)]));

before(async () => {
  await init();
});

test('every artifact matches the native goldens, from an object or JSON text', () => {
  let files = 0;
  for (const type of GENERATION_ORDER) {
    for (const variant of VARIANTS) {
      for (const tier of Object.values(Tier)) {
        const options = { variant, tier, startupName: STARTUP, generatedAt: GENERATED };
        const expected = golden(type, variant, tier);
        assert.equal(toMarkdown(type, plan(type), options), expected, `${type} ${variant} ${tier}`);
        assert.equal(toMarkdown(type, planText(type), options), expected);
        files += 1;
      }
    }
  }
  assert.equal(files, 30);
});

test('the combined plan matches the native goldens', () => {
  for (const variant of VARIANTS) {
    for (const tier of Object.values(Tier)) {
      const options = { variant, tier, startupName: STARTUP, generatedAt: GENERATED };
      assert.equal(planToMarkdown(samplePlan(), options), golden('plan', variant, tier), `${variant} ${tier}`);
    }
  }
});

test('generatedAt may be a Date; no tier means every section; no options means readable', () => {
  const at = new Date(GENERATED);
  assert.equal(
    toMarkdown('brief', plan('brief'), { variant: 'technical', tier: 'partner', startupName: STARTUP, generatedAt: at }),
    golden('brief', 'technical', 'partner').replace(GENERATED, at.toISOString()));
  assert.equal(toMarkdown('risk_log', plan('risk_log'), { variant: 'technical', startupName: STARTUP, generatedAt: GENERATED }),
    golden('risk_log', 'technical', 'cto_scale'));
  const plain = toMarkdown('brief', plan('brief'));
  assert.ok(plain.startsWith('# Product Brief\n\n_The problem we solve'));
  assert.equal(toMarkdown('brief', plan('brief'), { variant: null, tier: undefined }), plain);
});

test('a plan with a failed artifact skips it, and plan contents may be JSON text', () => {
  const contents = samplePlan();
  contents.brief = planText('brief');
  contents.mvp_scope = null;
  delete contents.risk_log;
  const md = planToMarkdown(contents, { variant: 'technical' });
  assert.match(md, /^artifacts: \[brief, milestones, how_it_works\]$/m);
  assert.doesNotMatch(md, /## MVP Scope/);
  assert.doesNotMatch(md, /\(#phone-camera-scanning\)/, 'no link to an artifact that is not there');
  assert.match(md, /\*\*Builds on:\*\* \[Product Brief\]\(#product-brief\)\n/);
  assert.equal(planToMarkdown({}, { startupName: STARTUP }), '# StockPilot — Founder Plan\n');
});

test('hostile text stays literal, in prose, headings, Mermaid labels and front matter', () => {
  const brief = plan('brief');
  brief.problem_statement = '<img src=x onerror=alert(1)>\n# not a heading\n1. [x](javascript:alert(1)) | `y`';
  const text = toMarkdown('brief', brief, { startupName: 'Evil "Co"\n---\nowned: true' });
  assert.match(text, /\n\\<img src=x onerror=alert\(1\)>\\\n\\# not a heading\\\n1\\\. \\\[x\\\]\(javascript:alert\(1\)\) \\\| \\`y\\`\n/);
  assert.ok(text.startsWith('# Evil "Co" --- owned: true — Product Brief\n'));
  const front = toMarkdown('brief', plan('brief'), { variant: 'technical', startupName: 'Evil "Co"\n---\nowned: true' });
  assert.ok(front.startsWith('---\nartifact_type: brief\nstartup: "Evil \\"Co\\" --- owned: true"\ntier: cto_scale\n---\n'));
  const journey = plan('how_it_works');
  journey.user_journey[0].title = 'Say "hi"]) --> evil;';
  assert.match(toMarkdown('how_it_works', journey, { variant: 'technical' }),
    /\n {2}step1\["1\. Say #quot;hi#quot;\]\) --#gt; evil#59;"\]\n/);
});

test('bad arguments throw typed errors, and a correct call works afterwards', () => {
  assert.throws(() => toMarkdown('deck', plan('brief')), UnknownArtifactTypeError);
  assert.throws(() => toMarkdown(42, plan('brief')), InvalidInputError);
  assert.throws(() => toMarkdown('brief', plan('brief'), { tier: 'gold' }), UnknownTierError);
  assert.throws(() => toMarkdown('brief', plan('brief'), { variant: 'fancy' }),
    (error) => error instanceof InvalidInputError && error.errors[0].type === 'unknown_variant');
  assert.throws(() => toMarkdown('brief', plan('brief'), { variant: 1 }), InvalidInputError);
  assert.throws(() => toMarkdown('brief', plan('brief'), 'technical'), InvalidInputError);
  assert.throws(() => toMarkdown('brief', plan('brief'), { startupName: 'a\uD800' }), InvalidInputError);
  assert.throws(() => toMarkdown('brief', plan('brief'), { generatedAt: new Date(NaN) }), InvalidInputError);
  assert.throws(() => toMarkdown('brief', plan('brief'), {
    get variant() { throw new Error('boom'); },
  }), InvalidInputError);
  assert.throws(() => toMarkdown('brief', 17), InvalidInputError);
  assert.throws(() => toMarkdown('brief', '{not json'), InvalidInputError);
  assert.throws(() => planToMarkdown(null), InvalidInputError);
  assert.throws(() => planToMarkdown([plan('brief')]), InvalidInputError);
  assert.throws(() => planToMarkdown({ brief: 3 }), InvalidInputError);
  assert.throws(() => planToMarkdown({ pitch_deck: {} }),
    (error) => error instanceof UnknownArtifactTypeError && error.errors[0].loc[0] === 'pitch_deck');
  assert.throws(() => planToMarkdown({ ['__proto__']: {} }), UnknownArtifactTypeError);
  const cyclic = plan('brief');
  cyclic.self = cyclic;
  assert.throws(() => planToMarkdown({ brief: cyclic }), InvalidInputError);
  assert.equal(toMarkdown('brief', plan('brief'), { variant: 'technical', tier: 'partner', startupName: STARTUP, generatedAt: GENERATED }),
    golden('brief', 'technical', 'partner'));
});

test('invalid content throws ValidationFailedError with every error validate reports', () => {
  const content = plan('milestones');
  content.milestones[2].estimated_weeks = 0;
  content.total_duration_weeks = 'four';
  const expected = validate('milestones', content).errors;
  assert.throws(() => toMarkdown('milestones', content, { variant: 'technical' }), (error) => {
    assert.ok(error instanceof ValidationFailedError);
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(error.errors, expected);
    return true;
  });
  const contents = samplePlan();
  contents.mvp_scope.core_features[0].priority = 'urgent';
  assert.throws(() => planToMarkdown(contents), (error) => {
    assert.ok(error instanceof ValidationFailedError);
    assert.deepEqual(error.errors.map((e) => e.loc), [['mvp_scope', 'core_features', 0, 'priority']]);
    return true;
  });
  assert.equal(planToMarkdown(samplePlan(), { startupName: STARTUP, generatedAt: GENERATED, tier: 'partner' }),
    golden('plan', 'readable', 'partner'));
});
