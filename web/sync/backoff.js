// When to try an entry again: exponential backoff with jitter ("full jitter" over the upper
// half, so retries of many clients spread out but never come back at once), or what the
// backend's Retry-After asks, whichever is later.
export const DEFAULT_BACKOFF = Object.freeze({ baseMs: 500, maxMs: 60_000 });

/** Milliseconds to wait before attempt number `attempts + 1`. */
export function backoffDelay(attempts, { baseMs, maxMs } = DEFAULT_BACKOFF, random = Math.random, retryAfter = null) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempts, 30));
  const jittered = ceiling * (0.5 + random() / 2);
  return Math.max(jittered, retryAfter ?? 0);
}
