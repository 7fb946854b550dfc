// The sync indicator (online or offline, changes waiting, last synced), the sign-in field, and
// the sync panel: conflicts (mine / theirs / the words that differ) with how to resolve each, and
// the changes the backend refused with its reason.
import { ARTIFACTS, OutboxKind, wordDiff } from 'cofounder-artifacts';
import { h } from './dom.js';
import { sectionTitle } from './labels.js';

function describeStatus(status) {
  const parts = [status.online ? 'Online' : 'Offline'];
  if (status.pending) parts.push(`${status.pending} change${status.pending === 1 ? '' : 's'} waiting`);
  else if (!status.conflicts && !status.failed) parts.push('all changes synced');
  if (status.conflicts) parts.push(`${status.conflicts} conflict${status.conflicts === 1 ? '' : 's'}`);
  if (status.failed) parts.push(`${status.failed} refused`);
  if (status.lastSyncAt) parts.push(`last synced ${new Date(status.lastSyncAt).toLocaleTimeString()}`);
  return parts.join(' · ');
}

/** The top bar's part: sign in (a token of the backend), or the status and sign out. */
export function syncIndicator(state, actions) {
  if (!state.backend?.api) return null;
  if (!state.sync) {
    const token = h('input', {
      type: 'password', autocomplete: 'off', size: 14, placeholder: 'API token', 'data-testid': 'sync-token',
    });
    return h('form', {
      class: 'sync signin', 'data-testid': 'sync-signin',
      onsubmit: (event) => {
        event.preventDefault();
        if (token.value.trim()) actions.signIn(token.value.trim());
      },
    }, h('span', {}, 'Sync: '), token, h('button', { type: 'submit', 'data-testid': 'sync-signin-button' }, 'Sign in'));
  }
  const { status } = state.sync;
  const kind = !status.online ? 'offline' : status.conflicts || status.failed ? 'attention' : status.pending ? 'waiting' : 'synced';
  return h('span', { class: `sync ${kind}` },
    h('span', { class: 'sync-status', 'data-testid': 'sync-status', dataset: { online: String(status.online), pending: String(status.pending) } },
      describeStatus(status)),
    h('button', { type: 'button', 'data-testid': 'sync-now', onclick: actions.syncNow }, 'Sync now'),
    h('button', { type: 'button', 'data-testid': 'sync-signout', onclick: actions.signOut }, 'Sign out'));
}

function valueText(value) {
  if (value === null || value === undefined) return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function differences(theirs, mine) {
  if (typeof theirs !== 'string' || typeof mine !== 'string') return null;
  return h('p', { class: 'words', 'data-testid': 'conflict-words' }, wordDiff(theirs, mine).map((piece) =>
    piece.op === 'equal' ? piece.text : h(piece.op === 'insert' ? 'ins' : 'del', {}, piece.text)));
}

function conflictCard(conflict, actions) {
  const merged = h('textarea', { rows: 4, 'data-testid': 'conflict-merged' }, valueText(conflict.mine));
  const takeValue = () => {
    let value = merged.value;
    if (typeof conflict.mine !== 'string') {
      try {
        value = JSON.parse(merged.value);
      } catch {
        actions.syncError('The merged value is not valid JSON.');
        return;
      }
    }
    actions.resolveConflict(conflict.id, value);
  };
  return h('li', { class: 'conflict', 'data-testid': 'conflict', dataset: { section: conflict.sectionId ?? '' } },
    h('h3', {}, `${ARTIFACTS[conflict.artifactType]?.title}: ${sectionTitle(conflict.artifactType, conflict.sectionId)}`),
    h('div', { class: 'sides' },
      h('div', {}, h('h4', {}, 'Mine (this browser)'), h('pre', { 'data-testid': 'conflict-mine' }, valueText(conflict.mine))),
      h('div', {}, h('h4', {}, 'Theirs (the backend)'), h('pre', { 'data-testid': 'conflict-theirs' }, valueText(conflict.theirs)))),
    differences(conflict.theirs, conflict.mine),
    h('label', {}, 'Merged (edit, then keep this)', merged),
    h('div', { class: 'actions' },
      h('button', { type: 'button', 'data-testid': 'conflict-mine-button', onclick: () => actions.resolveConflict(conflict.id, 'mine') }, 'Keep mine'),
      h('button', { type: 'button', 'data-testid': 'conflict-theirs-button', onclick: () => actions.resolveConflict(conflict.id, 'theirs') }, 'Take theirs'),
      h('button', { type: 'button', 'data-testid': 'conflict-merged-button', onclick: takeValue }, 'Keep the merged text')));
}

function deadLetterCard(letter, actions) {
  const what = letter.kind === OutboxKind.EDIT ? `edit of ${sectionTitle(letter.artifactType, letter.payload.section_id)}`
    : letter.kind === OutboxKind.ANNOTATE ? `note on ${sectionTitle(letter.artifactType, letter.payload.section_id)}` : 'new version';
  return h('li', { class: 'dead-letter', 'data-testid': 'dead-letter' },
    h('strong', {}, `${ARTIFACTS[letter.artifactType]?.title}: ${what}`),
    h('p', { class: 'reason', 'data-testid': 'dead-letter-reason' },
      `The backend refused it (HTTP ${letter.error?.status}${letter.error?.code ? `, ${letter.error.code}` : ''}): ${letter.error?.detail ?? ''}`),
    letter.error?.errors?.length > 0 && h('ul', {}, letter.error.errors.map((error) => h('li', {}, `${error.loc?.join('.') ?? ''}: ${error.msg}`))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => actions.retryDeadLetter(letter.id) }, 'Send again'),
      h('button', { type: 'button', onclick: () => actions.discardDeadLetter(letter.id) }, 'Discard (keep it here only)')));
}

/** Conflicts and refused changes of the open project; nothing when there are none. */
export function syncPanel(state, actions) {
  if (!state.sync || !state.project) return null;
  const mine = (list) => list.filter((item) => item.projectId === state.project.id);
  const conflicts = mine(state.sync.conflicts);
  const dead = mine(state.sync.deadLetters);
  if (conflicts.length === 0 && dead.length === 0 && !state.sync.error) return null;
  return h('section', { class: 'sync-panel', 'data-testid': 'sync-panel' },
    state.sync.error && h('p', { class: 'message error' }, state.sync.error),
    conflicts.length > 0 && h('div', {},
      h('h2', {}, 'Changed here and on the backend'),
      h('p', {}, 'Both sides changed these since this browser last synced. Nothing is lost: pick what to keep.'),
      h('ul', { class: 'conflicts' }, conflicts.map((conflict) => conflictCard(conflict, actions)))),
    dead.length > 0 && h('div', {},
      h('h2', {}, 'Changes the backend refused'),
      h('ul', { class: 'dead-letters' }, dead.map((letter) => deadLetterCard(letter, actions)))));
}
