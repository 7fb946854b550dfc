// Starts the server over real HTTP for the tests, on each storage: PGlite (a data folder), and
// PostgreSQL when DATABASE_URL is set (each test file in a schema of its own, dropped at the end,
// so files may run side by side on one server). SERVER_TEST_STORAGE=postgres runs only the
// latter (scripts/test-server.sh's second run, after the PGlite one).
import { before, after } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ARTIFACTS } from 'cofounder-artifacts';
import { buildApp } from '../../../server/app.js';
import { openStorage } from '../../../server/db/open.js';

export const TOKENS = [
  { token: 'token-alice', userId: 'alice' },
  { token: 'token-bob', userId: 'bob' },
];

async function withAdmin(work) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The storages to run a suite on: [{name, open(options) -> db, cleanup()}]. `open` may be called
 * again to reopen the same data (a restart); `migrateTo` stops at a schema version.
 */
export function storages() {
  const list = process.env.SERVER_TEST_STORAGE === 'postgres' ? [] : [{
    name: 'PGlite',
    async setup() {
      this.dir = await mkdtemp(join(tmpdir(), 'server-test-'));
    },
    open: function open({ migrateTo } = {}) {
      return openStorage({ dataDir: this.dir, migrateTo });
    },
    async cleanup() {
      if (this.dir) await rm(this.dir, { recursive: true, force: true });
    },
  }];
  if (process.env.SERVER_TEST_STORAGE === 'postgres' && !process.env.DATABASE_URL) {
    throw new Error('SERVER_TEST_STORAGE=postgres needs DATABASE_URL');
  }
  if (process.env.DATABASE_URL) {
    list.push({
      name: 'PostgreSQL',
      async setup() {
        this.schema = `test_${crypto.randomUUID().replaceAll('-', '')}`;
        await withAdmin((client) => client.query(`CREATE SCHEMA ${this.schema}`));
      },
      open: function open({ migrateTo, maxConnections = 30 } = {}) {
        return openStorage({ databaseUrl: process.env.DATABASE_URL, searchPath: this.schema, migrateTo, maxConnections });
      },
      async cleanup() {
        if (this.schema) await withAdmin((client) => client.query(`DROP SCHEMA ${this.schema} CASCADE`));
      },
    });
  }
  return list;
}

/** A started server: {base, app, close()}; the db stays open (the caller closes it). */
export async function startServer(db, config = {}) {
  const app = await buildApp({ db, tokens: TOKENS, ...config });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { base: address, app, close: () => app.close() };
}

/**
 * A suite's server on `storage`: registers the before/after hooks that start it (and the storage)
 * and stop it. The returned object holds {db, server} once started, and `call` (the first
 * token's client) and `clientFor(token)` to speak to it.
 */
export function serverOn(storage, config = {}) {
  const suite = {
    call: (...args) => suite.client(...args),
    clientFor: (token) => client(suite.server.base, token),
  };
  before(async () => {
    await storage.setup();
    suite.db = await storage.open();
    suite.server = await startServer(suite.db, typeof config === 'function' ? config() : config);
    suite.client = client(suite.server.base);
  });
  after(async () => {
    await suite.server?.close();
    await suite.db?.close();
    await storage.cleanup();
  });
  return suite;
}

/**
 * A small client: call(method, path, {body, headers, token, raw}) -> {status, body, headers}.
 * `raw` sends the given string or Buffer as the body as it is.
 */
export function client(base, token = TOKENS[0].token) {
  return async function call(method, path, { body, headers = {}, token: as = token, raw } = {}) {
    const sent = raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body);
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(as ? { authorization: `Bearer ${as}` } : {}),
        ...(sent !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: sent,
    });
    const text = await response.text();
    let parsed = text;
    if ((response.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    return { status: response.status, body: parsed, headers: response.headers };
  };
}

/** Waits until the project's generation run has ended; returns its artifacts. */
export async function settled(server, call, projectId) {
  await server.app.generationRuns.settle();
  const { body } = await call('GET', `/api/artifacts/project/${projectId}`);
  return body;
}

/** A project of the caller's with its five artifacts generated. */
export async function generatedProject(server, call, { name = 'StockPilot', idea = 'inventory for small shops', tier } = {}) {
  const project = (await call('POST', '/api/projects', { body: { name, idea, ...(tier ? { tier } : {}) } })).body;
  const started = await call('POST', '/api/artifacts/generate', { body: { project_id: project.id } });
  if (started.status !== 202) throw new Error(`generate answered ${started.status}: ${JSON.stringify(started.body)}`);
  const artifacts = await settled(server, call, project.id);
  return { project, artifacts, byType: Object.fromEntries(artifacts.map((a) => [a.artifact_type, a])) };
}

/** A top-level section of the record whose value is a string (one to edit in tests). */
export function stringSection(record) {
  return ARTIFACTS[record.artifact_type].sections.map((s) => s.id)
    .find((id) => typeof record.current_content[id] === 'string');
}
