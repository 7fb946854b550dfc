// The HTML export in Chromium: hostile content runs nothing and adds no element, and the plan
// prints to a PDF whose text (pdftotext) has the cover, the contents, "Page i of N" on every page
// from the CSS margin boxes, the branding only at the entry tier, and exactly the tier's sections.
// Pages 1-3 of the partner PDF are written as PNGs to tests/artifacts/export/ to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { init, planToHtml, toHtml, GENERATION_ORDER, Tier } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { launch } from './support/chromium.js';
import { checkPlanPdf, pdfPreview } from './support/pdf.js';

const previews = fileURLToPath(new URL('../artifacts/export/', import.meta.url));
const STARTUP = 'StockPilot';
const DATE = '2025-01-15';
let browser;
before(async () => { await init(); browser = await launch(); });
after(async () => { await browser?.close(); });

const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
  + '</style><style>body{display:none}</style><iframe src="javascript:parent.__pwned=3"></iframe>'
  + '\n[x](javascript:window.__pwned=4) <a href="javascript:window.__pwned=5">click</a>'
  + ' <svg onload="window.__pwned=6"></svg> " \' --> <!-- &amp;';

function hostilePlan() {
  const plan = structuredClone(SAMPLE_PLAN);
  plan.brief.problem_statement = HOSTILE;
  plan.brief.differentiation_points = [HOSTILE, 'javascript:window.__pwned=7'];
  plan.mvp_scope.core_features[0].name = HOSTILE;
  plan.risk_log.technical_risks[0].mitigation = HOSTILE;
  plan.how_it_works.user_journey[0].title = HOSTILE;
  return plan;
}

test('hostile content in the export runs no script and becomes no element', async () => {
  const plan = hostilePlan();
  const documents = [
    planToHtml(plan, { startupName: HOSTILE, generatedAt: HOSTILE }),
    ...GENERATION_ORDER.map((type) => toHtml(type, plan[type], { startupName: HOSTILE })),
  ];
  const page = await browser.newPage();
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  try {
    for (const html of documents) {
      await page.setContent(html, { waitUntil: 'load' });
      await page.click('body', { position: { x: 5, y: 5 } }).catch(() => {});
      const seen = await page.evaluate(() => ({
        pwned: window.__pwned,
        foreign: document.querySelectorAll('script, img, iframe, svg, object, embed, style ~ style, body style').length,
        styles: document.querySelectorAll('style').length,
        hrefs: [...document.querySelectorAll('[href]')].map((a) => a.getAttribute('href')),
        handlers: [...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames()).filter((n) => n.startsWith('on')),
        shown: getComputedStyle(document.body).display,
        text: document.body.textContent,
      }));
      assert.equal(seen.pwned, undefined);
      assert.equal(seen.foreign, 0);
      assert.equal(seen.styles, 1);
      assert.deepEqual(seen.handlers, []);
      assert.equal(seen.shown, 'block');
      for (const href of seen.hrefs) assert.match(href, /^#/);
      assert.ok(seen.text.includes('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'));
    }
    assert.deepEqual(dialogs, []);
  } finally {
    await page.close();
  }
});

test('the sample plan prints to a PDF with the cover, contents, page footers and the tier\'s sections', async () => {
  const page = await browser.newPage();
  try {
    for (const tier of Object.values(Tier)) {
      const html = planToHtml(SAMPLE_PLAN, { tier, startupName: STARTUP, generatedAt: DATE });
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const pages = checkPlanPdf(pdf, { tier, startupName: STARTUP, date: DATE });
      // The running header (the startup's name) is on every page but the cover.
      assert.ok(pages.slice(1).every((text) => text.includes(STARTUP)));
      if (tier === Tier.PARTNER) pdfPreview(pdf, previews, `plan-${tier}`);
    }
  } finally {
    await page.close();
  }
});
