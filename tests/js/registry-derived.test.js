// "Derive, don't repeat": no artifact type, tier, generation status, section id, item field,
// cascade rule or model id is written as a string literal in the package's hand-written JS or
// TypeScript (web/, the editor included); all of them come from the core's registry export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { REGISTRY } from '../../dist/registry.js';

const web = new URL('../../web/', import.meta.url);

async function sources(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const url = new URL(entry.name + (entry.isDirectory() ? '/' : ''), dir);
    if (entry.isDirectory()) found.push(...await sources(url));
    else if (/\.(m?js|ts)$/.test(entry.name)) found.push(url);
  }
  return found;
}

// Comments may name things in prose and examples; code may not.
function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function stringLiterals(text) {
  const literals = [];
  for (const match of text.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)) literals.push(match[2]);
  return literals;
}

// Words that are also ordinary vocabulary (JSON Schema keywords, DOM attributes).
const GENERIC = new Set(['title', 'description', 'name']);

function forbiddenNames() {
  const names = new Map();
  const add = (name, what) => { if (!GENERIC.has(name)) names.set(name, what); };
  for (const model of REGISTRY.generation_order) {
    add(model.id, 'artifact type');
    add(model.on_failure, 'cascade rule');
    for (const field of model.fields) add(field.key, `field of ${model.id}`);
  }
  for (const model of REGISTRY.items) for (const field of model.fields) add(field.key, `field of ${model.id}`);
  for (const model of REGISTRY.records) add(model.id, 'model id');
  for (const tier of REGISTRY.tiers) add(tier, 'tier');
  for (const status of REGISTRY.generation_statuses) add(status, 'generation status');
  return names;
}

test('hand-written package code names no registry entry as a string literal', async () => {
  const names = forbiddenNames();
  assert.ok(names.size > 40, `the registry export lists the names (${names.size})`);
  const found = [];
  const files = await sources(web);
  assert.ok(files.length > 15, 'web/ sources found');
  for (const file of files) {
    const literals = stringLiterals(withoutComments(await readFile(file, 'utf8')));
    for (const literal of literals) {
      if (names.has(literal)) found.push(`${file.pathname.split('/web/')[1]}: '${literal}' (${names.get(literal)})`);
    }
  }
  assert.deepEqual(found, [], 'derive these from the registry (web/registry.js) instead');
});

test('the checker finds a listed name', () => {
  const literals = stringLiterals(withoutComments("x === 'brief' // 'milestones'\n/* 'risk_log' */ y = \"partner\""));
  assert.deepEqual(literals, ['brief', 'partner']);
});
