// Artifact rows. Reads name the user (through the project), so another user's artifact is never
// found; writes are conditional on what the caller read, or take the row lock first.
import { GENERATION_ORDER } from 'cofounder-artifacts';

// With the project's tier, name and idea, which most routes need next: one query, not two.
const ARTIFACT = `SELECT a.*, p.tier AS project_tier, p.name AS project_name, p.idea AS project_idea
                    FROM artifacts a JOIN projects p ON p.id = a.project_id`;
const json = (value) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * The user's artifact by id (with its project's tier, name and idea as project_tier,
 * project_name, project_idea), or null; `forUpdate` locks the row until the transaction ends.
 */
export async function findArtifact(db, userId, id, { forUpdate = false } = {}) {
  const [row] = await db.query(`${ARTIFACT} WHERE a.id = $1 AND p.user_id = $2${forUpdate ? ' FOR UPDATE OF a' : ''}`, [id, userId]);
  return row ?? null;
}

export async function findArtifactByType(db, projectId, type) {
  const [row] = await db.query(`SELECT * FROM artifacts WHERE project_id = $1 AND artifact_type = $2`, [projectId, type]);
  return row ?? null;
}

/** A project's artifacts in GENERATION_ORDER. */
export async function listArtifacts(db, projectId) {
  const rows = await db.query(`SELECT * FROM artifacts WHERE project_id = $1`, [projectId]);
  return rows.sort((a, b) => GENERATION_ORDER.indexOf(a.artifact_type) - GENERATION_ORDER.indexOf(b.artifact_type));
}

/** Writes the given columns of a row, bumping its revision; returns the new row. */
export async function writeArtifact(db, id, columns) {
  const names = Object.keys(columns);
  const jsonColumns = new Set(['current_content', 'previous_content', 'edited_sections', 'annotations']);
  const sets = names.map((name, i) => `${name} = $${i + 2}${jsonColumns.has(name) ? '::jsonb' : ''}`);
  const values = names.map((name) => (jsonColumns.has(name) ? json(columns[name]) : columns[name]));
  const [row] = await db.query(
    `UPDATE artifacts SET ${sets.join(', ')}, revision = revision + 1, updated_at = now() WHERE id = $1 RETURNING *`,
    [id, ...values]);
  return row;
}

/** Inserts a new row (a client-generated first version); null when (project, type) exists. */
export async function insertArtifact(db, { id, projectId, type, content, status, schemaVersion }) {
  const [row] = await db.query(
    `INSERT INTO artifacts (id, project_id, artifact_type, current_content, version_number, schema_version,
                            generation_status, annotations)
     VALUES ($1, $2, $3, $4::jsonb, 1, $5, $6, '[]'::jsonb)
     ON CONFLICT DO NOTHING RETURNING *`,
    [id, projectId, type, json(content), schemaVersion, status]);
  return row ?? null;
}
