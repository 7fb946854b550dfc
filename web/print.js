// printPlan(): the plan's HTML export printed from a hidden frame, so the page itself is left as
// it is and the browser's print dialog offers "Save as PDF".
//
// The frame is sandboxed without scripts (the export has none; should user text ever become
// markup, it could not run). Its style sheet is adopted through the CSSOM instead of the inline
// <style>: a srcdoc frame inherits the page's Content-Security-Policy, which may forbid inline
// styles (the editor's does), and the CSSOM is not subject to it.
import { planToHtml } from './operations.js';
import { PrintUnavailableError } from './errors.js';

// When the browser's print() returns before the dialog has closed and never says `afterprint`,
// the frame is removed after this long.
export const PRINT_TIMEOUT_MS = 60_000;

const STYLE = /<style>([\s\S]*?)<\/style>/;  // the export's one style sheet (user text is escaped)

/**
 * Prints the plan (planToHtml(plan, options)); resolves when the print dialog has closed.
 * @returns {Promise<void>}
 */
export async function printPlan(plan, options) {
  if (typeof window === 'undefined' || typeof document === 'undefined' || !document.body) {
    throw new PrintUnavailableError('printPlan needs a browser page to print from');
  }
  const html = planToHtml(plan, options);
  const css = STYLE.exec(html)?.[1] ?? '';
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;opacity:0';
  frame.srcdoc = html.replace(STYLE, '');
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  try {
    await loaded;
    const view = frame.contentWindow;
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(css);
    view.document.adoptedStyleSheets = [sheet];
    await new Promise((resolve) => {
      const timer = setTimeout(done, PRINT_TIMEOUT_MS);
      function done() {
        clearTimeout(timer);
        view.removeEventListener('afterprint', done);
        resolve();
      }
      view.addEventListener('afterprint', done);
      view.focus();
      view.print();
    });
  } finally {
    frame.remove();
  }
}
