// An isolated fake-indexeddb for each test (idb needs the IndexedDB globals: fake-indexeddb/auto).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { ArtifactStore } from 'cofounder-artifacts';

let counter = 0;

/** A fresh factory and database name, and a clock the test can move. */
export function environment() {
  const clock = { now: Date.parse('2026-11-24T09:00:00Z') };
  return {
    indexedDB: new IDBFactory(),
    name: `test-db-${++counter}`,
    clock,
    tick: (ms) => { clock.now += ms; },
  };
}

export function openStore(env) {
  return ArtifactStore.open({ name: env.name, indexedDB: env.indexedDB, clock: () => env.clock.now });
}
