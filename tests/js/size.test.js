// The size budget: the .wasm plus its JS loader, gzipped, must stay within 130 KiB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 130 * 1024;
const dist = new URL('../../dist/', import.meta.url);

test(`.wasm + loader gzip within ${BUDGET_BYTES / 1024} KB`, () => {
  const sizes = ['artifacts-core.wasm', 'artifacts-core.js'].map((name) => {
    const bytes = readFileSync(new URL(name, dist));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  console.log(`# size: ${sizes.map((s) => `${s.name} ${s.raw} B raw, ${s.gzip} B gzip`).join('; ')}; total ${total} B gzip`);
  assert.ok(total <= BUDGET_BYTES, `${total} B gzip is over the ${BUDGET_BYTES} B budget`);
});
