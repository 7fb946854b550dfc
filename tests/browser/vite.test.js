// Under a bundler: a Vite app that depends on the packed package, built for production and run
// in Chromium. The .wasm must come along as an asset and load from the built app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installPackedPackage } from '../js/support/pack.js';
import { launch } from './support/chromium.js';
import { serve } from './support/server.js';

const vite = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a Vite production build of an app using the package runs in Chromium', async () => {
  const installed = installPackedPackage();
  try {
    writeFileSync(join(installed.app, 'index.html'),
      '<!doctype html><meta charset="utf-8"><script type="module" src="/main.js"></script>');
    writeFileSync(join(installed.app, 'main.js'), `
      import { init, validate, jsonSchema } from 'cofounder-artifacts';
      import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
      await init();
      window.result = {
        ok: validate('mvp_scope', SAMPLE_PLAN.mvp_scope).ok,
        title: jsonSchema('mvp_scope').title,
      };
    `);
    execFileSync('node', [vite, 'build', '--logLevel', 'error'], { cwd: installed.app });
    const assets = readdirSync(join(installed.app, 'dist', 'assets'));
    assert.ok(assets.some((name) => name.endsWith('.wasm')), `no .wasm among ${assets}`);

    const server = await serve(pathToFileURL(join(installed.app, 'dist') + '/'));
    try {
      const page = await browser.newPage();
      await page.goto(server.url + '/index.html');
      await page.waitForFunction(() => window.result !== undefined, null, { timeout: 20000 });
      assert.deepEqual(await page.evaluate(() => window.result), { ok: true, title: 'MVP Scope' });
      assert.ok(server.requests.some((path) => path.endsWith('.wasm')));
      await page.close();
    } finally {
      await server.close();
    }
  } finally {
    installed.remove();
  }
});
