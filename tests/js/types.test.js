// The hand-written index.d.ts and the generated content types compile against a consumer file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function tsc(project) {
  return spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project],
    { cwd: root, encoding: 'utf8' });
}

test('the published TypeScript types compile with a typical consumer (tsc --strict)', () => {
  const run = tsc('tests/types/tsconfig.json');
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test('one Runner type: the main entry and /testing name the same contract', () => {
  // Inside the package folder (build/ is ignored), so 'cofounder-artifacts' resolves to itself.
  mkdirSync(join(root, 'build'), { recursive: true });
  const dir = mkdtempSync(join(root, 'build', 'runner-types-'));
  try {
    writeFileSync(join(dir, 'runner.ts'), `
      import type { Runner } from 'cofounder-artifacts';
      import { RunnerFake, type Runner as TestingRunner } from 'cofounder-artifacts/testing';
      type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
      export const same: Same<Runner, TestingRunner> = true;
      export const fake: Runner = new RunnerFake();
      // A runner that hands back an LLM's JSON text: the pipeline validates whatever comes back.
      export const text: TestingRunner = { generateArtifact: async (type) => JSON.stringify({ type }) };
    `);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      extends: '../../tests/types/tsconfig.json', files: ['runner.ts'],
    }));
    const run = tsc(join(dir, 'tsconfig.json'));
    assert.equal(run.status, 0, run.stdout + run.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
