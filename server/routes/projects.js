// POST /api/projects {name, idea, tier} and GET /api/projects (the caller's own), GET one.
import { createProjectBody, TIERS, UUID } from './schemas.js';
import { notFound } from '../http/errors.js';
import { createProject, findProject, listProjects } from '../store/projects.js';
import { projectRecord } from '../store/records.js';

export function projectRoutes(app, { db, writes }) {
  app.post('/api/projects', { schema: { body: createProjectBody } }, (request, reply) => writes.run(request, reply, async (tx) => {
    const { name, idea = '', tier = TIERS[TIERS.length - 1] } = request.body;
    const row = await createProject(tx, { userId: request.userId, name, idea, tier });
    return { status: 201, body: projectRecord(row) };
  }));

  app.get('/api/projects', async (request) => (await listProjects(db, request.userId)).map(projectRecord));

  app.get('/api/projects/:projectId', async (request) => {
    const { projectId } = request.params;
    const row = UUID.test(projectId) ? await findProject(db, request.userId, projectId) : null;
    if (!row) throw notFound('project');
    return projectRecord(row);
  });
}
