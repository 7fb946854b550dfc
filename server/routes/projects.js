// POST /api/projects {name, idea, tier, id?} and GET /api/projects (the caller's own), GET one.
// A client may choose the project's id (to create it offline): creating it again is idempotent.
import { createProjectBody, TIERS, UUID } from './schemas.js';
import { HttpError, notFound } from '../http/errors.js';
import { createProject, findProject, listProjects } from '../store/projects.js';
import { projectRecord } from '../store/records.js';

export function projectRoutes(app, { db, writes }) {
  // 201 when created; 200 with the caller's project as it is when they already have one with that
  // id (a retry after a lost answer); 409 when the id is another user's (nothing of theirs shown).
  app.post('/api/projects', { schema: { body: createProjectBody } }, (request, reply) => writes.run(request, reply, async (tx) => {
    const { id = crypto.randomUUID(), name, idea = '', tier = TIERS[TIERS.length - 1] } = request.body;
    const created = await createProject(tx, { id, userId: request.userId, name, idea, tier });
    if (created) return { status: 201, body: projectRecord(created) };
    const own = await findProject(tx, request.userId, id);
    if (!own) throw new HttpError(409, 'project_exists', `a project with id ${id} exists already`);
    return { status: 200, body: projectRecord(own) };
  }));

  app.get('/api/projects', async (request) => (await listProjects(db, request.userId)).map(projectRecord));

  app.get('/api/projects/:projectId', async (request) => {
    const { projectId } = request.params;
    const row = UUID.test(projectId) ? await findProject(db, request.userId, projectId) : null;
    if (!row) throw notFound('project');
    return projectRecord(row);
  });
}
