// React under node:test: fake-indexeddb and a jsdom document (global-jsdom), both before React
// and Testing Library load. Import this first; `cleanup` unmounts what a test rendered.
// fake-indexeddb first: with a `window` defined it would install itself there, not on the globals.
import 'fake-indexeddb/auto';
import 'global-jsdom/register';

export { act, cleanup, render, waitFor } from '@testing-library/react';
export { environment } from './store.js';

/** Resolves after `ms` (the fake runner's chunk delays run on real timers). */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `check()` returns true (Testing Library's waitFor, with a clearer message). */
export async function until(check, what, { timeout = 5000 } = {}) {
  const { waitFor } = await import('@testing-library/react');
  await waitFor(() => {
    if (!check()) throw new Error(`timed out waiting for ${what}`);
  }, { timeout });
}
