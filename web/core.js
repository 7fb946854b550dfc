// Loads the wasm module once and carries JSON across the boundary as UTF-8 bytes in wasm memory:
// TextEncoder.encodeInto writes straight into the module's reused input buffer, and results are
// decoded from its output buffer. The raw module never leaves this file.
import createArtifactsCore from '../dist/artifacts-core.js';
import { REGISTRY } from '../dist/registry.js';
import { InvalidInputError, NotInitializedError } from './errors.js';

// Written as a literal so that bundlers see the asset and ship it (Vite rewrites it to the built
// file's URL).
const wasmAsset = new URL('../dist/artifacts-core.wasm', import.meta.url);
// The same file for reading from disk, named through a variable: a tool that transforms the module
// rewrites only the literal form, and vitest does so even in tests running under Node (under its
// jsdom environment the literal becomes http://localhost:3000/@fs/..., which nothing serves).
const WASM_FILE = '../dist/artifacts-core.wasm';
// The core's input limit (kMaxInputBytes, exported with the registry); larger input never crosses.
export const MAX_INPUT_BYTES = REGISTRY.max_input_bytes;
// Reserved input space above this is handed back after the call that needed it.
const RETAINED_BYTES = 1024 * 1024;

let module = null;
let loading = null;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Under Node (or a runtime compatible with it) the .wasm is read from disk. Node is known by what
// it has: process.versions.node, a file: URL for the asset and a working node:fs. Not by a
// missing `window`: tests under jsdom or happy-dom define one, and fetch cannot read file: URLs.
async function readFromDisk() {
  if (typeof process !== 'object' || typeof process?.versions?.node !== 'string') return null;
  const url = new URL(WASM_FILE, import.meta.url);
  if (url.protocol !== 'file:') return null;
  let fs;
  try {
    // Kept out of sight of bundlers: this branch only runs under Node.
    const fsName = 'node:fs/promises';
    fs = await import(/* @vite-ignore */ fsName);
  } catch {
    return null;  // a process shim without node:fs: load it like a browser does
  }
  return fs.readFile(url);
}

// How the module finds its .wasm: the bytes given, the bytes on disk, or a URL to fetch.
async function wasmSettings(options) {
  if (options.wasmBinary) return { wasmBinary: options.wasmBinary };
  if (!options.wasmUrl) {
    const bytes = await readFromDisk();
    if (bytes) return { wasmBinary: bytes };
  }
  const url = String(options.wasmUrl ?? wasmAsset);
  return { locateFile: () => url };
}

/**
 * Loads the module. Safe to call many times; later calls return the first call's promise.
 * @param {{wasmUrl?: string|URL, wasmBinary?: ArrayBuffer|Uint8Array}} [options]
 */
export function init(options = {}) {
  if (loading) return loading;
  loading = (async () => {
    module = await createArtifactsCore(await wasmSettings(options));
  })();
  loading.catch(() => { loading = null; });  // a failed load may be retried
  return loading;
}

/** Whether init() has finished: core calls work from then on. */
export function isInitialized() {
  return module !== null;
}

function ready() {
  if (module === null) {
    throw new NotInitializedError('cofounder-artifacts is not initialised: await init() first');
  }
  return module;
}

/** The result validate() gives for text of `length` characters that is too large once encoded. */
export function tooLargeText(length) {
  return tooLarge(length > MAX_INPUT_BYTES ? length : Math.min(length * 3, MAX_INPUT_BYTES + 4));
}

function tooLarge(bytes) {
  return {
    ok: false,
    code: 'invalid_input',
    errors: [{
      type: 'input_too_large', loc: [],
      msg: `Input is at least ${bytes} bytes; the limit is ${MAX_INPUT_BYTES} bytes`,
      ctx: { limit: MAX_INPUT_BYTES },
    }],
    warnings: [],
    value: null,
  };
}

