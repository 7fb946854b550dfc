// Packs the package as `npm pack` publishes it and installs the tarball into a new empty app.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './fixtures.js';

/** @returns {{work: string, app: string, files: string[], remove(): void}} */
export function installPackedPackage() {
  const work = mkdtempSync(join(tmpdir(), 'cofounder-artifacts-pack-'));
  // --ignore-scripts: dist/ is already built by the test run; pack ships it as it is.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts',
    '--pack-destination', work], { cwd: fileURLToPath(repoRoot), encoding: 'utf8' }));
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', type: 'module', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error',
    join(work, packed[0].filename)], { cwd: app });
  return {
    work,
    app,
    files: packed[0].files.map((f) => f.path).sort(),
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
}
