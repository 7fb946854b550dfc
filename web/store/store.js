// ArtifactStore: artifact records in IndexedDB (through idb), in the original plan's
// ArtifactResponse shape plus base_content, the generation lease and the last error. Every write
// validates first and happens in one readwrite transaction; nothing but IndexedDB is awaited
// inside a transaction (the core's calls are synchronous).
import { ARTIFACTS, GenerationStatus, SCHEMA_VERSION } from '../registry.js';
import {
  ArtifactsError, InvalidInputError, NotFoundError, StorageError, StorageFullError, TierLockedError,
  ValidationFailedError,
} from '../errors.js';
import { diff, validate } from '../operations.js';
import { ChangeFeed } from './changes.js';
import { checkProject, checkTier, checkType, sectionInfo, TIERS } from './checks.js';
import { openDatabase } from './database.js';
import { jsonEqual } from './equal.js';
import { mergeGeneration, prepareGeneration } from './generation.js';
import { checkLeaseHeld, checkNoLiveLease, newLease } from './lease.js';
import { withProjectLock } from './project-lock.js';
import { forReading, newRecord, upToDate } from './records.js';
import { annotateDraft, OutboxKind, outboxEntry } from './outbox.js';
import { INDEX_BY_PROJECT, INDEX_BY_PROJECT_TYPE, INDEX_BY_RECORD, META, OUTBOX, STORE } from './schema.js';

export const DEFAULT_LEASE_TTL_MS = 5 * 60 * 1000;

// A project's records in GENERATION_ORDER (the registry's order of ARTIFACTS).
function inGenerationOrder(records) {
  const order = Object.keys(ARTIFACTS);
  return records.sort((a, b) => order.indexOf(a.artifact_type) - order.indexOf(b.artifact_type));
}

// A browser's "no space left for this site": the standard name, Firefox's legacy one, the legacy code.
function isQuotaError(error) {
  return error?.name === 'QuotaExceededError' || error?.name === 'NS_ERROR_DOM_QUOTA_REACHED' || error?.code === 22;
}

// IndexedDB failures become StorageError (StorageFullError when the browser is out of space);
// the package's own errors pass through. `work(track)` hands its transactions to `track` so that
// a request failing only with AbortError still shows why its transaction aborted (tx.error).
async function storage(what, work) {
  const transactions = [];
  const track = (tx) => {
    transactions.push(tx);
    return tx;
  };
  try {
    return await work(track);
  } catch (error) {
    if (error instanceof ArtifactsError) throw error;
    const quota = [error, ...transactions.map((tx) => tx.error)].find(isQuotaError);
    if (quota) {
      throw new StorageFullError(`This site's storage space in the browser is full: the change was not saved (${what}: ` +
        `${quota.message || quota.name}). Nothing of it was written; free some space (back up and delete old plans, or ` +
        'clear other data of this site) and try again.', { cause: quota });
    }
    // A failed commit's DOMException may carry only its name (QuotaExceededError).
    throw new StorageError(`${what} failed: ${error?.message || error?.name || String(error)}`, { cause: error });
  }
}

export class ArtifactStore {
  /**
   * Opens (creating or upgrading) the store's database.
   * @param {{name?: string, indexedDB?: IDBFactory, clock?: () => number}} [options]
   */
  static async open({ name = 'cofounder-artifacts', indexedDB, clock } = {}) {
    const store = new ArtifactStore(name, clock ?? (() => Date.now()));
    store.db = await openDatabase({ name, indexedDB, onVersionChange: () => { store.closedBy = 'versionchange'; } });
    return store;
  }

  constructor(name, clock) {
    this.name = name;
    this.clock = clock;
    this.db = null;
    this.closedBy = null;
    this.changes = new ChangeFeed(name);
  }

  /**
   * Runs `work()` as the project's only generation run (across tabs where the Web Locks API
   * exists); ConcurrentGenerationError at once, without running it, while another run holds it.
   */
  async exclusively(projectId, work) {
    checkProject(projectId);
    return withProjectLock(this.name, projectId, work);
  }

