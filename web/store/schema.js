// The IndexedDB schema, versioned like migrations: each entry of UPGRADES takes the database one
// version up, inside the versionchange transaction, with only IndexedDB awaited.
import { outboxEntry, uploadOf } from './outbox.js';

export const STORE = 'artifacts';
export const INDEX_BY_PROJECT = 'project_id';
export const INDEX_BY_PROJECT_TYPE = 'project_type';
export const INDEX_BY_STATUS = 'generation_status';
export const OUTBOX = 'outbox';
export const INDEX_BY_RECORD = 'recordId';
export const META = 'meta';

export const UPGRADES = [
  // 0 -> 1: the original plan's ArtifactResponse records; one per (project_id, artifact_type).
  async (db) => {
    const store = db.createObjectStore(STORE, { keyPath: 'id' });
    store.createIndex(INDEX_BY_PROJECT, 'project_id');
    store.createIndex(INDEX_BY_PROJECT_TYPE, ['project_id', 'artifact_type'], { unique: true });
  },
  // 1 -> 2: the design's extensions. base_content is the generated content the founder's edits
  // apply to: for a record without edits that is its current content; with edits made before
  // version 2 it is unknown (null: a later merge keeps every edited section). Plus the generation
  // lease and the last generation error, and an index to find generations in flight.
  async (db, transaction) => {
    const store = transaction.objectStore(STORE);
    store.createIndex(INDEX_BY_STATUS, 'generation_status');
    let cursor = await store.openCursor();
    while (cursor) {
      const record = cursor.value;
      record.base_content = record.has_user_edits ? null : record.current_content ?? null;
      record.generation_lease = null;
      record.generation_error = null;
      await cursor.update(record);
      cursor = await cursor.continue();
    }
  },
  // 2 -> 3: sync. The outbox holds each change not yet acknowledged by the backend, in order
  // (seq); meta holds the sync client's state shared by tabs (leader lease, last sync). Records
  // remember the backend's copy as last synced. What was written before sync existed is queued
  // for upload, so a plan made offline reaches the backend once a sync client runs.
  async (db, transaction) => {
    const outbox = db.createObjectStore(OUTBOX, { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex(INDEX_BY_RECORD, 'recordId');
    db.createObjectStore(META, { keyPath: 'key' });
    const store = transaction.objectStore(STORE);
    const queue = transaction.objectStore(OUTBOX);
    let cursor = await store.openCursor();
    while (cursor) {
      const record = { ...cursor.value, synced_content: null, synced_etag: null };
      record.annotations = (record.annotations ?? []).map((note) => ({ id: crypto.randomUUID(), ...note }));
      await cursor.update(record);
      for (const draft of uploadOf(record)) await queue.add(outboxEntry(record, draft, record.updated_at));
      cursor = await cursor.continue();
    }
  },
];

export const DB_VERSION = UPGRADES.length;
