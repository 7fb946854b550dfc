// How a provider's failures become the package's typed errors: an HTTP error status (with its
// Retry-After), an error object in a body or an event, data that is not JSON, an answer that is
// not a JSON object.
import { LlmFailedError } from '../errors.js';
import { readText } from './body.js';

const ERROR_BODY_LIMIT = 64 * 1024;

/** What the server asked us to wait, in ms: `retry-after-ms` (OpenAI), else `Retry-After` in
 * seconds or as an HTTP date. Undefined when it said nothing readable. */
export function retryAfterMs(headers, now = Date.now()) {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The message in a provider's error object: OpenAI's {error: {message, code}} (also as an event
 * of its own: {type: 'error', message, code}), Anthropic's {error: {type, message}}. */
export function errorMessage(value) {
  const error = value?.error && typeof value.error === 'object' ? value.error : value;
  if (!error || typeof error !== 'object') return undefined;
  const kind = error.code ?? error.type;
  const message = typeof error.message === 'string' ? error.message : undefined;
  if (kind && message) return `${kind}: ${message}`;
  return message ?? (typeof kind === 'string' ? kind : undefined);
}

/** The error for a response with an error status; its body is read (a little of it) for the
 * provider's message. */
export async function httpFailure(response, label, signal) {
  let detail = '';
  try {
    const text = await readText(response.body, signal, ERROR_BODY_LIMIT);
    try {
      detail = errorMessage(JSON.parse(text)) ?? text.trim();
    } catch {
      detail = text.trim();
    }
  } catch (error) {
    signal?.throwIfAborted();
  }
  const message = `${label} answered HTTP ${response.status}${detail ? `: ${detail.slice(0, 500)}` : ''}`;
  return new LlmFailedError(message, { status: response.status, retryAfterMs: retryAfterMs(response.headers) });
}

/** An event's data as JSON; anything else means the stream is broken. */
export function eventJson(event, label) {
  try {
    return JSON.parse(event.data);
  } catch (error) {
    throw new LlmFailedError(`${label} sent an event that is not JSON: ${event.data.slice(0, 200)}`, { cause: error });
  }
}

/** The artifact from the model's answer: a JSON object (or its text). */
export function answerObject(answer, label) {
  let value = answer;
  if (typeof answer === 'string') {
    try {
      value = JSON.parse(answer);
    } catch (error) {
      throw new LlmFailedError(`${label}: the model's answer is not JSON (${error.message})`, { cause: error });
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LlmFailedError(`${label}: the model's answer is not a JSON object`);
  }
  return value;
}

/** A stream that stopped before its provider's last event. */
export function endedEarly(label) {
  return new LlmFailedError(`${label}: the stream ended before the answer was complete`);
}

/** A whole (non-streamed) response body as JSON. */
export function bodyJson(text, label) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LlmFailedError(`${label}: the response is not JSON: ${text.slice(0, 200)}`, { cause: error });
  }
}

/** A streamed request answered with something else (a proxy's JSON error, an HTML page). */
export function notAnEventStream(label, contentType, text) {
  let detail;
  try {
    detail = errorMessage(JSON.parse(text));
  } catch {
    detail = undefined;
  }
  return new LlmFailedError(`${label} answered ${contentType}, not an event stream${detail ? `: ${detail}` : ''}`);
}
