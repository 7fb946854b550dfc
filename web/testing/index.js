// Test helpers a frontend can use in its own tests: the fake runner and the sample plan.
export { RunnerFake, RunnerError, SCENARIOS } from './runner-fake.js';
export { SAMPLE_PLAN } from '../../dist/sample-plan.js';
// The database at an older schema version (its upgrade steps as the store runs them), for
// testing upgrades with data in them.
export { openDatabase } from '../store/database.js';
export { DB_VERSION } from '../store/schema.js';
