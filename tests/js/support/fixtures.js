// The shared fixtures (tests/fixtures), read by the JS suites exactly as the native ones do.
import { readFileSync } from 'node:fs';

export const fixturesDir = new URL('../../fixtures/', import.meta.url);
export const repoRoot = new URL('../../../', import.meta.url);

export function readFixture(relative) {
  return readFileSync(new URL(relative, fixturesDir), 'utf8');
}

export const planText = (type) => readFixture(`plan/${type}.json`);
export const plan = (type) => JSON.parse(planText(type));

/** Pydantic's verdicts (tools/pydantic_reference.py). */
export const expectedCases = () => JSON.parse(readFixture('validation/expected.json')).cases;
