// How a section is edited, derived from the package's own JSON Schema (never a second list of
// fields): prose in a text area, a list of strings one per line, an integer in a field, and lists
// of items (features, milestones, risks, journey steps) as JSON. The artifact being edited is held
// open in wasm memory (a resident document): a keystroke sends only the section's new value and
// the core re-validates only that section; the errors shown are the core's.
import { jsonSchema, openDocument, validate } from 'cofounder-artifacts';

const kindsByType = new Map();

function kindOf(property) {
  const schema = property.anyOf?.find((option) => option.type !== 'null') ?? property;
  if (schema.type === 'string') return 'prose';
  if (schema.type === 'integer') return 'integer';
  if (schema.type === 'array') return schema.items?.type === 'string' ? 'lines' : 'items';
  return 'items';
}

/** Section id -> 'prose' | 'lines' | 'integer' | 'items' for an artifact type. */
export function sectionKinds(type) {
  if (!kindsByType.has(type)) {
    const { properties } = jsonSchema(type);
    kindsByType.set(type, new Map(Object.entries(properties).map(([id, property]) => [id, kindOf(property)])));
  }
  return kindsByType.get(type);
}

/** The text an editor starts with for a section's current value. */
export function editorText(kind, value) {
  if (value === undefined || value === null) return kind === 'items' ? '[]' : '';
  if (kind === 'prose') return String(value);
  if (kind === 'lines') return Array.isArray(value) ? value.join('\n') : JSON.stringify(value);
  if (kind === 'integer') return String(value);
  return JSON.stringify(value, null, 2);
}

// The candidate document as JSON text with the edited section spliced in. Item lists go in as
// the founder's raw text, so a JSON syntax error is reported by the core like any other error.
function candidateText(kind, content, sectionId, text) {
  const rest = { ...content };
  delete rest[sectionId];
  let sectionJson;
  if (kind === 'items') sectionJson = text.trim() === '' ? 'null' : text;
  else if (kind === 'lines') sectionJson = JSON.stringify(text.split('\n').map((line) => line.trim()).filter(Boolean));
  else if (kind === 'integer') sectionJson = JSON.stringify(text.trim());  // "12" is accepted, lax
  else sectionJson = JSON.stringify(text);
  const others = JSON.stringify(rest);
  return `{${JSON.stringify(sectionId)}:${sectionJson}${others === '{}' ? '}' : `,${others.slice(1)}`}`;
}

// The content the editor checks keystrokes against, opened once per artifact version and tier.
let held = null;  // {type, tier, content, document}

function documentFor(type, content, tier) {
  if (held?.type !== type || held.tier !== tier || held.content !== content) {
    held?.document.dispose();
    held = { type, tier, content, document: openDocument(type, content ?? {}, { tier }) };
  }
  return held.document;
}

// The section's value for the editor's text; undefined when only the core can say what is wrong
// with it (item lists that are not one JSON value, or left empty).
function sectionValue(kind, text) {
  if (kind === 'prose') return text;
  if (kind === 'integer') return text.trim();  // "12" is accepted, lax
  if (kind === 'lines') return text.split('\n').map((line) => line.trim()).filter(Boolean);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Validates the content with `sectionId` replaced by the editor's text.
 * @returns {{ok: boolean, value?: unknown, errors: object[]}} `value`: the section's normalised
 *   value (what gets saved); `errors`: the ones about this section (or the JSON itself).
 */
export function checkSection(type, content, sectionId, kind, text, tier) {
  const value = sectionValue(kind, text);
  if (value !== undefined) {
    let section;
    try {
      section = documentFor(type, content, tier).setSection(sectionId, value);
    } catch (error) {  // a value the core refuses whole (too large, too deep): the document is unchanged
      return { ok: false, errors: [{ type: error.code ?? 'invalid_input', loc: [], msg: error.message }] };
    }
    return section.ok ? { ok: true, value: section.value ?? null, errors: [] } : { ok: false, errors: section.errors };
  }
  const result = validate(type, candidateText(kind, content ?? {}, sectionId, text), { tier });
  const errors = result.errors.filter((error) => error.loc.length === 0 || error.loc[0] === sectionId);
  if (!result.ok) return { ok: false, errors: errors.length ? errors : result.errors };
  if (kind === 'items' && !isOneJsonValue(text)) {
    return { ok: false, errors: [{ type: 'json_invalid', loc: [], msg: 'Invalid JSON: expected one array' }] };
  }
  return { ok: true, value: result.value[sectionId] ?? null, errors: [] };
}

// Raw item text that closes the section early (`[], "other": 1`) must not slip other keys in.
function isOneJsonValue(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** "milestones → 2 → estimated_weeks: Input should be …" without the section id itself. */
export function describeError(error, sectionId) {
  const loc = error.loc[0] === sectionId ? error.loc.slice(1) : error.loc;
  const where = loc.map((part) => (typeof part === 'number' ? `#${part + 1}` : part)).join(' → ');
  return where ? `${where}: ${error.msg}` : error.msg;
}
