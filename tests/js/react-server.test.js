// Server rendering: the package, its React bindings and the example's components imported in Node
// and rendered with react-dom/server render their loading state, and nothing touches wasm or
// IndexedDB (checked in a child process whose globals trap both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, 'build', 'react-ssr');

// Run in a fresh process: every way into wasm or IndexedDB is recorded.
const CHECK = `
const touched = [];
for (const name of ['indexedDB', 'IDBFactory', 'IDBRequest', 'IDBDatabase']) {
  Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return undefined; } });
}
for (const name of ['instantiate', 'instantiateStreaming', 'compile', 'compileStreaming', 'validate']) {
  const original = WebAssembly[name];
  WebAssembly[name] = (...args) => { touched.push('WebAssembly.' + name); return original.apply(WebAssembly, args); };
}
const { createElement: h, StrictMode } = await import('react');
const { renderToString } = await import('react-dom/server');
const artifacts = await import('cofounder-artifacts');
const bindings = await import('cofounder-artifacts/react');
const { App } = await import('./App.js');

function Hooks() {
  const artifact = bindings.useArtifact('p', 'brief');
  const project = bindings.useProject('p');
  const ids = bindings.useProjectIds();
  const validation = bindings.useValidation('brief', '{}');
  const versions = bindings.useVersionDiff('p', 'brief');
  const generation = bindings.useGeneration('p');
  const sync = bindings.useSyncStatus();
  const store = bindings.useArtifactStore();
  return h('p', null, [artifact.status, project.status, ids.status, String(validation), versions.status,
    generation.status, String(sync), store.status].join(' '));
}
const hooks = renderToString(h(StrictMode, null, h(bindings.ArtifactsProvider, { name: 'plans' }, h(Hooks))));
const app = renderToString(h(App));
await new Promise((resolve) => setTimeout(resolve, 50));
console.log(JSON.stringify({ hooks, app, touched, initialized: artifacts.isInitialized() }));
`;

test('react-dom/server renders the hooks and the example loading, touching neither wasm nor IndexedDB', async () => {
  // The example's .tsx compiled for Node by Vite; the package and React stay imports.
  await build({
    configFile: false,
    root: join(root, 'examples', 'react'),
    logLevel: 'error',
    build: {
      ssr: 'src/App.tsx', outDir: out, emptyOutDir: true, target: 'node20',
      rollupOptions: { external: [/^cofounder-artifacts(\/|$)/, /^react(-dom)?(\/|$)/], output: { entryFileNames: 'App.js' } },
    },
  });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'check.mjs'), CHECK);
  // Inside the package folder, 'cofounder-artifacts' resolves to itself through its exports map.
  const result = JSON.parse(execFileSync(process.execPath, [join(out, 'check.mjs')], { cwd: out, encoding: 'utf8' }));
  assert.deepEqual(result.touched, [], 'nothing read IndexedDB or compiled wasm');
  assert.equal(result.initialized, false);
  assert.equal(result.hooks, '<p>loading loading loading null loading inactive null loading</p>');
  assert.match(result.app, /data-testid="loading"[^>]*>Loading…/);
  const text = result.app.replaceAll('<!-- -->', '');
  assert.match(text, /Projects: loading/);
  assert.match(text, /Loading the plan…/);
  assert.match(text, /Brief: loading/);
  assert.match(text, /Versions: loading/);
  assert.match(result.app, /Sync: off/);
  assert.match(readFileSync(join(root, 'web', 'react', 'index.js'), 'utf8'), /^'use client';/,
    "the entry starts with 'use client' (Next.js renders it on the client too)");
});
