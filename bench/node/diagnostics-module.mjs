// The diagnostics build of the wasm module (scripts/build-wasm.sh --diagnostics, written to
// build/wasm-diagnostics/module/, never shipped): the package's module plus the embind
// std::string bindings the boundary benchmark compares the package's encodeInto path with.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const moduleDir = new URL('../../build/wasm-diagnostics/module/', import.meta.url);

/**
 * Builds the diagnostics module if needed (incremental: a no-op when it is up to date), loads it
 * and returns the benchmarks' paths over it.
 */
export async function loadDiagnosticsModule() {
  execFileSync('bash', ['scripts/build-wasm.sh', '--diagnostics'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const { default: createArtifactsCore } = await import(new URL('artifacts-core.js', moduleDir));
  const core = await createArtifactsCore({ wasmBinary: readFileSync(new URL('artifacts-core.wasm', moduleDir)) });
  const encoder = new TextEncoder();
  return {
    /** Writes `text` into the input buffer by encodeInto (the package's path) and nothing else; bytes. */
    transferViaEncodeInto(text) {
      const capacity = text.length * 3;
      const pointer = core.inputBuffer(capacity);
      return encoder.encodeInto(text, core.HEAPU8.subarray(pointer, pointer + capacity)).written;
    },
    /** Only the transfer of `text` as an embind std::string argument; bytes. */
    transferViaEmbindString: (text) => core.stringArgumentLength(text),
    /** The raw module (the package's bindings plus the diagnostics ones), for step-by-step timing. */
    core,
    /** The result of the last call as the package reads it: UTF-8 bytes copied out of wasm memory. */
    resultBytes(length) {
      const pointer = core.outputPointer();
      return core.HEAPU8.slice(pointer, pointer + length);
    },
    /** validate() with the document as an embind std::string argument and result. */
    validateViaEmbindString: (type, text, tier = '', strict = false) =>
      JSON.parse(core.validateString(type, text, tier, strict)),
  };
}
