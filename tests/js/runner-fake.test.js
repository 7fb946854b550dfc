// The original plan's tests 11-17 (RunnerFake), plus the cross-references between artifacts.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { init, validate, GENERATION_ORDER, Tier } from 'cofounder-artifacts';
import { RunnerFake, RunnerError, SAMPLE_PLAN } from 'cofounder-artifacts/testing';

before(() => init());

test('generateArtifacts returns all five types', async () => {
  const artifacts = await new RunnerFake().generateArtifacts({ idea: 'inventory tracker' });
  assert.deepEqual(Object.keys(artifacts), [...GENERATION_ORDER]);
});

for (const type of ['brief', 'mvp_scope', 'milestones', 'risk_log', 'how_it_works']) {
  test(`generated ${type} matches its schema at every tier, with every tier's sections`, async () => {
    const content = await new RunnerFake().generateArtifact(type, {}, {});
    for (const tier of Object.values(Tier)) {
      const result = validate(type, content, { tier, strict: true });
      assert.equal(result.ok, true, JSON.stringify(result.errors));
    }
    const full = validate(type, content, { tier: Tier.BOOTSTRAPPER });
    assert.equal(full.warnings.filter((w) => w.type === 'tier_locked').length, 2,
      'business and strategic sections are generated');
    assert.equal(content._schema_version, 1);
  });
}

test('llm_failure rejects with an Error', async () => {
  const runner = new RunnerFake({ scenario: 'llm_failure' });
  await assert.rejects(runner.generateArtifacts({}), (error) => {
    assert.ok(error instanceof Error);
    assert.ok(error instanceof RunnerError);
    assert.match(error.message, /LLM failure/);
    return true;
  });
});

test('rate_limited rejects with an Error carrying status 429', async () => {
  await assert.rejects(new RunnerFake({ scenario: 'rate_limited' }).generateArtifact('brief'),
    (error) => error instanceof Error && error.status === 429);
});

test('failTypes makes only those types fail', async () => {
  const runner = new RunnerFake({ scenario: 'llm_failure', failTypes: ['risk_log'] });
  assert.ok(await runner.generateArtifact('milestones'));
  await assert.rejects(runner.generateArtifact('risk_log'));
});

test('the linear chain: each call gets the artifacts before it', async () => {
  const runner = new RunnerFake();
  await runner.generateArtifacts({ idea: 'x' });
  assert.deepEqual(runner.calls.map((c) => Object.keys(c.priorArtifacts)),
    [[], ['brief'], ['brief', 'mvp_scope'], ['brief', 'mvp_scope', 'milestones'],
      ['brief', 'mvp_scope', 'milestones', 'risk_log']]);
  assert.deepEqual(runner.calls[0].context, { idea: 'x' });
});

test('latency delays and an abort signal cancels', async () => {
  const runner = new RunnerFake({ latencyMs: 30 });
  const started = performance.now();
  await runner.generateArtifact('brief');
  assert.ok(performance.now() - started >= 25);
  const controller = new AbortController();
  const pending = runner.generateArtifact('brief', {}, {}, { signal: controller.signal });
  controller.abort(new Error('stop'));
  await assert.rejects(pending, /stop/);
});

test('returned content is a copy: changing it does not change the next generation', async () => {
  const runner = new RunnerFake();
  const first = await runner.generateArtifact('brief');
  first.problem_statement = 'changed';
  assert.notEqual((await runner.generateArtifact('brief')).problem_statement, 'changed');
});

test('unknown scenario is refused', () => {
  assert.throws(() => new RunnerFake({ scenario: 'sunny' }), TypeError);
});

test('the content is in the co-founder "we" voice', () => {
  for (const type of GENERATION_ORDER) {
    assert.match(JSON.stringify(SAMPLE_PLAN[type]), /\b[Ww]e\b/, type);
  }
});

test('cross-references: MVP scope cites the brief, milestones cite features, risks and how-it-works cite milestones', () => {
  const { brief, mvp_scope: mvp, milestones, risk_log: risks, how_it_works: how } = SAMPLE_PLAN;
  const quoted = [...JSON.stringify(mvp).matchAll(/\\"([^"\\]{12,})\\"/g)].map((m) => m[1]);
  assert.ok(quoted.some((q) => brief.value_proposition.includes(q)),
    'MVP scope quotes the brief\'s value proposition');

  const features = mvp.core_features.map((f) => f.name);
  for (const milestone of milestones.milestones) {
    assert.ok(features.some((name) => milestone.description.includes(name)),
      `milestone "${milestone.title}" names an MVP feature`);
  }
  const titles = milestones.milestones.map((m) => m.title);
  for (const step of milestones.critical_path) assert.ok(titles.includes(step), step);

  const allRisks = [...risks.technical_risks, ...risks.market_risks, ...risks.execution_risks,
    ...risks.financial_risks, ...risks.strategic_risks];
  const citing = allRisks.filter((r) => titles.some((t) => (r.description + r.mitigation).includes(t)));
  assert.ok(citing.length >= 3, 'at least three risks name a milestone');

  const journey = how.user_journey.map((s) => s.description).join(' ');
  assert.ok(features.filter((name) => journey.includes(name)).length >= 3, 'journey names features');
  assert.ok(titles.some((t) => (how.architecture + how.data_flow).includes(t)),
    'how-it-works names a milestone');
});
