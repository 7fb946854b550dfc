// Minifies the module's JS loader in place (dist/artifacts-core.js). Emscripten 3.1.6 only strips
// its whitespace without Closure (which needs Java and breaks embind's names); names mangled by
// rolldown's minifier take a third off the gzip size the page downloads.
import { readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'rolldown/experimental';

const loader = new URL('../dist/artifacts-core.js', import.meta.url);
const source = readFileSync(loader, 'utf8');
const { code, errors } = await minify('artifacts-core.js', source, { compress: true, mangle: true });
if (errors?.length) {
  console.error(errors);
  process.exit(1);
}
writeFileSync(loader, code);
