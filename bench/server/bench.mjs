// `npm run bench:server`: requests per second and p50/p99 latency of the reference backend for
// GET /api/artifacts/{id}, PATCH …/edit (a new value each request: every one a write) and the
// idempotent replay (POST …/annotate repeating one Idempotency-Key), at 1, 8 and 64 concurrent
// clients (autocannon), on PGlite and, when DATABASE_URL is set, on PostgreSQL. The server runs
// in its own process (server/main.js), as deployed. Prints a Markdown table.
//   BENCH_SECONDS  seconds per measurement (default 5)
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CLIENTS = [1, 8, 64];
const TOKEN = 'bench-token';
const SERVER = new URL('../../server/main.js', import.meta.url).pathname;

async function startServer(env) {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, ...env, API_TOKENS: `${TOKEN}:bench`, PORT: '0', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const match = /server: (http:\/\/\S+)\/api/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  return { url, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

async function api(url, method, path, body, headers = {}) {
  const res = await fetch(`${url}${path}`, {
    method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers }, body: body && JSON.stringify(body),
  });
  return res.json();
}

async function prepare(url) {
  const project = await api(url, 'POST', '/api/projects', { name: 'Bench' });
  await api(url, 'POST', '/api/artifacts/generate', { project_id: project.id });
  for (;;) {
    const artifacts = await api(url, 'GET', `/api/artifacts/project/${project.id}`);
    if (artifacts.length === 5 && artifacts.every((a) => a.version_number === 1)) return artifacts;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function measure(url, connections, options) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: SECONDS, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, ...options },
      (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function benchStorage(name, env) {
  const server = await startServer(env);
  const rows = [];
  try {
    const artifacts = await prepare(server.url);
    const brief = artifacts[0];
    const section = Object.keys(brief.current_content).find((k) => typeof brief.current_content[k] === 'string' && !k.startsWith('_'));
    const replayKey = crypto.randomUUID();
    const annotate = { section_id: section, note: 'bench' };
    await api(server.url, 'POST', `/api/artifacts/${brief.id}/annotate`, annotate, { 'idempotency-key': replayKey });
    let n = 0;
    const scenarios = [
      ['GET artifact', { url: `${server.url}/api/artifacts/${brief.id}` }],
      ['PATCH edit', {
        url: `${server.url}/api/artifacts/${brief.id}/edit`, method: 'PATCH',
        requests: [{ method: 'PATCH', setupRequest: (req) => ({ ...req, body: JSON.stringify({ section_path: section, new_value: `edit ${n += 1}` }) }) }],
      }],
      ['idempotent replay', {
        url: `${server.url}/api/artifacts/${brief.id}/annotate`, method: 'POST', body: JSON.stringify(annotate),
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': replayKey },
      }],
    ];
    for (const [label, options] of scenarios) {
      // Warm-up (JIT, connection pools, caches), not measured.
      await measure(server.url, 8, { ...options, duration: 1 });
      for (const connections of CLIENTS) {
        const result = await measure(server.url, connections, options);
        const bad = result.non2xx + result.errors + result.timeouts;
        rows.push(`| ${name} | ${label} | ${connections} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${bad} |`);
        console.error(rows.at(-1));
      }
    }
  } finally {
    await server.stop();
  }
  return rows;
}

const rows = [];
const dir = await mkdtemp(join(tmpdir(), 'bench-server-'));
try {
  rows.push(...await benchStorage('PGlite', { DATABASE_URL: '', DATA_DIR: join(dir, 'pglite') }));
  if (process.env.DATABASE_URL) rows.push(...await benchStorage('PostgreSQL 15', { DATABASE_URL: process.env.DATABASE_URL }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
console.log(`\n${SECONDS} s per row, autocannon, server in its own process\n`);
console.log('| storage | request | clients | req/s | p50 ms | p99 ms | non-2xx/errors |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
