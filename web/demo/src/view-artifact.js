// One artifact: its sections as the tier sees them (gate() decides; sections above the tier are
// shown locked, with what they would hold), the inline section editor with validation on every
// keystroke, annotations, the regeneration preview and the version view (word-level diff).
import { ARTIFACTS, GenerationStatus, Tier, gate, jsonSchema, sectionsFor } from 'cofounder-artifacts';
import { h } from './dom.js';
import { checkSection, describeError, editorText, sectionKinds } from './sections.js';
import { sectionTitle, tierLabel } from './labels.js';

const lowestTierWith = (type, sectionId) =>
  Object.values(Tier).find((tier) => sectionsFor(type, tier).includes(sectionId));

// ---- reading view -----------------------------------------------------------------------------

export function itemFields(type, sectionId) {
  const schema = jsonSchema(type);
  const property = schema.properties[sectionId];
  const items = (property.anyOf?.find((option) => option.type === 'array') ?? property).items;
  const definition = items?.$ref ? schema.$defs[items.$ref.split('/').pop()] : items;
  return Object.entries(definition?.properties ?? {}).map(([key, field]) => ({ key, ...field }));
}

export function renderItem(item, fields) {
  // The item's first text field is its heading; enumerations (priority, severity) are badges.
  const heading = fields.find((field) => field.type === 'string' && !field.enum);
  const badges = fields.filter((field) => field.enum);
  const rest = fields.filter((field) => field !== heading && !field.enum);
  return h('li', { class: 'item' },
    h('div', { class: 'item-heading' },
      heading && h('strong', {}, String(item[heading.key] ?? '')),
      badges.map((field) => h('span', { class: `badge level-${item[field.key]}`, title: field.title },
        `${field.title}: ${item[field.key]}`))),
    h('dl', {}, rest.map((field) => [
      h('dt', {}, field.title),
      h('dd', {}, Array.isArray(item[field.key])
        ? h('ul', {}, item[field.key].map((entry) => h('li', {}, String(entry))))
        : String(item[field.key] ?? '')),
    ])));
}

function renderValue(type, sectionId, kind, value) {
  if (value === undefined || value === null) return h('p', { class: 'empty' }, 'Not generated yet.');
  if (kind === 'prose' || kind === 'integer') return h('p', { class: 'prose' }, String(value));
  if (kind === 'lines') return h('ul', {}, value.map((line) => h('li', {}, String(line))));
  const fields = itemFields(type, sectionId);
  return h('ol', { class: 'items' }, value.map((item) => renderItem(item, fields)));
}

// ---- editing ----------------------------------------------------------------------------------

function sectionEditor(state, actions, type, section, kind, content) {
  const editing = state.editing;
  editing.draft ??= editorText(kind, content?.[section.id]);
  const field = kind === 'integer'
    ? h('input', { class: 'editor', 'data-testid': 'section-input', value: editing.draft, inputmode: 'numeric' })
    : h('textarea', {
      class: 'editor', 'data-testid': 'section-input', value: editing.draft,
      rows: kind === 'items' ? 16 : kind === 'lines' ? 6 : 5, spellcheck: kind !== 'items',
    });
  const errors = h('ul', { class: 'errors', 'data-testid': 'section-errors', role: 'alert' });
  const status = h('span', { class: 'validity', 'data-testid': 'section-validity' });
  let checked = { ok: false };
  const save = h('button', {
    type: 'submit', class: 'primary', 'data-testid': 'section-save',
    onclick: (event) => {
      event.preventDefault();
      if (checked.ok) actions.saveSection(type, section.id, checked.value);
    },
  }, 'Save');

  // Runs on every keystroke: the wasm validator on the whole document with this section replaced.
  const check = () => {
    editing.draft = field.value;
    checked = checkSection(type, content, section.id, kind, field.value, state.settings.tier);
    errors.replaceChildren(...checked.errors.map((error) =>
      h('li', { 'data-error-type': error.type }, describeError(error, section.id))));
    status.textContent = checked.ok ? 'Valid' : `${checked.errors.length} error(s)`;
    status.className = `validity ${checked.ok ? 'ok' : 'bad'}`;
    save.disabled = !checked.ok;
    field.setAttribute('aria-invalid', String(!checked.ok));
  };
  field.addEventListener('input', check);
  field.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) save.click();
    if (event.key === 'Escape') actions.cancelEdit();
  });
  check();
  queueMicrotask(() => field.focus());
  return h('form', { class: 'section-editor', 'data-testid': 'section-editor' },
    kind === 'items' && h('p', { class: 'hint' }, 'Edit the list as JSON; every change is checked as you type.'),
    kind === 'lines' && h('p', { class: 'hint' }, 'One entry per line.'),
    field, errors,
    h('div', { class: 'actions' }, status, save,
      h('button', { type: 'button', onclick: actions.cancelEdit }, 'Cancel')));
}

