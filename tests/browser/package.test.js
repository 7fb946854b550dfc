// The package in real Chromium: a page (by name through an import map), a custom wasm location,
// a strict Content-Security-Policy, and a module Web Worker. Nothing is fetched off localhost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './support/chromium.js';
import { serve } from './support/server.js';

const root = new URL('../../', import.meta.url);
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function open(server, path) {
  const page = await browser.newPage();
  const offsite = [];
  const problems = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url)) offsite.push(request.url());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(server.url + path);
  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 20000 });
  const result = await page.evaluate(() => window.result);
  await page.close();
  return { result, offsite, problems };
}

test('validates a document in a page, importing the package by name', async () => {
  const server = await serve(root);
  try {
    const { result, offsite, problems } = await open(server, '/tests/browser/pages/package.html');
    assert.deepEqual(result, {
      ok: true, warnings: ['risk_mitigation_timeline'],
      errors: ['int_parsing@total_duration_weeks'],
      locked: ['market_analysis', 'competitive_strategy'],
    });
    assert.deepEqual(offsite, []);
    assert.deepEqual(problems, []);
    assert.ok(server.requests.includes('/dist/artifacts-core.wasm'));
  } finally {
    await server.close();
  }
});

test('init({wasmUrl}) loads the .wasm from where it is told', async () => {
  const server = await serve(root);
  try {
    const { result } = await open(server,
      '/tests/browser/pages/package.html?wasm=/build/wasm-copy/artifacts-core.wasm');
    // The copy does not exist: the load must fail, proving the override was used.
    assert.match(result.error, /./);
    assert.ok(server.requests.includes('/build/wasm-copy/artifacts-core.wasm'));
    assert.ok(!server.requests.includes('/dist/artifacts-core.wasm'));
    const { result: working } = await open(server,
      '/tests/browser/pages/package.html?wasm=/dist/artifacts-core.wasm');
    assert.equal(working.ok, true);
  } finally {
    await server.close();
  }
});

test('works under script-src \'self\' \'wasm-unsafe-eval\', in the page and in a Web Worker', async () => {
  const server = await serve(root, {
    headers: { 'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" },
  });
  try {
    const { result, offsite, problems } = await open(server, '/tests/browser/pages/csp.html');
    assert.deepEqual(result, { page: true, worker: { ok: true, locked: ['integration_points', 'security_compliance'] } });
    assert.deepEqual(offsite, []);
    assert.deepEqual(problems, []);
  } finally {
    await server.close();
  }
});
