// How writes run and answers are tagged: one object that the routes are given, made here with the
// sync extensions (Idempotency-Key, If-Match, ETag) or plain (all three ignored: a backend without
// them, to test clients against). Routes never ask which; they call:
//   run(request, reply, handler)           the handler in one transaction, and its answer sent
//   checkIfMatch(request, etag, current)   412 with `current` unless If-Match (when given) names etag
//   requireIfMatch(request, etag, current) the same, and 428 without If-Match
//   tag(reply, etag)                       the answer's ETag header
//   notModified(request, etag)             whether If-None-Match names etag (a GET answers 304)
// What a handler returns: {status, body, etag?, after?}; `after` runs once the write committed.
//
// With the extensions, every write runs in one transaction with its Idempotency-Key: the key is
// inserted first (the primary key makes concurrent repeats wait for the first and then find its
// response), the write and its response are stored with it, and a repeat gets that response back
// without applying anything. A write that fails writes nothing, its key included, so it may be
// retried.
import { createHash } from 'node:crypto';
import { HttpError } from './errors.js';

const MAX_KEY_LENGTH = 255;

export function writeRules(db, { syncExtensions = true } = {}) {
  return syncExtensions ? syncRules(db) : plainRules(db);
}

function send(reply, outcome) {
  if (outcome.after) outcome.after();
  if (outcome.etag) reply.header('etag', outcome.etag);
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(outcome.status).send(outcome.body);
}

function plainRules(db) {
  return {
    run: async (request, reply, handler) => {
      const { status, body, after } = await db.transaction(handler);
      return send(reply, { status, body, after });
    },
    checkIfMatch: () => {},
    requireIfMatch: () => {},
    tag: () => {},
    notModified: () => false,
  };
}

function syncRules(db) {
  return {
    run: (request, reply, handler) => runWithKey(db, request, reply, handler),
    checkIfMatch,
    requireIfMatch: (request, etag, current) => {
      if (ifMatchTags(request) === null) {
        throw new HttpError(428, 'if_match_required', 'this write needs If-Match with the current ETag');
      }
      checkIfMatch(request, etag, current);
    },
    tag: (reply, etag) => reply.header('etag', etag),
    notModified: (request, etag) => {
      const noneMatch = request.headers['if-none-match'];
      return Boolean(noneMatch) && noneMatch.split(',').map((t) => t.trim()).includes(etag);
    },
  };
}

function requestDigest(request) {
  return createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url} ${JSON.stringify(request.params)}\n`)
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
}

function readKey(request) {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH || /[^\x21-\x7e]/.test(key)) {
    throw new HttpError(400, 'invalid_idempotency_key', `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} visible ASCII characters`);
  }
  return key;
}

async function findResponse(db, userId, key) {
  const [row] = await db.query(
    'SELECT request_sha256, status_code, response, etag FROM idempotency_keys WHERE user_id = $1 AND key = $2',
    [userId, key]);
  return row ?? null;
}

function replay(first, digest) {
  if (first.request_sha256 !== digest) {
    throw new HttpError(422, 'idempotency_key_reused', 'this Idempotency-Key was used for a different request');
  }
  return { status: first.status_code, body: first.response, etag: first.etag, replayed: true };
}

async function runWithKey(db, request, reply, handler) {
  const key = readKey(request);
  const digest = key ? requestDigest(request) : null;
  // A repeat of a finished request is answered from its stored response without a transaction
  // (the key's row is only ever visible with its response: both are written in one commit).
  const stored = key ? await findResponse(db, request.userId, key) : null;
  const outcome = stored ? replay(stored, digest) : await db.transaction(async (tx) => {
    if (key) {
      const claimed = await tx.query(
        `INSERT INTO idempotency_keys (user_id, key, request_sha256) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING key`, [request.userId, key, digest]);
      if (claimed.length === 0) return replay(await findResponse(tx, request.userId, key), digest);
    }
    const result = await handler(tx);
    if (key) {
      await tx.query(
        'UPDATE idempotency_keys SET status_code = $3, response = $4::jsonb, etag = $5 WHERE user_id = $1 AND key = $2',
        [request.userId, key, result.status, JSON.stringify(result.body), result.etag ?? null]);
    }
    return result;
  });
  return send(reply, outcome);
}

/** The tags an If-Match header lists ('*' included), or null without one. */
function ifMatchTags(request) {
  const header = request.headers['if-match'];
  if (header === undefined) return null;
  return String(header).split(',').map((tag) => tag.trim().replace(/^W\//, '')).filter(Boolean);
}

/** 412 with `current` unless If-Match (when given) names `etag` ('*': any existing version). */
function checkIfMatch(request, etag, current) {
  const tags = ifMatchTags(request);
  if (tags === null) return;
  if (tags.includes('*') && etag) return;
  if (!etag || !tags.includes(etag)) {
    throw new HttpError(412, 'precondition_failed',
      `If-Match ${request.headers['if-match']} does not match the current version ${etag ?? '(none)'}`, { current });
  }
}
