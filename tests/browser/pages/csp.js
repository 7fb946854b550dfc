// Runs under `script-src 'self' 'wasm-unsafe-eval'`: in the page, and in a module Web Worker.
import { init, validate } from '/web/index.js';
import { SAMPLE_PLAN } from '/web/testing/index.js';

try {
  await init();
  const page = validate('risk_log', SAMPLE_PLAN.risk_log).ok;
  const worker = new Worker('/tests/browser/pages/worker.js', { type: 'module' });
  const fromWorker = await new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(SAMPLE_PLAN.how_it_works);
  });
  window.result = { page, worker: fromWorker };
} catch (error) {
  window.result = { error: String(error) };
}