// `asJson`: the text was a JSON document (json_invalid); otherwise plain text (string_unicode).
export function loneSurrogate({ asJson = true } = {}) {
  const problem = 'lone surrogate in the text (not valid Unicode)';
  return {
    ok: false,
    code: 'invalid_input',
    errors: [asJson
      ? { type: 'json_invalid', loc: [], msg: `Invalid JSON: ${problem}`, ctx: { error: problem } }
      : { type: 'string_unicode', loc: [], msg: `Input should be a valid string: ${problem}` }],
    warnings: [],
    value: null,
  };
}

/**
 * Runs `read()`, which reads caller-supplied values: whatever it throws (a getter's or a Proxy's
 * own error; JSON.stringify's TypeError on a cycle or a BigInt, its RangeError on nesting too deep
 * for the stack) becomes an InvalidInputError with the original as its cause.
 */
export function readInput(what, read) {
  try {
    return read();
  } catch (cause) {
    if (cause instanceof InvalidInputError) throw cause;
    throw new InvalidInputError(`${what}: ${cause?.message ?? String(cause)}`, { cause });
  }
}

/** A request object as JSON text (see readInput for what it refuses). */
export function requestText(request, name = 'the request') {
  return readInput(`${name} cannot be serialised as JSON`, () => JSON.stringify(request));
}

/** Content as JSON text: objects are serialised, strings are taken as JSON text. */
export function contentText(content, name = 'content') {
  if (typeof content === 'string') return content;
  if (typeof content === 'object') {  // objects, arrays and null are JSON values
    return requestText(content, name);
  }
  throw new InvalidInputError(`${name} must be an object or JSON text, got ${typeof content}`);
}

/**
 * Calls a core operation on `text`: `call(core, byteLength)` runs it on the input buffer and
 * returns the result's length (or a negative shortcut, handed to `shortcut`); the parsed result
 * object comes back.
 */
export function callWithText(text, call, shortcut, { fromStringify = false } = {}) {
  const core = ready();
  if (text.length > MAX_INPUT_BYTES) return tooLarge(text.length);
  // Lone surrogates: JSON.stringify never leaves one (it escapes them), so only caller text is
  // checked. The check is slow on long two-byte strings, so with a shortcut it waits: TextEncoder
  // turns a lone surrogate into U+FFFD, which the core's fast path never accepts.
  const check = !fromStringify && typeof text.isWellFormed === 'function';
  const malformed = () => check && !text.isWellFormed();
  if (!shortcut && malformed()) return loneSurrogate();
  const capacity = Math.min(text.length * 3, MAX_INPUT_BYTES + 4);
  const pointer = core.inputBuffer(capacity);
  try {
    // Take the heap view after inputBuffer: growing memory replaces it.
    const { read, written } = encoder.encodeInto(text, core.HEAPU8.subarray(pointer, pointer + capacity));
    // Too large once encoded: the buffer that grew for it is still given back (finally).
    if (read < text.length) return tooLarge(capacity);
    const length = call(core, written);
    if (length < 0) return shortcut(length);
    if (shortcut && malformed()) return loneSurrogate();
    return readResult(core, length);
  } finally {
    if (capacity > RETAINED_BYTES) core.releaseBuffers();
  }
}

/**
 * Calls a core operation on two texts, encoded back to back into the input buffer:
 * `call(core, firstBytes, secondBytes)` returns the result's length.
 */
export function callWithTwoTexts(first, second, call) {
  const core = ready();
  if (first.length + second.length > MAX_INPUT_BYTES) return tooLarge(first.length + second.length);
  if (typeof first.isWellFormed === 'function' && (!first.isWellFormed() || !second.isWellFormed())) {
    return loneSurrogate({ asJson: false });
  }
  const capacity = Math.min((first.length + second.length) * 3, MAX_INPUT_BYTES + 8);
  const pointer = core.inputBuffer(capacity);
  try {
    const heap = core.HEAPU8;
    const one = encoder.encodeInto(first, heap.subarray(pointer, pointer + capacity));
    const two = encoder.encodeInto(second, heap.subarray(pointer + one.written, pointer + capacity));
    if (one.read < first.length || two.read < second.length) return tooLarge(capacity);
    return readResult(core, call(core, one.written, two.written));
  } finally {
    if (capacity > RETAINED_BYTES) core.releaseBuffers();
  }
}

