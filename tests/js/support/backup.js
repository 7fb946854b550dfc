// Shared by the backup tests: a store over a fault-injecting fake IndexedDB, a full dump of its
// database read around the store, and a project with every kind of state a backup must carry.
import { ArtifactStore, OutboxState } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { faultyIndexedDB } from './faulty-indexeddb.js';

export const P = 'project-backup';
export const OTHER = 'project-bystander';
let counter = 0;

export async function environment() {
  const { indexedDB, faults, base } = faultyIndexedDB();
  const env = { indexedDB, faults, base, name: `backup-${++counter}`, now: Date.parse('2026-11-24T09:00:00Z') };
  env.tick = (ms) => { env.now += ms; };
  env.store = await ArtifactStore.open({ name: env.name, indexedDB, clock: () => env.now });
  return env;
}

function all(db, name) {
  return new Promise((resolve, reject) => {
    const request = db.transaction(name).objectStore(name).getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Every row of every object store (records by id, outbox by seq, meta), read without faults. */
export async function dump(env) {
  const db = await new Promise((resolve, reject) => {
    const request = env.base.open(env.name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const records = (await all(db, 'artifacts')).sort((a, b) => a.id.localeCompare(b.id));
  const outbox = await all(db, 'outbox');
  const meta = await all(db, 'meta');
  db.close();
  return { records, outbox, meta };
}

/** One project's part of a dump: its records (by type) and its outbox entries (by seq). */
export async function projectDump(env, projectId = P) {
  const { records, outbox } = await dump(env);
  return {
    records: records.filter((r) => r.project_id === projectId).sort((a, b) => a.artifact_type.localeCompare(b.artifact_type)),
    outbox: outbox.filter((e) => e.projectId === projectId),
  };
}

export async function generated(store, projectId, type, content = SAMPLE_PLAN[type]) {
  const lease = await store.beginGeneration(projectId, type);
  return store.completeGeneration(projectId, type, content, { lease });
}

/**
 * The project: brief generated twice (previous_content), edited and annotated; mvp_scope
 * generated, annotated and synced once; milestones generated, its put refused by the backend (a dead letter);
 * risk_log failed; and another project's brief. Every change is still in the outbox.
 */
export async function scenario(env) {
  const { store } = env;
  await generated(store, P, 'brief');
  env.tick(1000);
  await generated(store, P, 'brief', { ...SAMPLE_PLAN.brief, key_constraint: 'We must work offline.' });
  env.tick(1000);
  await store.editSection(P, 'brief', 'target_user', 'We serve two-person bakeries.');
  await store.annotate(P, 'brief', 'target_user', 'Check this with the bakers.');
  await generated(store, P, 'mvp_scope');
  await store.annotate(P, 'mvp_scope', 'success_metrics', 'Measure weekly.');
  // The backend's copy of the MVP scope, as a pull leaves it.
  const scope = await store.getByType(P, 'mvp_scope');
  await store.syncWrite('test: synced', scope.id, ({ record }) => ({
    record: { ...record, synced_content: record.current_content, synced_etag: '"7"' },
  }));
  const milestones = await generated(store, P, 'milestones');
  await store.syncWrite('test: refused', milestones.record.id, ({ entries }) => ({
    put: entries.map((entry) => ({ ...entry, state: OutboxState.DEAD, lastError: { status: 422, detail: 'refused' } })),
  }));
  const lease = await store.beginGeneration(P, 'risk_log');
  await store.failGeneration(P, 'risk_log', new Error('LLM down'), { lease });
  await generated(store, OTHER, 'brief');
}
