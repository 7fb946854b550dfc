// The reference backend for the sync tests, in this process over real HTTP (PGlite in memory),
// and fetches that fail the ways networks do, on command.
import { after, before } from 'node:test';
import { buildApp } from '../../../server/app.js';
import { openStorage } from '../../../server/db/open.js';
import { OutboxState, SyncClient } from 'cofounder-artifacts';

export const TOKEN = 'token-sync';
export const OTHER_TOKEN = 'token-other';

/**
 * A server for a suite: {base, api, app, db, requests}; `requests` lists every write it answered
 * ({method, url, status, key, replayed, body}).
 */
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
          body: request.body ?? null,
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
 * is lost), 'http-500', 'http-429' (with Retry-After: retryAfter seconds), 'garbage-200' (a 200
 * whose body is not JSON), 'html-502' (a proxy's error page), 'json-200' (a 200 with JSON that is
 * no record), 'down' (every request fails until `up()`). A fault may be {kind, when(url, init)}:
 * it waits for the first request `when` accepts (`writesOnly` accepts POST, PATCH, PUT). Counts
 * what reached the server and how many faults were injected.
 */
export function faultyFetch({ retryAfter = 1 } = {}) {
  const state = { faults: [], down: false, sent: 0, reached: 0, injected: 0 };
  const takeFault = (url, init) => {
    const index = state.faults.findIndex((f) => typeof f === 'string' || !f.when || f.when(url, init));
    if (index < 0) return undefined;
    const [fault] = state.faults.splice(index, 1);
    return typeof fault === 'string' ? fault : fault.kind;
  };
  const fetchWithFaults = async (url, init) => {
    state.sent += 1;
    if (state.down) {
      state.injected += 1;
      throw new TypeError('fetch failed (the server is down)');
    }
    const fault = takeFault(url, init);
    if (fault) state.injected += 1;
    if (fault === 'drop-request') throw new TypeError('fetch failed (request dropped)');
    if (fault === 'http-500') return new Response(JSON.stringify({ detail: 'injected', code: 'internal' }), { status: 500 });
    if (fault === 'http-429') {
      return new Response(JSON.stringify({ detail: 'slow down', code: 'rate_limited' }), { status: 429, headers: { 'retry-after': String(retryAfter) } });
    }
    if (fault === 'garbage-200') return new Response('<html>welcome to the hotel wifi</html>', { status: 200, headers: { 'content-type': 'text/html' } });
    if (fault === 'html-502') return new Response('<html><h1>502 Bad Gateway</h1></html>', { status: 502, headers: { 'content-type': 'text/html' } });
    if (fault === 'json-200') return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'content-type': 'application/json' } });
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

/** A fault `when` for write requests only (the client's GETs pass untouched). */
export const writesOnly = (url, init) => (init?.method ?? 'GET') !== 'GET';

/** A new project on the server (client-chosen id), as `token`. */
export async function newProject(server, { tier, token = TOKEN, name = 'StockPilot' } = {}) {
  const projectId = crypto.randomUUID();
  const created = await call(server, 'POST', '/projects', { token, body: { id: projectId, name, idea: 'inventory', ...(tier ? { tier } : {}) } });
  if (created.status !== 201) throw new Error(`project not created: ${created.status} ${JSON.stringify(created.body)}`);
  return projectId;
}

/** A project on the server and `type` generated locally on it (queued as a put). */
export async function projectWith(server, store, type, content, { tier, projectId } = {}) {
  const id = projectId ?? await newProject(server, { tier });
  const lease = await store.beginGeneration(id, type);
  const { record } = await store.completeGeneration(id, type, content, { lease });
  return { projectId: id, record };
}

/** Every write the server answered with this Idempotency-Key. */
export const requestsWithKey = (server, key) => server.requests.filter((r) => r.key === key);

/** Writes the server applied (a 2xx that was not a replay), per Idempotency-Key. */
export function appliedPerKey(server) {
  const applied = new Map();
  for (const r of server.requests) {
    if (r.key && r.status >= 200 && r.status < 300 && !r.replayed) applied.set(r.key, (applied.get(r.key) ?? 0) + 1);
  }
  return applied;
}

/** Keys the server applied more than once (must be none). */
export const duplicateApplies = (server) => [...appliedPerKey(server)].filter(([, n]) => n > 1);

export const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * Flushes until nothing pending is left (only conflicts and dead letters may stay), waiting out
 * short backoffs; fails after `rounds`.
 */
export async function drain(sync, store, { rounds = 200, pause = 8, pull = [] } = {}) {
  for (let round = 0; round < rounds; round += 1) {
    await sync.flush();
    for (const projectId of pull) await sync.pull(projectId);
    // Pending entries of a record held in a conflict wait for it: settled too.
    const entries = await store.outbox();
    const held = new Set(entries.filter((e) => e.state === OutboxState.CONFLICT).map((e) => e.recordId));
    const pending = entries.filter((e) => e.state === OutboxState.PENDING && !held.has(e.recordId));
    if (pending.length === 0) return round;
    await sleep(pause);
  }
  throw new Error(`the outbox did not drain: ${JSON.stringify((await store.outbox()).map((e) => [e.kind, e.state, e.lastError]))}`);
}

/** A SyncClient on `store` against `server`: no Web Locks, no timer-driven pulls, short backoffs. */
export function startSync(server, store, options = {}) {
  return SyncClient.start(store, {
    baseUrl: server.api, getAuthToken: () => TOKEN, intervalMs: 60_000, locks: null, pullOnTick: false,
    backoff: { baseMs: 1, maxMs: 5 }, ...options,
  });
}
