// Random, schema-respecting edits to content, driven by the core's registry and by the edit
// catalogue tests/fixtures/mutations.json, which the native suite's mutator (tests/core/support/
// mutate.cpp) reads too: prose rewrites with emoji and CJK, list items added, removed, moved and
// edited, optional sections dropped or nulled.
import { coreRegistry } from 'cofounder-artifacts/diagnostics';
import { readFixture } from './fixtures.js';

export function rng(seed) {
  let state = seed >>> 0;
  return (n) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}

// The edits each catalogue table may name: a name missing here fails loudly.
const KNOWN = {
  text_edits: ['clear', 'append_word', 'drop_word', 'insert_word', 'prepend_word'],
  list_edits: ['remove_item', 'copy_item', 'move_item', 'edit_item'],
  optional_section_edits: ['edit', 'remove', 'set_null'],
};

function readCatalogue() {
  const data = JSON.parse(readFixture('mutations.json'));
  for (const [table, known] of Object.entries(KNOWN)) {
    const entries = Object.entries(data[table] ?? {});
    if (entries.length === 0) throw new Error(`tests/fixtures/mutations.json: ${table} is empty`);
    for (const [name, weight] of entries) {
      if (!known.includes(name)) {
        throw new Error(`tests/fixtures/mutations.json: ${table}: the JS mutator has no edit "${name}"`);
      }
      if (!Number.isInteger(weight) || weight <= 0) {
        throw new Error(`tests/fixtures/mutations.json: ${table}.${name}: not a positive weight`);
      }
    }
  }
  if (!data.words?.length) throw new Error('tests/fixtures/mutations.json: words is empty');
  return data;
}

let catalogue;
let registry;
function models() {
  registry ??= coreRegistry();
  return Object.fromEntries([...registry.generation_order, ...registry.items].map((m) => [m.id, m]));
}

function choose(table, pick) {
  const entries = Object.entries(table);
  let at = pick(entries.reduce((total, [, weight]) => total + weight, 0));
  for (const [name, weight] of entries) {
    if (at < weight) return name;
    at -= weight;
  }
  return entries.at(-1)[0];
}

const numbered = (pattern, n) => pattern.replace('{n}', String(n));
const word = (pick) => catalogue.words[pick(catalogue.words.length)];

function editText(text, pick) {
  const pieces = text.split(' ');
  switch (choose(catalogue.text_edits, pick)) {
    case 'clear': return '';
    case 'append_word': return `${text} ${word(pick)}`;
    case 'drop_word': pieces.splice(pick(pieces.length), 1); return pieces.join(' ');
    case 'insert_word': {
      const at = pick(pieces.length + 1);
      pieces.splice(at, 0, word(pick));
      return pieces.join(' ');
    }
    default: return `${word(pick)} ${text}`;  // prepend_word
  }
}

let counter = 0;  // copies get names no item has had

// A copy of a list item under a new identity.
function renamed(copy, itemType) {
  const { copied_items: names } = catalogue;
  if (itemType.kind !== 'model') return numbered(names.text, counter);
  if (copy === null || typeof copy !== 'object' || Array.isArray(copy)) return copy;
  const key = models()[itemType.model].identity;
  copy[key] = typeof copy[key] === 'string' ? numbered(names.text_identity, counter)
    : names.number_identity_after + counter;
  return copy;
}

function editList(value, itemType, pick) {
  const list = [...value];
  switch (choose(catalogue.list_edits, pick)) {
    case 'remove_item':
      if (list.length) list.splice(pick(list.length), 1);
      break;
    case 'copy_item':
      if (list.length) {
        const copy = structuredClone(list[pick(list.length)]);
        counter += 1;
        list.splice(pick(list.length + 1), 0, renamed(copy, itemType));
      }
      break;
    case 'move_item':
      if (list.length > 1) {
        const [item] = list.splice(pick(list.length), 1);
        list.splice(pick(list.length + 1), 0, item);
      }
      break;
    default:  // edit_item
      if (list.length) {
        const at = pick(list.length);
        if (itemType.kind !== 'model') {
          list[at] = editValue(list[at], itemType, pick);
          break;
        }
        const model = models()[itemType.model];
        const field = model.fields[pick(model.fields.length)];
        const item = list[at];
        const isObject = item !== null && typeof item === 'object' && !Array.isArray(item);
        if (field.key !== model.identity && isObject && Object.hasOwn(item, field.key)) {
          list[at] = { ...item, [field.key]: editValue(item[field.key], field.type, pick) };
        }
      }
  }
  return list;
}

function editValue(value, type, pick) {
  switch (type.kind) {
    case 'string': return typeof value === 'string' ? editText(value, pick) : value;
    case 'integer': {
      const { min, max } = catalogue.integer_values;
      return Math.max(type.ge ?? 0, min + pick(max - min + 1));
    }
    case 'literal': return type.choices[pick(type.choices.length)];
    case 'list': return Array.isArray(value) ? editList(value, type.item, pick) : value;
    default: return value;
  }
}

/** Edits a copy of `content`; returns {content, changed: Set of section ids}. */
export function mutate(type, content, pick, { allowed, edits = 3 } = {}) {
  catalogue ??= readCatalogue();
  const model = models()[type];
  const next = structuredClone(content);
  const changed = new Set();
  for (let e = 0; e < edits; e += 1) {
    const field = model.fields[pick(model.fields.length)];
    if (field.key === '_schema_version' || (allowed && !allowed.includes(field.key))) continue;
    const before = JSON.stringify(next[field.key]);
    const edit = field.required ? 'edit' : choose(catalogue.optional_section_edits, pick);
    const present = Object.hasOwn(next, field.key);
    if (edit === 'remove') delete next[field.key];
    else if (edit === 'set_null') { if (present) next[field.key] = null; }
    else if (present && next[field.key] !== null) next[field.key] = editValue(next[field.key], field.type, pick);
    if (JSON.stringify(next[field.key]) !== before) changed.add(field.key);
  }
  return { content: next, changed };
}
