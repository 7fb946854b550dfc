// The core's operations on documents: validate, gate, migrate, jsonSchema, merge, diff, wordDiff
// and the Markdown and HTML exports. Each reads its arguments (arguments.js), crosses once
// (core.js) and turns the core's answer into a result or a typed error.
import {
  call, callWithText, callWithTwoTexts, contentText, documentDiff, documentMerge, readInput, requestText,
} from './core.js';
import {
  checkName, checkOptions, documentValue, markdownOptions, nameArgument, optionalTier,
} from './arguments.js';
import { MODEL_INDEX, TIER_INDEX } from './registry.js';
import { documentHandle, isDocument } from './document.js';
import { errorFromResult, InvalidInputError } from './errors.js';
import {
  diffFromWire, diffRequestToWire, gateFromWire, mergeFromWire, mergeRequestToWire, migrateFromWire,
  validateFromWire, validWithValueText,
} from './results.js';

// JSON.stringify's text holds no lone surrogate (it escapes them, and the core refuses the
// escape), so only text the caller gave is scanned for one: requests and plans are stringified
// (content given as JSON text travels inside them escaped), content is when it is an object.
const FROM_STRINGIFY = { fromStringify: true };
const crossingOf = (content) => (typeof content === 'string' ? {} : FROM_STRINGIFY);

// Argument errors (unknown type or tier) are thrown; content errors are the result.
function throwIfArgumentError(result) {
  if (result.code === 'unknown_artifact_type' || result.code === 'unknown_tier') {
    throw errorFromResult(result);
  }
  return result;
}

function unwrap(result) {
  if (!result.ok) throw errorFromResult(result);
  return result;
}

/**
 * Validates content against its type's schema, Pydantic-style: every error is reported.
 * @returns {{ok: boolean, errors: object[], warnings: object[], value: object|null}}
 */
export function validate(type, content, options) {
  type = nameArgument(type, 'type');
  const { tier, strict = false } = checkOptions(options);
  const tierName = optionalTier(tier);
  const text = contentText(content);
  // Known names cross as indexes; anything else by name, so the core can say what is wrong.
  const model = MODEL_INDEX.get(type);
  const tierIndex = tierName === '' ? -1 : TIER_INDEX.get(tierName);
  const run = model !== undefined && tierIndex !== undefined
    ? (core, length) => core.validateIndexed(model, length, tierIndex, Boolean(strict))
    : (core, length) => core.validate(type, length, tierName, Boolean(strict));
  let validAsWrittenResult = null;
  const result = callWithText(text, run, () => (validAsWrittenResult = validWithValueText(text)),
    crossingOf(content));
  throwIfArgumentError(result);
  if (result === validAsWrittenResult) return result;
  const { valueIsInput, ...checked } = validateFromWire(result);
  return valueIsInput ? validWithValueText(text, checked.warnings) : checked;
}

/** The sections `tier` may see; `locked` lists the ids withheld from it. */
export function gate(type, content, tier) {
  type = nameArgument(type, 'type');
  tier = nameArgument(tier, 'tier');
  const text = contentText(content);
  const run = (core, length) => core.gate(type, length, tier);
  return gateFromWire(unwrap(callWithText(text, run, undefined, crossingOf(content))));
}

/** Content brought up to the current `_schema_version`. */
export function migrate(type, content) {
  type = nameArgument(type, 'type');
  const text = contentText(content);
  const run = (core, length) => core.migrate(type, length);
  return migrateFromWire(unwrap(callWithText(text, run, undefined, crossingOf(content))));
}

/**
 * The JSON Schema of `type` at `tier` (all sections when no tier is given). `target`:
 * 'draft-2020-12' (default: the full schema, for ajv), or an LLM provider's structured-output
 * subset for an artifact type: 'openai' (strict mode) or 'anthropic'.
 */
