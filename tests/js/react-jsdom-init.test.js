// init() under a jsdom environment when a tool has transformed web/core.js the way vitest does
// (through Vite): the literal `new URL('../dist/artifacts-core.wasm', import.meta.url)` becomes an
// http: URL on jsdom's origin that nothing serves. The loader must still read the .wasm from disk.
import 'global-jsdom/register';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);
const copy = fileURLToPath(new URL('build/vitest-core/', root));

test('init() under jsdom reads the .wasm from disk though the asset URL was rewritten to http:', async () => {
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(join(copy, 'web'), { recursive: true });
  mkdirSync(join(copy, 'dist'), { recursive: true });
  copyFileSync(new URL('dist/artifacts-core.wasm', root), join(copy, 'dist', 'artifacts-core.wasm'));
  const source = readFileSync(new URL('web/core.js', root), 'utf8');
  const literal = "new URL('../dist/artifacts-core.wasm', import.meta.url)";
  assert.ok(source.includes(literal), 'core.js names the asset as bundlers expect');
  // What vitest's jsdom environment makes of it (seen with vitest 4.1 and jsdom 28).
  const rewritten = source
    .replace(literal, "new URL('/@fs/work/dist/artifacts-core.wasm', 'http://localhost:3000/')")
    .replaceAll("'../dist/", `'${new URL('dist/', root).href}`)
    .replaceAll("'./errors.js'", `'${new URL('web/errors.js', root).href}'`);
  writeFileSync(join(copy, 'web', 'core.js'), rewritten);
  assert.equal(typeof window, 'object', 'a jsdom window is the global');
  const core = await import(new URL('web/core.js', `file://${copy}`).href);
  await core.init();
  assert.equal(core.isInitialized(), true);
  rmSync(copy, { recursive: true, force: true });
});
