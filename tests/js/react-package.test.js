// The packed tarball with React 18 and with React 19: the example (examples/react/) copied into an
// empty app next to the installed package compiles with `tsc --strict` and builds with Vite, and the
// hooks run there under jsdom (StrictMode, a streamed generateAll). One pack, two installs side by
// side; TypeScript and Vite are this repository's, so an install fetches only the package, React,
// React's types and the DOM for Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const example = join(root, 'examples', 'react');

// Runs the bindings for real in the app: StrictMode, the provider, a project and a streamed run.
const RUNTIME_CHECK = `
import 'fake-indexeddb/auto';
import 'global-jsdom/register';
import { createElement as h, StrictMode, version } from 'react';
import { createRoot } from 'react-dom/client';
import { ArtifactsProvider, useGeneration, useProject } from 'cofounder-artifacts/react';
import { RunnerFake } from 'cofounder-artifacts/testing';
let generation;
function App() {
  const project = useProject('p');
  generation = useGeneration('p');
  return h('p', null, project.status + ' ' + (project.records?.length ?? 0) + ' ' + generation.status);
}
const element = document.createElement('div');
document.body.append(element);
const root = createRoot(element);
root.render(h(StrictMode, null, h(ArtifactsProvider, { name: 'check' }, h(App))));
const until = async (check) => {
  for (let i = 0; i < 800 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!check()) throw new Error('timed out at: ' + element.textContent);
};
await until(() => element.textContent === 'ready 0 inactive');
generation.start(new RunnerFake({ stream: true, chunkSize: 256 }));
await until(() => element.textContent === 'ready 5 finished');
root.unmount();
console.log(JSON.stringify({ version, shown: 'ready 5 finished' }));
`;

// Besides React: what the runtime check needs (a DOM and IndexedDB in Node).
const NODE_DOM = ['jsdom@28.1.0', 'global-jsdom@28.0.0', 'fake-indexeddb@6.2.8'];

const REACTS = {
  18: ['react@18.3.1', 'react-dom@18.3.1', '@types/react@18.3.32', '@types/react-dom@18.3.7'],
  19: ['react@19.3.1', 'react-dom@19.3.1', '@types/react@19.3.0', '@types/react-dom@19.3.0'],
};

async function appWith(work, tarball, version) {
  const app = join(work, `react-${version}`);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: `app-react-${version}`, type: 'module', private: true }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline', '-E', tarball, ...REACTS[version], ...NODE_DOM],
    { cwd: app });
  for (const file of ['index.html', 'tsconfig.json', 'src']) cpSync(join(example, file), join(app, file), { recursive: true });
  writeFileSync(join(app, 'runtime-check.mjs'), RUNTIME_CHECK);
  return app;
}

test('the packed package with React 18 and React 19: the example compiles (tsc --strict) and builds (Vite), the hooks run', async () => {
  const work = mkdtempSync(join(tmpdir(), 'cofounder-artifacts-react-'));
  try {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work],
      { cwd: root, encoding: 'utf8' }));
    const files = packed[0].files.map((f) => f.path);
    for (const file of ['web/react/index.js', 'web/react/index.d.ts', 'web/react/record-cache.js']) {
      assert.ok(files.includes(file), `${file} is in the package`);
    }
    const tarball = join(work, packed[0].filename);
    const apps = await Promise.all(Object.keys(REACTS).map((version) => appWith(work, tarball, version)));
    for (const [i, version] of Object.keys(REACTS).entries()) {
      const app = apps[i];
      const typecheck = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
        { cwd: app }).catch((error) => error);
      assert.equal(typecheck.code ?? 0, 0, `React ${version}: tsc --strict\n${typecheck.stdout}${typecheck.stderr}`);
      await run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: app });
      const runtime = await run(process.execPath, ['runtime-check.mjs'], { cwd: app });
      const shown = JSON.parse(runtime.stdout);
      assert.equal(shown.version.split('.')[0], version, `React ${version} ran`);
      assert.equal(shown.shown, 'ready 5 finished');
      const assets = readdirSync(join(app, 'dist', 'assets'));
      assert.ok(assets.some((name) => name.endsWith('.wasm')), `React ${version}: the .wasm among ${assets}`);
      assert.ok(assets.some((name) => name.endsWith('.js')), `React ${version}: the app's script`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