  /** Calls `listener({kind, projectId, artifactType, id})` after every write, from any tab. */
  subscribe(listener) {
    return this.changes.subscribe(listener);
  }

  close() {
    this.closedBy = 'close';
    this.db?.close();
    this.changes.close();
  }

  now() {
    return new Date(this.clock()).toISOString();
  }

  database() {
    if (this.closedBy === 'versionchange') {
      throw new StorageError('the database was upgraded by another tab: open the store again');
    }
    if (this.closedBy) throw new StorageError('the store is closed');
    return this.db;
  }

  // ---- the browser's storage -----------------------------------------------------------------

  /**
   * Asks the browser to keep this site's data (navigator.storage.persist()) rather than clear it
   * under storage pressure. Where the API does not exist (Node, old browsers): supported false.
   * @returns {Promise<{persisted: boolean, supported: boolean}>}
   */
  async persist() {
    const storage = globalThis.navigator?.storage;
    if (typeof storage?.persist !== 'function') return { persisted: false, supported: false };
    try {
      return { persisted: Boolean(await storage.persist()), supported: true };
    } catch {
      return { persisted: false, supported: true };
    }
  }

  /**
   * How much this site stores and may store (navigator.storage.estimate(), in bytes), and whether
   * the browser promised to keep it (persisted; null when unknown). Supported false where the API
   * does not exist; never throws.
   * @returns {Promise<{usage: number|null, quota: number|null, persisted: boolean|null, supported: boolean}>}
   */
  async estimate() {
    const storage = globalThis.navigator?.storage;
    if (typeof storage?.estimate !== 'function') return { usage: null, quota: null, persisted: null, supported: false };
    try {
      const { usage, quota } = await storage.estimate();
      const persisted = typeof storage.persisted === 'function' ? Boolean(await storage.persisted()) : null;
      return { usage: usage ?? null, quota: quota ?? null, persisted, supported: true };
    } catch {
      return { usage: null, quota: null, persisted: null, supported: false };
    }
  }

  // ---- reads ------------------------------------------------------------------------------

  // One read in its own transaction. Not idb's db.get() shortcuts: when their request fails,
  // the transaction's done promise rejects with nobody listening (an unhandled rejection).
  read(what, request) {
    return storage(what, async () => {
      const tx = this.database().transaction(STORE, 'readonly');
      tx.done.catch(() => {});
      return request(tx.store);
    });
  }

  async get(id) {
    const record = await this.read('get', (store) => store.get(id));
    return forReading(record) ?? null;
  }

  async getByType(projectId, type) {
    checkProject(projectId);
    checkType(type);
    const record = await this.read('getByType',
      (store) => store.index(INDEX_BY_PROJECT_TYPE).get([projectId, type]));
    return forReading(record) ?? null;
  }

  /** Every artifact of a project, in GENERATION_ORDER. */
  async listProject(projectId) {
    checkProject(projectId);
    const records = await this.read('listProject',
      (store) => store.index(INDEX_BY_PROJECT).getAll(projectId));
    return inGenerationOrder(records.map(forReading));
  }

  /**
   * A project's records exactly as stored (content not migrated) in GENERATION_ORDER, and its
   * outbox entries in seq order, read in one transaction (a consistent copy, for a backup).
   */
  async projectSnapshot(projectId) {
    checkProject(projectId);
    return storage('projectSnapshot', async () => {
      const tx = this.database().transaction([STORE, OUTBOX], 'readonly');
      tx.done.catch(() => {});
      const records = await tx.objectStore(STORE).index(INDEX_BY_PROJECT).getAll(projectId);
      const entries = await tx.objectStore(OUTBOX).getAll();
      return {
        records: inGenerationOrder(records),
        outbox: entries.filter((entry) => entry.projectId === projectId),
      };
    });
  }

  async requireRecord(projectId, type) {
    const record = await this.getByType(projectId, type);
    if (!record) throw new NotFoundError(`no ${type} artifact for project ${projectId}`);
    return record;
  }

  // ---- writes -----------------------------------------------------------------------------

