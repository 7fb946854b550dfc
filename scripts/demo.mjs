// `npm run demo`: the package on the sample plan, in Node, as a frontend uses it.
import { init, validate, gate, migrate, ARTIFACTS, GENERATION_ORDER, Tier } from 'cofounder-artifacts';
import { RunnerFake } from 'cofounder-artifacts/testing';

const started = performance.now();
await init();
console.log(`cofounder-artifacts: WebAssembly core ready in ${(performance.now() - started).toFixed(1)} ms\n`);

const runner = new RunnerFake({ latencyMs: 0 });
const plan = await runner.generateArtifacts({ idea: 'An inventory tracker for small independent shops' });
console.log('RunnerFake generated the plan for "StockPilot", in GENERATION_ORDER:');
for (const type of GENERATION_ORDER) {
  const t0 = performance.now();
  const result = validate(type, plan[type]);
  const ms = performance.now() - t0;
  console.log(`  ${ARTIFACTS[type].title.padEnd(22)} ${result.ok ? 'valid' : 'INVALID'} ` +
    `(${JSON.stringify(plan[type]).length} bytes, validated in ${ms.toFixed(2)} ms)`);
}

console.log('\nWhat each tier sees of the Risk Log:');
for (const tier of Object.values(Tier)) {
  const { value, locked } = gate('risk_log', plan.risk_log, tier);
  const visible = Object.keys(value).filter((k) => !k.startsWith('_'));
  console.log(`  ${tier.padEnd(12)} ${visible.join(', ')}${locked.length ? `  [locked: ${locked.join(', ')}]` : ''}`);
}

const edited = structuredClone(plan.milestones);
edited.milestones[1].estimated_weeks = 0;
edited.milestones[3].success_criteria = 'ten paying shops';
edited.total_duration_weeks = '4 weeks';
console.log('\nA founder\'s broken edit of the Milestones, every error at once (Pydantic-style):');
for (const error of validate('milestones', edited).errors) {
  console.log(`  ${error.loc.join('.').padEnd(34)} ${error.type.padEnd(20)} ${error.msg}`);
}

const legacy = structuredClone(plan.brief);
delete legacy._schema_version;
const migrated = migrate('brief', legacy);
console.log(`\nLegacy content migrated from _schema_version ${migrated.fromVersion} to ${migrated.toVersion}.`);
