// Backup and restore of a plan, and the browser's storage: "Back up this plan" downloads the
// project's backup file (docs/backup.md); "Restore from a backup" reads one back (merge by
// default, replace when asked) and says why a file is refused; the storage line shows how much
// the site uses and whether the browser promised to keep it. Persistence is asked for once the
// first generation of a plan completes.
import { backupText, exportProject, importProject, ImportMode } from 'cofounder-artifacts';
import { h } from './dom.js';
import { downloadText, slug } from './download.js';
import { rememberProjects } from './projects.js';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes) {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

function storageText(storage) {
  if (!storage) return 'Storage: …';
  if (!storage.supported) return 'Storage: this browser does not say how much space is used.';
  const kept = storage.persisted ? 'kept (the browser will not clear it)' : 'may be cleared by the browser when space runs low: back up your plans';
  return `Storage: ${formatBytes(storage.usage ?? 0)} of ${formatBytes(storage.quota ?? 0)}, ${kept}`;
}

// The storage line is patched in place: an estimate arriving must not re-render the page (an
// edit field would lose its focus).
function showStorage(state) {
  const line = document.querySelector('[data-testid="storage-estimate"]');
  if (line) line.textContent = storageText(state.storage);
}

async function refreshStorage(state) {
  state.storage = await state.store.estimate();
  showStorage(state);
}

/**
 * Called once the store is open: keeps the storage line current after writes, and asks the
 * browser to keep the site's data when a generation first completes.
 */
export function startStorageWatch(state) {
  let asked = false;
  let timer = null;
  state.store.subscribe((change) => {
    if (change.kind === 'completeGeneration' && !asked) {
      asked = true;
      state.store.persist().then(() => refreshStorage(state));
    }
    clearTimeout(timer);
    timer = setTimeout(() => refreshStorage(state), 300);
  });
  refreshStorage(state);
}

/** The editor's actions for backups; `guarded` runs one with the busy state and error message. */
export function backupActions(state, { guarded, setMessage, selectProject }) {
  return {
    backupPlan: () => guarded(async () => {
      const { id, ...project } = state.project;
      const backup = await exportProject(state.store, id, { project });
      downloadText(`${slug(state.project.name)}-backup-${backup.exportedAt.slice(0, 10)}.json`, backupText(backup),
        'application/json');
      setMessage('info', `Backed up ${state.project.name}: keep the file somewhere safe; "Restore from a backup" reads it back.`);
    }),

    restoreBackup: (file, { replace = false } = {}) => guarded(async () => {
      setMessage(null);
      const summary = await importProject(state.store, file, { mode: replace ? ImportMode.REPLACE : ImportMode.MERGE });
      const { id, name, idea, createdAt } = summary.project;
      rememberProjects([{ id, name: typeof name === 'string' && name ? name : 'Restored plan', idea: typeof idea === 'string' ? idea : '', created_at: createdAt }]);
      await selectProject(id);
      const kept = summary.kept ? `; kept ${summary.kept} newer here` : '';
      setMessage('info', `Restored ${state.project?.name ?? 'the plan'} from the backup: ${summary.written} artifact(s) written${kept}.`);
      await refreshStorage(state);
    }),
  };
}

/** "Back up this plan", "Restore from a backup" and the storage line. */
export function backupPanel(state, actions) {
  const replace = h('input', {
    type: 'checkbox', 'data-testid': 'restore-replace', checked: Boolean(state.restoreReplace),
    onchange: (event) => { state.restoreReplace = event.target.checked; },
  });
  const file = h('input', {
    type: 'file', accept: 'application/json,.json', 'data-testid': 'restore-file', disabled: state.busy,
    onchange: (event) => {
      const [chosen] = event.target.files ?? [];
      if (chosen) actions.restoreBackup(chosen, { replace: replace.checked });
      event.target.value = '';
    },
  });
  const hasContent = [...state.records.values()].some((record) => record.current_content);
  return h('section', { class: 'backup', 'data-testid': 'backup', 'aria-label': 'Backup' },
    state.project && hasContent && h('button', {
      type: 'button', 'data-testid': 'backup-download', disabled: state.busy, onclick: actions.backupPlan,
    }, 'Back up this plan'),
    h('label', {}, 'Restore from a backup ', file),
    h('label', { class: 'hint' }, replace, ' replace the plan here (otherwise the newer version of each artifact is kept)'),
    h('p', { class: 'hint', 'data-testid': 'storage-estimate' }, storageText(state.storage)));
}
