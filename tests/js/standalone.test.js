// The repository stands alone: its README, docs, code and comments explain it and name no design
// document or folder outside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const OUTSIDE = [/\.\.\/shared\b/, /\bDESIGN\.md\b/, /\bDESIGN §/, /origin-plan\.md/];

test('no tracked file points at a document outside the repository', () => {
  const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n')
    .filter((file) => file && !file.endsWith('standalone.test.js') && !/^tests\/(fuzz-regressions|golden)\//.test(file));
  assert.ok(files.length > 100, 'tracked files found');
  const found = [];
  for (const file of files) {
    const text = readFileSync(new URL(file, root), 'utf8');
    for (const pattern of OUTSIDE) if (pattern.test(text)) found.push(`${file}: ${pattern}`);
  }
  assert.deepEqual(found, []);
});

test('the README links only to files in the repository, and the architecture notes exist', () => {
  const readme = readFileSync(new URL('README.md', root), 'utf8').replace(/```[\s\S]*?```/g, '');
  for (const [, target] of readme.matchAll(/\]\(([^)#]+)\)/g)) {
    if (/^[a-z]+:/.test(target)) continue;
    assert.doesNotThrow(() => readFileSync(new URL(target, root)), `README links to ${target}`);
  }
  assert.match(readFileSync(new URL('docs/architecture.md', root), 'utf8'), /## The boundary protocol/);
  assert.match(readFileSync(new URL('LICENSE', root), 'utf8'), /MIT License/);
});