/** Calls a core operation that takes no document. */
export function call(operation) {
  const core = ready();
  return readResult(core, operation(core));
}

function readResult(core, length) {
  const pointer = core.outputPointer();
  const result = JSON.parse(decoder.decode(core.HEAPU8.subarray(pointer, pointer + length)));
  if (length > RETAINED_BYTES) core.releaseBuffers();
  return result;
}

// ---- the stream validator's boundary ------------------------------------------------------
// A validator lives in wasm memory between pushes, named by a handle. Each chunk is written into
// the core's chunk buffer, reserved once and reused while it is large enough (its address does
// not move until it grows or a stream is freed); events are decoded only when there are some.

let chunkPointer = 0;
let chunkCapacity = 0;
let outputCell = -1;  // where the core leaves the address of a push's output

function chunkBuffer(core, bytes) {
  if (bytes > chunkCapacity) {
    chunkPointer = core.streamChunkBuffer(bytes);
    chunkCapacity = bytes;
  }
  return chunkPointer;
}

// Short ASCII chunks (the common case of a token stream) are written byte by byte: cheaper than
// a subarray and encodeInto for a few characters.
const SHORT_CHUNK = 32;

/** Writes `chunk` (a well-formed string or a Uint8Array) into the chunk buffer; its byte length. */
function writeChunk(core, chunk) {
  if (typeof chunk !== 'string') {
    const pointer = chunkBuffer(core, chunk.length);
    core.HEAPU8.set(chunk, pointer);
    return chunk.length;
  }
  const length = chunk.length;
  const capacity = length * 3;
  const pointer = chunkBuffer(core, capacity);
  const heap = core.HEAPU8;
  if (length <= SHORT_CHUNK) {
    let i = 0;
    for (; i < length; i++) {
      const code = chunk.charCodeAt(i);
      if (code >= 0x80) break;
      heap[pointer + i] = code;
    }
    if (i === length) return length;
  }
  return encoder.encodeInto(chunk, heap.subarray(pointer, pointer + capacity)).written;
}

/** A stream validator for a known model and tier (by index; tier -1: none); its handle. */
export function streamCreate(model, tier, strict) {
  return ready().streamCreate(model, tier, strict);
}

let pushedBytes = 0;

/**
 * Pushes a chunk: null when it produced no event, the events' wire JSON parsed, or (a string) the
 * delta of a lone text event continuing the previous text event's string.
 */
export function streamPush(handle, chunk) {
  const core = ready();
  pushedBytes = writeChunk(core, chunk);
  const length = core._artifacts_stream_push(handle, pushedBytes);
  if (length === 0) return null;
  if (outputCell < 0) outputCell = core.streamOutputCell();
  const heap = core.HEAPU8;
  const pointer = (heap[outputCell] | (heap[outputCell + 1] << 8) | (heap[outputCell + 2] << 16)
    | (heap[outputCell + 3] << 24)) >>> 0;
  if (length < 0) return readText(heap, pointer, -length);
  const events = JSON.parse(decoder.decode(heap.subarray(pointer, pointer + length)));
  if (length > RETAINED_BYTES) core.releaseBuffers();
  return events;
}

// UTF-8 text from wasm memory; a few ASCII bytes without the decoder.
function readText(heap, pointer, length) {
  if (length <= SHORT_CHUNK) {
    let text = '';
    for (let i = 0; i < length; i++) {
      const byte = heap[pointer + i];
      if (byte >= 0x80) return decoder.decode(heap.subarray(pointer, pointer + length));
      text += String.fromCharCode(byte);
    }
    return text;
  }
  return decoder.decode(heap.subarray(pointer, pointer + length));
}

