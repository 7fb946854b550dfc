// The Vite settings shared by the apps built inside this repository (the editor, web/demo/, and
// the React example, examples/react/): 'cofounder-artifacts' and its subpaths resolve through the
// package's own `exports` map (what Node's self-reference does), so an app uses exactly the entry
// points a user of the published package gets; the build goes to build/<name>/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repository = new URL('../', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('package.json', repository), 'utf8'));

// 'cofounder-artifacts', 'cofounder-artifacts/testing', ... -> the files the exports map names.
const packageAliases = Object.entries(packageJson.exports)
  .filter(([, target]) => typeof target === 'object' && target.default)
  .map(([subpath, target]) => ({
    find: new RegExp(`^${packageJson.name}${subpath.slice(1).replace('/', '\\/')}$`),
    replacement: fileURLToPath(new URL(target.default, repository)),
  }));

/** The config of the app in folder `appUrl`, built into build/`name`/. */
export function inRepository(appUrl, name) {
  return {
    root: fileURLToPath(appUrl),
    base: './',
    resolve: { alias: packageAliases },
    server: { fs: { allow: [fileURLToPath(repository)] } },
    build: {
      outDir: fileURLToPath(new URL(`build/${name}`, repository)),
      emptyOutDir: true,
      target: 'es2022',
      // Inlined assets would become data: URLs; the .wasm must stay a file for streaming compile.
      assetsInlineLimit: 0,
    },
  };
}
