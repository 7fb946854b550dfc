// Bearer tokens: API_TOKENS ("token:user" or "token=user", comma-separated) is written to the
// users and api_tokens tables (as SHA-256 digests) at start-up, and read back into memory, so a
// request's check is one hash and one map lookup.
import { createHash } from 'node:crypto';
import { HttpError } from './errors.js';

export const digest = (token) => createHash('sha256').update(token).digest('hex');

/** [{token, userId}] from the API_TOKENS syntax. */
export function parseTokens(text) {
  if (!text) return [];
  return text.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    const match = /^([^:=\s]+)[:=]([^:=\s]+)$/.exec(entry);
    if (!match) throw new Error(`API_TOKENS entry '${entry}' is not token:user`);
    return { token: match[1], userId: match[2] };
  });
}

/** Stores the given tokens and returns every stored token's user by digest. */
export async function loadTokens(db, tokens) {
  for (const { token, userId } of tokens) {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO users (id) VALUES ($1) ON CONFLICT DO NOTHING', [userId]);
      await tx.query(`INSERT INTO api_tokens (token_sha256, user_id) VALUES ($1, $2)
                      ON CONFLICT (token_sha256) DO UPDATE SET user_id = EXCLUDED.user_id`, [digest(token), userId]);
    });
  }
  const rows = await db.query('SELECT token_sha256, user_id FROM api_tokens');
  return new Map(rows.map((r) => [r.token_sha256, r.user_id]));
}

/** The onRequest hook: sets request.userId or answers 401. */
export function bearerAuth(usersByDigest) {
  return async (request, reply) => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const userId = match ? usersByDigest.get(digest(match[1])) : undefined;
    if (!userId) {
      reply.header('www-authenticate', 'Bearer');
      throw new HttpError(401, 'unauthorized', match ? 'the bearer token is not valid' : 'an Authorization: Bearer <token> header is required');
    }
    request.userId = userId;
  };
}
