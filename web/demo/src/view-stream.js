// An artifact while a streaming runner writes it: the stream validator's events build it in place.
// A section appears on section_start, its prose grows by appending each text delta to one text
// node (never re-rendered), list items appear as they complete, and section_complete marks the
// section valid or invalid. The element outlives the editor's re-renders (they re-attach it).
import { ARTIFACTS, sectionsFor } from 'cofounder-artifacts';
import { h } from './dom.js';
import { sectionKinds } from './sections.js';
import { itemFields, renderItem } from './view-artifact.js';

function describeIssues(errors) {
  const [first] = errors;
  if (!first) return 'Invalid';
  const where = first.loc.slice(1).map((part) => (typeof part === 'number' ? `#${part + 1}` : part)).join(' → ');
  return `Invalid: ${where ? `${where}: ` : ''}${first.msg}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`;
}

/**
 * @param {string} type the artifact being written
 * @param {{tier: string, label: string}} options sections above `tier` are not shown (the store
 *   gates them away); `label` says what is being written ("Generating", "Regenerating (preview)")
 * @returns {{type: string, element: HTMLElement, apply(event: object): void, stopped(text: string): void}}
 */
export function createStreamView(type, { tier, label }) {
  const artifact = ARTIFACTS[type];
  const visible = new Set(sectionsFor(type, tier));
  const kinds = sectionKinds(type);
  const sections = new Map();  // section id -> {card, kind, text, list, status, items}
  const status = h('p', { class: 'stream-status', role: 'status', 'data-testid': 'stream-status' },
    `${label}: ${artifact.title}…`);
  const body = h('div', { class: 'stream-sections' });
  const element = h('div', { class: 'artifact streaming', 'data-testid': 'stream-view', 'data-type': type },
    h('header', { class: 'artifact-header' },
      h('h1', {}, artifact.title),
      h('p', { class: 'description' }, artifact.description)),
    status, body);

  const start = (sectionId) => {
    const section = artifact.sections.find((s) => s.id === sectionId);
    if (!section || !visible.has(sectionId) || sections.has(sectionId)) return;
    const kind = kinds.get(sectionId);
    const text = document.createTextNode('');
    const list = kind === 'lines' ? h('ul', {}) : kind === 'items' ? h('ol', { class: 'items' }) : null;
    const sectionStatus = h('span', { class: 'section-status', 'data-testid': 'section-stream-status' }, 'Writing…');
    const card = h('article', { class: 'section streaming', 'data-section': sectionId, 'aria-busy': 'true' },
      h('header', {}, h('h2', {}, section.title), sectionStatus),
      h('p', { class: 'description' }, section.description),
      list ?? h('p', { class: 'prose' }, text));
    sections.set(sectionId, { card, kind, text, list, status: sectionStatus, items: 0 });
    body.append(card);
  };

  const addItem = (entry, value) => {
    if (!entry.list) return;
    entry.list.append(entry.kind === 'lines' ? h('li', {}, String(value))
      : renderItem(value ?? {}, itemFields(type, entry.card.dataset.section)));
    entry.items += 1;
  };

  const complete = (sectionId, { value, ok, errors }) => {
    const entry = sections.get(sectionId);
    if (!entry) return;
    // What the validator saw is the truth: fill in what no delta or item event showed.
    if (entry.list && Array.isArray(value)) for (const item of value.slice(entry.items)) addItem(entry, item);
    else if (!entry.list && value !== undefined && value !== null && entry.text.data !== String(value)) entry.text.data = String(value);
    entry.card.classList.remove('streaming');
    entry.card.classList.add(ok ? 'valid' : 'invalid');
    entry.card.removeAttribute('aria-busy');
    entry.status.textContent = ok ? 'Valid' : describeIssues(errors ?? []);
  };

  return {
    type,
    element,
    apply(event) {
      if (event.kind === 'section_start') start(event.section);
      else if (event.kind === 'text' && event.path.length === 1) sections.get(event.path[0])?.text.appendData(event.delta);
      else if (event.kind === 'item_complete' && event.path.length === 2) {
        const entry = sections.get(event.path[0]);
        if (entry && event.path[1] === entry.items) addItem(entry, event.value);
      } else if (event.kind === 'section_complete') complete(event.section, event);
      else if (event.kind === 'error') status.textContent = `The answer is not valid JSON: ${event.issue.msg}`;
    },
    stopped(text) {
      status.textContent = text;
      element.classList.remove('streaming');
    },
  };
}