  // Runs `change(record)` on the stored record in one readwrite transaction and stores what it
  // returns; when it returns nothing, nothing is written or published and the stored record comes
  // back. `change` is synchronous: it may call the core, never await anything else. `enqueue`
  // (next, stored) gives the outbox drafts of the write, added in the same transaction.
  async update(what, projectId, type, change, { enqueue } = {}) {
    const written = await this.transact(what, [STORE, OUTBOX], async (tx) => {
      const records = tx.objectStore(STORE);
      const stored = await records.index(INDEX_BY_PROJECT_TYPE).get([projectId, type]);
      const next = change(stored ?? null);
      const drafts = next && enqueue ? enqueue(next, stored ?? null) : [];
      if (next) await records.put(next);
      for (const draft of drafts) await tx.objectStore(OUTBOX).add(outboxEntry(next, draft, next.updated_at));
      return { changed: Boolean(next), record: next ?? stored, queued: drafts.length };
    });
    if (written.changed) this.publishChange(what, written.record, { projectId, artifactType: type, queued: written.queued });
    return written.record;
  }

  /**
   * The one way the store writes: `work(tx)` in one readwrite transaction over `stores`, awaiting
   * nothing but the transaction's requests (the core's calls are synchronous). When `work` throws,
   * the transaction is aborted: nothing of it is written. IndexedDB's failures become StorageError,
   * a quota error StorageFullError. Resolves with what `work` returned, once committed.
   */
  async transact(what, stores, work) {
    const db = this.database();
    return storage(what, async (track) => {
      const tx = track(db.transaction(stores, 'readwrite'));
      // A request that fails (a quota error on the put) aborts the transaction: then tx.done
      // rejects too, and must not do so unobserved while that request's error is thrown.
      tx.done.catch(() => {});
      let result;
      try {
        result = await work(tx);
      } catch (error) {
        try { tx.abort(); } catch { /* already aborted by the failed request */ }
        await tx.done.catch(() => {});
        throw error;
      }
      await tx.done;
      return result;
    });
  }

  publishChange(kind, record, extra = {}) {
    this.changes.publish({
      kind,
      projectId: record?.project_id ?? extra.projectId,
      artifactType: record?.artifact_type ?? extra.artifactType,
      id: record?.id ?? null,
      versionNumber: record?.version_number ?? null,
      ...extra,
    });
  }

  // ---- the outbox (the sync client's side of the store) --------------------------------------

  /** Outbox entries in seq order: all, or one record's. */
  async outbox({ recordId } = {}) {
    return storage('outbox', async () => {
      const tx = this.database().transaction(OUTBOX, 'readonly');
      tx.done.catch(() => {});
      return recordId === undefined ? tx.store.getAll() : tx.store.index(INDEX_BY_RECORD).getAll(recordId);
    });
  }

  /** The ids of every project with a record here. */
  async projectIds() {
    return this.read('projectIds', async (store) => {
      const ids = [];
      let cursor = await store.index(INDEX_BY_PROJECT).openKeyCursor(null, 'nextunique');
      while (cursor) {
        ids.push(cursor.key);
        cursor = await cursor.continue();
      }
      return ids;
    });
  }

  /**
   * One sync step in one transaction: `change({record, entries})` gets the record `recordId` (or
   * `fallbackId` when there is none; or null) with its outbox entries in seq order, synchronously,
   * and returns what to write:
   * {record?, deleteRecordId?, put?: entries, delete?: seqs, publish?: kind}. Nothing of it is
   * written unless all of it is.
   */
  async syncWrite(what, recordId, change, { fallbackId } = {}) {
    const written = await this.transact(what, [STORE, OUTBOX], async (tx) => {
      const records = tx.objectStore(STORE);
      const queue = tx.objectStore(OUTBOX);
      // The record may be known here under another id (`fallbackId`): the backend's wins.
      let id = recordId;
      let stored = await records.get(id);
      if (!stored && fallbackId && fallbackId !== recordId) {
        stored = await records.get(fallbackId);
        if (stored) id = fallbackId;
      }
      const entries = await queue.index(INDEX_BY_RECORD).getAll(id);
      const plan = change({ record: stored ?? null, entries }) ?? {};
      if (plan.deleteRecordId) {
        const doomed = await queue.index(INDEX_BY_RECORD).getAllKeys(plan.deleteRecordId);
        for (const seq of doomed) await queue.delete(seq);
        await records.delete(plan.deleteRecordId);
      }
      if (plan.record) await records.put(plan.record);
      for (const entry of plan.put ?? []) await queue.put(entry);
      for (const seq of plan.delete ?? []) await queue.delete(seq);
      return plan;
    });
    const record = written.record ?? null;
    if (record || written.put?.length || written.delete?.length) {
      this.publishChange(written.publish ?? what, record, { id: record?.id ?? recordId });
    }
    return written;
  }

