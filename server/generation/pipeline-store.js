// The store the package's pipeline (generateAll, regenerate) writes through, over SQL, for one
// run that already holds its project's generation lock (taken by the route that started it).
// Each artifact's generation is its own commit, so polling sees the cascade's progress; every
// write is conditional on the run still holding the lock, so a run whose lease was taken over
// writes nothing more (LeaseLostError).
import {
  gate, GenerationStatus, LeaseLostError, migrate, SCHEMA_VERSION,
  validate, ValidationFailedError,
} from 'cofounder-artifacts';
import { artifactRecord } from '../store/records.js';
import { listArtifacts } from '../store/artifacts.js';
import { renewGeneration } from '../store/projects.js';

const HELD = `EXISTS (SELECT 1 FROM projects p WHERE p.id = a.project_id AND p.generation_owner = $3)`;

/** Generated content as stored: valid, at the current schema version, gated to the tier. */
function prepare(type, content, tier) {
  const checked = validate(type, content);
  if (!checked.ok) {
    const first = checked.errors[0];
    throw new ValidationFailedError(`generated ${type} content is invalid: ${first.msg} at ${first.loc.join('.')}`, { errors: checked.errors });
  }
  const value = migrate(type, checked.value).value;
  return tier ? gate(type, value, tier).value : value;
}

export function pipelineStore(db, { projectId, owner, ttlMs }) {
  const lost = (type) => new LeaseLostError(`the ${type} generation lost its project's generation lock`);
  return {
    // The route took the project's lock before starting the run.
    exclusively: (id, work) => work(),

    listProject: async (id) => (await listArtifacts(db, id)).map(artifactRecord),

    /**
     * -> generating, creating the row on the first generation; one statement. Only the run
     * holding the project's lock gets here (the route may have marked the artifact already).
     */
    async beginGeneration(id, type) {
      if (!await renewGeneration(db, id, owner, ttlMs)) throw lost(type);
      const [row] = await db.query(
        `INSERT INTO artifacts AS a (id, project_id, artifact_type, version_number, schema_version, generation_status, annotations)
         VALUES ($1, $2, $4, 0, $5, $6, '[]'::jsonb)
         ON CONFLICT (project_id, artifact_type) DO UPDATE
           SET generation_status = $6, generation_error = NULL, revision = a.revision + 1, updated_at = now()
         WHERE ${HELD}
         RETURNING a.id`,
        [crypto.randomUUID(), id, owner, type, SCHEMA_VERSION, GenerationStatus.GENERATING]);
      if (!row) throw lost(type);
      return { projectId: id, type, owner };
    },

    /**
     * Stores a generation: the previous content rotates into previous_content, the version
     * goes up, the edit flags are cleared (the route warned about edits, or was forced), the
     * annotations stay.
     */
    async completeGeneration(id, type, content, { tier } = {}) {
      const value = prepare(type, content, tier);
      const [row] = await db.query(
        `UPDATE artifacts a
            SET previous_content = a.current_content, current_content = $4::jsonb,
                version_number = a.version_number + 1, has_user_edits = false, edited_sections = NULL,
                generation_status = $5, generation_error = NULL, schema_version = $6,
                revision = a.revision + 1, updated_at = now()
          WHERE a.project_id = $1 AND a.artifact_type = $2 AND a.generation_status = $7 AND ${HELD}
          RETURNING a.*`,
        [id, type, owner, JSON.stringify(value), GenerationStatus.IDLE, SCHEMA_VERSION, GenerationStatus.GENERATING]);
      if (!row) throw lost(type);
      return { record: artifactRecord(row), kept: [], conflicts: [] };
    },

    async failGeneration(id, type, error) {
      const message = error instanceof Error ? error.message : String(error ?? 'generation failed');
      const [row] = await db.query(
        `UPDATE artifacts a
            SET generation_status = $4, generation_error = $5, revision = a.revision + 1, updated_at = now()
          WHERE a.project_id = $1 AND a.artifact_type = $2 AND a.generation_status = $6 AND ${HELD}
          RETURNING a.*`,
        [id, type, owner, GenerationStatus.FAILED, message.slice(0, 2000), GenerationStatus.GENERATING]);
      if (!row) throw lost(type);
      return artifactRecord(row);
    },
  };
}
