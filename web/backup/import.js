// Restoring a project from its backup: everything is checked first (read.js), then every record
// and outbox entry is written in one readwrite transaction, all or nothing, under the project's
// generation lock (a restore never interleaves with a generation of the same project).
import { ARTIFACTS } from '../registry.js';
import { BackupError, InvalidInputError } from '../errors.js';
import { INDEX_BY_PROJECT, OUTBOX, STORE } from '../store/schema.js';
import { readBackup } from './read.js';

export const ImportMode = Object.freeze({ MERGE: 'merge', REPLACE: 'replace' });

// Whether the stored record is newer than the backup's: a higher version, or the same version
// changed later (edits and notes do not change the version number).
function storedIsNewer(stored, backedUp) {
  if (stored.version_number !== backedUp.version_number) return stored.version_number > backedUp.version_number;
  return Date.parse(stored.updated_at ?? stored.created_at) > Date.parse(backedUp.updated_at ?? backedUp.created_at);
}

/**
 * What the import does, from what the store holds (pure): `remove` records deleted first, `drop`
 * the seqs of outbox entries deleted, `write` records put, `add` outbox entries written, `kept`
 * stored records left as they are.
 */
function importPlan(mode, { records, outbox }, existing, entries, projectId) {
  const write = [];
  const kept = [];
  let remove = [];
  if (mode === ImportMode.REPLACE) {
    // Every record of the project goes first, so no put meets a stale (project, type) pair.
    write.push(...records);
    remove = existing;
  } else {
    const byType = new Map(existing.map((record) => [record.artifact_type, record]));
    const byId = new Map(existing.map((record) => [record.id, record]));
    for (const record of records) {
      const sameId = byId.get(record.id);
      if (sameId && sameId.artifact_type !== record.artifact_type) {
        throw new BackupError('backup_invalid_record', `This backup cannot be restored: record ${JSON.stringify(record.id)} is the ` +
          `${ARTIFACTS[record.artifact_type].title} in the backup but the ${ARTIFACTS[sameId.artifact_type].title} here.`);
      }
      const stored = byType.get(record.artifact_type);
      if (stored && storedIsNewer(stored, record)) {
        kept.push(stored);
        continue;
      }
      write.push(record);
      if (stored && stored.id !== record.id) remove.push(stored);
    }
  }
  const removedIds = new Set(remove.map((record) => record.id));
  const writtenIds = new Set(write.map((record) => record.id));
  // Replace drops the project's unsent changes; merge those of the records it removes.
  const drop = entries.filter((entry) => removedIds.has(entry.recordId) ||
    (mode === ImportMode.REPLACE && entry.projectId === projectId)).map((entry) => entry.seq);
  const remaining = entries.filter((entry) => !drop.includes(entry.seq));
  const known = new Set(remaining.map((entry) => entry.mutationId));
  // Only the changes of records taken from the backup: those of a record kept here were made on
  // an older version than the one kept.
  let add = outbox.filter((entry) => writtenIds.has(entry.recordId) && !known.has(entry.mutationId));
  // Entries keep their seq (their order) when every one is free here; otherwise all are numbered
  // anew, after everything queued here, in their order.
  const taken = new Set(remaining.map((entry) => entry.seq));
  if (add.some((entry) => entry.seq === undefined || taken.has(entry.seq))) {
    add = [...add].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)).map(({ seq, ...entry }) => entry);
  }
  return { write, kept, remove, drop, add, removed: remove.filter((record) => !writtenIds.has(record.id)) };
}

/**
 * Restores a project from its backup (its JSON text, a Blob or File of it, or the object).
 * `replace`: the project's records and unsent changes become the backup's. `merge` (default):
 * per artifact, the newer of the stored record and the backup's is kept (version number, then
 * last change; a tie takes the backup's), and the backup's unsent changes of the records it
 * takes are added unless already queued (same mutationId). Every check happens before anything is
 * written; then one transaction writes it all or nothing. Refused with BackupError (nothing
 * written) for a damaged, cut-off, changed, newer or foreign file or an invalid record;
 * StorageFullError when the browser is out of space.
 * @returns {Promise<{project: object, written: number, kept: number, removed: number, outbox: number}>}
 */
export async function importProject(store, backup, { mode = ImportMode.MERGE } = {}) {
  if (!Object.values(ImportMode).includes(mode)) {
    throw new InvalidInputError(`mode must be ${Object.values(ImportMode).map((m) => `'${m}'`).join(' or ')}`);
  }
  const contents = await readBackup(backup);
  const projectId = contents.project.id;
  const plan = await store.exclusively(projectId, () => store.transact('importProject', [STORE, OUTBOX], async (tx) => {
    const records = tx.objectStore(STORE);
    const queue = tx.objectStore(OUTBOX);
    const existing = await records.index(INDEX_BY_PROJECT).getAll(projectId);
    for (const record of contents.records) {
      const holder = await records.get(record.id);
      if (holder && holder.project_id !== projectId) {
        throw new BackupError('backup_invalid_record', `This backup cannot be restored: record ${JSON.stringify(record.id)} ` +
          'already belongs to another project here.');
      }
    }
    const planned = importPlan(mode, contents, existing, await queue.getAll(), projectId);
    for (const seq of planned.drop) await queue.delete(seq);
    for (const record of planned.remove) await records.delete(record.id);
    for (const record of planned.write) await records.put(record);
    for (const entry of planned.add) await (entry.seq === undefined ? queue.add(entry) : queue.put(entry));
    return planned;
  }));
  for (const record of plan.removed) {
    store.publishChange('importProject', null, { projectId, artifactType: record.artifact_type, id: record.id });
  }
  for (const record of plan.write) {
    const queued = plan.add.filter((entry) => entry.recordId === record.id).length;
    store.publishChange('importProject', record, queued ? { queued } : {});
  }
  return {
    project: contents.project, written: plan.write.length, kept: plan.kept.length, removed: plan.removed.length, outbox: plan.add.length,
  };
}
