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
