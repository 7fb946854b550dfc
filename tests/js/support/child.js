// Runs an ES module snippet in a fresh Node process from the repository root (so the package
// imports itself by name), for tests that change globals which must not leak into other tests.
import { spawnSync } from 'node:child_process';
import { repoRoot } from './fixtures.js';

/** The snippet's stdout parsed as JSON (its last line); throws with stderr if it fails. */
export function runModule(source, { timeout = 60_000 } = {}) {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', source],
    { cwd: repoRoot, encoding: 'utf8', timeout });
  if (run.status !== 0) throw new Error(`child process failed (${run.status ?? run.signal}):\n${run.stderr}${run.stdout}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1));
}
