/** Bytes of wasm memory the module holds (wasm memory grows and never shrinks). */
export function wasmMemoryBytes(): number;
/** Bytes the module's reused input and output buffers hold between calls (at most ~2 MiB after any call). */
export function retainedBufferBytes(): number;
/** The core's input limit in bytes. */
export const MAX_INPUT_BYTES: number;
/** The registry as the loaded core reports it. */
export function coreRegistry(): Record<string, unknown>;
/** Documents (openDocument) held in wasm memory: disposed and collected ones are not counted. */
export function documentCount(): number;
