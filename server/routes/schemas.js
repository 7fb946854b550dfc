// Request body schemas (checked by Fastify before a handler runs: a wrong type or an unknown
// artifact type or tier is a 422 naming the field). Names come from the package's registry.
import { GENERATION_ORDER, Tier } from 'cofounder-artifacts';

export const TIERS = Object.values(Tier);
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (maxLength, minLength = 0) => ({ type: 'string', minLength, maxLength });
const uuid = { type: 'string', pattern: UUID.source };
const object = (properties, required = []) => ({ type: 'object', additionalProperties: false, properties, required });

export const createProjectBody = object({
  id: uuid,
  name: text(200, 1),
  idea: text(20_000),
  tier: { type: 'string', enum: TIERS },
}, ['name']);

export const generateBody = object({ project_id: uuid, force: { type: 'boolean' } }, ['project_id']);

export const regenerateBody = object({ force: { type: 'boolean' } });

export const editBody = object({
  section_path: text(500, 1),
  new_value: {},
}, ['section_path', 'new_value']);

export const annotateBody = object({
  id: uuid,
  section_id: text(200, 1),
  note: text(10_000, 1),
}, ['section_id', 'note']);

export const putBody = object({
  project_id: uuid,
  artifact_type: { type: 'string', enum: [...GENERATION_ORDER] },
  content: { type: 'object' },
}, ['project_id', 'artifact_type', 'content']);