export function jsonSchema(type, options) {
  type = nameArgument(type, 'type');
  const { tier, target } = checkOptions(options);
  const tierName = optionalTier(tier);
  const targetName = target === undefined || target === null ? '' : nameArgument(target, 'target');
  return unwrap(call((core) => core.jsonSchema(type, tierName, targetName))).value;
}

/**
 * Carries a founder's edits into a new generation. `base` is the content as last generated,
 * `ours` the current content with the edits, `theirs` the new generation.
 * @returns {{value: object, kept: string[], conflicts: object[], editedSections: string[]}}
 */
export function merge(request) {
  if (request === null || typeof request !== 'object') {
    throw new InvalidInputError('merge takes one object: {type, base, ours, theirs, editedSections, force}');
  }
  const { type, base, ours, theirs, editedSections = [], force = false } = readInput('the merge request cannot be read',
    () => ({ type: request.type, base: request.base, ours: request.ours, theirs: request.theirs,
      editedSections: request.editedSections, force: request.force }));
  if (!Array.isArray(editedSections)) throw new InvalidInputError('editedSections must be an array');
  const sides = [base, ours, theirs];
  const documents = sides.filter(isDocument);
  if (documents.length > 0 && sides.every((side) => side === undefined || side === null || isDocument(side))) {
    // Documents held in wasm memory: only the request's names cross.
    const documentType = type ?? documents[0].type;
    checkName(documentType, 'type');
    sameType(documentType, documents);
    const handles = sides.map((side) => (isDocument(side) ? documentHandle(side) : 0));
    const text = requestText(mergeRequestToWire({ type: documentType, editedSections, force: Boolean(force) }),
      'the merge request');
    return mergeFromWire(unwrap(documentMerge(...handles, text)));
  }
  checkName(type, 'type');
  sameType(type, documents);
  // Documents travel inside the request as values or as escaped JSON text, never spliced text.
  const text = requestText(mergeRequestToWire({
    type,
    base: documentValue(asContent(base), 'base'),
    ours: documentValue(asContent(ours), 'ours'),
    theirs: documentValue(asContent(theirs), 'theirs'),
    editedSections,
    force: Boolean(force),
  }), 'the merge request');
  const run = (core, length) => core.merge(length);
  return mergeFromWire(unwrap(callWithText(text, run, undefined, FROM_STRINGIFY)));
}

/**
 * What changed between two versions: an RFC 6902 patch from `before` to `after` and a summary per
 * section (word diffs for prose, item changes for lists). Either side may be null (no content).
 * Documents (openDocument) may stand for either side; diff(documentA, documentB) takes the type
 * from them, and two documents are compared where they are held.
 * @returns {{patch: object[], sections: object[]}}
 */
export function diff(type, before, after) {
  if (isDocument(type)) [type, before, after] = [type.type, type, before];
  checkName(type, 'type');
  sameType(type, [before, after].filter(isDocument));
  if (isDocument(before) && isDocument(after)) {
    return diffFromWire(unwrap(documentDiff(documentHandle(before), documentHandle(after))));
  }
  const text = requestText(diffRequestToWire({
    type, before: documentValue(asContent(before), 'before'), after: documentValue(asContent(after), 'after'),
  }), 'the diff request');
  const run = (core, length) => core.diff(length);
  return diffFromWire(unwrap(callWithText(text, run, undefined, FROM_STRINGIFY)));
}

// A document beside plain content stands for its text.
function asContent(value) {
  return isDocument(value) ? value.text : value;
}

function sameType(type, documents) {
  for (const document of documents) {
    if (document.type !== type) {
      throw new InvalidInputError(`a ${document.type} document cannot stand for ${type} content`);
    }
  }
}

/** A word-level diff of two texts: [{op: 'equal'|'insert'|'delete', text}]. */
export function wordDiff(before, after) {
  checkName(before, 'before');
  checkName(after, 'after');
  return unwrap(callWithTwoTexts(before, after, (core, a, b) => core.wordDiff(a, b))).value;
}

