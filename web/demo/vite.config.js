// The editor is a Vite app that imports `cofounder-artifacts` by name, as any frontend would. The
// names resolve through this package's own `exports` map (what Node's self-reference does), so
// the demo uses exactly the entry points a user of the published package gets.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { inRepository } from '../../scripts/vite-in-repository.mjs';

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
  ...inRepository(new URL('.', import.meta.url), 'editor'),
  plugins: [precacheServiceWorker()],
});
