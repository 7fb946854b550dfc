// One generation run per project at a time. Two runs interleaving (a double click, React
// StrictMode's double effect, two tabs) corrupt each other: the second marks artifacts failed
// while the first is generating them, and a later artifact is generated without an earlier one
// as its context. A second caller is refused at once, before it touches any record.
import { ConcurrentGenerationError } from '../errors.js';

// Locks held in this realm (the fallback where the Web Locks API is missing, as in Node 20).
const held = new Set();

/**
 * Runs `work()` holding the project's lock: across tabs and workers of the origin with the Web
 * Locks API, within this page or process otherwise. Throws ConcurrentGenerationError, without
 * running `work`, while another run holds it.
 */
export async function withProjectLock(storeName, projectId, work) {
  const name = `cofounder-artifacts:${storeName}:project:${projectId}`;
  const refused = () => new ConcurrentGenerationError(`a generation of project ${projectId} is already running`);
  const locks = globalThis.navigator?.locks;
  if (typeof locks?.request === 'function') {
    let granted = false;
    const result = await locks.request(name, { ifAvailable: true }, (lock) => {
      if (lock === null) return undefined;
      granted = true;
      return work();
    });
    if (!granted) throw refused();
    return result;
  }
  if (held.has(name)) throw refused();
  held.add(name);
  try {
    return await work();
  } finally {
    held.delete(name);
  }
}
