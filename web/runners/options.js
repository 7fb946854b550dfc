// A runner's options, checked once when it is made: junk is a typed error then, not a failed
// request later.
import { InvalidInputError, UnknownTierError } from '../errors.js';
import { Tier } from '../registry.js';

const TIERS = Object.values(Tier);

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function optionalInteger(value, name, { min, fallback }) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new InvalidInputError(`${name} must be an integer >= ${min}`);
  return value;
}

/** A tier name, or undefined for every section. */
export function checkTier(tier, name = 'tier') {
  if (tier === undefined || tier === null) return undefined;
  if (typeof tier !== 'string') throw new InvalidInputError(`${name} must be a tier name`);
  if (!TIERS.includes(tier)) throw new UnknownTierError(`unknown ${name} '${tier.slice(0, 100)}'; expected ${TIERS.join(', ')}`);
  return tier;
}

function baseURL(value, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' && !(value instanceof URL)) throw new InvalidInputError('baseURL must be a URL');
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError(`baseURL is not a URL: '${String(value).slice(0, 200)}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidInputError(`baseURL must be http(s), not ${url.protocol}`);
  }
  if (url.search || url.hash) throw new InvalidInputError('baseURL must not have a query or a fragment: the API path goes after it');
  return url.href.replace(/\/+$/, '');
}

function headersOption(value) {
  if (value === undefined) return new Headers();
  try {
    return new Headers(value);
  } catch (error) {
    throw new InvalidInputError(`headers must be a Headers object, a record or a list of pairs (${error.message})`);
  }
}

/**
 * The settings a runner works with. `provider` gives its default base URL and may read options
 * of its own (`provider.options(options)`, e.g. Anthropic's dangerouslyAllowBrowser).
 */
export function readOptions(options, provider) {
  if (!isObject(options)) throw new InvalidInputError(`${provider.label}: options must be an object with at least a model`);
  const { model, apiKey, fetch, buildMessages, tier, maxRetries, maxRetryDelayMs, retryDelayMs, maxTokens, extraBody } = options;
  if (typeof model !== 'string' || model.trim() === '') throw new InvalidInputError(`${provider.label}: model must be a non-empty string`);
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey === '')) throw new InvalidInputError('apiKey must be a non-empty string');
  if (fetch !== undefined && typeof fetch !== 'function') throw new InvalidInputError('fetch must be a function');
  if (fetch === undefined && typeof globalThis.fetch !== 'function') throw new InvalidInputError('no fetch here: pass options.fetch');
  if (buildMessages !== undefined && typeof buildMessages !== 'function') throw new InvalidInputError('buildMessages must be a function');
  if (extraBody !== undefined && !isObject(extraBody)) throw new InvalidInputError('extraBody must be an object');
  return {
    label: provider.label,
    model,
    apiKey,
    headers: headersOption(options.headers),
    baseURL: baseURL(options.baseURL, provider.baseURL),
    // The global fetch is called as a function of its own: a browser's refuses another `this`.
    fetch: fetch ?? ((url, init) => globalThis.fetch(url, init)),
    buildMessages,
    tier: checkTier(tier),
    maxRetries: optionalInteger(maxRetries, 'maxRetries', { min: 0, fallback: 0 }),
    retryDelayMs: optionalInteger(retryDelayMs, 'retryDelayMs', { min: 0, fallback: 1000 }),
    maxRetryDelayMs: optionalInteger(maxRetryDelayMs, 'maxRetryDelayMs', { min: 0, fallback: 60_000 }),
    maxTokens: optionalInteger(maxTokens, 'maxTokens', { min: 1, fallback: undefined }),
    extraBody: extraBody ?? {},
    ...provider.options?.(options),
  };
}
