// The plan editor end to end: its production build, served under the Content-Security-Policy
// `npm start` uses, driven in Debian's Chromium. Screenshots of the main screens go to
// tests/artifacts/editor/ (git-ignored) for a reviewer to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { byTestId, editorBrowser, noProblems, openEditor, serveEditor, statuses } from './support/editor.js';

const repository = new URL('../../', import.meta.url);
const shots = fileURLToPath(new URL('tests/artifacts/editor/', repository));
const session = editorBrowser(shots);

const shot = (page, name) => page.screenshot({ path: `${shots}${name}.png`, fullPage: true });

async function createProjectAndGenerate(page) {
  await byTestId(page, 'startup-name').fill('StockPilot');
  await byTestId(page, 'create-project').click();
  // The cascade shows progress and each artifact as soon as it is stored, before the last one.
  await byTestId(page, 'progress').waitFor();
  await page.waitForFunction(() => {
    const status = (type) => document.querySelector(`[data-testid="status-${type}"]`)?.textContent;
    return status('brief') === 'v1' && status('how_it_works') !== 'v1';
  }, null, { timeout: 20000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="status-how_it_works"]')?.textContent === 'v1',
    null, { timeout: 20000 });
}

test('generate, edit with instant validation, reload, regenerate with preview, diff, export, offline', async () => {
  const server = await serveEditor();
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    let page = await openEditor(context, `${server.url}/?latency=120`);
    await shot(page, '01-welcome');
    await createProjectAndGenerate(page);
    assert.deepEqual(await statuses(page),
      { brief: 'v1', mvp_scope: 'v1', milestones: 'v1', risk_log: 'v1', how_it_works: 'v1' });
    await shot(page, '02-generated-brief');

    // Tiers: sections above the tier are shown locked, never hidden.
    const lockedCount = () => byTestId(page, 'locked-section').count();
    assert.equal(await lockedCount(), 1, 'partner sees the brief without its strategic section');
    await byTestId(page, 'tier').selectOption('bootstrapper');
    assert.equal(await lockedCount(), 2);
    await shot(page, '03-bootstrapper-locked');
    await byTestId(page, 'tier').selectOption('cto_scale');
    assert.equal(await lockedCount(), 0);
    await byTestId(page, 'tier').selectOption('partner');

    // Edit a section: an invalid value shows the core's error at once; a valid one saves.
    await byTestId(page, 'nav-milestones').click();
    const weeks = page.locator('[data-section="total_duration_weeks"]');
    await weeks.locator('[data-testid="section-edit"]').click();
    const input = byTestId(page, 'section-input');
    await input.fill('');
    await input.pressSequentially('twelve');
    await assert.doesNotReject(byTestId(page, 'section-errors').getByText('valid integer').waitFor());
    assert.equal(await byTestId(page, 'section-save').isDisabled(), true);
    await shot(page, '04-edit-invalid');
    await input.fill('');
    await input.pressSequentially('14');
    assert.equal(await byTestId(page, 'section-validity').textContent(), 'Valid');
    assert.equal(await byTestId(page, 'section-errors').locator('li').count(), 0);
    await byTestId(page, 'section-save').click();
    await weeks.locator('[data-testid="edited-badge"]').waitFor();
    assert.equal((await weeks.locator('.prose').textContent()).trim(), '14');

    // An item list is edited as JSON: text that is not JSON yet gets the core's json_invalid, an
    // item with a wrong value the error at that item; then Escape leaves the list as it was.
    const list = page.locator('[data-section="milestones"]');
    await list.locator('[data-testid="section-edit"]').click();
    await input.fill('[{"title": ');
    await byTestId(page, 'section-errors').locator('li[data-error-type="json_invalid"]').waitFor();
    await input.fill('[{"title": "Pilot", "estimated_weeks": "soon", "description": "d", "success_criteria": []}]');
    await byTestId(page, 'section-errors').getByText('#1 → estimated_weeks').waitFor();
    assert.equal(await byTestId(page, 'section-save').isDisabled(), true);
    await input.press('Escape');
    await byTestId(page, 'section-editor').waitFor({ state: 'detached' });

    // Hostile text stays text: in a section and in an annotation.
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    const problem = page.locator('[data-section="critical_path"]');
    await problem.locator('[data-testid="note-input"]').fill(hostile);
    await problem.locator('[data-testid="note-add"]').click();
    await problem.getByText(hostile).waitFor();
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.equal(await page.locator('main img').count(), 0);
    await shot(page, '05-edited-annotated');

    // Reload: the edit and the note come back from IndexedDB.
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await byTestId(page, 'nav-milestones').click();
    assert.equal((await weeks.locator('.prose').textContent()).trim(), '14');
    await weeks.locator('[data-testid="edited-badge"]').waitFor();
    await problem.getByText(hostile).waitFor();

    // Regenerate: preview first (what is kept, what conflicts), then apply; the diff shows.
    await byTestId(page, 'regenerate').click();
    const preview = byTestId(page, 'regenerate-preview');
    await preview.waitFor();
    assert.match(await byTestId(page, 'preview-kept').textContent(), /keep your edits in Total Duration Weeks/);
    assert.equal(await byTestId(page, 'version').textContent(), 'Version 1', 'a preview writes nothing');
    await shot(page, '06-regenerate-preview');
    await byTestId(page, 'apply-regeneration').click();
    await byTestId(page, 'version-diff').waitFor();
    assert.equal(await byTestId(page, 'version').textContent(), 'Version 2');
    assert.equal((await weeks.locator('.prose').textContent()).trim(), '14', 'the edit survived');
    assert.ok(await byTestId(page, 'version-diff').locator('ins').count() > 0, 'inserted words are marked');
    assert.match(await byTestId(page, 'version-diff').textContent(), /Revised in round 2/);
    await shot(page, '07-version-diff');

    // Hostile text in a section is saved as text and exported escaped, never as markup.
    await byTestId(page, 'nav-brief').click();
    const constraint = page.locator('[data-section="key_constraint"]');
    await constraint.locator('[data-testid="section-edit"]').click();
    await byTestId(page, 'section-input').fill(`${hostile}\n# not a heading`);
    await byTestId(page, 'section-save').click();
    await constraint.getByText('# not a heading').waitFor();
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.equal(await page.locator('main img, main script').count(), 0);

    // Export: both variants download as Markdown files.
    const [readable] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'export-readable').click()]);
    assert.match(readable.suggestedFilename(), /^stockpilot-plan-readable\.md$/);
    const readableText = readFileSync(await readable.path(), 'utf8');
    assert.match(readableText, /^# /m);
    assert.match(readableText, /Product Brief/);
    assert.match(readableText, /Revised in round 2/, 'the export has the current version');
    assert.match(readableText, /\\<script>/, 'user markup is escaped in the export');
    assert.doesNotMatch(readableText, /(^|[^\\])<(script|img)/m);
    assert.doesNotMatch(readableText, /^# not a heading/m);
    await byTestId(page, 'export-preview').waitFor();
    await shot(page, '08-export-preview');
    const [technical] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'export-technical').click()]);
    const technicalText = readFileSync(await technical.path(), 'utf8');
    assert.match(technicalText, /^---\n/);
    assert.match(technicalText, /tier: partner/);
    assert.match(technicalText, /```mermaid/);
    await noProblems(page);

    // Offline: once the service worker has cached the app, it opens with the server gone.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await server.close();
    await context.setOffline(true);
    await page.close();
    page = await openEditor(context, `${server.url}/`);
    await byTestId(page, 'nav-milestones').click();
    const weeksOffline = page.locator('[data-section="total_duration_weeks"]');
    assert.equal((await weeksOffline.locator('.prose').textContent()).trim(), '14');
    await byTestId(page, 'section-edit').first().waitFor();
    assert.equal(await byTestId(page, 'backend').textContent(), 'Backend: offline (your work stays in this browser)');
    await shot(page, '09-offline');
    await noProblems(page);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a failed generation shows a retry that regenerates only what failed', async () => {
  const server = await serveEditor();
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await openEditor(context, `${server.url}/?latency=0`);
    await byTestId(page, 'generator').selectOption('llm_failure');
    await byTestId(page, 'startup-name').fill('Failing Startup');
    await byTestId(page, 'create-project').click();
    await byTestId(page, 'retry').waitFor({ timeout: 20000 });
    assert.deepEqual(await statuses(page),
      { brief: 'v1', mvp_scope: 'v1', milestones: 'v1', risk_log: 'failed', how_it_works: 'v1' });
    assert.match(await byTestId(page, 'message').textContent(), /Not generated: Risk Log/);
    await byTestId(page, 'nav-risk_log').click();
    assert.match(await byTestId(page, 'artifact-empty').textContent(), /Generation failed/);
    await shot(page, '10-failed-generation');

    await byTestId(page, 'generator').selectOption('happy_path');
    await byTestId(page, 'retry').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="status-risk_log"]')?.textContent === 'v1',
      null, { timeout: 20000 });
    assert.deepEqual(await statuses(page),
      { brief: 'v1', mvp_scope: 'v1', milestones: 'v1', risk_log: 'v1', how_it_works: 'v1' },
      'only the Risk Log was generated again');
    assert.equal(await byTestId(page, 'retry').count(), 0);

    // An edit the new generation also changed is a conflict; forcing takes the new version.
    await byTestId(page, 'nav-brief').click();
    const problem = page.locator('[data-section="problem_statement"]');
    await problem.locator('[data-testid="section-edit"]').click();
    await byTestId(page, 'section-input').fill('Shops lose track of stock.');
    await byTestId(page, 'section-save').click();
    await problem.locator('[data-testid="edited-badge"]').waitFor();
    await byTestId(page, 'regenerate').click();
    await byTestId(page, 'regenerate-preview').waitFor();
    assert.match(await byTestId(page, 'preview-conflicts').textContent(), /Problem Statement/);
    await shot(page, '11-regenerate-conflict');
    await byTestId(page, 'force-regeneration').click();
    await byTestId(page, 'version-diff').waitFor();
    assert.equal(await problem.locator('[data-testid="edited-badge"]').count(), 0);
    assert.match(await problem.locator('.prose').textContent(), /Revised in round 2/);
    await noProblems(page);
  } finally {
    await context.close();
    await server.close();
  }
});
