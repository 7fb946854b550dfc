// The reference backend for the sync tests, in this process over real HTTP (PGlite in memory),
// and fetches that fail the ways networks do, on command.
import { after, before } from 'node:test';
import { buildApp } from '../../../server/app.js';
import { openStorage } from '../../../server/db/open.js';

export const TOKEN = 'token-sync';
export const OTHER_TOKEN = 'token-other';

/** A server for a suite: {base, api, app, db, requests}; `requests` lists every write it answered. */
export function backend(config = {}) {
  const server = { requests: [] };
  before(async () => {
    server.db = await openStorage({});
    server.app = await buildApp({
      db: server.db,
      tokens: [{ token: TOKEN, userId: 'founder' }, { token: OTHER_TOKEN, userId: 'cofounder' }],
      ...config,
    });
    server.app.addHook('onResponse', async (request, reply) => {
      if (request.method !== 'GET') {
        server.requests.push({
          method: request.method, url: request.url, status: reply.statusCode,
          key: request.headers['idempotency-key'] ?? null, replayed: reply.getHeader('idempotent-replayed') === 'true',
        });
      }
    });
    server.base = await server.app.listen({ host: '127.0.0.1', port: 0 });
    server.api = `${server.base}/api`;
  });
  after(async () => {
    await server.app?.close();
    await server.db?.close();
  });
  return server;
}

/** A call to the server as `token` ({status, body, etag}). */
export async function call(server, method, path, { body, token = TOKEN, headers = {} } = {}) {
  const response = await fetch(`${server.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, etag: response.headers.get('etag') };
}

/**
 * A fetch with faults on command: `faults.push(kind)` makes the next request fail as `kind`:
 * 'drop-request' (never reaches the server), 'drop-response' (the server applies it, the answer
 * is lost), 'http-500', 'http-429' (with Retry-After: retryAfter seconds), 'down' (every request
 * fails until `up()`). Counts what reached the server.
 */
export function faultyFetch({ retryAfter = 1 } = {}) {
  const state = { faults: [], down: false, sent: 0, reached: 0 };
  const fetchWithFaults = async (url, init) => {
    state.sent += 1;
    if (state.down) throw new TypeError('fetch failed (the server is down)');
    const fault = state.faults.shift();
    if (fault === 'drop-request') throw new TypeError('fetch failed (request dropped)');
    if (fault === 'http-500') return new Response(JSON.stringify({ detail: 'injected', code: 'internal' }), { status: 500 });
    if (fault === 'http-429') {
      return new Response(JSON.stringify({ detail: 'slow down', code: 'rate_limited' }), { status: 429, headers: { 'retry-after': String(retryAfter) } });
    }
    state.reached += 1;
    const response = await fetch(url, init);
    if (fault === 'drop-response') {
      await response.arrayBuffer();
      throw new TypeError('fetch failed (response dropped)');
    }
    return response;
  };
  return Object.assign(fetchWithFaults, {
    state,
    push: (...kinds) => state.faults.push(...kinds),
    down: () => { state.down = true; },
    up: () => { state.down = false; },
  });
}
