// Which backend the editor talks to. `npm start` serves the editor with the reference backend's
// API under the same origin (/api/, and /health saying which storage it runs on); served alone,
// /health says there is none and the editor keeps everything in this browser.
const PROBE_TIMEOUT_MS = 2000;

/**
 * {api, llm, storage} when a backend answers behind this origin; {offline: true} when the network
 * is off (the service worker says so); else null (the editor is served alone).
 */
export async function probeBackend() {
  try {
    const response = await fetch(new URL('health', document.baseURI), {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), cache: 'no-store',
    });
    if (!response.ok) return null;
    const health = await response.json();
    if (health?.offline === true) return { offline: true };
    if (typeof health?.storage !== 'string') return null;
    return {
      api: new URL('api/', document.baseURI).href,
      llm: new URL('api/llm/v1', document.baseURI).href,
      storage: health.storage,
    };
  } catch {
    return null;  // offline, or no server: the editor works without one
  }
}
