// The editor's frame: top bar (project, tier, generator, export), the cascade's progress, the
// list of the five artifacts with their status, and the welcome form for a new project.
import { ARTIFACTS, GENERATION_ORDER, GenerationStatus, Tier } from 'cofounder-artifacts';
import { h, replaceChildren } from './dom.js';
import { listProjects } from './projects.js';
import { renderArtifact } from './view-artifact.js';
import { tierLabel } from './labels.js';
import { ENDPOINT_GENERATOR, GENERATORS } from './runner.js';
import { syncIndicator, syncPanel } from './view-sync.js';
import { backupPanel } from './view-backup.js';
import { exportButtons } from './view-export.js';

function select(attributes, options, current) {
  return h('select', attributes, Object.entries(options).map(([value, label]) =>
    h('option', { value, selected: value === current }, label)));
}

function topBar(state, actions) {
  const projects = listProjects();
  const hasContent = [...state.records.values()].some((record) => record.current_content);
  return h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, 'Plan editor'),
    projects.length > 0 && h('label', {}, 'Project ',
      select({ 'data-testid': 'project', onchange: (e) => actions.selectProject(e.target.value) },
        Object.fromEntries(projects.map((p) => [p.id, p.name])), state.project?.id)),
    h('button', { type: 'button', onclick: actions.newProject }, 'New project'),
    h('label', {}, 'Tier ',
      select({ 'data-testid': 'tier', onchange: (e) => actions.setTier(e.target.value) },
        Object.fromEntries(Object.values(Tier).map((tier) => [tier, tierLabel(tier)])), state.settings.tier)),
    h('label', {}, 'Generator ',
      select({ 'data-testid': 'generator', onchange: (e) => actions.setGenerator(e.target.value) },
        GENERATORS, state.generator)),
    state.generator === ENDPOINT_GENERATOR && endpointFields(state, actions),
    h('span', { class: 'backend', 'data-testid': 'backend' }, backendLabel(state.backend)),
    syncIndicator(state, actions),
    state.project && hasContent && h('span', { class: 'export' },
      h('button', { type: 'button', 'data-testid': 'export-readable', onclick: () => actions.exportPlan('readable') },
        'Export Markdown'),
      h('button', { type: 'button', 'data-testid': 'export-technical', onclick: () => actions.exportPlan('technical') },
        'Export technical'),
      ...exportButtons(state, actions)),
  );
}

function backendLabel(backend) {
  if (backend?.offline) return 'Backend: offline (your work stays in this browser)';
  return backend ? `Backend: ${backend.api} (${backend.storage})` : 'Backend: none (kept in this browser)';
}

// Where the OpenAI-compatible endpoint is: the API key is a password field whose value lives in
// the page's memory only (state.endpoint), never in the settings saved to localStorage.
function endpointFields(state, actions) {
  const field = (name, label, attributes) => h('label', {}, `${label} `, h('input', {
    ...attributes, name, value: state.endpoint[name], 'data-testid': `endpoint-${name}`, spellcheck: false,
    oninput: (e) => actions.setEndpoint(name, e.target.value),
  }));
  return h('fieldset', { class: 'endpoint', 'data-testid': 'endpoint' },
    h('legend', {}, 'OpenAI-compatible endpoint'),
    field('baseURL', 'Base URL', { type: 'url', placeholder: 'https://api.openai.com/v1', size: 28 }),
    field('model', 'Model', { size: 14 }),
    field('apiKey', 'API key', {
      type: 'password', autocomplete: 'off', size: 16, placeholder: state.backend ? 'an API token of the backend' : '',
    }),
    h('span', { class: 'hint' }, 'The key stays in this tab\'s memory: it is never saved.'));
}

function progressBar(state, actions) {
  const { progress } = state;
  if (!progress) return null;
  return h('div', { class: 'progress', 'data-testid': 'progress', role: 'status' },
    h('progress', { max: progress.total, value: progress.index }),
    h('span', {}, `${progress.index}/${progress.total} · ${progress.label}`),
    state.abort && h('button', { type: 'button', class: 'danger', 'data-testid': 'stop', onclick: actions.stop }, 'Stop'));
}

