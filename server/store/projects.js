// Projects: a user's own only (every query names the user), and the project's generation lock.
import { GenerationStatus } from 'cofounder-artifacts';

const COLUMNS = 'id, name, idea, tier, generation_status, created_at, updated_at';

/**
 * Inserts the project under `id`, or returns null when a project with that id exists already,
 * whoever owns it: one statement, so two creates of one id cannot both insert, and the existing
 * row is never touched.
 */
export async function createProject(db, { id, userId, name, idea, tier }) {
  const [row] = await db.query(
    `INSERT INTO projects (id, user_id, name, idea, tier) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
    [id, userId, name, idea, tier]);
  return row ?? null;
}

export function listProjects(db, userId) {
  return db.query(`SELECT ${COLUMNS} FROM projects WHERE user_id = $1 ORDER BY created_at, id`, [userId]);
}

/** The user's project, or null (another user's project is not there for them). */
export async function findProject(db, userId, projectId) {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM projects WHERE id = $1 AND user_id = $2`, [projectId, userId]);
  return row ?? null;
}

/**
 * Takes the project's generation lock in one conditional UPDATE: granted when no run holds it or
 * the holder's lease has expired (a run that died). Artifacts a dead run left generating are
 * marked failed. Returns the new owner id, or null while another run holds it.
 */
export async function claimGeneration(tx, projectId, ttlMs) {
  const owner = crypto.randomUUID();
  const [row] = await tx.query(
    `UPDATE projects
        SET generation_status = $2, generation_owner = $3,
            generation_expires_at = now() + make_interval(secs => $4::double precision / 1000), updated_at = now()
      WHERE id = $1 AND (generation_status <> $2 OR generation_expires_at < now())
      RETURNING id`,
    [projectId, GenerationStatus.GENERATING, owner, ttlMs]);
  if (!row) return null;
  await tx.query(
    `UPDATE artifacts SET generation_status = $2, generation_error = $3, revision = revision + 1, updated_at = now()
      WHERE project_id = $1 AND generation_status = $4`,
    [projectId, GenerationStatus.FAILED, 'the generation run stopped before finishing', GenerationStatus.GENERATING]);
  return owner;
}

/** Extends a held lock's lease; false when `owner` no longer holds it. */
export async function renewGeneration(db, projectId, owner, ttlMs) {
  const rows = await db.query(
    `UPDATE projects SET generation_expires_at = now() + make_interval(secs => $3::double precision / 1000)
      WHERE id = $1 AND generation_owner = $2 AND generation_status = $4 RETURNING id`,
    [projectId, owner, ttlMs, GenerationStatus.GENERATING]);
  return rows.length > 0;
}

/**
 * Releases the lock if `owner` still holds it, leaving the project `status` (idle, or failed);
 * an artifact the run left generating (it stopped early) is marked failed.
 */
export function releaseGeneration(db, projectId, owner, status) {
  return db.transaction(async (tx) => {
    const held = await tx.query(
      `UPDATE projects SET generation_status = $3, generation_owner = NULL, generation_expires_at = NULL, updated_at = now()
        WHERE id = $1 AND generation_owner = $2 RETURNING id`,
      [projectId, owner, status]);
    if (held.length === 0) return;
    await tx.query(
      `UPDATE artifacts SET generation_status = $2, generation_error = $3, revision = revision + 1, updated_at = now()
        WHERE project_id = $1 AND generation_status = $4`,
      [projectId, GenerationStatus.FAILED, 'the generation run stopped before finishing', GenerationStatus.GENERATING]);
  });
}
