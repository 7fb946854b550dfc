// The import graph of web/ and the rules it must keep: no cycles, and no import that goes up the
// layer order. Pure functions over {file: [imported files]} so the checks themselves are tested.
import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';

/**
 * The layers of web/, lowest first, each a rank and the files it holds. A file may import its
 * own layer or a lower one. errors.js and registry.js are leaves any layer may import; the
 * entries (the package's exports) may import anything below them.
 */
export const LAYERS = [
  { name: 'leaf', rank: 0, holds: (file) => file === 'errors.js' || file === 'registry.js' },
  { name: 'core', rank: 1, holds: (file) => file === 'core.js' },
  { name: 'operations', rank: 2, holds: (file) => ['operations.js', 'arguments.js', 'results.js', 'stream.js', 'document.js', 'print.js'].includes(file) },
  { name: 'runners', rank: 3, holds: (file) => file.startsWith('runners/') },
  { name: 'store', rank: 4, holds: (file) => file.startsWith('store/') },
  { name: 'pipeline', rank: 5, holds: (file) => file === 'pipeline.js' || file.startsWith('sync/') || file.startsWith('backup/') },
  {
    name: 'entry', rank: 6,
    holds: (file) => file === 'index.js' || file === 'diagnostics.js' || file.startsWith('testing/'),
  },
  // cofounder-artifacts/react: an entry of its own above the others, so that no file of the package
  // may import it (the main entry's bundle holds nothing of React).
  { name: 'react', rank: 7, holds: (file) => file.startsWith('react/') },
];

/** The layer of a file (path relative to web/, with '/'), or undefined. */
export function layerOf(file) {
  return LAYERS.find((layer) => layer.holds(file));
}

// Comments go first so that an import quoted in a comment is not read as one. Strings are left
// alone; a `//` inside one only ends the line early, which no import spans.
function withoutComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/^\s*\/\/.*$/gm, '').replace(/([;,{}()])\s*\/\/.*$/gm, '$1');
}

const IMPORT_PATTERNS = [
  /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*(['"])(.+?)\1/gm,  // import x from '...', export {x} from '...'
  /^\s*import\s*(['"])(.+?)\1/gm,                              // import '...'
  /\bimport\s*\(\s*(['"])(.+?)\1\s*\)/g,                       // import('...')
];

/** Every module specifier `source` imports or re-exports, statically or dynamically. */
export function importSpecifiers(source) {
  const text = withoutComments(source);
  const found = [];
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of text.matchAll(pattern)) found.push(match[2]);
  }
  return found;
}

/**
 * The graph of relative imports between files: `sources` maps a file (relative to the root, '/'
 * separated) to its text; an import that leaves the root (e.g. '../dist/') is not an edge, one
 * that stays inside is, whether or not the file is in `sources`.
 */
export function importGraph(sources) {
  const graph = {};
  for (const [file, source] of Object.entries(sources)) {
    graph[file] = [];
    for (const specifier of importSpecifiers(source)) {
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      if (!target.startsWith('../')) graph[file].push(target);
    }
  }
  return graph;
}

/** Each import cycle once, as the files along it with the first repeated at the end. */
export function findCycles(graph) {
  const cycles = [];
  const state = new Map();  // file -> 'open' while on the path, 'done' after
  const path = [];
  const visit = (file) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph[file] ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of Object.keys(graph).sort()) if (!state.has(file)) visit(file);
  return cycles;
}

/** Messages for every import that goes up the layer order or touches a file in no layer. */
export function layerViolations(graph) {
  const problems = [];
  for (const [file, targets] of Object.entries(graph)) {
    const from = layerOf(file);
    if (!from) {
      problems.push(`web/${file} is in no layer: add it to LAYERS in tests/js/support/layers.js`);
      continue;
    }
    for (const target of targets) {
      const to = layerOf(target);
      if (!to) {
        problems.push(`web/${file} imports web/${target}, which is in no layer`);
      } else if (to.rank > from.rank) {
        problems.push(`web/${file} (${from.name}) imports web/${target} (${to.name}): an import up the layer order ${LAYERS.map((l) => l.name).join(' < ')}`);
      }
    }
  }
  return problems;
}

/** The text of every .js file under `dir` (a file URL), keyed by its path below it; `skip` names
 * top-level folders to leave out. */
export function readSources(dir, { skip = [] } = {}) {
  const sources = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const full = posix.join(entry.parentPath ?? entry.path, entry.name);
    const file = posix.relative(new URL(dir).pathname, full);
    if (skip.some((folder) => file === folder || file.startsWith(`${folder}/`))) continue;
    sources[file] = readFileSync(full, 'utf8');
  }
  return sources;
}
