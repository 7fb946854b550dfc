// Validation of a document while an LLM writes it: createStreamValidator(type, {tier, strict})
// takes the text chunk by chunk (split anywhere) and reports sections, string growth and list
// items as they complete, each validated as it closes; end() answers exactly as validate() does
// for the whole text. The parser's state lives in wasm memory between pushes (core.js).
import {
  lastPushBytes, loneSurrogate, MAX_INPUT_BYTES, streamCreate, streamEnd, streamFree, streamPush,
  streamSnapshot, tooLargeText,
} from './core.js';
import { checkOptions, nameArgument, optionalTier } from './arguments.js';
import { InvalidInputError } from './errors.js';
import { MODEL_INDEX, TIER_INDEX } from './registry.js';
import { streamEventsFromWire, validateFromWire } from './results.js';
import { validate } from './operations.js';

// A validator dropped without dispose() or end() still gives its wasm memory back.
const unreleased = new FinalizationRegistry((handle) => streamFree(handle));

const NO_EVENTS = Object.freeze([]);

function isHighSurrogate(code) {
  return code >= 0xd800 && code <= 0xdbff;
}

// The error event for text validate() refuses before the core reads it (too large, not Unicode).
function localError(result) {
  return [{ kind: 'error', issue: result.errors[0] }];
}

class StreamValidator {
  #handle;
  #pending = '';        // a trailing high surrogate, held until its pair arrives
  #characters = 0;      // the whole text's length so far (bytes for Uint8Array chunks)
  #bytes = 0;           // its UTF-8 length
  #malformed = false;   // a lone surrogate: validate() refuses the text
  #stopped = false;     // an error event was given here (the core's own stop is the core's)
  #textPath = null;     // the path of the last text event

  constructor(handle) {
    this.#handle = handle;
    unreleased.register(this, handle, this);
  }

  /**
   * Feeds the next chunk (a string or UTF-8 bytes, split anywhere); returns its events.
   * @param {string|Uint8Array} chunk
   */
  push(chunk) {
    this.#open();
    let refused = null;  // what validate() would refuse the whole text for, found in this chunk
    const text = typeof chunk === 'string';
    if (text) {
      if (this.#pending !== '') {
        chunk = this.#pending + chunk;
        this.#pending = '';
      }
      if (chunk.length > 0 && isHighSurrogate(chunk.charCodeAt(chunk.length - 1))) {
        this.#pending = chunk.slice(-1);
        chunk = chunk.slice(0, -1);
      }
    } else if (chunk instanceof Uint8Array) {
      if (this.#pending !== '') refused = loneSurrogate();  // half a pair, then bytes
    } else {
      throw new InvalidInputError(`chunk must be a string or a Uint8Array, got ${chunk === null ? 'null' : typeof chunk}`);
    }
    this.#characters += chunk.length;
    if (this.#characters > MAX_INPUT_BYTES) return this.#stop(tooLargeText(this.#characters));
    const events = streamPush(this.#handle, chunk);
    const bytes = lastPushBytes();
    this.#bytes += bytes;
    // One byte per character is ASCII, surely well-formed: most chunks skip the check.
    if (text && bytes !== chunk.length && !this.#malformed && typeof chunk.isWellFormed === 'function'
      && !chunk.isWellFormed()) {
      refused = loneSurrogate();
    }
    if (refused) {
      this.#malformed = true;
      return this.#stop(refused);
    }
    if (events === null || this.#stopped) return NO_EVENTS;
    if (typeof events === 'string') return [{ kind: 'text', path: this.#textPath.slice(), delta: events }];
    const mapped = streamEventsFromWire(events);
    for (let i = mapped.length - 1; i >= 0; i--) {
      if (mapped[i].kind === 'text') {
        this.#textPath = mapped[i].path.slice();
        break;
      }
    }
    return mapped;
  }

  /** The value so far: complete tokens only, open strings and containers closed. */
  snapshot() {
    this.#open();
    return streamSnapshot(this.#handle);
  }

  /** Exactly what validate(type, wholeText, {tier, strict}) returns; the validator is closed. */
  end() {
    this.#open();
    if (this.#pending !== '') {
      this.#malformed = true;  // the text ends in half a surrogate pair
      this.#characters += 1;
    }
    const wire = this.#characters > MAX_INPUT_BYTES ? null : streamEnd(this.#handle);
    this.dispose();
    // validate()'s order: too long, then too large once encoded, then not Unicode, then the core.
    let answer = wire;
    if (this.#characters > MAX_INPUT_BYTES || this.#bytes > MAX_INPUT_BYTES + 4) {
      answer = tooLargeText(this.#characters);
    } else if (this.#malformed) {
      answer = loneSurrogate();
    }
    const { valueIsInput, ...result } = validateFromWire(answer);
    return result;
  }

  /** Frees the wasm state; push, snapshot and end throw afterwards. Safe to call again. */
  dispose() {
    if (this.#handle === 0) return;
    unreleased.unregister(this);
    streamFree(this.#handle);
    this.#handle = 0;
  }

  #open() {
    if (this.#handle === 0) {
      throw new InvalidInputError('the stream validator is closed: end() or dispose() was called');
    }
  }

  #stop(result) {
    if (this.#stopped) return NO_EVENTS;
    this.#stopped = true;
    return localError(result);
  }
}

/**
 * A validator for `type` fed chunk by chunk. Unknown types and tiers and bad options throw the
 * errors validate() throws for them.
 * @param {string} type
 * @param {{tier?: string, strict?: boolean}} [options]
 */
export function createStreamValidator(type, options) {
  type = nameArgument(type, 'type');
  const { tier, strict = false } = checkOptions(options);
  const tierName = optionalTier(tier);
  const model = MODEL_INDEX.get(type);
  const tierIndex = tierName === '' ? -1 : TIER_INDEX.get(tierName);
  if (model === undefined || tierIndex === undefined) {
    validate(type, 'null', { tier, strict });  // throws validate()'s error for the name
  }
  return new StreamValidator(streamCreate(model, tierIndex, Boolean(strict)));
}