  /** A value the sync clients of this database share (the leader lease, the last sync). */
  async readMeta(key) {
    const row = await storage('readMeta', async () => {
      const tx = this.database().transaction(META, 'readonly');
      tx.done.catch(() => {});
      return tx.store.get(key);
    });
    return row?.value;
  }

  /** Replaces meta `key` with `change(current)` atomically; undefined leaves it. Returns the value kept. */
  async updateMeta(key, change) {
    return this.transact('updateMeta', META, async (tx) => {
      const current = (await tx.store.get(key))?.value;
      const next = change(current);
      if (next === undefined) return current;
      if (next === null) await tx.store.delete(key);
      else await tx.store.put({ key, value: next });
      return next;
    });
  }

  /**
   * Starts a generation: idle or failed -> generating, atomically. Creates the record on the
   * first generation. A generation in flight refuses a second one (ConcurrentGenerationError)
   * until its lease is older than its TTL, when it may be taken over.
   * @returns {Promise<{projectId: string, type: string, owner: string, startedAt: string, expiresAt: string}>}
   */
  async beginGeneration(projectId, type, { ttlMs = DEFAULT_LEASE_TTL_MS } = {}) {
    checkProject(projectId);
    checkType(type);
    const now = this.clock();
    const lease = newLease(now, ttlMs);
    await this.update('beginGeneration', projectId, type, (record) => {
      checkNoLiveLease(record, type, now);
      const stamp = new Date(now).toISOString();
      const base = record ?? newRecord(projectId, type, stamp);
      return { ...base, generation_status: GenerationStatus.GENERATING, generation_lease: lease, generation_error: null, updated_at: stamp };
    });
    return { projectId, type, owner: lease.owner, startedAt: lease.started_at, expiresAt: lease.expires_at };
  }

  /**
   * Stores a generation. Validates it (invalid content is never written), gates it to `tier`,
   * merges the founder's edits unless `force`, rotates previous_content, bumps version_number and
   * returns to idle. Only the lease holder may complete.
   * @returns {Promise<{record: object, kept: string[], conflicts: object[]}>}
   */
  async completeGeneration(projectId, type, content, { lease, force = false, tier } = {}) {
    checkProject(projectId);
    checkType(type);
    checkTier(tier);
    const generated = prepareGeneration(type, content, tier);
    let outcome = { kept: [], conflicts: [] };
    const record = await this.update('completeGeneration', projectId, type, (stored) => {
      checkLeaseHeld(stored, lease, type);
      outcome = mergeGeneration(type, stored, generated, force);
      const stamp = this.now();
      return {
        ...stored,
        version_number: stored.version_number + 1,
        previous_content: stored.current_content,
        current_content: outcome.value,
        base_content: generated,
        edited_sections: outcome.editedSections.length ? outcome.editedSections : null,
        has_user_edits: outcome.editedSections.length > 0,
        generation_status: GenerationStatus.IDLE,
        generation_lease: null,
        generation_error: null,
        schema_version: SCHEMA_VERSION,
        updated_at: stamp,
      };
    }, { enqueue: (next) => [{ kind: OutboxKind.PUT, payload: { content: next.current_content } }] });
    return { record: forReading(record), kept: outcome.kept, conflicts: outcome.conflicts };
  }

