// The records React shows, kept per record and per project over the store's change feed. A change
// re-reads only the record it names (never the whole project), and a snapshot is replaced only when
// what was read differs from it: components that show other records see the same objects and do
// not render again. No React here: the hooks subscribe to it through useSyncExternalStore.
import { GENERATION_ORDER } from '../registry.js';
import { jsonEqual } from '../store/equal.js';

/** What a record or project looks like before its first read (and on the server). */
export const LOADING = Object.freeze({ status: 'loading', record: null, records: null, ids: null, error: null });

const READY = 'ready';
const ERROR = 'error';

function recordKey(projectId, type) {
  return `${projectId}\u0000${type}`;
}

// A project's snapshot: its records in GENERATION_ORDER and the same records by type.
function projectSnapshot(records) {
  const byType = {};
  for (const record of records) byType[record.artifact_type] = record;
  return Object.freeze({ status: READY, records: Object.freeze(records), byType: Object.freeze(byType), error: null });
}

function recordSnapshot(record) {
  return Object.freeze({ status: READY, record, error: null });
}

function errorSnapshot(error) {
  return Object.freeze({ status: ERROR, record: null, records: null, ids: null, error });
}

// One cached thing (a record or a project): its snapshot, who watches it, whether a read is due.
class Entry {
  constructor() {
    this.snapshot = LOADING;
    this.listeners = new Set();
    this.stale = true;  // no read yet, or a change arrived while nobody watched
  }

  set(snapshot) {
    if (snapshot === this.snapshot) return;
    this.snapshot = snapshot;
    for (const listener of [...this.listeners]) listener();
  }
}

export class RecordCache {
  /** @param {object} store an ArtifactStore */
  constructor(store) {
    this.store = store;
    this.records = new Map();   // recordKey -> Entry
    this.projects = new Map();  // projectId -> Entry
    this.projectIds = new Entry();  // the ids of every project with a record
    this.reading = new Map();   // key -> {again: boolean}: reads in flight, one per key
    this.disposed = false;
    this.unsubscribe = store.subscribe((change) => this.onChange(change));
  }

  // ---- what the hooks call -------------------------------------------------------------------

  recordEntry(projectId, type) {
    const key = recordKey(projectId, type);
    let entry = this.records.get(key);
    if (!entry) this.records.set(key, entry = new Entry());
    return entry;
  }

  projectEntry(projectId) {
    let entry = this.projects.get(projectId);
    if (!entry) this.projects.set(projectId, entry = new Entry());
    return entry;
  }

  /** The record's snapshot: {status: 'loading'|'ready'|'error', record, error}. */
  recordSnapshot(projectId, type) {
    return this.recordEntry(projectId, type).snapshot;
  }

  /** The project's snapshot: {status, records, byType, error}. */
  projectSnapshot(projectId) {
    return this.projectEntry(projectId).snapshot;
  }

  /** Calls `listener()` when the record's snapshot changes; reads it if due. Returns unsubscribe. */
  watchRecord(projectId, type, listener) {
    const entry = this.recordEntry(projectId, type);
    entry.listeners.add(listener);
    if (entry.stale) this.refreshRecord(projectId, type);
    return () => entry.listeners.delete(listener);
  }

  /** Calls `listener()` when the project's snapshot changes; reads it if due. Returns unsubscribe. */
  watchProject(projectId, listener) {
    const entry = this.projectEntry(projectId);
    entry.listeners.add(listener);
    if (entry.stale) this.refreshProject(projectId);
    return () => entry.listeners.delete(listener);
  }

  /** The project ids' snapshot: {status, ids, error}. */
  projectIdsSnapshot() {
    return this.projectIds.snapshot;
  }

  /** Calls `listener()` when a project appears or goes; reads the ids if due. Returns unsubscribe. */
  watchProjectIds(listener) {
    const entry = this.projectIds;
    entry.listeners.add(listener);
    if (entry.stale) this.refreshProjectIds();
    return () => entry.listeners.delete(listener);
  }

  dispose() {
    this.disposed = true;
    this.unsubscribe();
  }

  // ---- the change feed -----------------------------------------------------------------------

