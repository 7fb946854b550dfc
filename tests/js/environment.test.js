// init() under DOM emulations: jsdom and happy-dom give Node a `window`, and the package must still
// read its .wasm from disk (fetch cannot load file: URLs). Each case runs in its own process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runModule } from './support/child.js';

test('init() works in Node with a window global (as under jsdom or happy-dom)', () => {
  const result = runModule(`
    globalThis.window = globalThis;
    const { init, validate } = await import('cofounder-artifacts');
    try {
      await init();
      console.log(JSON.stringify({ ok: validate('brief', '{}').ok }));
    } catch (error) {
      console.log(JSON.stringify({ error: error.message }));
    }
  `);
  assert.deepEqual(result, { ok: false });
});

test('init() works in Node with window and document globals and a self reference', () => {
  const result = runModule(`
    globalThis.window = globalThis;
    globalThis.self = globalThis;
    globalThis.document = { baseURI: 'http://localhost/', currentScript: null };
    const { init, validate } = await import('cofounder-artifacts');
    const { SAMPLE_PLAN } = await import('cofounder-artifacts/testing');
    try {
      await init();
      console.log(JSON.stringify({ ok: validate('brief', SAMPLE_PLAN.brief).ok }));
    } catch (error) {
      console.log(JSON.stringify({ error: error.message }));
    }
  `);
  assert.deepEqual(result, { ok: true });
});