function annotations(state, actions, type, section, record) {
  const notes = (record.annotations ?? []).filter((note) => note.section_id === section.id);
  const input = h('input', { placeholder: 'Add a note for this section', 'data-testid': 'note-input', maxlength: 2000 });
  return h('div', { class: 'annotations' },
    notes.length > 0 && h('ul', { 'data-testid': 'notes' }, notes.map((note) =>
      h('li', {}, h('span', { class: 'note' }, note.note), h('time', { datetime: note.created_at },
        new Date(note.created_at).toLocaleString())))),
    h('form', {
      class: 'note-form',
      onsubmit: (event) => {
        event.preventDefault();
        if (input.value.trim()) actions.annotate(type, section.id, input.value.trim());
      },
    }, input, h('button', { type: 'submit', 'data-testid': 'note-add', disabled: state.busy }, 'Add note')));
}

function sectionCard(state, actions, type, section, kind, record, visible) {
  const isEditing = state.editing?.type === type && state.editing.sectionId === section.id;
  const edited = record.edited_sections?.includes(section.id);
  return h('article', { class: 'section', 'data-section': section.id },
    h('header', {},
      h('h2', {}, section.title),
      edited && h('span', { class: 'badge edited', 'data-testid': 'edited-badge' }, 'Edited'),
      section.tier !== Tier.BOOTSTRAPPER && h('span', { class: 'badge tier' }, tierLabel(section.tier)),
      !isEditing && record.current_content && h('button', {
        type: 'button', class: 'edit', 'data-testid': 'section-edit', disabled: state.busy || !!state.preview,
        onclick: () => actions.startEdit(type, section.id),
      }, 'Edit')),
    h('p', { class: 'description' }, section.description),
    isEditing ? sectionEditor(state, actions, type, section, kind, record.current_content)
      : renderValue(type, section.id, kind, visible[section.id]),
    annotations(state, actions, type, section, record));
}

function lockedCard(type, section) {
  const tier = lowestTierWith(type, section.id);
  return h('article', { class: 'section locked', 'data-section': section.id, 'data-testid': 'locked-section' },
    h('header', {}, h('h2', {}, section.title), h('span', { class: 'badge lock' }, `Locked · ${tierLabel(tier)}`)),
    h('p', { class: 'description' }, section.description),
    h('p', { class: 'upsell' }, `Upgrade to ${tierLabel(tier)} and we will write this section for you.`));
}

// ---- regeneration and versions ----------------------------------------------------------------

function regenerationPreview(state, actions, type) {
  const { result } = state.preview;
  const changed = result.diff.sections.filter((section) => section.change !== 'unchanged');
  return h('section', { class: 'preview', 'data-testid': 'regenerate-preview' },
    h('h2', {}, 'Regeneration preview'),
    result.kept.length
      ? h('p', { 'data-testid': 'preview-kept' },
        `We will keep your edits in ${result.kept.map((id) => sectionTitle(type, id)).join(', ')}.`)
      : h('p', { 'data-testid': 'preview-kept' }, 'You have no edits here: the new version replaces the current one.'),
    result.conflicts.length > 0 && h('div', { class: 'conflicts', 'data-testid': 'preview-conflicts' },
      h('p', {}, 'These conflict (the new version also changed what you edited):'),
      h('ul', {}, result.conflicts.map((conflict) => h('li', {},
        h('strong', {}, sectionTitle(type, conflict.sectionId)),
        conflict.identity ? ` (${Object.values(conflict.identity).join(', ')})` : '',
        ': keeping yours unless you force.')))),
    h('p', {}, `${changed.length} section(s) change: ${changed.map((s) => sectionTitle(type, s.id)).join(', ') || 'none'}.`),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'apply-regeneration', disabled: state.busy,
        onclick: () => actions.applyRegeneration(type, { force: false }) }, 'Apply, keep my edits'),
      h('button', { type: 'button', class: 'danger', 'data-testid': 'force-regeneration', disabled: state.busy,
        onclick: () => actions.applyRegeneration(type, { force: true }) }, 'Force: use the new version everywhere'),
      h('button', { type: 'button', onclick: actions.cancelPreview }, 'Cancel')));
}

