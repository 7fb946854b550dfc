// web/ is layered one way: core.js < operations.js < runners/ < store/ < pipeline.js < the entries
// (index.js, diagnostics.js, testing/), with errors.js and registry.js as leaves. No import
// cycle, no import up the order. The checker is tested too, on graphs that break the rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  findCycles, importGraph, importSpecifiers, layerViolations, readSources,
} from './support/layers.js';

const web = new URL('../../web/', import.meta.url);

function describe(cycles) {
  return cycles.map((cycle) => cycle.map((file) => `web/${file}`).join(' -> ')).join('\n');
}

test('web/ (without demo/) has no import cycle and no import up the layer order', () => {
  const graph = importGraph(readSources(web, { skip: ['demo'] }));
  assert.ok(Object.keys(graph).length >= 10, 'the web/ sources were found');
  assert.ok(graph['index.js'].includes('core.js'), 'the imports of web/index.js were read');
  const cycles = findCycles(graph);
  assert.equal(cycles.length, 0, `import cycles in web/:\n${describe(cycles)}`);
  const violations = layerViolations(graph);
  assert.deepEqual(violations, [], violations.join('\n'));
});

test('web/index.js only re-exports', () => {
  const source = readSources(web, { skip: ['demo'] })['index.js'];
  const statements = source.replace(/^\s*\/\/.*$/gm, '').replace(/export\s*\{[^}]*\}\s*from\s*'[^']+';/g, '').trim();
  assert.equal(statements, '', `web/index.js has code besides re-exports:\n${statements}`);
});

test('the import reader finds static, re-export, bare and dynamic imports, and skips comments', () => {
  const source = `
    import { a,
      b } from './a.js';
    import c from "../c.js";
    export { d } from './d.js';
    export * from './e.js';
    import './f.js';
    const g = await import('./g.js');
    // import { h } from './h.js';
    /* import('./i.js') */
    const fs = await import(/* @vite-ignore */ name);
    import { j } from 'idb';
  `;
  assert.deepEqual(importSpecifiers(source).sort(),
    ['../c.js', './a.js', './d.js', './e.js', './f.js', './g.js', 'idb'].sort());
});

test('the graph keeps relative imports inside the root, resolved against the importer', () => {
  const graph = importGraph({
    'store/store.js': "import { x } from '../index.js';\nimport y from '../../dist/registry.js';\nimport 'idb';",
    'index.js': "export { ArtifactStore } from './store/store.js';",
  });
  assert.deepEqual(graph, { 'store/store.js': ['index.js'], 'index.js': ['store/store.js'] });
});

test('the checks fail on the old cycle: index.js <-> store/store.js and pipeline.js', () => {
  // How web/ was before it was layered: the entry re-exported the store and the pipeline, which
  // imported the entry back for the operations.
  const graph = importGraph({
    'index.js': "import { call } from './core.js';\nexport { ArtifactStore } from './store/store.js';\nexport { generateAll } from './pipeline.js';",
    'core.js': "import { InvalidInputError } from './errors.js';",
    'errors.js': '',
    'store/store.js': "import { diff, merge } from '../index.js';",
    'pipeline.js': "import { diff } from './index.js';\nimport { mergeInto } from './store/store.js';",
  });
  const cycles = describe(findCycles(graph));
  assert.match(cycles, /web\/index\.js -> web\/store\/store\.js -> web\/index\.js/);
  assert.match(cycles, /web\/index\.js -> web\/pipeline\.js -> web\/index\.js/);
  const violations = layerViolations(graph).join('\n');
  assert.match(violations, /web\/store\/store\.js \(store\) imports web\/index\.js \(entry\)/);
  assert.match(violations, /web\/pipeline\.js \(pipeline\) imports web\/index\.js \(entry\)/);
});

test('the checks fail on an import down to up without a cycle, and on a file in no layer', () => {
  const graph = importGraph({
    'core.js': "import { validate } from './operations.js';",
    'operations.js': '',
    'errors.js': "import { init } from './core.js';",
    'helpers.js': "import { ARTIFACTS } from './registry.js';",
    'registry.js': '',
  });
  assert.deepEqual(findCycles(graph), []);
  const violations = layerViolations(graph);
  assert.equal(violations.length, 3, violations.join('\n'));
  assert.match(violations.join('\n'), /web\/core\.js \(core\) imports web\/operations\.js \(operations\)/);
  assert.match(violations.join('\n'), /web\/errors\.js \(leaf\) imports web\/core\.js \(core\)/);
  assert.match(violations.join('\n'), /web\/helpers\.js is in no layer/);
});

test('a self-import and a longer cycle are both found', () => {
  const cycles = findCycles({ 'a.js': ['a.js'], 'b.js': ['c.js'], 'c.js': ['d.js'], 'd.js': ['b.js'] });
  assert.deepEqual(cycles, [['a.js', 'a.js'], ['b.js', 'c.js', 'd.js', 'b.js']]);
});
