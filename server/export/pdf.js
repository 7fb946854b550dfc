// PDF rendering of the HTML export with headless Chromium (playwright-core, Debian's
// /usr/bin/chromium or CHROMIUM_PATH; never a downloaded browser). One browser is launched on the
// first export and reused; each export gets its own context with JavaScript off and every request
// refused (the export fetches nothing). The page size, header and "Page N of M" footer come from
// the document's own @page rules. A render that takes longer than the timeout is abandoned.
import { chromium } from 'playwright-core';
import { HttpError } from '../http/errors.js';

export const DEFAULT_PDF_TIMEOUT_MS = 30_000;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

const unavailable = () => new HttpError(503, 'pdf_unavailable', 'PDF export is unavailable: no headless Chromium on this server');

/**
 * A renderer {render(html) -> Buffer, close()} for one server. `executablePath` defaults to
 * CHROMIUM_PATH or /usr/bin/chromium.
 */
export function pdfRenderer({ executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  timeoutMs = DEFAULT_PDF_TIMEOUT_MS } = {}) {
  let launched = null;  // the browser's promise, once asked for
  let closed = false;

  const browser = async () => {
    if (closed) throw unavailable();
    launched ??= chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    try {
      const running = await launched;
      if (running.isConnected()) return running;
    } catch {
      // Not installed or it would not start: asked again on the next export.
    }
    launched = null;
    throw unavailable();
  };

  const print = async (running, html) => {
    const context = await running.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
      return await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await context.close().catch(() => {});
    }
  };

  return {
    async render(html) {
      const running = await browser();
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new HttpError(503, 'pdf_timeout', `the PDF took longer than ${timeoutMs} ms to render`)), timeoutMs);
      });
      try {
        return await Promise.race([print(running, html), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      closed = true;
      const running = await launched?.catch(() => null);
      launched = null;
      await running?.close();
    },
  };
}

/** A file name for the export: the project's name in letters, digits and hyphens, then `what`. */
export function pdfFileName(projectName, what) {
  const stem = String(projectName ?? '').normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')
    .slice(0, 60).toLowerCase();
  return `${stem ? `${stem}-` : ''}${what}.pdf`;
}
