// The editor's print and PDF exports: "Print / Save as PDF" prints the plan's HTML export from this
// page (printPlan: the browser's print dialog, which saves PDFs); "Download PDF" fetches the
// backend's PDF of the project (Chromium on the server), once signed in to a backend.
import { printPlan } from 'cofounder-artifacts';
import { h } from './dom.js';
import { downloadText, slug } from './download.js';

const canDownload = (state) => Boolean(state.backend?.api && !state.backend.offline && state.sync && state.settings.apiToken);

/** The top bar's buttons, beside the Markdown exports. */
export function exportButtons(state, actions) {
  const download = canDownload(state);
  return [
    h('button', { type: 'button', 'data-testid': 'export-print', onclick: actions.printPlan }, 'Print / Save as PDF'),
    h('button', {
      type: 'button', 'data-testid': 'export-pdf', disabled: !download, onclick: actions.downloadPdf,
      title: download ? 'The PDF the backend prints' : 'Sign in to a backend to download its PDF',
    }, 'Download PDF'),
  ];
}

/**
 * The actions behind the buttons. `plan()` is the plan's contents, `options()` the export's
 * options (tier, startup name, date), `guarded(work)` runs work with the editor's busy state
 * and error message.
 */
export function exportActions(state, { plan, options, guarded, setMessage }) {
  return {
    printPlan: () => guarded(() => printPlan(plan(), options())),

    downloadPdf: () => guarded(async () => {
      if (!canDownload(state)) return;
      await state.sync.client.flush();  // the backend prints what it has: send the changes first
      const response = await fetch(new URL(`artifacts/project/${encodeURIComponent(state.project.id)}/export/pdf`, state.backend.api), {
        headers: { authorization: `Bearer ${state.settings.apiToken}` },
      });
      if (!response.ok) {
        const answer = await response.json().catch(() => ({}));
        throw new Error(`The backend could not make the PDF (${response.status}${answer.code ? ` ${answer.code}` : ''}).`);
      }
      downloadText(`${slug(state.project.name)}-plan.pdf`, await response.blob(), 'application/pdf');
      setMessage('info', 'Downloaded the PDF from the backend.');
    }),
  };
}
