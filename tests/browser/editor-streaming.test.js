// The plan editor with a streaming generator (the sample plan, streamed slowly through the
// pipeline's stream validator): sections appear and fill in while the artifact streams, Stop
// aborts and leaves the artifact retryable. A screenshot of the half-streamed artifact goes to
// build/screenshots/ (git-ignored); its path is printed in the test output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { allGenerated, byTestId, editorBrowser, noProblems, openEditor, serveEditor, statuses } from './support/editor.js';
import { SAMPLE_PLAN } from '../../dist/sample-plan.js';

const shots = fileURLToPath(new URL('../../build/screenshots/', import.meta.url));
const session = editorBrowser(shots);

// What the streaming view shows, read in one go: each section's id, classes, status and text.
function streamSnapshot() {
  const view = document.querySelector('[data-testid="stream-view"]');
  if (!view) return null;
  return [...view.querySelectorAll('article.section')].map((card) => ({
    id: card.dataset.section,
    state: ['valid', 'invalid', 'streaming'].find((name) => card.classList.contains(name)),
    status: card.querySelector('[data-testid="section-stream-status"]').textContent,
    text: card.querySelector('.prose')?.textContent ?? null,
    items: card.querySelectorAll('li.item, ul > li').length,
  }));
}

test('a streamed artifact appears section by section, fills in as it streams, and Stop leaves it retryable', async (t) => {
  const server = await serveEditor();
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.addInitScript(`window.streamSnapshot = ${streamSnapshot};`);
  try {
    // 6 characters every 20 ms: the brief takes seconds to stream.
    let page = await openEditor(context, `${server.url}/?latency=0&chunk=6&chunkDelay=20`);
    await byTestId(page, 'generator').selectOption('sample_stream');
    assert.match(await byTestId(page, 'generator').locator('option:checked').textContent(), /sample.*whatever the idea/i);
    await byTestId(page, 'startup-name').fill('Streamed Startup');
    await byTestId(page, 'create-project').click();

    const view = byTestId(page, 'stream-view');
    await view.waitFor();
    assert.equal(await view.getAttribute('data-type'), 'brief');
    // The problem statement's paragraph grows in place: the same element, one text node.
    const prose = view.locator('[data-section="problem_statement"] .prose');
    await prose.waitFor();
    const paragraph = await prose.elementHandle();
    await page.waitForFunction((element) => element.textContent.length >= 12, paragraph);
    const early = await paragraph.evaluate((element) => element.textContent);
    assert.ok(SAMPLE_PLAN.brief.problem_statement.startsWith(early), 'streamed text is a prefix of the value');
    assert.ok(early.length < SAMPLE_PLAN.brief.problem_statement.length, 'seen before the section is complete');

    // Half-streamed: the first sections are complete and valid, one is streaming, later ones
    // have not appeared yet.
    const half = await (await page.waitForFunction(() => {
      const snapshot = window.streamSnapshot();
      return snapshot?.some((section) => section.id === 'value_proposition') ? snapshot : null;
    }, null, { timeout: 20000, polling: 10 })).jsonValue();
    await page.screenshot({ path: `${shots}editor-half-streamed.png`, fullPage: true });
    t.diagnostic(`screenshot of the half-streamed brief: ${shots}editor-half-streamed.png`);
    const ids = half.map((section) => section.id);
    assert.deepEqual(ids, ['problem_statement', 'target_user', 'value_proposition']);
    assert.deepEqual(half.slice(0, 2).map((section) => [section.state, section.status]), [['valid', 'Valid'], ['valid', 'Valid']]);
    assert.equal(half[2].state, 'streaming');
    assert.equal(half[0].text, SAMPLE_PLAN.brief.problem_statement);
    assert.ok(await paragraph.evaluate((element) => element.isConnected && element.childNodes.length === 1),
      'deltas were appended to the text node, not re-rendered');
    assert.equal(await view.locator('[data-section="differentiation_points"]').count(), 0);

    // List items appear as they complete.
    await page.waitForFunction(() => window.streamSnapshot()?.find((s) => s.id === 'differentiation_points')?.items >= 1,
      null, { timeout: 20000, polling: 10 });

    // Stop: nothing of the brief is stored, it is marked failed and can be retried.
    await byTestId(page, 'stop').click();
    await page.waitForFunction(() => /Stopped/.test(document.querySelector('[data-testid="message"]')?.textContent ?? ''));
    assert.equal(await byTestId(page, 'stream-view').count(), 0);
    assert.equal(await byTestId(page, 'progress').count(), 0);
    assert.deepEqual(await statuses(page),
      { brief: 'failed', mvp_scope: 'not generated', milestones: 'not generated', risk_log: 'not generated', how_it_works: 'not generated' });
    assert.match(await byTestId(page, 'artifact-empty').textContent(), /Generation failed/);
    await byTestId(page, 'retry').waitFor();
    await page.screenshot({ path: `${shots}editor-stopped.png`, fullPage: true });
    await noProblems(page);

    // Retry, streaming fast this time: all five are written and shown as usual.
    await page.close();
    page = await openEditor(context, `${server.url}/?latency=0&chunk=200&chunkDelay=0`);
    await byTestId(page, 'generator').selectOption('sample_stream');
    await byTestId(page, 'retry').click();
    await allGenerated(page);
    assert.equal(await byTestId(page, 'stream-view').count(), 0);
    await byTestId(page, 'nav-brief').click();
    assert.equal(await page.locator('[data-section="problem_statement"] .prose').textContent(),
      SAMPLE_PLAN.brief.problem_statement);

    // Regenerating streams too, into the preview.
    await byTestId(page, 'regenerate').click();
    await byTestId(page, 'regenerate-preview').waitFor({ timeout: 20000 });
    assert.equal(await byTestId(page, 'version').textContent(), 'Version 1', 'a preview writes nothing');
    await noProblems(page);
  } finally {
    await context.close();
    await server.close();
  }
});
