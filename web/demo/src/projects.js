// The founder's projects (id, startup name, idea) and the editor's settings, in localStorage: the
// artifacts themselves live in IndexedDB through the package's ArtifactStore.
import { Tier } from 'cofounder-artifacts';

const PROJECTS_KEY = 'cofounder-editor.projects';
const SETTINGS_KEY = 'cofounder-editor.settings';

function read(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

export function listProjects() {
  const projects = read(PROJECTS_KEY, []);
  return Array.isArray(projects) ? projects : [];
}

export function createProject({ name, idea }) {
  const project = { id: crypto.randomUUID(), name, idea, createdAt: new Date().toISOString() };
  localStorage.setItem(PROJECTS_KEY, JSON.stringify([...listProjects(), project]));
  return project;
}

export function loadSettings() {
  return { tier: Tier.PARTNER, projectId: null, ...read(SETTINGS_KEY, {}) };
}

export function saveSettings(settings) {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}

/** Adds projects known elsewhere (the backend's list) that this browser does not list yet. */
export function rememberProjects(projects) {
  const known = listProjects();
  const ids = new Set(known.map((project) => project.id));
  const added = projects.filter((project) => !ids.has(project.id))
    .map(({ id, name, idea, created_at: createdAt }) => ({ id, name, idea, createdAt }));
  if (added.length) localStorage.setItem(PROJECTS_KEY, JSON.stringify([...known, ...added]));
  return added;
}
