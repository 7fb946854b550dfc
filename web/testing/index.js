// Test helpers a frontend can use in its own tests: the fake runner and the sample plan.
export { RunnerFake, RunnerError, SCENARIOS } from './runner-fake.js';
export { SAMPLE_PLAN } from '../../dist/sample-plan.js';
