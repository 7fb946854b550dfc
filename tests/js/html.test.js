// toHtml and planToHtml through the public package: the same golden files as the native suite
// (tests/golden/html/, written by tests/core/html_test.cpp), hostile text, the errors a caller
// gets, and printPlan outside a browser.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  init, toHtml, planToHtml, printPlan, validate, GENERATION_ORDER, Tier, InvalidInputError,
  PrintUnavailableError, UnknownArtifactTypeError, UnknownTierError, ValidationFailedError,
} from 'cofounder-artifacts';
import { plan, planText } from './support/fixtures.js';

const goldenDir = new URL('../golden/html/', import.meta.url);
const golden = (type, tier) => readFileSync(new URL(`${type}.${tier}.html`, goldenDir), 'utf8');
const STARTUP = 'StockPilot';
const GENERATED = '2025-01-15T09:30:00Z';
const samplePlan = () => Object.fromEntries(GENERATION_ORDER.map((type) => [type, plan(type)]));

before(async () => {
  await init();
});

test('every artifact and the plan match the native goldens, from an object or JSON text', () => {
  let files = 0;
  for (const tier of Object.values(Tier)) {
    const options = { tier, startupName: STARTUP, generatedAt: GENERATED };
    for (const type of GENERATION_ORDER) {
      const expected = golden(type, tier);
      assert.equal(toHtml(type, plan(type), options), expected, `${type} ${tier}`);
      assert.equal(toHtml(type, planText(type), options), expected);
      files += 1;
    }
    assert.equal(planToHtml(samplePlan(), options), golden('plan', tier), `plan ${tier}`);
    files += 1;
  }
  assert.equal(files, 18);
});

test('generatedAt may be a Date; no tier means every section; a variant is not an HTML option', () => {
  const at = new Date(GENERATED);
  assert.equal(toHtml('brief', plan('brief'), { tier: Tier.PARTNER, startupName: STARTUP, generatedAt: at }),
    golden('brief', 'partner').replace(GENERATED, at.toISOString()));
  const all = { startupName: STARTUP, generatedAt: GENERATED };
  const highest = Object.values(Tier).at(-1);
  assert.equal(toHtml('risk_log', plan('risk_log'), all), golden('risk_log', highest));
  assert.equal(toHtml('risk_log', plan('risk_log'), { ...all, variant: 'fancy' }), golden('risk_log', highest));
  assert.equal(toHtml('brief', plan('brief'), { tier: undefined, startupName: null }), toHtml('brief', plan('brief')));
});

test('a plan with a failed artifact skips it; plan contents may be JSON text', () => {
  const contents = samplePlan();
  contents[GENERATION_ORDER[1]] = null;
  contents[GENERATION_ORDER[0]] = planText(GENERATION_ORDER[0]);
  const html = planToHtml(contents, { startupName: STARTUP });
  assert.equal((html.match(/<section class="chapter">/g) ?? []).length, GENERATION_ORDER.length - 1);
});

test('hostile text stays text: no tag or URL of the user reaches the document', () => {
  const hostile = '<script>window.__pwned=1</script><img src=x onerror="alert(1)"></style>'
    + ' [x](javascript:alert(2)) <a href=\'javascript:alert(3)\'>a</a> & " \'';
  const brief = plan('brief');
  brief.problem_statement = hostile;
  brief.differentiation_points = [hostile];
  const html = toHtml('brief', brief, { startupName: hostile, generatedAt: hostile });
  assert.equal(html.match(/<script|<img|<a href='/g), null);
  assert.equal((html.match(/<\/style>/g) ?? []).length, 1);
  for (const href of html.matchAll(/href="([^"]*)"/g)) assert.match(href[1], /^#/);
  assert.ok(html.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'));
  assert.ok(html.includes('&lt;a href=&#39;javascript:alert(3)&#39;&gt;a&lt;/a&gt; &amp; &quot; &#39;'));
});

test('bad arguments throw typed errors with stable codes, and a correct call works afterwards', () => {
  const code = (ErrorClass, expected) => (error) => error instanceof ErrorClass && error.code === expected;
  assert.throws(() => toHtml('deck', plan('brief')), code(UnknownArtifactTypeError, 'unknown_artifact_type'));
  assert.throws(() => toHtml(42, plan('brief')), code(InvalidInputError, 'invalid_input'));
  assert.throws(() => toHtml('brief', plan('brief'), { tier: 'gold' }), code(UnknownTierError, 'unknown_tier'));
  assert.throws(() => toHtml('brief', plan('brief'), 'partner'), InvalidInputError);
  assert.throws(() => toHtml('brief', plan('brief'), { startupName: 'a\uD800' }), InvalidInputError);
  assert.throws(() => toHtml('brief', plan('brief'), { startupName: 7 }), InvalidInputError);
  assert.throws(() => toHtml('brief', plan('brief'), { generatedAt: new Date(NaN) }), InvalidInputError);
  assert.throws(() => toHtml('brief', plan('brief'), { get tier() { throw new Error('boom'); } }), InvalidInputError);
  assert.throws(() => toHtml('brief', 17), InvalidInputError);
  assert.throws(() => toHtml('brief', '{not json'), code(InvalidInputError, 'invalid_input'));
  assert.throws(() => planToHtml(null), InvalidInputError);
  assert.throws(() => planToHtml([plan('brief')]), InvalidInputError);
  assert.throws(() => planToHtml({ brief: 3 }), InvalidInputError);
  assert.throws(() => planToHtml({ brief: '{oops' }), InvalidInputError);
  assert.throws(() => planToHtml({ pitch_deck: {} }),
    (error) => error instanceof UnknownArtifactTypeError && error.errors[0].loc[0] === 'pitch_deck');
  assert.throws(() => planToHtml(samplePlan(), { tier: 'gold' }), UnknownTierError);
  assert.equal(toHtml('brief', plan('brief'), { tier: 'partner', startupName: STARTUP, generatedAt: GENERATED }),
    golden('brief', 'partner'));
});

test('invalid content throws ValidationFailedError with every error validate reports', () => {
  const content = plan('milestones');
  content.milestones[2].estimated_weeks = 0;
  content.total_duration_weeks = 'four';
  const expected = validate('milestones', content).errors;
  assert.throws(() => toHtml('milestones', content), (error) => {
    assert.ok(error instanceof ValidationFailedError);
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(error.errors, expected);
    return true;
  });
  const contents = samplePlan();
  contents.mvp_scope.core_features[0].priority = 'urgent';
  assert.throws(() => planToHtml(contents), (error) => {
    assert.deepEqual(error.errors.map((e) => e.loc), [['mvp_scope', 'core_features', 0, 'priority']]);
    return error instanceof ValidationFailedError;
  });
  assert.equal(planToHtml(samplePlan(), { startupName: STARTUP, generatedAt: GENERATED, tier: 'partner' }),
    golden('plan', 'partner'));
});

test('printPlan outside a browser rejects with PrintUnavailableError', async () => {
  await assert.rejects(printPlan(samplePlan()), (error) => {
    assert.ok(error instanceof PrintUnavailableError);
    assert.equal(error.code, 'print_unavailable');
    return true;
  });
});
