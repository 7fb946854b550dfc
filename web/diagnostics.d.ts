/** Bytes of wasm memory the module holds (wasm memory grows and never shrinks). */
export function wasmMemoryBytes(): number;
/** Bytes the module's reused input and output buffers hold between calls (at most ~2 MiB after any call). */
export function retainedBufferBytes(): number;
/** validate() through an embind std::string argument, for the boundary benchmark. */
export function validateViaEmbindString(type: string, text: string, tier?: string, strict?: boolean): unknown;
/** The core's input limit in bytes. */
export const MAX_INPUT_BYTES: number;
/** The registry as the loaded core reports it. */
export function coreRegistry(): Record<string, unknown>;
/** Moves `text` into wasm memory with TextEncoder.encodeInto (the API's path); returns bytes. */
export function transferViaEncodeInto(text: string): number;
/** Moves `text` into wasm memory as an embind std::string argument; returns bytes. */
export function transferViaEmbindString(text: string): number;
