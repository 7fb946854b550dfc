// Documents held open in wasm memory: openDocument(type, content, {tier, strict}) parses the
// content once; validate() answers exactly as validate(type, content, {tier, strict}) without the
// content crossing again, setSection() sends only the new section's JSON and re-validates only that
// section, and diff and merge (operations.js) take documents in place of content. dispose() frees
// the wasm side; a FinalizationRegistry frees a dropped document.
import {
  contentText, documentFree, documentOpen, documentSetSection, documentText, documentValidate,
  loneSurrogate, readInput,
} from './core.js';
import { checkName, checkOptions, nameArgument, optionalTier } from './arguments.js';
import { errorFromResult, InvalidInputError } from './errors.js';
import { validateFromWire, validWithValueText } from './results.js';

// A document dropped without dispose() still gives its wasm memory back.
const unreleased = new FinalizationRegistry((handle) => documentFree(handle));

let handleOf;

class ArtifactDocument {
  #handle;
  #type;
  #strict;
  #text = null;  // the text as last read from wasm memory; null once a section changed

  constructor(handle, type, strict) {
    this.#handle = handle;
    this.#type = type;
    this.#strict = strict;
    unreleased.register(this, handle, this);
  }

  static {
    handleOf = (document) => document.#open();
  }

  /** The artifact type (or record model) the document is validated as. */
  get type() {
    return this.#type;
  }

  /**
   * Exactly validate(type, this.text, {tier, strict}) (tier: the document's; strict: the
   * document's unless given); sections unchanged since the last call are not validated again.
   */
  validate(options) {
    const handle = this.#open();
    const { strict = this.#strict } = checkOptions(options);
    const wire = documentValidate(handle, Boolean(strict));
    if (wire === null) return validWithValueText(this.text, []);
    const { valueIsInput, ...checked } = validateFromWire(wire);
    if (valueIsInput) return validWithValueText(this.text, checked.warnings);
    return wire.valueText === undefined ? checked : validWithValueText(wire.valueText, checked.warnings);
  }

  /**
   * Replaces one section with `value` (any JSON value; undefined or null removes it), as
   * `content[sectionId] = value` (or `delete`) would on the content object. Only the value's JSON
   * crosses. Returns that section's share of validate(): {ok, errors, warnings, value} with the
   * errors and warnings located at the section and its normalised value. A section id the type
   * does not have, or a value that is not JSON (or too large, too deep), throws InvalidInputError
   * and leaves the document as it was.
   */
  setSection(sectionId, value) {
    const handle = this.#open();
    const id = nameArgument(checkName(sectionId, 'sectionId'), 'sectionId');
    // JSON.stringify leaves out functions and symbols as an object's JSON leaves out such members.
    const text = value === undefined || value === null
      ? null
      : readInput('the section value cannot be serialised as JSON', () => JSON.stringify(value)) ?? null;
    const wire = documentSetSection(handle, id, text, this.#strict);
    if (wire !== null && !wire.ok && wire.code !== 'validation_failed') throw errorFromResult(wire);
    this.#text = null;
    if (wire === null) return validWithValueText(text, []);
    const { valueIsInput, ...result } = validateFromWire(wire);
    return result;
  }

  /** The current content as compact JSON text. */
  get text() {
    const handle = this.#open();
    return (this.#text ??= documentText(handle));
  }

  /** The current content as an object (a fresh copy each time). */
  toJSON() {
    return JSON.parse(this.text);
  }

  /** Frees the wasm side; every other method throws afterwards. Safe to call again. */
  dispose() {
    if (this.#handle === 0) return;
    unreleased.unregister(this);
    documentFree(this.#handle);
    this.#handle = 0;
    this.#text = null;
  }

  /** Whether dispose() was called. */
  get disposed() {
    return this.#handle === 0;
  }

  #open() {
    if (this.#handle === 0) {
      throw new InvalidInputError('the document is disposed: dispose() was called');
    }
    return this.#handle;
  }
}

/**
 * Opens `content` (an object or JSON text holding an object) as a document of `type`, held in
 * wasm memory until dispose(). Throws validate()'s errors for an unknown type or tier, and
 * InvalidInputError for content that is not a JSON object (or is too large, too deep).
 * @param {string} type
 * @param {object|string} content
 * @param {{tier?: string, strict?: boolean}} [options]
 */
export function openDocument(type, content, options) {
  type = nameArgument(type, 'type');
  const { tier, strict = false } = checkOptions(options);
  const tierName = optionalTier(tier);
  const text = contentText(content);
  if (typeof content === 'string' && typeof text.isWellFormed === 'function' && !text.isWellFormed()) {
    throw errorFromResult(loneSurrogate());
  }
  const opened = documentOpen(type, text, tierName);
  if (typeof opened !== 'number') throw errorFromResult(opened);
  return new ArtifactDocument(opened, type, Boolean(strict));
}

/** Whether `value` is a document from openDocument(). */
export function isDocument(value) {
  return value instanceof ArtifactDocument;
}

/** The wasm handle of an open document; InvalidInputError once it is disposed. */
export function documentHandle(document) {
  return handleOf(document);
}