/**
 * One artifact as Markdown: `readable` (default; Notion-pasteable) or `technical` (front matter,
 * [HIGH]/[MEDIUM]/[LOW] badges, a Mermaid user journey, cross-reference links). Only the tier's
 * sections (all without a tier). Content is validated first: invalid content throws
 * ValidationFailedError with every error.
 * @returns {string}
 */
export function toMarkdown(type, content, options) {
  type = nameArgument(type, 'type');
  const [variant, tier, startupName, generatedAt] = markdownOptions(options);
  const text = contentText(content);
  const run = (core, length) => core.toMarkdown(type, length, variant, tier, startupName, generatedAt);
  return unwrap(callWithText(text, run, undefined, crossingOf(content))).value;
}

/**
 * The whole plan as one Markdown document, in GENERATION_ORDER: `plan` maps artifact types to
 * content (objects or JSON text); a missing or null artifact (a failed generation) is skipped.
 * Errors name their artifact first in `loc` (["mvp_scope", "core_features", 0, "priority"]).
 * @returns {string}
 */
export function planToMarkdown(plan, options) {
  if (!isPlan(plan)) throw new InvalidInputError(`planToMarkdown ${PLAN_SHAPE}`);
  const [variant, tier, startupName, generatedAt] = markdownOptions(options);
  const text = planText(plan);
  const run = (core, length) => core.planToMarkdown(length, variant, tier, startupName, generatedAt);
  return unwrap(callWithText(text, run, undefined, FROM_STRINGIFY)).value;
}

const PLAN_SHAPE = 'takes one object: {brief, mvp_scope, milestones, risk_log, how_it_works}';

function isPlan(plan) {
  return plan !== null && typeof plan === 'object' && !Array.isArray(plan);
}

// The plan {type: content} as the JSON object the core reads.
function planText(plan) {
  const request = Object.create(null);  // "__proto__" stays a key (and an unknown type)
  return readInput('the plan cannot be serialised as JSON', () => {
    for (const [type, content] of Object.entries(plan)) request[type] = documentValue(content, type);
    return JSON.stringify(request);
  });
}

// The HTML export's options: the Markdown export's, without the variant.
function htmlOptions(options) {
  if (options === null || typeof options !== 'object') return markdownOptions(options).slice(1);
  const read = readInput('options cannot be read',
    () => ({ tier: options.tier, startupName: options.startupName, generatedAt: options.generatedAt }));
  return markdownOptions(read).slice(1);
}

/**
 * One artifact as a print-ready HTML document (cover, chapter, page header and "Page N of M"
 * footer, badges; inline CSS, nothing fetched). Options {tier, startupName, generatedAt} as
 * toMarkdown's (no variant). Content is validated first: invalid content throws
 * ValidationFailedError with every error.
 * @returns {string}
 */
export function toHtml(type, content, options) {
  type = nameArgument(type, 'type');
  const [tier, startupName, generatedAt] = htmlOptions(options);
  const text = contentText(content);
  const run = (core, length) => core.toHtml(type, length, tier, startupName, generatedAt);
  return unwrap(callWithText(text, run, undefined, crossingOf(content))).value;
}

/**
 * The whole plan as one print-ready HTML document: a cover, a linked table of contents, one
 * chapter per artifact in GENERATION_ORDER; a missing or null artifact is skipped. Errors as
 * planToMarkdown's.
 * @returns {string}
 */
export function planToHtml(plan, options) {
  if (!isPlan(plan)) throw new InvalidInputError(`planToHtml ${PLAN_SHAPE}`);
  const [tier, startupName, generatedAt] = htmlOptions(options);
  const text = planText(plan);
  const run = (core, length) => core.planToHtml(length, tier, startupName, generatedAt);
  return unwrap(callWithText(text, run, undefined, FROM_STRINGIFY)).value;
}
