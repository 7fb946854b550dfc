// STAND-IN for createStreamValidator (the core's incremental validator replaces it at merge). It
// scans the JSON text once, as it arrives, for the root object's sections (and the items of
// sections that are lists), and reports the contract's events: section_start, text deltas of
// prose sections, item_complete, section_complete, error. end() is validate(type, text, options).
// No dependency: the package ships without its dev dependencies, bundlers included.
import { validate } from './operations.js';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

// The decoded text of a string token still open at the end of `raw` (an escape cut in half left out).
function decodedPrefix(raw) {
  const whole = raw.replace(/\\(u[0-9a-fA-F]{0,3})?$/, '');
  try {
    return JSON.parse(`"${whole}"`);
  } catch {
    return null;
  }
}

export function createStreamValidator(type, options = {}) {
  const { tier, strict } = options;
  const validateOptions = { ...(tier ? { tier } : {}), ...(strict ? { strict } : {}) };
  const decoder = new TextDecoder();
  const done = {};        // completed sections' values
  const stack = [];       // open containers
  let text = '';
  let pos = 0;
  let inString = false;
  let escaped = false;
  let stringStart = -1;
  let expectKey = false;  // in the root object, where a key comes next
  let keyString = false;  // the open string is a key
  let key = null;
  let valueExpected = false;
  let section = null;     // the open section: {id, start, kind, emitted, itemStart, items}
  let failed = false;
  let closed = false;    // the root value ended
  let events = [];

  const errorsAt = (id, value, index) => validate(type, { [id]: value }, validateOptions).errors
    .filter((e) => e.loc[0] === id && (index === undefined || e.loc[1] === index));
  const fail = (msg, loc = []) => {
    failed = true;
    events.push({ kind: 'error', issue: { type: 'json_invalid', loc, msg: `Invalid JSON: ${msg}` } });
  };
  const parse = (segment, loc) => {
    try {
      return { value: JSON.parse(segment) };
    } catch (error) {
      fail(error.message, loc);
      return null;
    }
  };
  const emitText = (decoded) => {
    if (decoded === null || decoded.length <= section.emitted) return;
    events.push({ kind: 'text', path: [section.id], delta: decoded.slice(section.emitted) });
    section.emitted = decoded.length;
  };
  const completeItem = (end) => {
    const parsed = parse(text.slice(section.itemStart, end), [section.id, section.items.length]);
    if (!parsed) return;
    const index = section.items.push(parsed.value) - 1;
    const errors = errorsAt(section.id, section.items, index);
    events.push({ kind: 'item_complete', path: [section.id, index], value: parsed.value, ok: !errors.length, errors });
    section.itemStart = null;
  };
  const completeSection = (end) => {
    const parsed = parse(text.slice(section.start, end), [section.id]);
    if (!parsed) return;
    if (section.kind === 'string') emitText(parsed.value);
    done[section.id] = parsed.value;
    const errors = errorsAt(section.id, parsed.value);
    events.push({ kind: 'section_complete', section: section.id, value: parsed.value, ok: !errors.length, errors });
    section = null;
  };

  function scan(c, i) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') {
        inString = false;
        if (keyString) key = parse(text.slice(stringStart, i + 1))?.value;
      }
      return;
    }
    if (WHITESPACE.has(c)) return;
    if (closed) return fail(`unexpected '${c}' after the end of the JSON value`);
    if (stack.length === 1 && valueExpected) {
      valueExpected = false;
      section = { id: key, start: i, kind: c === '"' ? 'string' : c === '[' ? 'array' : 'other', emitted: 0, itemStart: null, items: [] };
      events.push({ kind: 'section_start', section: key });
    }
    const inList = stack.length === 2 && section?.kind === 'array';
    if (inList && section.itemStart === null && c !== ',' && c !== ']') section.itemStart = i;
    if (c === '"') {
      inString = true;
      stringStart = i;
      keyString = stack.length === 1 && expectKey;
      expectKey = false;
    } else if (c === ':' && stack.length === 1) valueExpected = true;
    else if (c === '{' || c === '[') {
      stack.push(c);
      if (stack.length === 1) expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      if (stack.pop() !== (c === '}' ? '{' : '[')) return fail(`unexpected '${c}'`);
      if (inList && c === ']' && section.itemStart !== null) completeItem(i);
      closed = stack.length === 0;
      if (closed && section) completeSection(i);
    } else if (c === ',') {
      if (inList) completeItem(i);
      else if (stack.length === 1 && section) {
        completeSection(i);
        expectKey = true;
      }
    }
  }

  return {
    push(chunk) {
      if (failed) return [];
      text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      events = [];
      for (; pos < text.length && !failed; pos += 1) scan(text[pos], pos);
      if (!failed && section?.kind === 'string' && inString) emitText(decodedPrefix(text.slice(section.start + 1)));
      return events;
    },
    snapshot() {
      const value = structuredClone(done);
      if (section?.kind === 'array') value[section.id] = structuredClone(section.items);
      if (section?.kind === 'string' && inString) value[section.id] = decodedPrefix(text.slice(section.start + 1)) ?? '';
      return value;
    },
    end() {
      text += decoder.decode();
      return validate(type, text, validateOptions);
    },
    dispose() {
      text = '';
      section = null;
    },
  };
}