  /**
   * What completeGeneration would store for `content`, writing nothing and taking no lease: the
   * generation as it would be stored (validated, gated to `tier`), the content after merging the
   * founder's edits unless `force`, what the merge kept and found in conflict, and the diff from
   * the current content.
   * @returns {Promise<{generated: object, value: object, kept: string[], conflicts: object[], editedSections: string[], diff: {patch: object[], sections: object[]}}>}
   */
  async previewGeneration(projectId, type, content, { force = false, tier } = {}) {
    checkProject(projectId);
    checkType(type);
    checkTier(tier);
    const generated = prepareGeneration(type, content, tier);
    const record = await this.getByType(projectId, type);
    const merged = mergeGeneration(type, record, generated, force);
    return {
      generated,
      value: merged.value,
      kept: merged.kept,
      conflicts: merged.conflicts,
      editedSections: merged.editedSections,
      diff: diff(type, record?.current_content ?? null, merged.value),
    };
  }

  /** A generation failed: generating -> failed; the content is untouched. */
  async failGeneration(projectId, type, error, { lease } = {}) {
    checkProject(projectId);
    checkType(type);
    const message = error instanceof Error ? error.message : String(error ?? 'generation failed');
    const record = await this.update('failGeneration', projectId, type, (stored) => {
      checkLeaseHeld(stored, lease, type);
      return { ...stored, generation_status: GenerationStatus.FAILED, generation_lease: null, generation_error: message, updated_at: this.now() };
    });
    return forReading(record);
  }

  /**
   * A founder's edit of one section: validated with the rest of the content, refused above the
   * founder's tier, recorded in edited_sections. The version number does not change. A value
   * equal to the section's current one (once validated) changes nothing: no write, no edited
   * flag, no change event; the current record comes back.
   */
  async editSection(projectId, type, sectionId, value, { tier } = {}) {
    checkProject(projectId);
    checkType(type);
    checkTier(tier);
    const section = sectionInfo(type, sectionId);
    if (tier && TIERS.indexOf(section.tier) > TIERS.indexOf(tier)) {
      throw new TierLockedError(`${sectionId} needs the ${section.tier} tier; this is ${tier}`);
    }
    const record = await this.update('editSection', projectId, type, (stored) => {
      if (!stored || stored.current_content === null) {
        throw new NotFoundError(`no generated ${type} content to edit for project ${projectId}`);
      }
      const current = upToDate(type, stored.current_content);
      const checked = validate(type, { ...current, [sectionId]: value });
      if (!checked.ok) {
        throw new ValidationFailedError(`${sectionId}: ${checked.errors[0].msg}`, { errors: checked.errors });
      }
      // Saving the value the section already has is no edit: nothing is written or flagged.
      if (jsonEqual(checked.value[sectionId], current[sectionId])) return null;
      const edited = new Set(stored.edited_sections ?? []);
      edited.add(sectionId);
      return {
        ...stored,
        current_content: checked.value,
        has_user_edits: true,
        edited_sections: [...edited],
        updated_at: this.now(),
      };
    }, { enqueue: (next) => [{ kind: OutboxKind.EDIT, payload: { section_id: sectionId, value: next.current_content[sectionId] } }] });
    return forReading(record);
  }

  /** Appends a note to a section; notes survive regenerations. */
  async annotate(projectId, type, sectionId, note) {
    checkProject(projectId);
    checkType(type);
    sectionInfo(type, sectionId);
    if (typeof note !== 'string' || note.trim() === '') throw new InvalidInputError('note must be a non-empty string');
    // The note's id lets the backend recognise a replay of it.
    const annotation = { id: crypto.randomUUID(), section_id: sectionId, note, created_at: this.now() };
    const record = await this.update('annotate', projectId, type, (stored) => {
      if (!stored) throw new NotFoundError(`no ${type} artifact for project ${projectId}`);
      return { ...stored, annotations: [...(stored.annotations ?? []), annotation], updated_at: annotation.created_at };
    }, { enqueue: () => [annotateDraft(annotation)] });
    return forReading(record);
  }

  /** What changed from previous_content to current_content (see diff()). */
  async versionDiff(projectId, type) {
    const record = await this.requireRecord(projectId, type);
    return { versionNumber: record.version_number, ...diff(type, record.previous_content, record.current_content) };
  }
}
