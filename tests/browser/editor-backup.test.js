// The editor's backup and restore in Chromium: a plan backed up (the download), the site's data
// cleared, the plan restored from the file exactly (IndexedDB compared before and after); bad
// files say why they are refused. And a browser out of space (the origin's quota lowered through
// the DevTools protocol): a write over it shows the typed storage-full message, and what was
// saved before is still there after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { backupChecksum } from 'cofounder-artifacts';
import { allGenerated, byTestId, editorBrowser, editSection, noProblems, openEditor, serveEditor, statuses } from './support/editor.js';

const shots = fileURLToPath(new URL('../../build/screenshots/backup/', import.meta.url));
const session = editorBrowser(shots);
const shot = (page, name) => page.screenshot({ path: `${shots}${name}.png`, fullPage: true });

/** Every record and outbox entry in the editor's database, read in the page. */
function readDatabase(page) {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('cofounder-editor')) return { records: [], outbox: [] };
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('cofounder-editor');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (name) => new Promise((resolve, reject) => {
      const request = db.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const records = (await all('artifacts')).sort((a, b) => a.id.localeCompare(b.id));
    const outbox = await all('outbox');
    db.close();
    return { records, outbox };
  });
}

async function createPlan(page, name) {
  await byTestId(page, 'startup-name').fill(name);
  await byTestId(page, 'create-project').click();
  await allGenerated(page);
}

const message = (page) => byTestId(page, 'message');

async function messageMatching(page, pattern) {
  try {
    await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-testid="message"]')?.textContent ?? ''),
      pattern.source, { timeout: 20000 });
  } catch (error) {
    await page.screenshot({ path: `${shots}failed-${pattern.source.replace(/\W+/g, '-')}.png` }).catch(() => {});
    const shown = await page.evaluate(() => document.querySelector('[data-testid="message"]')?.textContent ?? '(no message)');
    throw new Error(`waiting for a message matching ${pattern}; the editor says: ${shown}`, { cause: error });
  }
  return message(page).textContent();
}

test('back up a plan, clear the site\'s data, restore it from the file: the plan is back exactly; bad files say why', async () => {
  const server = await serveEditor();
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  try {
    let page = await openEditor(context, `${server.url}/?latency=0`);
    await createPlan(page, 'Backup Bakery');
    await editSection(page, 'brief', 'target_user', 'Two-person bakeries that sell bread and coffee.');
    await page.locator('[data-section="target_user"] [data-testid="edited-badge"]').waitFor();
    const before = await readDatabase(page);
    assert.equal(before.records.length, 5);
    assert.ok(before.outbox.length >= 6, 'the puts and the edit wait in the outbox');
    const shown = await statuses(page);
    await page.waitForFunction(() => /^Storage: .* of .*, (kept|may be cleared)/.test(
      document.querySelector('[data-testid="storage-estimate"]')?.textContent ?? ''));

    // Back up: the download is the backup file.
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'backup-download').click()]);
    assert.match(download.suggestedFilename(), /^backup-bakery-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const text = readFileSync(file, 'utf8');
    const backup = JSON.parse(text);
    assert.equal(backup.format, 'cofounder-artifacts-backup');
    assert.equal(backup.project.name, 'Backup Bakery');
    assert.equal(backup.records.length, 5);
    assert.match(backup.checksum, /^sha256-[0-9a-f]{64}$/);
    await shot(page, '01-backed-up');

    // Clear everything the site stored (IndexedDB, localStorage, the service worker's cache).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(server.url).origin, storageTypes: 'all' });
    await page.close();
    page = await openEditor(context, `${server.url}/?latency=0`);
    assert.deepEqual(await readDatabase(page), { records: [], outbox: [] });
    await byTestId(page, 'create-project').waitFor();  // the welcome screen: no project here

    // Bad files: refused with the typed error's message; nothing written.
    const restore = (name, content) => byTestId(page, 'restore-file').setInputFiles({
      name, mimeType: 'application/json', buffer: Buffer.from(content),
    });
    await restore('cut.json', text.slice(0, Math.floor(text.length / 2)));
    assert.match(await messageMatching(page, /backup_truncated/), /^\[backup_truncated\] This backup is incomplete/);
    await restore('changed.json', text.replace('Two-person bakeries', 'Two-person bakerie$'));
    assert.match(await messageMatching(page, /backup_checksum/), /changed after it was made/);
    await restore('plan.json', JSON.stringify({ brief: backup.records[0].current_content }));
    assert.match(await messageMatching(page, /backup_wrong_type/), /not a plan backup/);
    await shot(page, '02-refused');
    assert.deepEqual(await readDatabase(page), { records: [], outbox: [] });

    // Restore the real file: the plan is back exactly, and listed as the project it was.
    await byTestId(page, 'restore-file').setInputFiles(file);
    assert.match(await messageMatching(page, /^Restored/), /Restored Backup Bakery from the backup: 5 artifact\(s\) written/);
    assert.deepEqual(await readDatabase(page), before);
    assert.deepEqual(await statuses(page), shown);
    await byTestId(page, 'nav-brief').click();
    await page.locator('[data-section="target_user"]').getByText('Two-person bakeries that sell bread and coffee.').waitFor();
    assert.equal(await byTestId(page, 'project').locator('option:checked').textContent(), 'Backup Bakery');
    await shot(page, '03-restored');

    // Restoring it again (merge) writes the same again; replace too: nothing changes.
    await byTestId(page, 'restore-replace').check();
    await byTestId(page, 'restore-file').setInputFiles(file);
    await messageMatching(page, /^Restored/);
    assert.deepEqual(await readDatabase(page), before);

    // After a reload, still there.
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.deepEqual(await statuses(page), shown);
    await noProblems(page);
  } finally {
    await context.close();
    await server.close();
  }
});

