// cofounder-artifacts/react under jsdom with Testing Library: each hook's states, StrictMode, one
// change rendering only the components that show that record, unmounting during a generation,
// and how often a project's record list renders during one generateAll.
import { act, cleanup, environment, render, sleep, until } from './support/react-dom.js';
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h, StrictMode, useState } from 'react';
import { ArtifactStore, GenerationStatus, generateAll, isInitialized, SyncClient } from 'cofounder-artifacts';
import { RunnerFake, SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import {
  ArtifactsProvider, RunStatus, useArtifact, useArtifactStore, useGeneration, useProject, useProjectIds, useSyncStatus,
  useValidation, useVersionDiff,
} from 'cofounder-artifacts/react';

afterEach(() => cleanup());

const PROJECT = 'project-1';

// Renders `ui` under a provider on a fresh database; `strict` wraps it in StrictMode.
function mount(ui, { strict = false, env = environment(), ...props } = {}) {
  const tree = h(ArtifactsProvider, { name: env.name, indexedDB: env.indexedDB, ...props }, ui);
  const rendered = render(strict ? h(StrictMode, null, tree) : tree);
  return { ...rendered, env };
}

// A component that records what a hook returned on each render.
function probe(useHook) {
  const seen = [];
  function Probe() {
    const value = useHook();
    seen.push(value);
    return null;
  }
  return { seen, Probe, last: () => seen.at(-1) };
}

// The store the provider opened (through useArtifactStore).
function storeProbe() {
  const found = probe(useArtifactStore);
  return { ...found, store: () => found.last().store };
}

test('the provider opens one store under StrictMode and closes it on unmount; hooks need it', async () => {
  const opened = [];
  const open = ArtifactStore.open;
  ArtifactStore.open = async (options) => {
    const store = await open.call(ArtifactStore, options);
    const close = store.close.bind(store);
    store.closeCalls = 0;
    store.close = () => { store.closeCalls += 1; close(); };
    opened.push(store);
    return store;
  };
  try {
    const state = storeProbe();
    const view = mount(h(state.Probe), { strict: true });
    assert.equal(state.seen[0].status, 'loading');
    await until(() => state.last().status === 'ready', 'the store');
    await sleep(20);
    assert.equal(opened.length, 1, 'StrictMode mounts twice, the store is opened once');
    assert.equal(state.store(), opened[0]);
    assert.ok(isInitialized());
    view.unmount();
    await sleep(20);
    assert.equal(opened[0].closeCalls, 1, 'closed once, after the unmount');
  } finally {
    ArtifactStore.open = open;
  }
  function Orphan() {
    useProject(PROJECT);
    return null;
  }
  const errors = console.error;
  console.error = () => {};  // React reports the thrown error too
  try {
    assert.throws(() => render(h(Orphan)), /needs an <ArtifactsProvider>/);
  } finally {
    console.error = errors;
  }
});

test('a store that fails to open: the hooks say error', async () => {
  const open = ArtifactStore.open;
  ArtifactStore.open = async () => { throw new Error('disk full'); };
  try {
    const artifact = probe(() => useArtifact(PROJECT, 'brief'));
    const project = probe(() => useProject(PROJECT));
    mount(h('div', null, h(artifact.Probe), h(project.Probe)));
    await until(() => artifact.last().status === 'error', 'the error');
    assert.match(artifact.last().error.message, /disk full/);
    assert.equal(project.last().status, 'error');
    await assert.rejects(artifact.last().editSection('target_user', 'x'), /not open yet/);
  } finally {
    ArtifactStore.open = open;
  }
});

test('useArtifact: loading, ready without a record, the record once generated, an edit, a read error', async () => {
  const artifact = probe(() => useArtifact(PROJECT, 'brief'));
  const state = storeProbe();
  mount(h('div', null, h(artifact.Probe), h(state.Probe)));
  assert.equal(artifact.seen[0].status, 'loading');
  assert.equal(artifact.seen[0].record, null);
  await until(() => artifact.last().status === 'ready', 'the first read');
  assert.equal(artifact.last().record, null);

  await act(() => generateAll(state.store(), new RunnerFake(), { projectId: PROJECT, tier: 'partner' }));
  await until(() => artifact.last().record?.version_number === 1, 'the generated brief');
  const record = artifact.last().record;
  assert.equal(record.artifact_type, 'brief');
  assert.equal(record.generation_status, GenerationStatus.IDLE);
  assert.equal(record.current_content.target_user, SAMPLE_PLAN.brief.target_user);

  await act(() => artifact.last().editSection('target_user', 'Corner shops.', { tier: 'partner' }));
  await until(() => artifact.last().record.current_content.target_user === 'Corner shops.', 'the edit');
  assert.equal(artifact.last().record.has_user_edits, true);
  await assert.rejects(async () => { await act(() => artifact.last().editSection('differentiation_points', 'not a list')); },
    (error) => error.code === 'validation_failed');

  // A store whose reads fail: the record's state is the error.
  const failing = {
    subscribe: () => () => {},
    getByType: async () => { throw new Error('read failed'); },
    close() {},
  };
  const broken = probe(() => useArtifact(PROJECT, 'brief'));
  cleanup();
  render(h(ArtifactsProvider, { store: failing }, h(broken.Probe)));
  await until(() => broken.last().status === 'error', 'the read error');
  assert.match(broken.last().error.message, /read failed/);
});

test('useProject and useProjectIds: loading, empty, every record in order after a run', async () => {
  const project = probe(() => useProject(PROJECT));
  const ids = probe(useProjectIds);
  const state = storeProbe();
  mount(h('div', null, h(project.Probe), h(ids.Probe), h(state.Probe)));
  assert.equal(project.seen[0].status, 'loading');
  await until(() => project.last().status === 'ready' && ids.last().status === 'ready', 'the first reads');
  assert.deepEqual(project.last().records, []);
  assert.deepEqual(ids.last().ids, []);
  await act(() => generateAll(state.store(), new RunnerFake(), { projectId: PROJECT }));
  await until(() => project.last().records.length === 5 && project.last().records.every((r) => r.version_number === 1), 'five records');
  assert.deepEqual(project.last().records.map((r) => r.artifact_type),
    ['brief', 'mvp_scope', 'milestones', 'risk_log', 'how_it_works']);
  assert.equal(project.last().byType.milestones, project.last().records[2]);
  await until(() => ids.last().ids?.length === 1, 'the project id');
  assert.deepEqual(ids.last().ids, [PROJECT]);
});

test('useValidation: null until the core is loaded, then synchronous and the same object for the same input', async () => {
  const draft = { ...SAMPLE_PLAN.brief, differentiation_points: 'two' };
  let setContent;
  let setTick;
  const seen = [];
  function Editor() {
    const [content, set] = useState(draft);
    const [, tick] = useState(0);
    setContent = set;
    setTick = tick;
    seen.push(useValidation('brief', content, { tier: 'partner' }));
    return null;
  }
  mount(h(Editor));
  assert.equal(seen[0], null);
  await until(() => seen.at(-1) !== null, 'the core');
  const first = seen.at(-1);
  assert.equal(first.ok, false);
  assert.deepEqual(first.errors.map((e) => `${e.type}:${e.loc.join('.')}`), ['list_type:differentiation_points']);
  act(() => setTick(1));
  assert.equal(seen.at(-1), first, 'a render with the same input returns the same result');
  act(() => setContent({ ...draft }));
  assert.equal(seen.at(-1), first, 'an equal object rebuilt is the same input');
  act(() => setContent(SAMPLE_PLAN.brief));
  assert.equal(seen.at(-1).ok, true);
  assert.equal(seen.at(-1).value.target_user, SAMPLE_PLAN.brief.target_user);
});

test('useGeneration: inactive, running with streamed sections, finished; abort; a failing runner', async () => {
  const generation = probe(() => useGeneration(PROJECT));
  const project = probe(() => useProject(PROJECT));
  mount(h('div', null, h(generation.Probe), h(project.Probe)));
  assert.equal(generation.seen[0].status, RunStatus.INACTIVE);
  await until(() => project.last().status === 'ready', 'the store');

  let done;
  act(() => { done = generation.last().start(new RunnerFake({ stream: true, chunkSize: 40 }), { tier: 'partner' }); });
  assert.equal(generation.last().status, RunStatus.RUNNING);
  const result = await act(() => done);
  assert.deepEqual(result.completed, ['brief', 'mvp_scope', 'milestones', 'risk_log', 'how_it_works']);
  const finished = generation.last();
  assert.equal(finished.status, RunStatus.FINISHED);
  assert.equal(finished.result, result);
  assert.equal(finished.artifacts.how_it_works, 'completed');
  const brief = finished.streams.brief;
  assert.ok(brief.order.includes('target_user'));
  assert.equal(brief.sections.target_user.text, SAMPLE_PLAN.brief.target_user, 'the text deltas join to the section');
  assert.equal(brief.sections.target_user.ok, true);
  const features = finished.streams.mvp_scope.sections.core_features;
  assert.equal(features.items.length, SAMPLE_PLAN.mvp_scope.core_features.length, 'list items as they closed');
  assert.ok(generation.seen.some((state) => state.current === 'milestones'), 'the artifact being written was shown');

  // Abort in the middle: the run says aborted, and what was being written is not stored.
  let aborted;
  act(() => {
    aborted = generation.last().start(new RunnerFake({ stream: true, chunkSize: 8, chunkDelayMs: 2 }), { all: true });
  });
  await until(() => generation.last().streams.brief?.order.length > 0, 'the first streamed section');
  act(() => generation.last().abort());
  assert.equal(await act(() => aborted), null);
  assert.equal(generation.last().status, RunStatus.ABORTED);
  await until(() => project.last().byType?.brief?.generation_status !== GenerationStatus.GENERATING, 'the lease released');
  assert.equal(project.last().byType.brief.version_number, 1, 'the aborted version was not stored');

  let failed;
  act(() => { failed = generation.last().start(new RunnerFake({ scenario: 'llm_failure', failTypes: ['milestones'] }), { all: true }); });
  const summary = await act(() => failed);
  assert.deepEqual(summary.failed, ['milestones']);
  assert.equal(generation.last().artifacts.milestones, GenerationStatus.FAILED);
  assert.equal(generation.last().status, RunStatus.FINISHED);
});

test('useVersionDiff: the diff from the previous to the current content', async () => {
  const versions = probe(() => useVersionDiff(PROJECT, 'brief'));
  const state = storeProbe();
  mount(h('div', null, h(versions.Probe), h(state.Probe)));
  await until(() => versions.last().status === 'ready', 'the store');
  assert.equal(versions.last().diff, null, 'no record, no diff');
  const store = state.store();
  await act(() => generateAll(store, new RunnerFake(), { projectId: PROJECT }));
  const changed = { ...SAMPLE_PLAN.brief, target_user: 'Corner shops with one till.' };
  await act(() => generateAll(store, new RunnerFake({ plan: { ...SAMPLE_PLAN, brief: changed } }), { projectId: PROJECT, all: true }));
  await until(() => versions.last().record?.version_number === 2, 'the second version');
  const section = versions.last().diff.sections.find((s) => s.id === 'target_user');
  assert.equal(section.change, 'modified');
  assert.ok(section.words.some((piece) => piece.op === 'insert' && piece.text.includes('Corner')), JSON.stringify(section));
  const after = section.words.filter((piece) => piece.op !== 'delete').map((piece) => piece.text).join('');
  assert.equal(after, changed.target_user, 'equal and inserted words give the new text');
});

test('useSyncStatus: null without sync; with sync the client status, and the client stops on unmount', async () => {
  const none = probe(useSyncStatus);
  const ready = storeProbe();
  mount(h('div', null, h(none.Probe), h(ready.Probe)));
  await until(() => ready.last().status === 'ready', 'the store');
  await sleep(10);
  assert.equal(none.last(), null);
  cleanup();

  // A backend that never answers: the status says offline and counts what waits.
  const fetch = async () => { throw new TypeError('fetch failed'); };
  const clients = [];
  const start = SyncClient.start;
  SyncClient.start = async (...args) => {
    const client = await start.apply(SyncClient, args);
    clients.push(client);
    return client;
  };
  const status = probe(useSyncStatus);
  const state = storeProbe();
  const view = mount(h('div', null, h(status.Probe), h(state.Probe)),
    { sync: { baseUrl: 'http://127.0.0.1:9/api', fetch, locks: null, intervalMs: 60000, backoff: { baseMs: 60000, maxMs: 60000 } } });
  await until(() => status.last() !== null, 'the sync client');
  assert.equal(typeof status.last().pending, 'number');
  await act(() => generateAll(state.store(), new RunnerFake(), { projectId: PROJECT }));
  await until(() => status.last().pending === 5, 'five generated versions waiting');
  await until(() => status.last().online === false, 'offline');
  SyncClient.start = start;
  view.unmount();
  await sleep(20);
  assert.equal(clients.length, 1, 'one client, started once the store was open');
  assert.equal(clients[0].stopped, true, 'stopped with the provider');
});

test('StrictMode: every record and project is read once, and the hooks work as without it', async () => {
  const state = storeProbe();
  const project = probe(() => useProject(PROJECT));
  const brief = probe(() => useArtifact(PROJECT, 'brief'));
  const reads = [];
  const env = environment();
  const seed = await ArtifactStore.open({ name: env.name, indexedDB: env.indexedDB });
  await generateAll(seed, new RunnerFake(), { projectId: PROJECT });
  seed.close();
  const open = ArtifactStore.open;
  ArtifactStore.open = async (options) => {
    const store = await open.call(ArtifactStore, options);
    for (const method of ['listProject', 'getByType']) {
      const read = store[method].bind(store);
      store[method] = (...args) => { reads.push(method); return read(...args); };
    }
    return store;
  };
  try {
    mount(h('div', null, h(state.Probe), h(project.Probe), h(brief.Probe)), { strict: true, env });
    await until(() => project.last().status === 'ready' && brief.last().status === 'ready', 'the reads');
    await sleep(30);
    assert.equal(project.last().records.length, 5);
    assert.equal(brief.last().record, project.last().byType.brief, 'one cached object for the brief');
    assert.deepEqual(reads.sort(), ['getByType', 'listProject'], 'the project once, the brief once, under StrictMode');
  } finally {
    ArtifactStore.open = open;
  }
});

// Counts the renders of components that each show one artifact.
function renderCounter() {
  const renders = {};
  function Artifact({ type }) {
    const { record } = useArtifact(PROJECT, type);
    renders[type] = (renders[type] ?? 0) + 1;
    return h('p', null, record ? `${type} v${record.version_number}` : type);
  }
  return { renders, Artifact };
}

test('one change renders only the components that show that record', async () => {
  const { renders, Artifact } = renderCounter();
  const state = storeProbe();
  const view = mount(h('div', null, h(Artifact, { type: 'brief' }), h(Artifact, { type: 'mvp_scope' }),
    h(Artifact, { type: 'milestones' }), h(state.Probe)));
  await until(() => state.last().status === 'ready', 'the store');
  await act(() => generateAll(state.store(), new RunnerFake(), { projectId: PROJECT }));
  await until(() => view.container.textContent.includes('milestones v1'), 'the records');
  await sleep(20);
  const before = { ...renders };
  await act(() => state.store().editSection(PROJECT, 'brief', 'target_user', 'Corner shops.'));
  await until(() => renders.brief === before.brief + 1, 'the brief rendered');
  await sleep(20);
  assert.deepEqual(renders, { ...before, brief: before.brief + 1 },
    'the edit of the brief rendered the brief once and nothing else');
  // A write that changes nothing (the same value again) renders nothing.
  await act(() => state.store().editSection(PROJECT, 'brief', 'target_user', 'Corner shops.'));
  await sleep(20);
  assert.equal(renders.brief, before.brief + 1);
});

test('unmounting during a generation aborts it cleanly: no update after unmount, no lease left', async () => {
  const errors = [];
  const consoleError = console.error;
  console.error = (...args) => { errors.push(args.join(' ')); };
  try {
    let renders = 0;
    let generation;
    function Generating() {
      generation = useGeneration(PROJECT);
      renders += 1;
      return h('p', null, generation.status);
    }
    const state = storeProbe();
    const env = environment();
    const view = mount(h('div', null, h(Generating), h(state.Probe)), { env });
    await until(() => state.last().status === 'ready', 'the store');
    const runner = new RunnerFake({ stream: true, chunkSize: 8, chunkDelayMs: 3 });
    let running;
    act(() => { running = generation.start(runner); });
    await until(() => generation.streams.brief?.order.length > 1, 'streaming');
    const store = state.store();
    const rendersAtUnmount = renders;
    view.unmount();
    assert.equal(await running, null, 'the run ended as aborted');
    await sleep(50);
    assert.equal(renders, rendersAtUnmount, 'nothing rendered after the unmount');
    assert.deepEqual(errors, [], 'React reported nothing');
    assert.deepEqual(runner.calls.map((call) => call.type), ['brief'], 'the run stopped in the first artifact');
    // The provider closed its store; another one sees what was left: no live lease.
    const after = await ArtifactStore.open({ name: env.name, indexedDB: env.indexedDB });
    try {
      const brief = await after.getByType(PROJECT, 'brief');
      assert.notEqual(brief.generation_status, GenerationStatus.GENERATING);
      assert.equal(brief.current_content, null, 'nothing of the aborted stream was stored');
    } finally {
      after.close();
    }
    void store;
  } finally {
    console.error = consoleError;
  }
});

// What a hand-written hook did before the bindings: the whole project read again on every change.
function useProjectRereadOnEveryChange(store, projectId) {
  const [records, setRecords] = useState(null);
  const [subscribed, setSubscribed] = useState(false);
  if (store && !subscribed) {
    setSubscribed(true);
    const load = () => store.listProject(projectId).then(setRecords);
    store.subscribe(load);
    load();
  }
  return records;
}

test('renders of a project record list during one generateAll (printed)', async () => {
  const counts = { bindings: 0, rereading: 0 };
  function RecordList() {
    const project = useProject(PROJECT);
    counts.bindings += 1;
    return h('ul', null, (project.records ?? []).map((r) => h('li', { key: r.id }, `${r.artifact_type} ${r.generation_status}`)));
  }
  function RereadingList() {
    const { store } = useArtifactStore();
    const records = useProjectRereadOnEveryChange(store, PROJECT);
    counts.rereading += 1;
    return h('ol', null, (records ?? []).map((r) => h('li', { key: r.id }, `${r.artifact_type} ${r.generation_status}`)));
  }
  function Generate() {
    const generation = useGeneration(PROJECT);
    return h('button', { onClick: () => generation.start(new RunnerFake({ stream: true, chunkSize: 64 })) }, generation.status);
  }
  const state = storeProbe();
  const view = mount(h('div', null, h(RecordList), h(RereadingList), h(Generate), h(state.Probe)));
  await until(() => state.last().status === 'ready', 'the store');
  await sleep(30);
  const before = { ...counts };
  const events = [];
  const unsubscribe = state.store().subscribe((change) => events.push(change.kind));
  act(() => view.container.querySelector('button').click());
  await until(() => view.container.querySelector('button').textContent === RunStatus.FINISHED, 'the run', { timeout: 20000 });
  await sleep(50);
  unsubscribe();
  const bindings = counts.bindings - before.bindings;
  const rereading = counts.rereading - before.rereading;
  console.log(`# renders of the project's record list during one generateAll (5 artifacts, streamed, ${events.length} store changes): `
    + `${bindings} with useProject, ${rereading} re-reading the project on every change`);
  assert.ok(bindings <= events.length, `at most one render per change of a record (${bindings} for ${events.length})`);
  assert.ok(view.container.querySelectorAll('ul li').length === 5);
});