function words(pieces) {
  return h('p', { class: 'words' }, pieces.map((piece) =>
    piece.op === 'equal' ? piece.text : h(piece.op === 'insert' ? 'ins' : 'del', {}, piece.text)));
}

function versionView(state, type) {
  const versions = state.versionDiff;
  if (!versions) return null;
  const changed = versions.sections.filter((section) => section.change !== 'unchanged');
  return h('section', { class: 'versions', 'data-testid': 'version-diff' },
    h('h2', {}, `What changed in version ${versions.versionNumber}`),
    changed.length === 0 && h('p', {}, 'Nothing changed from the previous version.'),
    changed.map((section) => h('div', { class: 'change' },
      h('h3', {}, sectionTitle(type, section.id), h('span', { class: `badge change-${section.change}` }, section.change)),
      section.words && words(section.words),
      section.items && h('ul', {}, section.items.map((item) => h('li', {}, `${item.key}: ${item.change}`))))));
}

// ---- the artifact -----------------------------------------------------------------------------

export function renderArtifact(state, actions) {
  const type = state.selected;
  // Being streamed: the live view, the same element every render (see view-stream.js).
  if (state.live?.type === type) return state.live.element;
  const artifact = ARTIFACTS[type];
  const record = state.records.get(type);
  const header = h('header', { class: 'artifact-header' },
    h('h1', {}, artifact.title),
    h('p', { class: 'description' }, artifact.description));
  if (!record?.current_content) {
    const why = record?.generation_status === GenerationStatus.FAILED
      ? `Generation failed: ${record.generation_error ?? 'unknown error'}.`
      : record?.generation_status === GenerationStatus.GENERATING ? 'We are writing this now…' : 'Not generated yet.';
    return h('div', { class: 'artifact', 'data-testid': `artifact-${type}` }, header,
      h('p', { class: 'empty', 'data-testid': 'artifact-empty' }, why));
  }
  const { value: visible, locked } = gate(type, record.current_content, state.settings.tier);
  const kinds = sectionKinds(type);
  return h('div', { class: 'artifact', 'data-testid': `artifact-${type}` },
    header,
    h('div', { class: 'meta' },
      h('span', { 'data-testid': 'version' }, `Version ${record.version_number}`),
      record.has_user_edits && h('span', { class: 'badge edited' }, 'Edited'),
      h('span', {}, `updated ${new Date(record.updated_at).toLocaleString()}`),
      h('button', { type: 'button', 'data-testid': 'regenerate', disabled: state.busy || !!state.editing,
        onclick: () => actions.previewRegeneration(type) }, 'Regenerate…'),
      record.version_number > 1 && h('button', { type: 'button', 'data-testid': 'toggle-versions',
        onclick: () => actions.toggleVersions(type) }, state.showVersions ? 'Hide changes' : 'Compare versions'),
      h('button', { type: 'button', 'data-testid': 'export-artifact',
        onclick: () => actions.exportArtifact(type, 'readable') }, 'Export this (.md)')),
    state.preview?.type === type && regenerationPreview(state, actions, type),
    state.showVersions && versionView(state, type),
    artifact.sections.map((section) => (locked.includes(section.id)
      ? lockedCard(type, section)
      : sectionCard(state, actions, type, section, kinds.get(section.id), record, visible))));
}
