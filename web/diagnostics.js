// Diagnostics for tests and benchmarks: memory use and the alternative boundary path.
export {
  wasmMemoryBytes, retainedBufferBytes, validateViaEmbindString, transferViaEncodeInto, transferViaEmbindString,
  MAX_INPUT_BYTES, coreRegistry,
} from './core.js';
