// Readers of the operations' arguments: names, options and documents, checked once at the
// boundary so a caller's bad value becomes an InvalidInputError naming it.
import { MAX_INPUT_BYTES, readInput } from './core.js';
import { InvalidInputError } from './errors.js';

/** `value` if it is a string; otherwise InvalidInputError naming `name`. */
export function checkName(value, name) {
  if (typeof value !== 'string') {
    throw new InvalidInputError(`${name} must be a string, got ${value === null ? 'null' : typeof value}`);
  }
  return value;
}

// Names (type, tier) cross by embind string conversion, and wasm memory never shrinks: a 64 MB
// "type" would keep 64 MB for good. Known names are short and the core echoes at most 1 KiB of an
// unknown one, so past 2 048 characters the rest cannot change the answer and stays behind.
const NAME_LIMIT = 2048;

/** A name argument (type, tier) as it crosses to the core. */
export function nameArgument(value, name) {
  checkName(value, name);
  return value.length > NAME_LIMIT ? value.slice(0, NAME_LIMIT) : value;
}

/** `{tier, strict}` read once from `options` (which may be absent). */
export function checkOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new InvalidInputError('options must be an object');
  // Read once, here: a throwing getter is the caller's bad input, not an exception of ours.
  return readInput('options cannot be read',
    () => ({ tier: options.tier, strict: options.strict, target: options.target }));
}

/** A tier name, or '' for none. */
export function optionalTier(tier) {
  return tier === undefined || tier === null ? '' : nameArgument(tier, 'tier');
}

/** A document that may be absent: null, an object or JSON text. */
export function documentValue(value, name) {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'object') return value;
  throw new InvalidInputError(`${name} must be an object, JSON text or null, got ${typeof value}`);
}

const MARKDOWN_OPTIONS = ['variant', 'tier', 'startupName', 'generatedAt'];

/** The four texts the core's Markdown export takes: variant, tier, startupName, generatedAt. */
export function markdownOptions(options) {
  if (options === undefined || options === null) return ['', '', '', ''];
  if (typeof options !== 'object') throw new InvalidInputError('options must be an object');
  const read = readInput('options cannot be read',
    () => [options.variant, options.tier, options.startupName, options.generatedAt]);
  if (read[3] instanceof Date) {
    if (Number.isNaN(read[3].getTime())) throw new InvalidInputError('generatedAt is an invalid Date');
    read[3] = read[3].toISOString();
  }
  return read.map((value, i) => {
    const name = MARKDOWN_OPTIONS[i];
    if (value === undefined || value === null) return '';
    checkName(value, name);
    if (typeof value.isWellFormed === 'function' && !value.isWellFormed()) {
      throw new InvalidInputError(`${name} is not valid Unicode (it has a lone surrogate)`);
    }
    if (value.length > MAX_INPUT_BYTES) throw new InvalidInputError(`${name} is longer than ${MAX_INPUT_BYTES} characters`);
    return value;
  });
}
