// Sync with the reference backend: with a backend behind this origin and an API token ("sign
// in"), a SyncClient sends the founder's changes from this browser's outbox and brings the
// backend's newer versions in. The editor shows its status, the conflicts it keeps for the
// founder, and the changes the backend refused.
import { SyncClient } from 'cofounder-artifacts';
import { listProjects, rememberProjects } from './projects.js';

const REFRESH_LISTS_MS = 250;

/**
 * Starts syncing when signed in to a backend; stops the previous client first. `onChange` runs
 * whenever the status, the conflicts or the dead letters change.
 */
export async function startSync(state, onChange) {
  await stopSync(state);
  if (!state.backend?.api || !state.settings.apiToken) return;
  const client = await SyncClient.start(state.store, {
    baseUrl: state.backend.api.replace(/\/$/, ''),
    getAuthToken: () => state.settings.apiToken,
    intervalMs: 5000,
    // A project made in this browser is created on the backend (under the same id) with its first change.
    describeProject: (projectId) => {
      const project = listProjects().find((p) => p.id === projectId);
      return project ? { name: project.name, idea: project.idea ?? '' } : null;
    },
    onConflict: () => onChange(),
  });
  state.sync = { client, status: client.status, conflicts: [], deadLetters: [], error: null };
  let pending = null;
  const refreshLists = () => {
    clearTimeout(pending);
    pending = setTimeout(async () => {
      if (state.sync?.client !== client) return;
      state.sync.conflicts = await client.conflicts();
      state.sync.deadLetters = await client.deadLetters();
      onChange();
    }, REFRESH_LISTS_MS);
  };
  client.subscribe((status) => {
    if (state.sync?.client !== client) return;
    state.sync.status = status;
    refreshLists();
  });
  refreshLists();
  await discoverProjects(state);
}

export async function stopSync(state) {
  const client = state.sync?.client;
  state.sync = null;
  await client?.stop();
}

/** The signed-in founder's projects on the backend join the list here (a second device sees them). */
export async function discoverProjects(state) {
  const client = state.sync?.client;
  if (!client || globalThis.navigator?.onLine === false) return;
  try {
    rememberProjects(await client.projects());
    if (state.project) await client.pull(state.project.id);
    state.sync.error = null;
  } catch (error) {
    state.sync.error = `The backend's projects could not be read: ${error.message}`;
  }
}
