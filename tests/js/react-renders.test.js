// How often a project's record list renders during one generateAll while the sync client sends
// each version to the reference backend (the setting where a hand-written hook that re-read the
// whole project on every change event rendered its list 29 times). Printed, and bounded.
import { act, cleanup, environment, render, sleep, until } from './support/react-dom.js';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h, useEffect, useState } from 'react';
import { RunnerFake } from 'cofounder-artifacts/testing';
import {
  ArtifactsProvider, RunStatus, useArtifactStore, useGeneration, useProject, useSyncStatus,
} from 'cofounder-artifacts/react';
import { backend, TOKEN } from './support/sync.js';

const server = backend();
after(() => cleanup());

const PROJECT = '6f1f7a52-7f0e-4c55-9a43-0d7f5a3c2b10';

// What the product's team wrote before the bindings: the whole project read again on each change.
function useProjectRereadOnEveryChange(projectId) {
  const { store } = useArtifactStore();
  const [records, setRecords] = useState(null);
  useEffect(() => {
    if (!store) return undefined;
    let live = true;
    const load = () => store.listProject(projectId).then((next) => { if (live) setRecords(next); });
    const unsubscribe = store.subscribe(load);
    load();
    return () => { live = false; unsubscribe(); };
  }, [store, projectId]);
  return records;
}

test('renders of a record list per generateAll with sync on: useProject against re-reading the project', async () => {
  const counts = { bindings: 0, rereading: 0 };
  const line = (r) => h('li', { key: r.id }, `${r.artifact_type} ${r.generation_status} v${r.version_number}`);
  function RecordList() {
    const project = useProject(PROJECT);
    counts.bindings += 1;
    return h('ul', null, (project.records ?? []).map(line));
  }
  function RereadingList() {
    const records = useProjectRereadOnEveryChange(PROJECT);
    counts.rereading += 1;
    return h('ol', null, (records ?? []).map(line));
  }
  let sync = null;
  function Controls() {
    const generation = useGeneration(PROJECT);
    sync = useSyncStatus();
    return h('button', { onClick: () => generation.start(new RunnerFake({ stream: true, chunkSize: 64 }), { tier: 'partner' }) },
      generation.status);
  }
  const env = environment();
  let store = null;
  function Store() {
    store = useArtifactStore().store;
    return null;
  }
  const view = render(h(ArtifactsProvider, {
    name: env.name, indexedDB: env.indexedDB,
    sync: {
      baseUrl: server.api, getAuthToken: () => TOKEN, locks: null, intervalMs: 60000,
      describeProject: () => ({ name: 'StockPilot', idea: 'Inventory for corner shops' }),
    },
  }, h(RecordList), h(RereadingList), h(Controls), h(Store)));
  await until(() => sync !== null && store !== null, 'the store and the sync client', { timeout: 10000 });
  await sleep(50);
  const before = { ...counts };
  const kinds = [];
  const unsubscribe = store.subscribe((change) => kinds.push(change.kind));
  act(() => view.container.querySelector('button').click());
  await until(() => view.container.querySelector('button').textContent === RunStatus.FINISHED, 'the run', { timeout: 20000 });
  await until(() => sync.pending === 0 && sync.lastSyncAt !== null, 'everything sent', { timeout: 20000 });
  await sleep(200);
  unsubscribe();
  const bindings = counts.bindings - before.bindings;
  const rereading = counts.rereading - before.rereading;
  const records = kinds.filter((kind) => kind === 'beginGeneration' || kind === 'completeGeneration').length;
  console.log(`# record list renders per generateAll with sync on (${kinds.length} store changes, ${records} of them the generation's): `
    + `${bindings} with useProject, ${rereading} re-reading the project on every change`);
  assert.equal(view.container.querySelectorAll('ul li').length, 5);
  assert.ok(kinds.length > records, 'the sync client wrote too');
  assert.ok(bindings < rereading, `useProject renders less (${bindings}) than re-reading on every change (${rereading})`);
  assert.ok(bindings <= kinds.length, 'at most one render per change');
  view.unmount();
  await sleep(50);
});