/** The byte length of the last chunk pushed. */
export function lastPushBytes() {
  return pushedBytes;
}

/** The value so far (parsed). */
export function streamSnapshot(handle) {
  const core = ready();
  return readResult(core, core.streamSnapshot(handle));
}

/** validate()'s wire result for everything pushed. */
export function streamEnd(handle) {
  const core = ready();
  return readResult(core, core.streamEnd(handle));
}

/** Frees a validator's state (its handle is then unknown to the core). */
export function streamFree(handle) {
  if (module === null) return;
  module.streamFree(handle);
  chunkCapacity = 0;  // a large chunk buffer is given back with it
}

/** The registry as the core sees it (for checks; constants come from dist/registry.js). */
export function coreRegistry() {
  return JSON.parse(ready().registry());
}

/** Bytes of wasm memory in use by the module (it grows, and never shrinks). */
export function wasmMemoryBytes() {
  return ready().HEAPU8.length;
}

/** Bytes the module's reused input and output buffers hold between calls. */
export function retainedBufferBytes() {
  return ready().retainedBytes();
}

// ---- documents held open ------------------------------------------------------------------
// A document lives in wasm memory between calls, named by a handle: its content crosses once
// (when opened), then only a new section's text does; validate, diff and merge read what is held.

/**
 * Opens `text` (well-formed: the caller checks) as a document of `type` at `tier` ('' for none):
 * its handle (a positive number), or the failure's result.
 */
export function documentOpen(type, text, tier) {
  let handle = 0;
  const result = callWithText(text, (core, length) => {
    handle = core.documentOpen(type, length, tier);
    return handle > 0 ? -1 : -handle;
  }, () => null, { fromStringify: true });
  return handle > 0 ? handle : result;
}

/**
 * validate()'s wire result for the document, or null for "valid as written, no warnings"; a
 * normalised value comes as its JSON text in `valueText` (the wire's `value` is null).
 */
export function documentValidate(handle, strict) {
  const core = ready();
  const length = core.documentValidate(handle, strict);
  if (length < 0) return null;
  const wire = readResult(core, length);
  if (wire.ok && wire.value_is_input !== true) wire.valueText = readOutput(core, core.documentTakeValue());
  return wire;
}

// The output buffer's first `length` bytes as text.
function readOutput(core, length) {
  const pointer = core.outputPointer();
  const text = decoder.decode(core.HEAPU8.subarray(pointer, pointer + length));
  if (length > RETAINED_BYTES) core.releaseBuffers();
  return text;
}

/**
 * Sets a section to the JSON text `text` (null: removes it); the section's wire result, or null
 * for "valid as written, no warnings" (the value is `text`).
 */
export function documentSetSection(handle, sectionId, text, strict) {
  if (text === null) {
    const core = ready();
    return readResult(core, core.documentSetSection(handle, sectionId, 0, strict));
  }
  return callWithText(text, (core, length) => core.documentSetSection(handle, sectionId, length, strict),
    () => null, { fromStringify: true });
}

/** The document's compact JSON text. */
export function documentText(handle) {
  const core = ready();
  return readOutput(core, core.documentText(handle));
}

/** diff's wire result for two documents. */
export function documentDiff(before, after) {
  const core = ready();
  return readResult(core, core.documentDiff(before, after));
}

/** merge's wire result for documents (handle 0: no content) and the request {type, edited_sections, force}. */
export function documentMerge(base, ours, theirs, requestText) {
  return callWithText(requestText, (core, length) => core.documentMerge(base, ours, theirs, length),
    undefined, { fromStringify: true });
}

/** Frees a document (its handle is then unknown to the core). */
export function documentFree(handle) {
  if (module === null) return;
  module.documentFree(handle);
}

/** Documents held in wasm memory (diagnostics: a dropped document must be freed). */
export function documentCount() {
  return ready().documentCount();
}
