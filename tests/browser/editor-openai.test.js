// The plan editor's "OpenAI-compatible endpoint" generator against a replayed Chat Completions
// stream: Playwright answers the page's requests to the endpoint with server-sent events in the
// API's format (content deltas, a final chunk with finish_reason "stop", then [DONE]), one
// artifact of the sample plan per request. The API key goes to the endpoint and nowhere else.
// Needs the package's 'cofounder-artifacts/runners' (openAIChatRunner).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allGenerated, byTestId, editorBrowser, noProblems, openEditor, serveEditor, statuses } from './support/editor.js';
import { SAMPLE_PLAN } from '../../dist/sample-plan.js';
import { GENERATION_ORDER } from '../../web/registry.js';

const ENDPOINT = 'https://llm.example.test/v1';
const API_KEY = 'sk-test-not-a-real-key-1234';
const session = editorBrowser();

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
};

// A Chat Completions stream of `text`: a role delta, content deltas of `size` characters, the
// final chunk with finish_reason "stop", then [DONE].
function chatCompletionStream(text, { size = 40, model }) {
  const chunk = (delta, finishReason = null) => `data: ${JSON.stringify({
    id: 'chatcmpl-replay', object: 'chat.completion.chunk', created: 1764460800, model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  })}\n\n`;
  let body = chunk({ role: 'assistant', content: '' });
  for (let i = 0; i < text.length; i += size) body += chunk({ content: text.slice(i, i + size) });
  return `${body}${chunk({}, 'stop')}data: [DONE]\n\n`;
}

test('the OpenAI-compatible endpoint: a replayed Chat Completions stream writes the plan, the key stays in memory', async () => {
  const server = await serveEditor();
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const requests = [];
  await context.route(`${ENDPOINT}/**`, async (route) => {
    const request = route.request();
    if (request.method() === 'OPTIONS') {
      await route.fulfill({ status: 204, headers: CORS });
      return;
    }
    const body = request.postDataJSON();
    requests.push({ url: request.url(), authorization: await request.headerValue('authorization'), body });
    // The pipeline asks for the artifacts in GENERATION_ORDER, one request each.
    const type = GENERATION_ORDER[requests.length - 1];
    await route.fulfill({
      status: 200,
      headers: { ...CORS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
      body: chatCompletionStream(JSON.stringify(SAMPLE_PLAN[type]), { model: body.model }),
    });
  });
  try {
    const page = await openEditor(context, `${server.url}/`);
    await byTestId(page, 'generator').selectOption('openai');
    await byTestId(page, 'endpoint-baseURL').fill(ENDPOINT);
    await byTestId(page, 'endpoint-model').fill('replay-model');
    await byTestId(page, 'endpoint-apiKey').fill(API_KEY);
    assert.equal(await byTestId(page, 'endpoint-apiKey').getAttribute('type'), 'password');
    await byTestId(page, 'startup-name').fill('Endpoint Startup');
    await byTestId(page, 'create-project').click();
    await allGenerated(page);
    assert.deepEqual(await statuses(page),
      { brief: 'v1', mvp_scope: 'v1', milestones: 'v1', risk_log: 'v1', how_it_works: 'v1' });
    assert.equal(requests.length, GENERATION_ORDER.length);
    for (const request of requests) {
      assert.equal(request.url, `${ENDPOINT}/chat/completions`);
      assert.equal(request.authorization, `Bearer ${API_KEY}`);
      assert.equal(request.body.model, 'replay-model');
      assert.equal(request.body.stream, true);
    }
    await byTestId(page, 'nav-risk_log').click();
    assert.equal(await page.locator('[data-section="technical_risks"] li.item').count(),
      SAMPLE_PLAN.risk_log.technical_risks.length);

    // The key is in no storage the page keeps: not localStorage, not IndexedDB.
    const stored = await page.evaluate(async () => {
      const dump = [JSON.stringify({ ...localStorage })];
      for (const { name } of await indexedDB.databases()) {
        const db = await new Promise((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        for (const storeName of db.objectStoreNames) {
          const all = await new Promise((resolve, reject) => {
            const read = db.transaction(storeName).objectStore(storeName).getAll();
            read.onsuccess = () => resolve(read.result);
            read.onerror = () => reject(read.error);
          });
          dump.push(JSON.stringify(all));
        }
        db.close();
      }
      return dump.join('\n');
    });
    assert.ok(stored.includes('Endpoint Startup'), 'the dump reads the stores');
    assert.equal(stored.includes(API_KEY), false, 'the API key is never stored');
    await noProblems(page);
  } finally {
    await context.close();
    await server.close();
  }
});
