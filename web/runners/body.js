// Reading a response body (a ReadableStream of bytes) so that aborting stops it: the abort
// cancels the reader, which ends a pending read, and the read rejects with the signal's reason.
// Whoever stops reading early (an error, a consumer that breaks out) cancels the body too, so
// the connection is not left open.
import { LlmFailedError } from '../errors.js';

/** The body's chunks as they arrive. */
export async function* readChunks(body, signal) {
  if (!body || typeof body.getReader !== 'function') throw new LlmFailedError('the response has no body to read');
  if (signal?.aborted) {
    body.cancel(signal.reason).catch(() => {});
    throw signal.reason;
  }
  const reader = body.getReader();
  const onAbort = () => { reader.cancel(signal.reason).catch(() => {}); };
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    for (;;) {
      let step;
      try {
        step = await reader.read();
      } catch (error) {
        signal?.throwIfAborted();
        throw new LlmFailedError(`reading the response failed: ${error?.message ?? error}`, { cause: error });
      }
      signal?.throwIfAborted();
      if (step.done) break;
      yield step.value;
    }
    finished = true;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!finished) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** The whole body as text; past `limit` characters the rest is left unread (and cancelled). */
export async function readText(body, signal, limit = Infinity) {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of readChunks(body, signal)) {
    text += decoder.decode(chunk, { stream: true });
    if (text.length > limit) return text.slice(0, limit);
  }
  return text + decoder.decode();
}
