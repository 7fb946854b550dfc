// cofounder-artifacts/react is an entry of its own: the main entry's import graph holds nothing of
// React, React is an optional peer, and the bytes the bindings add are measured (printed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importSpecifiers } from './support/layers.js';

const web = new URL('../../web/', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

// Every file the entry imports, transitively (inside web/), and every bare specifier on the way.
function importClosure(entry) {
  const files = new Set();
  const bare = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of importSpecifiers(readFileSync(new URL(file, web), 'utf8'))) {
      if (!specifier.startsWith('.')) {
        bare.add(specifier);
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      if (!target.startsWith('../')) visit(target);
    }
  };
  visit(entry);
  return { files: [...files].sort(), bare: [...bare].sort() };
}

test('the main entry imports nothing of React and no file of web/react/', () => {
  for (const entry of ['index.js', 'testing/index.js', 'runners/index.js', 'diagnostics.js']) {
    const { files, bare } = importClosure(entry);
    assert.ok(files.length >= 1);
    assert.deepEqual(files.filter((file) => file.startsWith('react/')), [], `${entry} reaches web/react/`);
    assert.deepEqual(bare.filter((name) => /^react(-dom)?(\/|$)/.test(name)), [], `${entry} imports React`);
  }
  const main = importClosure('index.js');
  assert.ok(main.files.includes('store/store.js') && main.bare.includes('idb'), 'the closure was followed');
  const bindings = importClosure('react/index.js');
  assert.ok(bindings.bare.includes('react'));
  assert.deepEqual(bindings.bare.filter((name) => name !== 'react' && !name.startsWith('../dist/')), ['idb'],
    'the bindings need React and what the package already needs');
});

test('package.json: ./react export with types, files, React and ReactDOM >= 18 as optional peers', () => {
  assert.deepEqual(packageJson.exports['./react'], { types: './web/react/index.d.ts', default: './web/react/index.js' });
  assert.ok(packageJson.files.includes('web/react/*.js') && packageJson.files.includes('web/react/*.d.ts'));
  assert.deepEqual(packageJson.peerDependencies, { react: '>=18', 'react-dom': '>=18' });
  assert.deepEqual(packageJson.peerDependenciesMeta, { react: { optional: true }, 'react-dom': { optional: true } });
  assert.equal(packageJson.dependencies.react, undefined);
});

test('the bytes the React entry adds (gzip of web/react/*.js, printed)', () => {
  const dir = new URL('react/', web);
  const files = readdirSync(dir).filter((name) => name.endsWith('.js')).sort();
  const sources = files.map((name) => readFileSync(new URL(name, dir)));
  const each = files.map((name, i) => `${name} ${gzipSync(sources[i], { level: 9 }).length}`);
  const raw = sources.reduce((sum, bytes) => sum + bytes.length, 0);
  const together = gzipSync(Buffer.concat(sources), { level: 9 }).length;
  console.log(`# React entry: ${files.length} files, ${raw} B raw, ${together} B gzip together (${each.join(', ')} B gzip each)`);
  assert.ok(together < 8 * 1024, `the bindings stay small (${together} B gzip)`);
});
