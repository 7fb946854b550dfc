// The artifact API under /api/artifacts: the original routes (generate, get, list, status,
// regenerate, edit, annotate, Markdown exports), the PDF exports (the HTML export printed by
// export/pdf.js) plus what safe sync needs (ETag, If-Match and
// Idempotency-Key, applied or ignored by `writes` from http/writes.js; PUT of a client-generated
// version).
import {
  ARTIFACTS, GenerationStatus, planToHtml, planToMarkdown, SCHEMA_VERSION, toHtml, toMarkdown, validate,
} from 'cofounder-artifacts';
import { pdfFileName } from '../export/pdf.js';
import { HttpError, notFound } from '../http/errors.js';
import { findArtifact, findArtifactByType, insertArtifact, listArtifacts, writeArtifact } from '../store/artifacts.js';
import { claimGeneration, findProject } from '../store/projects.js';
import { artifactRecord, etagOf } from '../store/records.js';
import { annotateBody, editBody, generateBody, putBody, regenerateBody, TIERS, UUID } from './schemas.js';
import { setAtPath } from './section-path.js';


export function artifactRoutes(app, { db, writes, runs, ttlMs, pdf }) {
  const artifactOr404 = async (queryable, request, options) => {
    const { id } = request.params;
    const row = UUID.test(id) ? await findArtifact(queryable, request.userId, id, options) : null;
    if (!row) throw notFound('artifact');
    return row;
  };
  const projectOr404 = async (queryable, request, projectId) => {
    const row = UUID.test(projectId) ? await findProject(queryable, request.userId, projectId) : null;
    if (!row) throw notFound('project');
    return row;
  };
  const sent = (row, status = 200) => ({ status, body: artifactRecord(row), etag: etagOf(row) });
  const notWhileGenerating = (row) => {
    if (row.generation_status === GenerationStatus.GENERATING) {
      throw new HttpError(409, 'generation_in_progress', `the ${row.artifact_type} artifact is being generated`);
    }
  };
  const takeLock = async (tx, projectId) => {
    const owner = await claimGeneration(tx, projectId, ttlMs);
    if (!owner) throw new HttpError(409, 'generation_in_progress', 'a generation is already running for this project');
    return owner;
  };
  const context = (project) => ({ name: project.name, idea: project.idea });
  // The project as far as an artifact row brings it along (see findArtifact).
  const projectOf = (row) => ({ id: row.project_id, tier: row.project_tier, name: row.project_name, idea: row.project_idea });
  // A project from before tiers were stored has none: nothing is gated for it.
  const tierOf = (project) => project.tier ?? undefined;

  // POST /generate {project_id, force}: 202, the cascade runs in the background. Without force
  // only what is missing or failed is generated; with force all five again.
  app.post('/api/artifacts/generate', { schema: { body: generateBody } }, (request, reply) => writes.run(request, reply, async (tx) => {
    const project = await projectOr404(tx, request, request.body.project_id);
    const owner = await takeLock(tx, project.id);
    const all = request.body.force === true;
    return {
      status: 202,
      body: { project_id: project.id, generation_status: GenerationStatus.GENERATING, force: all },
      after: () => runs.cascade({ projectId: project.id, owner, context: context(project), tier: tierOf(project), all }),
    };
  }));

  app.get('/api/artifacts/project/:projectId', async (request) => {
    const project = await projectOr404(db, request, request.params.projectId);
    return (await listArtifacts(db, project.id)).map(artifactRecord);
  });

  // The project's generated artifacts {type: content} and the day the newest was written.
  const planOf = async (project) => {
    const plan = {};
    let updated = '';
    for (const row of await listArtifacts(db, project.id)) {
      const { current_content: content, updated_at: at } = artifactRecord(row);
      if (!content) continue;
      plan[row.artifact_type] = content;
      if (at > updated) updated = at;
    }
    return { plan, date: updated.slice(0, 10) };
  };
  const sendPdf = async (reply, html, fileName) => {
    const document = await pdf.render(html);
    return reply.type('application/pdf')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .send(document);
  };

  app.get('/api/artifacts/project/:projectId/export/markdown', async (request, reply) => {
    const project = await projectOr404(db, request, request.params.projectId);
    const { plan } = await planOf(project);
    const markdown = planToMarkdown(plan, { variant: request.query.variant, tier: tierOf(project), startupName: project.name });
    return reply.type('text/markdown; charset=utf-8').send(markdown);
  });

  app.get('/api/artifacts/project/:projectId/export/pdf', async (request, reply) => {
    const project = await projectOr404(db, request, request.params.projectId);
    const { plan, date } = await planOf(project);
    const html = planToHtml(plan, { tier: tierOf(project), startupName: project.name, generatedAt: date });
    return sendPdf(reply, html, pdfFileName(project.name, 'founder-plan'));
  });

  app.get('/api/artifacts/:id', async (request, reply) => {
    const row = await artifactOr404(db, request);
    const etag = etagOf(row);
    writes.tag(reply, etag);
    if (writes.notModified(request, etag)) return reply.code(304).send();
    return artifactRecord(row);
  });

  app.get('/api/artifacts/:id/status', async (request, reply) => {
    const row = await artifactOr404(db, request);
    writes.tag(reply, etagOf(row));
    return {
      id: row.id,
      artifact_type: row.artifact_type,
      generation_status: row.generation_status,
      generation_error: row.generation_error ?? null,
      version_number: row.version_number,
      updated_at: artifactRecord(row).updated_at,
    };
  });

  // An artifact to export: its row, its record and its project; 409 before its first generation.
  async function exportable(request) {
    const row = await artifactOr404(db, request);
    const record = artifactRecord(row);
    if (!record.current_content) throw new HttpError(409, 'no_content', `the ${row.artifact_type} artifact has no generated content yet`);
    return { row, record, project: projectOf(row) };
  }

  app.get('/api/artifacts/:id/export/markdown', async (request, reply) => {
    const { row, record, project } = await exportable(request);
    const markdown = toMarkdown(row.artifact_type, record.current_content,
      { variant: request.query.variant, tier: tierOf(project), startupName: project.name });
    writes.tag(reply, etagOf(row));
    return reply.type('text/markdown; charset=utf-8').send(markdown);
  });

  app.get('/api/artifacts/:id/export/pdf', async (request, reply) => {
    const { row, record, project } = await exportable(request);
    const html = toHtml(row.artifact_type, record.current_content,
      { tier: tierOf(project), startupName: project.name, generatedAt: record.updated_at.slice(0, 10) });
    return sendPdf(reply, html, pdfFileName(project.name, row.artifact_type));
  });

  // POST /{id}/regenerate {force}: with the founder's edits and no force, 200 with the warning
  // and nothing done; otherwise 202 and the artifact is regenerated in the background.
  app.post('/api/artifacts/:id/regenerate', { schema: { body: regenerateBody } }, (request, reply) => writes.run(request, reply, async (tx) => {
    const row = await artifactOr404(tx, request, { forUpdate: true });
    writes.checkIfMatch(request, etagOf(row), artifactRecord(row));
    if (row.has_user_edits && request.body.force !== true) {
      return {
        status: 200,
        body: {
          warning: true,
          edited_sections: row.edited_sections ?? [],
          detail: 'regenerating would overwrite the founder\'s edits: send {"force": true} to regenerate anyway',
        },
        etag: etagOf(row),
      };
    }
    const project = projectOf(row);
    const owner = await takeLock(tx, project.id);
    const marked = await writeArtifact(tx, row.id, { generation_status: GenerationStatus.GENERATING, generation_error: null });
    return {
      status: 202,
      body: artifactRecord(marked),
      etag: etagOf(marked),
      after: () => runs.regenerate({ projectId: project.id, owner, type: row.artifact_type, context: context(project), tier: tierOf(project) }),
    };
  }));

  // PATCH /{id}/edit {section_path, new_value}: one section (or a value inside it, by a dotted
  // path), validated by the core with the rest of the content, refused above the project's tier.
  app.patch('/api/artifacts/:id/edit', { schema: { body: editBody } }, (request, reply) => writes.run(request, reply, async (tx) => {
    const row = await artifactOr404(tx, request, { forUpdate: true });
    writes.checkIfMatch(request, etagOf(row), artifactRecord(row));
    notWhileGenerating(row);
    const record = artifactRecord(row);
    if (!record.current_content) throw new HttpError(409, 'no_content', `the ${row.artifact_type} artifact has no generated content to edit`);
    const project = projectOf(row);
    const [sectionId] = request.body.section_path.split('.');
    const section = ARTIFACTS[row.artifact_type].sections.find((s) => s.id === sectionId);
    if (!section) throw new HttpError(422, 'unknown_section', `'${sectionId}' is not a section of ${row.artifact_type}`);
    if (project.tier && TIERS.indexOf(section.tier) > TIERS.indexOf(project.tier)) {
      throw new HttpError(403, 'tier_locked', `${sectionId} needs the ${section.tier} tier; this project is ${project.tier}`);
    }
    const next = setAtPath(record.current_content, request.body.section_path, request.body.new_value);
    const checked = validate(row.artifact_type, next, { tier: tierOf(project) });
    if (!checked.ok) {
      throw new HttpError(422, 'validation_failed', `${request.body.section_path}: ${checked.errors[0].msg}`, { errors: checked.errors });
    }
    if (JSON.stringify(checked.value[sectionId]) === JSON.stringify(record.current_content[sectionId])) return sent(row);
    const edited = new Set(row.edited_sections ?? []);
    edited.add(sectionId);
    const written = await writeArtifact(tx, row.id, { current_content: checked.value, has_user_edits: true, edited_sections: [...edited] });
    return sent(written);
  }));

  // POST /{id}/annotate {section_id, note, id?}: a note on a section, kept across regenerations.
  // A client may name the annotation's id: sending it again adds nothing.
  app.post('/api/artifacts/:id/annotate', { schema: { body: annotateBody } }, (request, reply) => writes.run(request, reply, async (tx) => {
    const row = await artifactOr404(tx, request, { forUpdate: true });
    writes.checkIfMatch(request, etagOf(row), artifactRecord(row));
    const { id, section_id: sectionId, note } = request.body;
    if (!ARTIFACTS[row.artifact_type].sections.some((s) => s.id === sectionId)) {
      throw new HttpError(422, 'unknown_section', `'${sectionId}' is not a section of ${row.artifact_type}`);
    }
    const annotations = row.annotations ?? [];
    if (id && annotations.some((a) => a.id === id)) return sent(row);
    const annotation = { id: id ?? crypto.randomUUID(), section_id: sectionId, note, created_at: new Date().toISOString() };
    const written = await writeArtifact(tx, row.id, { annotations: [...annotations, annotation] });
    return sent(written, 201);
  }));

  // PUT /{id} {project_id, artifact_type, content}: a version generated on the client. Creates
  // the artifact (201), or replaces its content as a new version (200; If-Match required, unless
  // the sync extensions are off).
  app.put('/api/artifacts/:id', { schema: { body: putBody } }, (request, reply) => writes.run(request, reply, async (tx) => {
    const { id } = request.params;
    if (!UUID.test(id)) throw notFound('artifact');
    const { project_id: projectId, artifact_type: type, content } = request.body;
    const row = await findArtifact(tx, request.userId, id, { forUpdate: true });
    const project = row ? projectOf(row) : await projectOr404(tx, request, projectId);
    if (row && (row.project_id !== projectId || row.artifact_type !== type)) {
      throw new HttpError(422, 'invalid_request', 'project_id and artifact_type must be the artifact\'s own');
    }
    const checked = validate(type, content, { tier: tierOf(project) });
    if (!checked.ok) throw new HttpError(422, 'validation_failed', `content: ${checked.errors[0].msg}`, { errors: checked.errors });
    if (!row) {
      writes.checkIfMatch(request, null, null);
      const created = await insertArtifact(tx, {
        id, projectId, type, content: checked.value, status: GenerationStatus.IDLE, schemaVersion: SCHEMA_VERSION,
      });
      if (created) return sent(created, 201);
      const existing = await findArtifactByType(tx, projectId, type);
      if (!existing) throw notFound('artifact');
      throw new HttpError(409, 'artifact_exists', `project already has a ${type} artifact (${existing.id})`, { current: artifactRecord(existing) });
    }
    writes.requireIfMatch(request, etagOf(row), artifactRecord(row));
    notWhileGenerating(row);
    const written = await writeArtifact(tx, row.id, {
      previous_content: artifactRecord(row).current_content,
      current_content: checked.value,
      version_number: row.version_number + 1,
      has_user_edits: false,
      edited_sections: null,
      generation_status: GenerationStatus.IDLE,
      generation_error: null,
      schema_version: SCHEMA_VERSION,
    });
    return sent(written);
  }));
}