test('out of space (the origin\'s quota lowered): a write over it shows the storage-full message; what was saved stays', async () => {
  const server = await serveEditor();
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  try {
    const page = await openEditor(context, `${server.url}/?latency=0`);
    await createPlan(page, 'Full Disk Shop');
    await editSection(page, 'brief', 'target_user', 'Saved before the disk filled up.');
    await page.locator('[data-section="target_user"] [data-testid="edited-badge"]').waitFor();
    const saved = await readDatabase(page);

    // The quota: what the origin uses now and a little more. Chromium grants IndexedDB writes
    // from a cached allowance of free space for up to 30 s (BucketContext::
    // kBucketSpaceCacheTimeLimit) before asking the quota manager again: the lowered quota
    // applies to writes after that.
    const cdp = await context.newCDPSession(page);
    const origin = new URL(server.url).origin;
    const { usage } = await page.evaluate(() => navigator.storage.estimate());
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 200_000 });
    await new Promise((resolve) => { setTimeout(resolve, 31_000); });

    // An edit of a megabyte does not fit: the editor says so with the typed error. (Random
    // text: Chromium may compress what IndexedDB stores.)
    await editSection(page, 'brief', 'problem_statement', randomBytes(750_000).toString('base64'), { saved: false });
    const text = await messageMatching(page, /storage_full/);
    assert.match(text, /^\[storage_full\] This site's storage space in the browser is full: the change was not saved \(editSection: /);
    assert.equal(await message(page).getAttribute('role'), 'alert');
    await page.screenshot({ path: `${shots}04-storage-full.png` });
    assert.deepEqual(await readDatabase(page), saved, 'nothing of the refused edit was written');

    // A restore that does not fit either (a valid backup with a megabyte-long section): the
    // same message, nothing written.
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'backup-download').click()]);
    const bigger = JSON.parse(readFileSync(await download.path(), 'utf8'));
    bigger.records.find((r) => r.artifact_type === 'brief').current_content.problem_statement = randomBytes(750_000).toString('base64');
    bigger.checksum = await backupChecksum(bigger);
    await byTestId(page, 'restore-replace').check();
    await byTestId(page, 'restore-file').setInputFiles({ name: 'bigger.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bigger)) });
    assert.match(await messageMatching(page, /importProject/), /^\[storage_full\] This site's storage space in the browser is full: the change was not saved \(importProject: /);
    assert.deepEqual(await readDatabase(page), saved);

    // With the quota back, a reload shows exactly what was saved, and writes work again.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.deepEqual(await readDatabase(page), saved);
    await byTestId(page, 'nav-brief').click();
    await page.locator('[data-section="target_user"]').getByText('Saved before the disk filled up.').waitFor();
    await editSection(page, 'brief', 'problem_statement', 'Shops miscount their stock.');
    await page.locator('[data-section="problem_statement"] [data-testid="edited-badge"]').waitFor();
    await noProblems(page);
  } finally {
    await context.close();
    await server.close();
  }
});
