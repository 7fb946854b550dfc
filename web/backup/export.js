// A project's backup: every record exactly as stored and the changes not yet sent, in one
// versioned JSON object with a SHA-256 checksum (see docs/backup.md).
import { SCHEMA_VERSION } from '../registry.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, backupChecksum } from './format.js';
import { isPlainObject } from './read.js';

/**
 * The backup of `projectId`: {format, formatVersion, exportedAt, schemaVersion, project, records,
 * outbox, checksum}. The store keeps no project besides its id: `project` adds what the caller
 * knows of it (its name, idea…), kept in the backup and handed back by importProject.
 * @param {import('../store/store.js').ArtifactStore} store
 * @param {string} projectId
 * @param {{project?: object}} [options]
 */
export async function exportProject(store, projectId, { project = {} } = {}) {
  if (!isPlainObject(project)) throw new InvalidInputError('project must be an object of JSON values');
  const { records, outbox } = await store.projectSnapshot(projectId);
  if (records.length === 0) throw new NotFoundError(`no artifacts for project ${projectId}: nothing to back up`);
  const backup = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    exportedAt: store.now(),
    schemaVersion: SCHEMA_VERSION,
    project: { ...JSON.parse(JSON.stringify(project)), id: projectId },
    records,
    outbox,
  };
  return { ...backup, checksum: await backupChecksum(backup) };
}

/** The backup as the text of its file (JSON). */
export function backupText(backup) {
  return `${JSON.stringify(backup)}\n`;
}

/** The backup as a file's content (application/json), e.g. for a download link. */
export function backupBlob(backup) {
  return new Blob([backupText(backup)], { type: 'application/json' });
}
