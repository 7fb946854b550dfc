// The store on real IndexedDB in Chromium: a generation survives a reload, two pages of the same
// origin race generations (exactly one wins each time), and a second page sees changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './support/chromium.js';
import { serve } from './support/server.js';

const root = new URL('../../', import.meta.url);
let browser;
let server;
before(async () => { browser = await launch(); server = await serve(root); });
after(async () => { await browser?.close(); await server?.close(); });

async function page(context) {
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (error) => errors.push(String(error)));
  await tab.goto(`${server.url}/tests/browser/pages/store.html`);
  await tab.waitForFunction(() => window.ready === true, null, { timeout: 20000 });
  tab.errors = errors;
  return tab;
}

test('a generated plan and an edit persist across a reload', async () => {
  const context = await browser.newContext();
  const tab = await page(context);
  const summary = await tab.evaluate(() => window.api.generateAll('p1'));
  assert.equal(summary.completed.length, 5);
  assert.equal(await tab.evaluate(() => window.api.edit('p1')), 1);
  await tab.reload();
  await tab.waitForFunction(() => window.ready === true);
  const records = await tab.evaluate(() => window.api.list('p1'));
  assert.deepEqual(records.map((r) => r.type), ['brief', 'mvp_scope', 'milestones', 'risk_log', 'how_it_works']);
  assert.ok(records.every((r) => r.version === 1 && r.status === 'idle'));
  assert.deepEqual(records[0].edited, ['target_user']);
  assert.deepEqual(tab.errors, []);
  await context.close();
});

test('two pages start generateAll on one project at once: one runs, the other is refused (Web Locks)', async () => {
  const context = await browser.newContext();
  const [a, b] = await Promise.all([page(context), page(context)]);
  assert.equal(await a.evaluate(() => window.api.hasWebLocks()), true);
  for (let round = 0; round < 3; round += 1) {
    const project = `double-click-${round}`;
    const outcomes = await Promise.all([a, b].map((tab) => tab.evaluate((p) => window.api.generateAllOnce(p), project)));
    const ran = outcomes.filter((o) => 'completed' in o);
    assert.equal(ran.length, 1, JSON.stringify(outcomes));
    assert.deepEqual(ran[0], { completed: 5, failed: 0 });
    assert.deepEqual(outcomes.find((o) => 'refused' in o), { refused: 'generation_in_progress' });
    const records = await a.evaluate((p) => window.api.list(p), project);
    assert.ok(records.length === 5 && records.every((r) => r.version === 1 && r.status === 'idle'), JSON.stringify(records));
  }
  assert.deepEqual([...a.errors, ...b.errors], []);
  await context.close();
});

test('two pages of the same origin race 20 generations: exactly one winner each time', async () => {
  const context = await browser.newContext();
  const [a, b] = await Promise.all([page(context), page(context)]);
  for (let round = 0; round < 20; round += 1) {
    const [wonA, wonB] = await Promise.all([
      a.evaluate(() => window.api.tryBegin('race')),
      b.evaluate(() => window.api.tryBegin('race')),
    ]);
    assert.equal(Number(wonA) + Number(wonB), 1, `round ${round}`);
    await (wonA ? a : b).evaluate(() => window.api.completeHeld('race'));
  }
  const [record] = await a.evaluate(() => window.api.list('race'));
  assert.equal(record.version, 20);
  // Each page heard the other's writes (BroadcastChannel).
  const heard = await b.evaluate(() => window.api.changes());
  assert.ok(heard.filter((c) => c === 'completeGeneration:risk_log').length === 20);
  assert.deepEqual([...a.errors, ...b.errors], []);
  await context.close();
});