function statusOf(record, streaming) {
  if (streaming) return { text: 'streaming…', kind: 'busy' };
  if (!record) return { text: 'not generated', kind: 'none' };
  if (record.generation_status === GenerationStatus.GENERATING) return { text: 'generating…', kind: 'busy' };
  if (record.generation_status === GenerationStatus.FAILED) return { text: GenerationStatus.FAILED, kind: GenerationStatus.FAILED };
  return { text: `v${record.version_number}`, kind: 'ok' };
}

function artifactList(state, actions) {
  const needsRetry = state.records.size > 0 && GENERATION_ORDER.some((type) => {
    const record = state.records.get(type);
    return !record || record.generation_status === GenerationStatus.FAILED || !record.current_content;
  });
  return h('nav', { class: 'artifacts', 'aria-label': 'Artifacts' },
    h('ol', {}, GENERATION_ORDER.map((type) => {
      const record = state.records.get(type);
      const status = statusOf(record, state.live?.type === type);
      return h('li', {},
        h('button', {
          type: 'button', class: type === state.selected ? 'selected' : '', 'data-testid': `nav-${type}`,
          'aria-current': type === state.selected ? 'page' : undefined, onclick: () => actions.select(type),
        },
        h('span', { class: 'title' }, ARTIFACTS[type].title),
        h('span', { class: `status ${status.kind}`, 'data-testid': `status-${type}` }, status.text),
        record?.has_user_edits && h('span', { class: 'badge edited' }, 'Edited')));
    })),
    needsRetry && !state.progress && h('button', {
      type: 'button', class: 'retry', 'data-testid': 'retry', disabled: state.busy,
      onclick: () => actions.generate(),
    }, 'Retry failed'),
    state.records.size === 0 && state.project && !state.progress && h('button', {
      type: 'button', class: 'primary', 'data-testid': 'generate', disabled: state.busy,
      onclick: () => actions.generate(),
    }, 'Generate plan'));
}

function welcome(actions) {
  const name = h('input', { name: 'name', value: 'StockPilot', 'data-testid': 'startup-name', required: true });
  const idea = h('textarea', { name: 'idea', rows: 3, 'data-testid': 'startup-idea' },
    'An inventory tracker for small independent shops');
  return h('section', { class: 'welcome' },
    h('h1', {}, 'Your AI co-founder writes the plan'),
    h('p', {}, 'Five linked documents — Product Brief, MVP Scope, Milestones, Risk Log and How It Works — ' +
      'generated in order, validated in your browser, and saved on this device. Edit anything; ' +
      'regenerating keeps your edits.'),
    h('form', {
      onsubmit: (event) => {
        event.preventDefault();
        actions.createProject({ name: name.value, idea: idea.value });
      },
    },
    h('label', {}, 'Startup name', name),
    h('label', {}, 'The idea', idea),
    h('button', { type: 'submit', class: 'primary', 'data-testid': 'create-project' }, 'Create project and generate')));
}

function messageBar(message) {
  if (!message) return null;
  return h('p', { class: `message ${message.kind}`, role: message.kind === 'error' ? 'alert' : 'status',
    'data-testid': 'message' }, message.text);
}

function exportPreview(state, actions) {
  if (!state.exportPreview) return null;
  return h('section', { class: 'export-preview', 'data-testid': 'export-preview' },
    h('header', {},
      h('h2', {}, `Markdown export (${state.exportPreview.variant})`),
      h('button', { type: 'button', onclick: actions.closeExportPreview }, 'Close')),
    h('pre', {}, state.exportPreview.text));
}

export function renderApp(root, state, actions) {
  if (!state.project) {
    replaceChildren(root, topBar(state, actions), messageBar(state.message), welcome(actions), backupPanel(state, actions));
    return;
  }
  replaceChildren(root,
    topBar(state, actions),
    progressBar(state, actions),
    messageBar(state.message),
    h('div', { class: 'layout' },
      artifactList(state, actions),
      h('main', {}, syncPanel(state, actions), exportPreview(state, actions), renderArtifact(state, actions))),
    backupPanel(state, actions));
}
