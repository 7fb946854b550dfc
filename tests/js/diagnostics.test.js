// What ships: the diagnostics entry has only the memory figures, the documents held, the input
// limit and the core's registry; the boundary benchmark's embind hooks live only in the unshipped
// diagnostics build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as diagnostics from 'cofounder-artifacts/diagnostics';
import * as api from 'cofounder-artifacts';

test('cofounder-artifacts/diagnostics exports only what tests read', () => {
  assert.deepEqual(Object.keys(diagnostics).sort(),
    ['MAX_INPUT_BYTES', 'coreRegistry', 'documentCount', 'retainedBufferBytes', 'wasmMemoryBytes']);
  for (const name of ['transferViaEncodeInto', 'transferViaEmbindString', 'validateViaEmbindString']) {
    assert.equal(name in api, false, `${name} is not part of the public API`);
  }
});

test('the shipped module binds no benchmark hooks (embind names are strings in the .wasm)', () => {
  const wasm = readFileSync(new URL('../../dist/artifacts-core.wasm', import.meta.url)).toString('latin1');
  assert.ok(wasm.includes('validateIndexed\0'), 'the binding names are found in the module');
  assert.equal(wasm.includes('validateString\0'), false);
  assert.equal(wasm.includes('stringArgumentLength\0'), false);
});
