// The package as published: `npm pack`, install the tarball into an empty folder, import it by
// name from there and use it. Only what the `files` whitelist ships is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPackedPackage } from './support/pack.js';

test('the packed tarball installs into an empty folder and works there', () => {
  const installed = installPackedPackage();
  try {
    assert.ok(installed.files.includes('dist/artifacts-core.wasm'));
    assert.ok(installed.files.includes('web/index.d.ts'));
    for (const file of installed.files) {
      assert.match(file, /^(web\/|dist\/|package\.json$|README\.md$|LICENSE$)/, `unexpected ${file} in the package`);
    }
    writeFileSync(join(installed.app, 'main.js'), `
      import { init, validate, gate, ArtifactType } from 'cofounder-artifacts';
      import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
      import { openAIChatRunner } from 'cofounder-artifacts/runners';
      await init();
      if (typeof openAIChatRunner({ model: 'm' }).streamArtifact !== 'function') throw new Error('runners');
      const ok = validate(ArtifactType.BRIEF, SAMPLE_PLAN.brief, { tier: 'partner' });
      const bad = validate('milestones', '{"milestones": 3}');
      const gated = gate('brief', SAMPLE_PLAN.brief, 'bootstrapper');
      console.log(JSON.stringify({ ok: ok.ok, warnings: ok.warnings.length,
        errors: bad.errors.map((e) => e.type + ':' + e.loc.join('.')), locked: gated.locked }));
    `);
    const output = JSON.parse(execFileSync('node', ['main.js'], { cwd: installed.app, encoding: 'utf8' }));
    assert.deepEqual(output, {
      ok: true, warnings: 1,
      errors: ['list_type:milestones', 'missing:critical_path', 'missing:total_duration_weeks'],
      locked: ['market_analysis', 'competitive_strategy'],
    });
    assert.deepEqual(readdirSync(join(installed.app, 'node_modules', 'cofounder-artifacts')).sort(),
      ['LICENSE', 'README.md', 'dist', 'package.json', 'web']);
  } finally {
    installed.remove();
  }
});
