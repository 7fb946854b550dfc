// The package inside a module Web Worker.
import { init, validate } from '/web/index.js';

self.onmessage = async (event) => {
  await init();
  const result = validate('how_it_works', event.data, { tier: 'bootstrapper' });
  self.postMessage({ ok: result.ok, locked: result.warnings.map((w) => w.loc[0]) });
};
