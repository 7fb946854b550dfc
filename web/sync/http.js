// The backend's HTTP API as the sync client uses it: JSON in and out, the bearer token, a timeout,
// and every outcome as data ({status, body, etag, retryAfterMs}) or a network failure (status 0).
import { InvalidInputError } from '../errors.js';

const DEFAULT_TIMEOUT_MS = 15_000;

/** Milliseconds a Retry-After header asks to wait (seconds or an HTTP date), or null. */
export function retryAfterMs(header, now) {
  if (header === null || header === undefined || header === '') return null;
  const trimmed = String(header).trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

// An absolute http(s) URL: anything else fails every request later, far from the mistake.
function isHttpUrl(value) {
  if (typeof value !== 'string' || value === '') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export class SyncHttp {
  constructor({ baseUrl, getAuthToken, fetch: fetchImpl, timeoutMs = DEFAULT_TIMEOUT_MS, clock }) {
    if (!isHttpUrl(baseUrl)) throw new InvalidInputError('baseUrl must be the API root, e.g. https://host/api');
    this.base = baseUrl.replace(/\/+$/, '');
    this.getAuthToken = getAuthToken ?? (() => null);
    this.fetch = fetchImpl ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = timeoutMs;
    this.clock = clock;
  }

  /**
   * One request. Resolves {status, body, etag, retryAfterMs}; status 0 when no answer came (the
   * network, a timeout, a body that is not JSON from a proxy) with `error` saying why.
   */
  async request(method, path, { body, headers = {}, signal } = {}) {
    const token = await this.getAuthToken();
    const sent = { accept: 'application/json', ...headers };
    if (token) sent.authorization = `Bearer ${token}`;
    if (body !== undefined) sent['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response;
    try {
      response = await this.fetch(`${this.base}${path}`, {
        method,
        headers: sent,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        cache: 'no-store',
      });
    } catch (error) {
      return { status: 0, error: error?.message || String(error) };
    }
    let parsed = null;
    if (response.status !== 204 && response.status !== 304) {
      const text = await response.text().catch(() => null);
      if (text === null) return { status: 0, error: 'the response body was cut off' };
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        // A 5xx page from a proxy is an outage, not an answer.
        if (response.status >= 500 || response.status === 429) parsed = null;
        else return { status: 0, error: `HTTP ${response.status} with a body that is not JSON` };
      }
    }
    return {
      status: response.status,
      body: parsed,
      etag: response.headers.get('etag'),
      retryAfterMs: retryAfterMs(response.headers.get('retry-after'), this.clock()),
    };
  }
}