  onChange(change) {
    if (this.disposed) return;
    const { projectId, artifactType } = change ?? {};
    const ids = this.projectIds;
    const newProject = projectId && (ids.snapshot.status !== READY || !ids.snapshot.ids.includes(projectId));
    if (newProject || (!projectId && change?.id)) {
      if (ids.listeners.size > 0) this.refreshProjectIds();
      else ids.stale = true;
    }
    if (projectId && artifactType) {
      this.changed(projectId, artifactType);
    } else if (change?.id) {
      // A sync write that names only a record id (a record re-keyed or dropped): every record
      // watched is read again; only those that differ render.
      for (const key of this.records.keys()) {
        const [project, type] = key.split('\u0000');
        this.changed(project, type);
      }
      for (const [project, entry] of this.projects) {
        if (entry.listeners.size > 0) this.refreshProject(project);
        else entry.stale = true;
      }
    }
    // Anything else (a flush request) changed no record.
  }

  changed(projectId, type) {
    const record = this.records.get(recordKey(projectId, type));
    const project = this.projects.get(projectId);
    const watched = (record?.listeners.size ?? 0) + (project?.listeners.size ?? 0) > 0;
    if (!watched) {
      // Nobody shows it now: read it when someone does.
      if (record) record.stale = true;
      if (project) project.stale = true;
      return;
    }
    const projectWatched = (project?.listeners.size ?? 0) > 0;
    // A project not read yet (or being read) reads again whole; a read one takes just this record.
    if (projectWatched && project.snapshot.status !== READY) this.refreshProject(projectId);
    if ((record?.listeners.size ?? 0) > 0 || (projectWatched && project.snapshot.status === READY)) {
      this.refreshRecord(projectId, type);
    } else if (record) {
      record.stale = true;
    }
  }

  // ---- reads ---------------------------------------------------------------------------------

  // One read per key at a time; a change during a read discards its result and reads again, so
  // what is shown is never older than the last change.
  read(key, load, apply) {
    const inFlight = this.reading.get(key);
    if (inFlight) {
      inFlight.again = true;
      return;
    }
    const state = { again: false };
    this.reading.set(key, state);
    const run = async () => {
      for (;;) {
        state.again = false;
        let result;
        let failure = null;
        try {
          result = await load();
        } catch (error) {
          failure = error;
        }
        if (this.disposed) return;
        if (state.again) continue;
        this.reading.delete(key);
        apply(result, failure);
        return;
      }
    };
    run();
  }

  refreshRecord(projectId, type) {
    const entry = this.recordEntry(projectId, type);
    entry.stale = false;
    this.read(`r:${recordKey(projectId, type)}`, () => this.store.getByType(projectId, type), (record, error) => {
      if (error) {
        entry.set(errorSnapshot(error));
        return;
      }
      this.storeRecord(projectId, type, record ?? null);
    });
  }

  refreshProject(projectId) {
    const entry = this.projectEntry(projectId);
    entry.stale = false;
    this.read(`p:${projectId}`, () => this.store.listProject(projectId), (records, error) => {
      if (error) {
        entry.set(errorSnapshot(error));
        return;
      }
      const byType = new Map(records.map((record) => [record.artifact_type, record]));
      // Every record of the project is known now, the missing ones as null.
      for (const type of GENERATION_ORDER) {
        const known = this.records.get(recordKey(projectId, type));
        if (known || byType.has(type)) this.storeRecord(projectId, type, byType.get(type) ?? null, { project: false });
      }
      this.rebuildProject(projectId, { force: true });
    });
  }

  refreshProjectIds() {
    const entry = this.projectIds;
    entry.stale = false;
    this.read('ids', () => this.store.projectIds(), (ids, error) => {
      if (error) entry.set(errorSnapshot(error));
      else if (entry.snapshot.status !== READY || !jsonEqual(entry.snapshot.ids, ids)) {
        entry.set(Object.freeze({ status: READY, ids: Object.freeze(ids), error: null }));
      }
    });
  }

  // Keeps `record` unless it equals what is cached (then the cached object stays, so nothing
  // that shows it renders), and updates the project it belongs to.
  storeRecord(projectId, type, record, { project = true } = {}) {
    const entry = this.recordEntry(projectId, type);
    entry.stale = false;
    const current = entry.snapshot;
    if (current.status !== READY || !jsonEqual(current.record, record)) entry.set(recordSnapshot(record));
    if (project) this.rebuildProject(projectId);
  }

  rebuildProject(projectId, { force = false } = {}) {
    const entry = this.projects.get(projectId);
    if (!entry || (!force && entry.snapshot.status !== READY)) return;
    const records = [];
    for (const type of GENERATION_ORDER) {
      const record = this.records.get(recordKey(projectId, type))?.snapshot.record;
      if (record) records.push(record);
    }
    const current = entry.snapshot;
    const same = current.status === READY && current.records.length === records.length
      && current.records.every((record, i) => record === records[i]);
    if (!same) entry.set(projectSnapshot(records));
  }
}
