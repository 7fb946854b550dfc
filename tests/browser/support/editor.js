// The plan editor's production build served under the Content-Security-Policy `npm start` uses,
// and pages on it that record every uncaught error, console error and CSP violation.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { launch } from './chromium.js';
import { serve } from './server.js';
import { CONTENT_SECURITY_POLICY } from '../../../web/demo/csp.mjs';
import { openStorage } from '../../../server/db/open.js';
import { startServer } from '../../server/support/harness.js';

const repository = new URL('../../../', import.meta.url);
const editorBuild = new URL('build/editor/', repository);

/** npm test builds the editor first; a test run on its own builds it here. */
export function ensureEditorBuild() {
  if (!existsSync(new URL('index.html', editorBuild))) {
    execFileSync('bash', [fileURLToPath(new URL('scripts/build-editor.sh', repository))], { stdio: 'inherit' });
  }
}

/**
 * A test file's Chromium on the editor's build: registers the hooks that build the editor if
 * needed, make the screenshot folder `shots` (if given) and launch Chromium, and close it after.
 * The returned object's `browser` is the browser once launched.
 */
export function editorBrowser(shots) {
  const session = {};
  before(async () => {
    ensureEditorBuild();
    if (shots) mkdirSync(shots, { recursive: true });
    session.browser = await launch();
  });
  after(async () => { await session.browser?.close(); });
  return session;
}

export function serveEditor() {
  return serve(editorBuild, { index: 'index.html', headers: { 'content-security-policy': CONTENT_SECURITY_POLICY } });
}

/**
 * The editor as `npm start` serves it: the reference backend (PGlite in a throw-away folder, the
 * test tokens of tests/server/support/harness.js) with its API behind the editor's origin.
 * Returns {editor, backend, close()}.
 */
export async function serveEditorWithBackend() {
  const dataDir = await mkdtemp(join(tmpdir(), 'editor-backend-'));
  const db = await openStorage({ dataDir });
  const backend = await startServer(db);
  const editor = await serve(editorBuild, {
    index: 'index.html',
    headers: { 'content-security-policy': CONTENT_SECURITY_POLICY },
    proxy: { paths: ['/api/', '/health'], target: backend.base },
  });
  const close = async () => {
    await editor.close();
    await backend.close();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return { editor, backend, close };
}

/** A page that records uncaught errors, console errors and CSP violations: all must stay empty. */
export async function openEditor(context, url) {
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`pageerror: ${error}`));
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window.cspViolations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  return page;
}

export async function noProblems(page) {
  assert.deepEqual(page.problems, []);
  assert.deepEqual(await page.evaluate(() => window.cspViolations ?? []), []);
}

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

/** Each artifact's status in the list: {brief: 'v1', ...}. */
export async function statuses(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-testid^="status-"]')]
    .map((element) => [element.dataset.testid.slice('status-'.length), element.textContent])));
}

/**
 * Edits one section through the editor (open it, type `text`, save) and, unless `saved` is false
 * (a save expected to fail), waits for the section's "edited" badge.
 */
export async function editSection(page, type, sectionId, text, { saved = true } = {}) {
  await byTestId(page, `nav-${type}`).click();
  const section = page.locator(`[data-section="${sectionId}"]`);
  await section.locator('[data-testid="section-edit"]').click();
  await byTestId(page, 'section-input').fill(text);
  await byTestId(page, 'section-save').click();
  if (saved) await section.locator('[data-testid="edited-badge"]').waitFor();
}

/** Resolves once every artifact shows `v1`; rejects at once with the editor's error message. */
export async function allGenerated(page, timeout = 30000) {
  await page.waitForFunction(() => {
    const error = document.querySelector('[data-testid="message"].error');
    if (error) return true;
    return [...document.querySelectorAll('[data-testid^="status-"]')].every((element) => element.textContent === 'v1')
      && !document.querySelector('[data-testid="progress"]');
  }, null, { timeout });
  const error = page.locator('[data-testid="message"].error');
  if (await error.count()) assert.fail(`the editor says: ${await error.textContent()}`);
}
