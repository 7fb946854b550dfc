// The plan editor with the reference backend behind its origin, as `npm start` serves it: the
// editor says which backend it talks to, and its OpenAI-compatible generator, pointed at the
// backend's LLM route by default, streams the plan end to end with no model (the route streams
// the sample plan in Chat Completions format). Served alone, the editor says it has no backend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allGenerated, byTestId, editorBrowser, noProblems, openEditor, serveEditor, serveEditorWithBackend, statuses } from './support/editor.js';
import { TOKENS } from '../server/support/harness.js';

const session = editorBrowser();

test('with the backend behind its origin, the editor names it and streams a plan through its LLM route', async () => {
  const { editor, close } = await serveEditorWithBackend();
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  try {
    const page = await openEditor(context, `${editor.url}/`);
    assert.equal(await byTestId(page, 'backend').textContent(), `Backend: ${editor.url}/api/ (pglite)`);
    await byTestId(page, 'generator').selectOption('openai');
    assert.equal(await byTestId(page, 'endpoint-baseURL').inputValue(), `${editor.url}/api/llm/v1`);
    await byTestId(page, 'endpoint-model').fill('sample');
    await byTestId(page, 'endpoint-apiKey').fill(TOKENS[0].token);
    await byTestId(page, 'startup-name').fill('Backend Startup');
    await byTestId(page, 'create-project').click();
    await allGenerated(page);
    assert.deepEqual(await statuses(page),
      { brief: 'v1', mvp_scope: 'v1', milestones: 'v1', risk_log: 'v1', how_it_works: 'v1' });
    assert.equal(editor.requests.filter((path) => path === '/api/llm/v1/chat/completions').length, 5);
    await noProblems(page);
  } finally {
    await context.close();
    await close();
  }
});

test('served alone, the editor says it has no backend and keeps everything in the browser', async () => {
  const editor = await serveEditor();
  const context = await session.browser.newContext();
  try {
    const page = await openEditor(context, `${editor.url}/`);
    assert.equal(await byTestId(page, 'backend').textContent(), 'Backend: none (kept in this browser)');
    await noProblems(page);
  } finally {
    await context.close();
    await editor.close();
  }
});
