// The one place the core's wire format (snake_case JSON, the same keys C++ writes) meets the
// package's camelCase API: one converter per request and result type, so no other module knows
// how the core spells a key. Documents and records pass through untouched (they are snake_case
// by definition: the original API's shape).

/** The merge request as the core reads it. */
export function mergeRequestToWire({ type, base, ours, theirs, editedSections, force }) {
  return { type, base, ours, theirs, edited_sections: editedSections, force };
}

/** The diff request as the core reads it. */
export function diffRequestToWire({ type, before, after }) {
  return { type, before, after };
}

/** validate's result; `valueIsInput` says the core left the value to the caller's input. */
export function validateFromWire(result) {
  return {
    ok: result.ok,
    errors: result.errors,
    warnings: result.warnings,
    value: result.value,
    valueIsInput: result.value_is_input === true,
  };
}

// The JSON text behind a lazy value until it is parsed (then null), and the value: a symbol-keyed,
// non-enumerable property, so spreading, JSON and deep equality see only `value`.
const LAZY = Symbol('lazy value');
// One getter and setter for every lazy value. An object literal's own `get value()` makes new
// closures per result, which gives each result its own hidden class and keeps its text alive in
// old space until a full collection: half the time of validate() on a 27 KB object went to it.
const LAZY_VALUE = {
  enumerable: true,
  configurable: true,
  get() {
    const lazy = this[LAZY];
    if (lazy.text !== null) {
      lazy.value = JSON.parse(lazy.text);
      lazy.text = null;
    }
    return lazy.value;
  },
  set(replacement) {
    const lazy = this[LAZY];
    lazy.value = replacement;
    lazy.text = null;
  },
};

/** A valid validate() result whose value is the JSON text `text`, parsed on first read. */
export function validWithValueText(text, warnings = []) {
  const result = { ok: true, errors: [], warnings };
  Object.defineProperty(result, LAZY, { value: { text, value: undefined } });
  return Object.defineProperty(result, 'value', LAZY_VALUE);
}

/**
 * A chunk's stream events: {kind, section?, path?, delta?, value?, ok?, errors?, issue?}, issues
 * in validate()'s shape (the core writes them as validate()'s errors are written).
 */
export function streamEventsFromWire(events) {
  return events;
}

export function gateFromWire(result) {
  return { value: result.value, locked: result.locked };
}

export function migrateFromWire(result) {
  return { value: result.value, fromVersion: result.from_version, toVersion: result.to_version };
}

function conflictFromWire(conflict) {
  const { section_id: sectionId, ...rest } = conflict;
  return { sectionId, ...rest };
}

export function mergeFromWire(result) {
  return {
    value: result.value,
    kept: result.kept,
    conflicts: result.conflicts.map(conflictFromWire),
    editedSections: result.edited_sections,
  };
}

export function diffFromWire(result) {
  return { patch: result.patch, sections: result.sections };
}
