// One POST to a provider, retried on 429 and 5xx (and a failed connection) up to maxRetries
// times: after the server's Retry-After when it gives one, else after a doubling delay (at most
// maxRetryDelayMs). A server that asks for a longer wait than maxRetryDelayMs is not retried: the
// error carries its retryAfterMs for the caller to schedule.
import { LlmFailedError } from '../errors.js';
import { sleep, untilAborted } from './abort.js';
import { httpFailure } from './failures.js';

const retryable = (status) => status === 429 || status >= 500;

function requestHeaders(settings, providerHeaders, stream) {
  const headers = new Headers({ 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' });
  for (const [name, value] of Object.entries(providerHeaders)) headers.set(name, value);
  for (const [name, value] of settings.headers) headers.set(name, value);
  return headers;
}

// A fetch that ignores the signal may still answer after the abort: its body is cancelled.
function fetchOnce(settings, url, init, signal) {
  const pending = Promise.resolve().then(() => settings.fetch(url, init));
  pending.then((response) => { if (signal?.aborted) response?.body?.cancel?.().catch(() => {}); }, () => {});
  return untilAborted(pending, signal);
}

/** The provider's response (status 2xx); every failure is an LlmFailedError, an abort the
 * signal's reason. */
export async function post(settings, { path, headers, body, stream, signal }) {
  const url = `${settings.baseURL}/${path}`;
  const init = { method: 'POST', headers: requestHeaders(settings, headers, stream), body: JSON.stringify(body), signal };
  for (let attempt = 0; ; attempt += 1) {
    signal?.throwIfAborted();
    let failure;
    let response;
    try {
      response = await fetchOnce(settings, url, init, signal);
    } catch (error) {
      signal?.throwIfAborted();
      failure = new LlmFailedError(`${settings.label}: the request to ${url} failed (${error?.message ?? error})`, { cause: error });
    }
    if (response) {
      if (response.ok) return response;
      failure = await httpFailure(response, settings.label, signal);
      if (!retryable(response.status)) throw failure;
    }
    const asked = failure.retryAfterMs;
    if (attempt >= settings.maxRetries || asked > settings.maxRetryDelayMs) throw failure;
    await sleep(asked ?? Math.min(settings.retryDelayMs * 2 ** attempt, settings.maxRetryDelayMs), signal);
  }
}
