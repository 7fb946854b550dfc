// Diagnostics for tests: the module's memory use, the core's input limit and its registry.
export {
  coreRegistry, documentCount, MAX_INPUT_BYTES, retainedBufferBytes, wasmMemoryBytes,
} from './core.js';
