// Stored records: a new one's shape, and records as the store hands them out (content read back
// from storage is brought up to the current _schema_version through the core).
import { CONTENT_FIELDS, RECORD_DEFAULTS, SCHEMA_VERSION } from '../registry.js';
import { SchemaVersionUnsupportedError } from '../errors.js';
import { migrate } from '../operations.js';

/** `content` at the current schema version (null stays null). */
export function upToDate(type, content) {
  if (content === null || content === undefined) return content ?? null;
  const version = content._schema_version ?? 0;
  if (version === SCHEMA_VERSION) return content;
  if (version > SCHEMA_VERSION) {
    throw new SchemaVersionUnsupportedError(`stored ${type} content has _schema_version ${version}; this library reads up to ${SCHEMA_VERSION}`);
  }
  return migrate(type, content).value;
}

/** A stored record with every content field up to date. */
export function forReading(record) {
  if (!record) return record;
  const read = { ...record };
  for (const field of CONTENT_FIELDS) read[field] = upToDate(record.artifact_type, record[field]);
  return read;
}

/**
 * A new record for the first generation of `type` in a project, stamped `stamp`: the registry's
 * defaults for every optional field, and the required ones a record starts with.
 */
export function newRecord(projectId, type, stamp) {
  return {
    ...structuredClone(RECORD_DEFAULTS),
    id: crypto.randomUUID(),
    project_id: projectId,
    artifact_type: type,
    version_number: 0,
    current_content: null,
    has_user_edits: false,
    annotations: [],
    schema_version: SCHEMA_VERSION,
    created_at: stamp,
  };
}
