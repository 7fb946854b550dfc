// Builds the server from a config (tests start it on port 0; main.js is the command line).
//   db            an open storage (db/open.js); otherwise opened from databaseUrl / dataDir
//   databaseUrl   a PostgreSQL server; dataDir a PGlite data folder (memory when neither)
//   tokens        [{token, userId}] (see http/auth.js parseTokens)
//   runner        the generation runner (RunnerFake from 'cofounder-artifacts/testing' by default)
//   llm           {upstreamUrl, apiKey} for the chat completions route (sample plan without one)
//   corsOrigins   origins (e.g. the editor's http://127.0.0.1:5173) whose pages may call the API
//   bodyLimit     bytes (413 above it); generationTtlMs a run's lease; idempotencyTtlMs how long
//                 an Idempotency-Key's response is kept (24 h)
//   pdf           {executablePath, timeoutMs} of the Chromium the PDF exports print with
//                 (export/pdf.js; CHROMIUM_PATH or /usr/bin/chromium by default), or a renderer
//                 of pdfRenderer() to share (the caller closes it)
//   syncExtensions false: a plain backend that ignores ETag, If-Match and Idempotency-Key (to test
//                 clients against one without them); true by default
import cors from '@fastify/cors';
import Fastify from 'fastify';
import { init } from 'cofounder-artifacts';
import { RunnerFake } from 'cofounder-artifacts/testing';
import { openStorage } from './db/open.js';
import { pdfRenderer } from './export/pdf.js';
import { GenerationRuns } from './generation/runs.js';
import { bearerAuth, loadTokens } from './http/auth.js';
import { errorResponse } from './http/errors.js';
import { parseJsonBody } from './http/json-body.js';
import { writeRules } from './http/writes.js';
import { artifactRoutes } from './routes/artifacts.js';
import { llmRoutes } from './routes/llm.js';
import { projectRoutes } from './routes/projects.js';

export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;
export const DEFAULT_GENERATION_TTL_MS = 5 * 60 * 1000;
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export async function buildApp(config = {}) {
  await init();
  const ownsDb = !config.db;
  const db = config.db ?? await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, maxConnections: config.maxConnections });
  const usersByDigest = await loadTokens(db, config.tokens ?? []);
  const ttlMs = config.generationTtlMs ?? DEFAULT_GENERATION_TTL_MS;

  const app = Fastify({
    logger: config.logger ?? false,
    bodyLimit: config.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Wrong types are refused, not coerced; unknown fields are refused, not dropped.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
    return503OnClosing: true,
  });
  const writes = writeRules(db, { syncExtensions: config.syncExtensions ?? true });
  const runs = new GenerationRuns({ db, runner: config.runner ?? new RunnerFake(), ttlMs, log: app.log });
  const ownsPdf = typeof config.pdf?.render !== 'function';
  const pdf = ownsPdf ? pdfRenderer(config.pdf) : config.pdf;  // Chromium starts on the first PDF

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', /^application\/[\w.+-]*\+json$/], { parseAs: 'buffer' }, parseJsonBody);
  app.setErrorHandler((error, request, reply) => {
    const [status, body] = errorResponse(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ detail: `no route ${request.method} ${request.url.split('?')[0]}`, code: 'not_found' }));

  // A POST with no body at all is an empty object, like an empty JSON body.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET') request.body = {};
  });
  // Pages on other origins (the editor's dev or preview server) may call the API when listed.
  if (config.corsOrigins?.length) {
    await app.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'PATCH', 'PUT'],
      allowedHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match', 'idempotency-key'],
      exposedHeaders: ['etag', 'idempotent-replayed', 'retry-after'],
      maxAge: 600,
    });
  }
  app.get('/health', async () => ({ ok: true, storage: db.kind }));
  app.register(async (api) => {
    api.addHook('onRequest', bearerAuth(usersByDigest));
    projectRoutes(api, { db, writes });
    artifactRoutes(api, { db, writes, runs, ttlMs, pdf });
    llmRoutes(api, { llm: config.llm ?? {} });
  });

  // Idempotency keys are kept for a day (a client retries within minutes), then forgotten.
  const idempotencyTtlMs = config.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
  const expireKeys = () => db.query(
    `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1::double precision / 1000)`,
    [idempotencyTtlMs]).catch((error) => app.log.warn({ err: error }, 'expiring idempotency keys failed'));
  await expireKeys();
  const expiry = setInterval(expireKeys, Math.min(idempotencyTtlMs, 60 * 60 * 1000));
  expiry.unref();

  app.addHook('onClose', async () => {
    clearInterval(expiry);
    await runs.settle();
    if (ownsPdf) await pdf.close();
    if (ownsDb) await db.close();
  });
  app.decorate('storage', db);
  app.decorate('generationRuns', runs);
  return app;
}
