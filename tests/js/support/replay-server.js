// A local HTTP server that plays an LLM provider: it records every request and answers it with
// a handler chosen by the first path segment (a runner's baseURL is `server.url(scenario)`), e.g.
// a recorded stream from tests/fixtures/provider-streams/ written to the socket in small pieces.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

export const streamsDir = new URL('../../fixtures/provider-streams/', import.meta.url);

/** The fixtures' manifest: [{file, provider, stream, type, expect}]. */
export const streamFixtures = () => JSON.parse(readFileSync(new URL('index.json', streamsDir), 'utf8'));
export const streamFixture = (file) => readFileSync(new URL(file, streamsDir));

/** A deterministic generator of numbers in [0, 1) (mulberry32). */
export function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `bytes` cut into pieces: `'bytes'` one byte each, `{seed, maxPiece}` random sizes (1 to
 * maxPiece, default 64), `'whole'`. */
export function pieces(bytes, chunking) {
  if (chunking === 'whole') return [bytes];
  const next = chunking === 'bytes' ? () => 0 : seeded(chunking.seed);
  const maxPiece = chunking.maxPiece ?? 64;
  const out = [];
  for (let i = 0; i < bytes.length;) {
    const size = 1 + Math.floor(next() * maxPiece);
    out.push(bytes.subarray(i, i + size));
    i += size;
  }
  return out;
}

// Each piece is its own write, flushed to the socket (no Nagle delay) before the next, and the
// event loop turns between them, so a client in the same process reads them apart.
async function writePieces(res, bytes, chunking) {
  res.socket?.setNoDelay(true);
  for (const piece of pieces(bytes, chunking)) {
    if (res.destroyed) return;
    res.write(piece);
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}

/**
 * A handler that answers with `body` (bytes or text): status 200 unless told, the content type
 * of an event stream or of JSON, written in `chunking` pieces.
 */
export function answer(body, { status = 200, headers = {}, chunking = 'whole', contentType } = {}) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return async (request, res) => {
    res.writeHead(status, { 'content-type': contentType ?? (request.body?.stream ? 'text/event-stream' : 'application/json'), ...headers });
    res.flushHeaders();
    await writePieces(res, bytes, chunking);
  };
}

/** A handler that replays a fixture file, optionally with its line ends rewritten. */
export function replay(file, { lineEnd, ...options } = {}) {
  let bytes = streamFixture(file);
  if (lineEnd) bytes = Buffer.from(bytes.toString('utf8').replace(/\n/g, lineEnd));
  return answer(bytes, { contentType: file.endsWith('.sse') ? 'text/event-stream' : 'application/json', ...options });
}

/** A handler that sends the headers (or nothing, with `headers: false`) and then nothing more. */
export function hang({ headers = true } = {}) {
  return (request, res) => {
    if (headers) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': thinking\n\n');
    }
  };
}

/** Answers in turn: the first request with the first handler, and so on (the last repeats). */
export function sequence(...handlers) {
  let next = 0;
  return (request, res) => handlers[Math.min(next++, handlers.length - 1)](request, res);
}

export async function startReplayServer() {
  const routes = new Map();
  const requests = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    const [, scenario, ...rest] = new URL(req.url, 'http://localhost').pathname.split('/');
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    const request = {
      scenario, method: req.method, path: `/${rest.join('/')}`, headers: req.headers, body,
      // Resolves when the client is gone or the answer is done (a cancelled body closes it).
      closed: new Promise((resolve) => res.on('close', resolve)),
    };
    requests.push(request);
    const handler = routes.get(scenario);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no scenario '${scenario}'` } }));
      return;
    }
    await handler(request, res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    requests,
    /** The baseURL of a scenario. */
    url: (scenario) => `${base}/${scenario}`,
    route(scenario, handler) {
      routes.set(scenario, handler);
      return `${base}/${scenario}`;
    },
    /** The requests a scenario received. */
    received: (scenario) => requests.filter((r) => r.scenario === scenario),
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
