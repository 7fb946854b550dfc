// The editor's print and PDF exports, as `npm start` serves it (its Content-Security-Policy
// forbids inline styles): "Print / Save as PDF" prints the plan's HTML export from a hidden frame
// whose style sheet (with its @page rules) is in force, with no CSP violation; "Download PDF" is
// disabled until signed in to the backend, then downloads the backend's PDF of the plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ARTIFACTS, GENERATION_ORDER } from 'cofounder-artifacts';
import { allGenerated, byTestId, editorBrowser, noProblems, openEditor, serveEditorWithBackend } from './support/editor.js';
import { pdfPages } from './support/pdf.js';
import { TOKENS } from '../server/support/harness.js';

const session = editorBrowser();
const STARTUP = 'Printed Startup';

test('the print button prints the plan; signed in, the backend\'s PDF downloads', async () => {
  const { editor, close } = await serveEditorWithBackend();
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  // The print frame's print() is replaced (headless Chromium has no dialog): it records what it
  // would print and ends the print as a dialog closing would.
  await context.addInitScript(() => {
    if (window === window.top) return;
    window.print = () => {
      const rules = [...document.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules]);
      window.top.printed = {
        title: document.title,
        pageRules: rules.filter((rule) => rule instanceof CSSPageRule).length,
        chapters: document.querySelectorAll('section.chapter h2').length,
        headingFont: getComputedStyle(document.querySelector('h1')).fontFamily,
        scripts: document.scripts.length,
      };
      window.dispatchEvent(new Event('afterprint'));
    };
  });
  try {
    const page = await openEditor(context, `${editor.url}/?latency=0`);
    await byTestId(page, 'startup-name').fill(STARTUP);
    await byTestId(page, 'create-project').click();
    await allGenerated(page);
    assert.equal(await byTestId(page, 'export-pdf').isDisabled(), true);

    await byTestId(page, 'export-print').click();
    await page.waitForFunction(() => window.printed !== undefined);
    const printed = await page.evaluate(() => window.printed);
    assert.equal(printed.title, `${STARTUP} — Founder Plan`);
    assert.ok(printed.pageRules >= 1, JSON.stringify(printed));
    assert.equal(printed.chapters, GENERATION_ORDER.length);
    assert.match(printed.headingFont, /Helvetica/);
    assert.equal(printed.scripts, 0);
    await page.waitForFunction(() => document.querySelectorAll('iframe').length === 0);

    await byTestId(page, 'sync-token').fill(TOKENS[0].token);
    await byTestId(page, 'sync-signin-button').click();
    await byTestId(page, 'sync-status').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="export-pdf"]').disabled);
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'export-pdf').click()]);
    assert.equal(download.suggestedFilename(), 'printed-startup-plan.pdf');
    const pdf = await readFile(await download.path());
    const pages = pdfPages(pdf);
    assert.ok(pages[0].includes(STARTUP));
    for (const type of GENERATION_ORDER) assert.ok(pages[1].includes(ARTIFACTS[type].title), type);
    assert.ok(pages.every((text, i) => text.includes(`Page ${i + 1} of ${pages.length}`)));
    // Chromium logs the sync's first look-ups of what the backend does not have yet as console
    // errors: expected (as in editor-sync.test.js); nothing else may appear, the PDF's least.
    page.problems = page.problems.filter((problem) =>
      !/^console: Failed to load resource: .*\/api\//.test(problem) || problem.includes('/export/pdf'));
    await noProblems(page);
  } finally {
    await context.close();
    await close();
  }
});
