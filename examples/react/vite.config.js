// The example built inside this repository: 'cofounder-artifacts' and its subpaths resolve through
// the package's own `exports` map (as in web/demo/). Copied elsewhere next to an installed package,
// the example needs no config at all. Vite 8 compiles .tsx itself (Oxc, React's automatic JSX
// runtime): no @vitejs/plugin-react is needed to build (it would add Fast Refresh in dev).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repository = new URL('../../', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('package.json', repository), 'utf8'));
const packageAliases = Object.entries(packageJson.exports)
  .filter(([, target]) => typeof target === 'object' && target.default)
  .map(([subpath, target]) => ({
    find: new RegExp(`^${packageJson.name}${subpath.slice(1).replace('/', '\\/')}$`),
    replacement: fileURLToPath(new URL(target.default, repository)),
  }));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: { alias: packageAliases },
  server: { fs: { allow: [fileURLToPath(repository)] } },
  build: {
    outDir: fileURLToPath(new URL('build/react-example', repository)),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
  },
});
