// Random, schema-respecting edits to content, driven by the core's registry (the JS twin of
// tests/core/support/mutate.cpp): prose rewrites with emoji and CJK, list items added, removed,
// moved and edited, optional sections dropped or nulled.
import { coreRegistry } from 'cofounder-artifacts/diagnostics';

const WORDS = ['we', 'ship', 'faster', 'café', '在庫管理', '📦', '—', 'shops', '👩‍💻'];

export function rng(seed) {
  let state = seed >>> 0;
  return (n) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}

let registry;
function models() {
  registry ??= coreRegistry();
  return Object.fromEntries([...registry.generation_order, ...registry.items].map((m) => [m.id, m]));
}

function editText(text, pick) {
  const word = WORDS[pick(WORDS.length)];
  const words = text.split(' ');
  switch (pick(5)) {
    case 0: return '';
    case 1: return `${text} ${word}`;
    case 2: words.splice(pick(words.length), 1); return words.join(' ');
    case 3: words.splice(pick(words.length + 1), 0, word); return words.join(' ');
    default: return `${word} ${text}`;
  }
}

let counter = 0;
function editValue(value, type, pick) {
  switch (type.kind) {
    case 'string': return typeof value === 'string' ? editText(value, pick) : value;
    case 'integer': return Math.max(type.ge ?? 0, 1 + pick(9));
    case 'literal': return type.choices[pick(type.choices.length)];
    case 'list': {
      if (!Array.isArray(value)) return value;
      const list = [...value];
      const action = pick(4);
      if (action === 0 && list.length) {
        list.splice(pick(list.length), 1);
      } else if (action === 1 && list.length) {
        const copy = structuredClone(list[pick(list.length)]);
        counter += 1;
        if (type.item.kind === 'model') {
          const key = models()[type.item.model].identity;
          copy[key] = typeof copy[key] === 'string' ? `New item ${counter}` : 100 + counter;
        }
        list.splice(pick(list.length + 1), 0, type.item.kind === 'model' ? copy : `new point ${counter}`);
      } else if (action === 2 && list.length > 1) {
        const [item] = list.splice(pick(list.length), 1);
        list.splice(pick(list.length + 1), 0, item);
      } else if (list.length) {
        const at = pick(list.length);
        if (type.item.kind === 'model') {
          const model = models()[type.item.model];
          const field = model.fields[pick(model.fields.length)];
          if (field.key !== model.identity) {
            list[at] = { ...list[at], [field.key]: editValue(list[at][field.key], field.type, pick) };
          }
        } else {
          list[at] = editValue(list[at], type.item, pick);
        }
      }
      return list;
    }
    default: return value;
  }
}

/** Edits a copy of `content`; returns {content, changed: Set of section ids}. */
export function mutate(type, content, pick, { allowed, edits = 3 } = {}) {
  const model = models()[type];
  const next = structuredClone(content);
  const changed = new Set();
  for (let e = 0; e < edits; e += 1) {
    const field = model.fields[pick(model.fields.length)];
    if (field.key.startsWith('_') || (allowed && !allowed.includes(field.key))) continue;
    const before = JSON.stringify(next[field.key]);
    if (!field.required && pick(4) === 0) {
      if (pick(2) === 0) delete next[field.key];
      else if (field.key in next) next[field.key] = null;
    } else if (next[field.key] !== undefined && next[field.key] !== null) {
      next[field.key] = editValue(next[field.key], field.type, pick);
    }
    if (JSON.stringify(next[field.key]) !== before) changed.add(field.key);
  }
  return { content: next, changed };
}
