#!/usr/bin/env node
// `npm run server`: the reference backend on http://HOST:PORT (127.0.0.1:8787 by default).
// Environment:
//   DATABASE_URL      a PostgreSQL server; otherwise PGlite keeps its data in DATA_DIR
//   DATA_DIR          PGlite's data folder (default .data/pglite, git-ignored)
//   API_TOKENS        "token:user,token2:user2" ("token=user" too); none: a dev token (.data/dev-token) is printed
//   LLM_UPSTREAM_URL  an OpenAI-compatible base URL (…/v1) the LLM route relays to, LLM_API_KEY its key
//   RUNNER_LATENCY_MS delay per artifact of the default RunnerFake (to watch a cascade progress)
//   BODY_LIMIT        request body limit in bytes (default 2 MiB)
//   CORS_ORIGINS      comma-separated origins whose pages may call the API (the editor's, e.g.
//                     http://127.0.0.1:5173); none by default
//   SYNC_EXTENSIONS   "off": a plain backend that ignores ETag, If-Match and Idempotency-Key (to
//                     test a client against one without them); "on" (the default) applies them
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RunnerFake } from 'cofounder-artifacts/testing';
import { buildApp } from './app.js';
import { parseTokens } from './http/auth.js';

const env = process.env;
const root = new URL('..', import.meta.url).pathname;
const syncExtensions = new Map([['on', true], ['off', false]]).get(env.SYNC_EXTENSIONS ?? 'on');
if (syncExtensions === undefined) {
  console.error(`SYNC_EXTENSIONS must be "on" or "off", not "${env.SYNC_EXTENSIONS}"`);
  process.exit(2);
}
const dataDir = env.DATABASE_URL ? undefined : resolve(root, env.DATA_DIR ?? '.data/pglite');
if (dataDir) await mkdir(dataDir, { recursive: true });
let tokens = parseTokens(env.API_TOKENS);
let devToken = null;
if (tokens.length === 0) {
  // One dev token, kept beside the data (.data/dev-token) so it stays the same across restarts.
  const tokenFile = resolve(root, '.data/dev-token');
  devToken = (await readFile(tokenFile, 'utf8').catch(() => '')).trim();
  if (!devToken) {
    devToken = `dev-${randomBytes(18).toString('base64url')}`;
    await mkdir(dirname(tokenFile), { recursive: true });
    await writeFile(tokenFile, `${devToken}\n`, { mode: 0o600 });
  }
  tokens = [{ token: devToken, userId: 'dev' }];
}

const app = await buildApp({
  databaseUrl: env.DATABASE_URL,
  dataDir,
  tokens,
  runner: new RunnerFake({ latencyMs: Number(env.RUNNER_LATENCY_MS ?? 0) }),
  llm: { upstreamUrl: env.LLM_UPSTREAM_URL, apiKey: env.LLM_API_KEY },
  bodyLimit: env.BODY_LIMIT ? Number(env.BODY_LIMIT) : undefined,
  syncExtensions,
  corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : [],
  logger: { level: env.LOG_LEVEL ?? 'warn' },
});
const address = await app.listen({ host: env.HOST ?? '127.0.0.1', port: Number(env.PORT ?? 8787) });
console.log(`cofounder-artifacts server: ${address}/api (storage: ${env.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${dataDir}`})`);
if (!syncExtensions) console.log('sync extensions off: ETag, If-Match and Idempotency-Key are ignored');
if (devToken) console.log(`dev token (API_TOKENS unset): Authorization: Bearer ${devToken}`);

// A stray rejection is logged, never the end of the server.
process.on('unhandledRejection', (error) => app.log.error({ err: error }, 'unhandled rejection'));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    app.close().then(() => process.exit(0), () => process.exit(1));
  });
}
