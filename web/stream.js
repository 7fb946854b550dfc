// STAND-IN for createStreamValidator (the core's incremental validator replaces it at merge): it
// re-parses the text so far with the dev dependency partial-json on every push, and honours the
// contract the pipeline and the editor use: section_start, text deltas of top-level prose,
// item_complete, section_complete, error; end() is exactly validate(type, wholeText, options).
import { validate } from './operations.js';

// partial-json is a dev dependency: without it (the published package) the stand-in says so.
const partial = await import('partial-json').catch(() => null);

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function isCompleteJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function sectionErrors(type, section, value, options, itemIndex) {
  const { errors } = validate(type, { [section]: value }, options);
  return errors.filter((e) => e.loc[0] === section && (itemIndex === undefined || e.loc[1] === itemIndex));
}

export function createStreamValidator(type, options = {}) {
  if (!partial) throw new Error('the createStreamValidator stand-in needs the partial-json dev dependency');
  const { tier, strict } = options;
  const validateOptions = { ...(tier ? { tier } : {}), ...(strict ? { strict } : {}) };
  const decoder = new TextDecoder();
  let text = '';
  let snapshot = {};
  let failed = false;
  const seen = [];           // top-level keys in the order they started
  const completed = new Set();
  const strings = new Map(); // section -> the string emitted so far
  const items = new Map();   // section -> items reported complete

  const completeItems = (section, value, upTo, events) => {
    for (let i = items.get(section) ?? 0; i < upTo; i += 1) {
      const errors = sectionErrors(type, section, value.slice(0, i + 1), validateOptions, i);
      events.push({ kind: 'item_complete', path: [section, i], value: value[i], ok: errors.length === 0, errors });
      items.set(section, i + 1);
    }
  };
  const completeSection = (section, events) => {
    const value = snapshot[section];
    if (Array.isArray(value)) completeItems(section, value, value.length, events);
    const errors = sectionErrors(type, section, value, validateOptions);
    events.push({ kind: 'section_complete', section, value, ok: errors.length === 0, errors });
    completed.add(section);
  };

  return {
    push(chunk) {
      if (failed) return [];
      text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      const events = [];
      try {
        const parsed = partial.parse(text, partial.Allow.ALL);
        if (!isPlainObject(parsed)) return events;
        snapshot = parsed;
      } catch (error) {
        failed = true;
        return [{ kind: 'error', issue: { type: 'json_invalid', loc: [], msg: `Invalid JSON: ${error.message}` } }];
      }
      for (const [section, value] of Object.entries(snapshot)) {
        if (!seen.includes(section)) {
          for (const earlier of seen) if (!completed.has(earlier)) completeSection(earlier, events);
          seen.push(section);
          events.push({ kind: 'section_start', section });
        }
        if (typeof value === 'string') {
          const before = strings.get(section) ?? '';
          if (value.length > before.length && value.startsWith(before)) {
            events.push({ kind: 'text', path: [section], delta: value.slice(before.length) });
            strings.set(section, value);
          }
        } else if (Array.isArray(value) && value.length > 1) {
          completeItems(section, value, value.length - 1, events);  // the last may still grow
        }
      }
      // The object closed: its last sections are complete too.
      if (text.trimEnd().endsWith('}') && isCompleteJson(text)) {
        for (const section of seen) if (!completed.has(section)) completeSection(section, events);
      }
      return events;
    },
    snapshot: () => structuredClone(snapshot),
    end() {
      text += decoder.decode();
      return validate(type, text, validateOptions);
    },
    dispose() { text = ''; snapshot = {}; },
  };
}
