// The PDF exports: GET /api/artifacts/project/:projectId/export/pdf and /api/artifacts/:id/export/pdf
// print the HTML export with headless Chromium. The plan's PDF passes the same checks as the
// browser suite's (tests/browser/support/pdf.js: cover, contents, "Page i of N", branding only
// at the entry tier, exactly the tier's sections); lookups and auth as for Markdown; 503
// pdf_unavailable without Chromium. One Chromium for the whole file (launching is slow): the
// servers share one renderer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTIFACTS, ArtifactType, Tier } from 'cofounder-artifacts';
import { pdfRenderer } from '../../server/export/pdf.js';
import { checkPlanPdf, pdfPages } from '../browser/support/pdf.js';
import { client, generatedProject, serverOn, startServer, storages, TOKENS } from './support/harness.js';

const MISSING = '00000000-0000-4000-8000-000000000000';
const renderer = pdfRenderer();
after(() => renderer.close());

// The response's bytes (the harness's client reads text).
async function fetchPdf(base, path, token = TOKENS[0].token) {
  const response = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(bytes.toString('utf8')) : null;
  return { status: response.status, headers: response.headers, bytes, json };
}

// The day the plan was last written: what the cover shows.
const newestDay = (artifacts) => artifacts.map((a) => a.updated_at).sort().at(-1).slice(0, 10);

for (const storage of storages()) {
  describe(`PDF exports on ${storage.name}`, () => {
    const suite = serverOn(storage, { pdf: renderer });
    const { call } = suite;
    const base = () => suite.server.base;

    test('the plan at each tier: application/pdf with a file name, passing the plan PDF checks', async () => {
      for (const tier of [Tier.PARTNER, Tier.BOOTSTRAPPER]) {
        const plan = await generatedProject(suite.server, call, { name: 'StockPilot', tier });
        const path = `/api/artifacts/project/${plan.project.id}/export/pdf`;
        const res = await fetchPdf(base(), path);
        assert.equal(res.status, 200, JSON.stringify(res.json));
        assert.equal(res.headers.get('content-type'), 'application/pdf');
        assert.equal(res.headers.get('content-disposition'), 'attachment; filename="stockpilot-founder-plan.pdf"');
        checkPlanPdf(res.bytes, { tier, startupName: 'StockPilot', date: newestDay(plan.artifacts) });
        if (tier === Tier.PARTNER) {  // warm: the browser is running
          const started = performance.now();
          const again = await fetchPdf(base(), path);
          const ms = Math.round(performance.now() - started);
          console.log(`# plan PDF: ${pdfPages(again.bytes).length} pages, ${again.bytes.length} B, ${ms} ms (warm)`);
        }
      }
    });

    test('one artifact; unknown ids are 404, no token 401, another user\'s project 404; the server stays usable', async () => {
      const plan = await generatedProject(suite.server, call, { name: 'Évora "Labs"', tier: Tier.CTO_SCALE });
      const risks = plan.byType[ArtifactType.RISK_LOG];
      const bad = [
        [`/api/artifacts/${MISSING}/export/pdf`, TOKENS[0].token, 404],
        ['/api/artifacts/not-a-uuid/export/pdf', TOKENS[0].token, 404],
        [`/api/artifacts/project/${MISSING}/export/pdf`, TOKENS[0].token, 404],
        [`/api/artifacts/${risks.id}/export/pdf`, null, 401],
        [`/api/artifacts/project/${plan.project.id}/export/pdf`, 'nope', 401],
        [`/api/artifacts/${risks.id}/export/pdf`, TOKENS[1].token, 404],
        [`/api/artifacts/project/${plan.project.id}/export/pdf`, TOKENS[1].token, 404],
      ];
      for (const [path, token, status] of bad) {
        const res = await fetchPdf(base(), path, token);
        assert.equal(res.status, status, path);
        assert.equal(typeof res.json.code, 'string');
        // The Markdown export answers the same.
        const markdown = await call('GET', path.replace(/pdf$/, 'markdown'), { token });
        assert.equal(markdown.status, status);
        assert.equal(markdown.body.code, res.json.code);
      }
      const res = await fetchPdf(base(), `/api/artifacts/${risks.id}/export/pdf`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      assert.equal(res.headers.get('content-disposition'), `attachment; filename="evora-labs-${ArtifactType.RISK_LOG}.pdf"`);
      const pages = pdfPages(res.bytes);
      assert.ok(pages[0].includes(ARTIFACTS[ArtifactType.RISK_LOG].title));
      assert.ok(pages.every((page, i) => page.includes(`Page ${i + 1} of ${pages.length}`)));
    });
  });
}

describe('PDF exports without Chromium', () => {
  let db;
  let server;
  let storage;
  before(async () => {
    [storage] = storages();
    await storage.setup();
    db = await storage.open();
    server = await startServer(db, { pdf: { executablePath: '/nonexistent/chromium' } });
  });
  after(async () => {
    await server?.close();
    await db?.close();
    await storage?.cleanup();
  });

  test('503 pdf_unavailable, and the other exports still work', async () => {
    const call = client(server.base);
    const plan = await generatedProject(server, call);
    for (const path of [`/api/artifacts/project/${plan.project.id}/export/pdf`, `/api/artifacts/${plan.artifacts[0].id}/export/pdf`]) {
      const res = await fetchPdf(server.base, path);
      assert.equal(res.status, 503);
      assert.equal(res.json.code, 'pdf_unavailable');
    }
    assert.equal((await call('GET', `/api/artifacts/project/${plan.project.id}/export/markdown`)).status, 200);
  });
});
