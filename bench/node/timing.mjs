// Timing for the side scripts (documents.mjs, goals.mjs): the median microseconds per call of a
// calibrated batch (at least 25 ms), over nine rounds, after a warm-up (the JIT, wasm buffers).

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median microseconds per call of `fn`, after `warmup` calls. */
export function micros(fn, { warmup = 500 } = {}) {
  for (let i = 0; i < warmup; i += 1) fn();
  let batch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i += 1) fn();
    if (performance.now() - t0 > 25 || batch > 1e6) break;
    batch *= 2;
  }
  const samples = [];
  for (let round = 0; round < 9; round += 1) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i += 1) fn();
    samples.push(((performance.now() - t0) * 1000) / batch);
  }
  return median(samples);
}
