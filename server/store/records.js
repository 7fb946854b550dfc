// Rows as the API hands them out: the original ArtifactResponse fields (content brought up to the
// current _schema_version by the package), timestamps as ISO text, and the record's ETag.
import { migrate, SCHEMA_VERSION } from 'cofounder-artifacts';

const upToDate = (type, content) => (content && content._schema_version !== SCHEMA_VERSION
  ? migrate(type, content).value
  : content ?? null);

const iso = (value) => (value instanceof Date ? value.toISOString() : value ?? null);

/** The strong ETag of a stored artifact: its version and its write count within the row. */
export const etagOf = (row) => `"${row.version_number}.${row.revision}"`;

export function artifactRecord(row) {
  return {
    id: row.id,
    project_id: row.project_id,
    artifact_type: row.artifact_type,
    version_number: row.version_number,
    current_content: upToDate(row.artifact_type, row.current_content),
    previous_content: upToDate(row.artifact_type, row.previous_content),
    has_user_edits: row.has_user_edits,
    edited_sections: row.edited_sections ?? null,
    annotations: row.annotations ?? [],
    generation_status: row.generation_status,
    generation_error: row.generation_error ?? null,
    schema_version: row.schema_version,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

export function projectRecord(row) {
  return {
    id: row.id,
    name: row.name,
    idea: row.idea,
    tier: row.tier,
    generation_status: row.generation_status,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}
