// The editor is a Vite app that imports `cofounder-artifacts` by name, as any frontend would. The
// names resolve through this package's own `exports` map (what Node's self-reference does), so
// the demo uses exactly the entry points a user of the published package gets.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repository = new URL('../../', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('package.json', repository), 'utf8'));

// 'cofounder-artifacts' and 'cofounder-artifacts/testing' -> the files the exports map names.
const packageAliases = Object.entries(packageJson.exports)
  .filter(([, target]) => typeof target === 'object' && target.default)
  .map(([subpath, target]) => ({
    find: new RegExp(`^${packageJson.name}${subpath.slice(1).replace('/', '\\/')}$`),
    replacement: fileURLToPath(new URL(target.default, repository)),
  }));
// The editor's endpoint generator imports 'cofounder-artifacts/runners'. A checkout whose package
// does not export it yet builds against a module that says so (only then: the export wins).
if (!packageJson.exports['./runners']) {
  packageAliases.push({
    find: /^cofounder-artifacts\/runners$/,
    replacement: fileURLToPath(new URL('./src/runners-unavailable.js', import.meta.url)),
  });
}

// Emits sw.js with the list of every file of the build, so the service worker can cache the
// whole app (wasm included) on the first visit and the editor opens with the network off.
function precacheServiceWorker() {
  return {
    name: 'precache-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = ['./', ...Object.keys(bundle).filter((name) => name !== 'sw.js').map((name) => `./${name}`)];
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const template = readFileSync(new URL('./sw.js', import.meta.url), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: template
          .replace('__PRECACHE_FILES__', JSON.stringify(files))
          .replace('__CACHE_VERSION__', JSON.stringify(`editor-${version}`)),
      });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: { alias: packageAliases },
  server: { fs: { allow: [fileURLToPath(repository)] } },
  build: {
    outDir: fileURLToPath(new URL('build/editor', repository)),
    emptyOutDir: true,
    target: 'es2022',
    // Inlined assets would become data: URLs; the .wasm must stay a file for streaming compile.
    assetsInlineLimit: 0,
  },
  plugins: [precacheServiceWorker()],
});
