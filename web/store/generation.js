// What a generation leaves in a record: the generated content checked and gated, and the
// founder's edits merged into it. Shared by completeGeneration and previewGeneration, so a
// preview shows exactly what completing would store.
import { ARTIFACTS } from '../registry.js';
import { ValidationFailedError } from '../errors.js';
import { gate, merge, migrate, validate } from '../operations.js';
import { upToDate } from './records.js';

/** Valid, current-version content gated to `tier`, or ValidationFailedError. */
export function prepareGeneration(type, content, tier) {
  const checked = validate(type, content);
  if (!checked.ok) {
    throw new ValidationFailedError(`generated ${type} content is invalid: ${checked.errors[0].msg} at ${checked.errors[0].loc.join('.')}`, { errors: checked.errors });
  }
  let value = migrate(type, checked.value).value;
  if (tier) value = gate(type, value, tier).value;
  return value;
}

/**
 * The content a completed generation leaves in the record: the founder's edits merged in unless
 * `force` (or there are none), and what the merge kept and found in conflict.
 * @returns {{value: object, kept: string[], conflicts: object[], editedSections: string[]}}
 */
export function mergeGeneration(type, stored, generated, force) {
  // Stored lists may hold ids this version no longer knows (legacy data): they edit nothing.
  const known = new Set(ARTIFACTS[type].sections.map((s) => s.id));
  const edited = (stored?.edited_sections ?? []).filter((id) => known.has(id));
  if (force || !stored?.has_user_edits || edited.length === 0 || !stored.current_content) {
    return { value: generated, kept: [], conflicts: [], editedSections: [] };
  }
  return merge({
    type,
    base: stored.base_content,
    ours: upToDate(type, stored.current_content),
    theirs: generated,
    editedSections: edited,
    force: false,
  });
}
