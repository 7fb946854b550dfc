// The React example (examples/react/, only cofounder-artifacts/react's hooks) built for production
// with Vite and run in Chromium: a generation streams its sections, an edit shows the core's error
// and then saves a valid value, a reload keeps it; the console stays free of errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from './support/chromium.js';
import { serve } from './support/server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = new URL('../../build/react-example/', import.meta.url);
let browser;
let server;
before(async () => {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error',
    '--config', 'examples/react/vite.config.js'], { cwd: root });
  browser = await launch();
  server = await serve(pathToFileURL(fileURLToPath(built)));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the React example: a streamed generation, an edit with an error then a valid value, kept across a reload', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${server.url}/index.html`);
  await page.getByText('No artifacts yet.').waitFor({ timeout: 20000 });
  assert.equal(await page.getByTestId('sync').textContent(), 'Sync: off');

  // Generate: sections appear while the brief streams, before the run finishes.
  await page.getByRole('button', { name: 'Generate plan' }).click();
  await page.locator('[data-testid="stream"] [data-section]').first().waitFor({ timeout: 20000 });
  assert.equal(await page.getByTestId('run-status').textContent(), 'running');
  await page.locator('[data-testid="stream"] [data-done="true"]').first().waitFor({ timeout: 20000 });
  const streamed = await page.locator('[data-testid="stream"] [data-section]').count();
  assert.ok(streamed >= 1, 'streamed sections were shown');
  await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.textContent === 'finished',
    null, { timeout: 60000 });
  assert.equal(await page.locator('[data-testid="records"] li[data-status="idle"]').count(), 5);

  // Edit a list section: a string is an error from the core, Save stays disabled.
  const section = page.locator('[data-testid="brief"] [data-section="differentiation_points"]');
  await section.getByRole('button', { name: /^Edit/ }).click();
  const editor = section.locator('textarea');
  await editor.fill('"only one point"');
  await section.getByRole('alert').first().waitFor();
  assert.match(await section.getByRole('alert').first().textContent(), /valid array/);
  assert.equal(await section.getByRole('button', { name: 'Save' }).isDisabled(), true);
  // A valid value: the error goes, Save stores it.
  await editor.fill('["Scans stock with a phone camera", "Works offline in the stockroom"]');
  await section.getByRole('button', { name: 'Save' }).waitFor({ state: 'visible' });
  assert.equal(await section.getByRole('alert').count(), 0);
  await section.getByRole('button', { name: 'Save' }).click();
  await section.locator('pre').filter({ hasText: 'Works offline in the stockroom' }).waitFor();
  await page.locator('[data-testid="records"] li[data-type="brief"]').filter({ hasText: 'edited' }).waitFor();

  // A reload reads it back from IndexedDB.
  await page.reload();
  await page.locator('[data-testid="brief"] [data-section="differentiation_points"] pre')
    .filter({ hasText: 'Works offline in the stockroom' }).waitFor({ timeout: 20000 });
  assert.match(await page.locator('[data-testid="brief"] [data-section="differentiation_points"] h3').textContent(), /edited/);

  // The version view after a regeneration: the edit is kept, the changed section shown by words.
  await page.getByRole('button', { name: 'Regenerate brief' }).click();
  await page.locator('[data-testid="versions"] h2').filter({ hasText: 'Version 2' }).waitFor({ timeout: 20000 });
  await page.locator('[data-testid="versions"] [data-changed="value_proposition"] ins').first().waitFor();
  assert.match(await page.locator('[data-testid="versions"] [data-changed="value_proposition"]').textContent(), /ten minutes/);
  assert.match(await page.locator('[data-testid="brief"] [data-section="differentiation_points"] pre').textContent(),
    /Works offline in the stockroom/);

  assert.deepEqual(problems, [], `console errors: ${problems.join('\n')}`);
  await context.close();
});
