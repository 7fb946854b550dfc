// Another user's project or artifact does not exist for them: 404 on every route, never 200,
// and nothing of theirs changes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ARTIFACTS, ArtifactType } from 'cofounder-artifacts';
import { generatedProject, serverOn, storages, stringSection, TOKENS } from './support/harness.js';

for (const storage of storages()) {
  describe(`isolation on ${storage.name}`, () => {
    const suite = serverOn(storage);
    const alice = (...args) => suite.clientFor(TOKENS[0].token)(...args);
    const bob = (...args) => suite.clientFor(TOKENS[1].token)(...args);

    test('bob gets 404 on every route for alice\'s project and artifacts', async () => {
      const plan = await generatedProject(suite.server, alice);
      const brief = plan.byType[ArtifactType.BRIEF];
      const before = await alice('GET', `/api/artifacts/${brief.id}`);
      const section = stringSection(brief);
      const pid = plan.project.id;
      const id = brief.id;
      const requests = [
        ['GET', `/api/projects/${pid}`],
        ['POST', '/api/artifacts/generate', { project_id: pid }],
        ['POST', '/api/artifacts/generate', { project_id: pid, force: true }],
        ['GET', `/api/artifacts/project/${pid}`],
        ['GET', `/api/artifacts/project/${pid}/export/markdown`],
        ['GET', `/api/artifacts/${id}`],
        ['GET', `/api/artifacts/${id}/status`],
        ['GET', `/api/artifacts/${id}/export/markdown`],
        ['POST', `/api/artifacts/${id}/regenerate`, { force: true }],
        ['PATCH', `/api/artifacts/${id}/edit`, { section_path: section, new_value: 'bob was here' }],
        ['POST', `/api/artifacts/${id}/annotate`, { section_id: section, note: 'bob was here' }],
        ['PUT', `/api/artifacts/${id}`, { project_id: pid, artifact_type: ArtifactType.BRIEF, content: brief.current_content }],
        ['PUT', `/api/artifacts/${crypto.randomUUID()}`, { project_id: pid, artifact_type: ArtifactType.BRIEF, content: brief.current_content }],
      ];
      for (const [method, path, body] of requests) {
        for (const headers of [{}, { 'if-match': before.headers.get('etag') }]) {
          const res = await bob(method, path, { body, headers });
          assert.equal(res.status, 404, `${method} ${path} ${JSON.stringify(headers)}: ${res.status}`);
          assert.equal(res.body.code, 'not_found');
          assert.ok(!JSON.stringify(res.body).includes(section === undefined ? '\u0000' : brief.current_content[section]));
        }
      }
      assert.equal((await bob('GET', '/api/projects')).body.some((p) => p.id === pid), false);
      const after = await alice('GET', `/api/artifacts/${id}`);
      assert.equal(after.headers.get('etag'), before.headers.get('etag'));
      assert.deepEqual(after.body, before.body);
      assert.ok(ARTIFACTS[ArtifactType.BRIEF]);
    });
  });
}
