// The IndexedDB schema, versioned like migrations: each entry of UPGRADES takes the database one
// version up, inside the versionchange transaction, with only IndexedDB awaited.
export const STORE = 'artifacts';
export const INDEX_BY_PROJECT = 'project_id';
export const INDEX_BY_PROJECT_TYPE = 'project_type';
export const INDEX_BY_STATUS = 'generation_status';

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
];

export const DB_VERSION = UPGRADES.length;
