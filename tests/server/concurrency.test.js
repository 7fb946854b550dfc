// Concurrent requests against the running server: the generation lock, If-Match and
// Idempotency-Key hold when the requests arrive together (on PostgreSQL they run in parallel
// transactions on separate connections).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ARTIFACTS, ArtifactType, GENERATION_ORDER, GenerationStatus } from 'cofounder-artifacts';
import { RunnerFake } from 'cofounder-artifacts/testing';
import { generatedProject, serverOn, settled, storages, stringSection } from './support/harness.js';

const count = (results, status) => results.filter((r) => r.status === status).length;

for (const storage of storages()) {
  describe(`concurrency on ${storage.name}`, () => {
    // Slow enough that every request arrives while the first run is still going.
    const suite = serverOn(storage, () => ({ runner: new RunnerFake({ latencyMs: 100 }) }));
    const { call } = suite;

    test('20 concurrent generate calls: exactly one 202, the rest 409; the cascade completes once', async () => {
      const project = (await call('POST', '/api/projects', { body: { name: 'Race' } })).body;
      const results = await Promise.all(Array.from({ length: 20 },
        () => call('POST', '/api/artifacts/generate', { body: { project_id: project.id } })));
      assert.equal(count(results, 202), 1, JSON.stringify(results.map((r) => r.status)));
      assert.equal(count(results, 409), 19);
      const artifacts = await settled(suite.server, call, project.id);
      assert.deepEqual(artifacts.map((a) => [a.artifact_type, a.version_number, a.generation_status]),
        GENERATION_ORDER.map((type) => [type, 1, GenerationStatus.IDLE]));
    });

    test('20 concurrent regenerate calls: exactly one 202, nothing half-written', async () => {
      const plan = await generatedProject(suite.server, call);
      const brief = plan.byType[ArtifactType.BRIEF];
      const results = await Promise.all(Array.from({ length: 20 },
        () => call('POST', `/api/artifacts/${brief.id}/regenerate`, { body: {} })));
      assert.equal(count(results, 202), 1, JSON.stringify(results.map((r) => r.status)));
      assert.equal(count(results, 409), 19);
      await settled(suite.server, call, plan.project.id);
      const stored = (await call('GET', `/api/artifacts/${brief.id}`)).body;
      assert.equal(stored.version_number, 2);
      assert.deepEqual(stored.previous_content, brief.current_content);
    });

    test('20 concurrent edits with the same If-Match: exactly one applies, the rest 412', async () => {
      const plan = await generatedProject(suite.server, call);
      const brief = await call('GET', `/api/artifacts/${plan.byType[ArtifactType.BRIEF].id}`);
      const section = stringSection(brief.body);
      const etag = brief.headers.get('etag');
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => call('PATCH', `/api/artifacts/${brief.body.id}/edit`,
        { body: { section_path: section, new_value: `writer ${i}` }, headers: { 'if-match': etag } })));
      assert.equal(count(results, 200), 1, JSON.stringify(results.map((r) => r.status)));
      assert.equal(count(results, 412), 19);
      const winner = results.find((r) => r.status === 200);
      const stored = await call('GET', `/api/artifacts/${brief.body.id}`);
      assert.equal(stored.body.current_content[section], winner.body.current_content[section]);
      assert.equal(stored.headers.get('etag'), winner.headers.get('etag'));
      for (const loser of results.filter((r) => r.status === 412)) assert.equal(loser.body.current.id, brief.body.id);
    });

    test('the same Idempotency-Key 10 times at once: applied once, every answer the first one', async () => {
      const plan = await generatedProject(suite.server, call);
      const risk = plan.byType[ArtifactType.RISK_LOG];
      const section = ARTIFACTS[ArtifactType.RISK_LOG].sections[0].id;
      const headers = { 'idempotency-key': crypto.randomUUID() };
      const results = await Promise.all(Array.from({ length: 10 }, () => call('POST', `/api/artifacts/${risk.id}/annotate`,
        { body: { section_id: section, note: 'exactly once' }, headers })));
      assert.deepEqual(results.map((r) => r.status), results.map(() => 201));
      for (const result of results) assert.deepEqual(result.body, results[0].body);
      assert.equal(count(results.filter((r) => r.headers.get('idempotent-replayed') === 'true'), 201), 9);
      const stored = (await call('GET', `/api/artifacts/${risk.id}`)).body;
      assert.equal(stored.annotations.length, 1);

      // The same for an edit without If-Match and for a project creation.
      const edit = { section_path: stringSection(plan.byType[ArtifactType.BRIEF]), new_value: 'once only' };
      const editKey = { 'idempotency-key': crypto.randomUUID() };
      const edits = await Promise.all(Array.from({ length: 10 }, () => call('PATCH', `/api/artifacts/${plan.byType[ArtifactType.BRIEF].id}/edit`, { body: edit, headers: editKey })));
      assert.equal(new Set(edits.map((r) => r.headers.get('etag'))).size, 1);
      const projectKey = { 'idempotency-key': crypto.randomUUID() };
      const before = (await call('GET', '/api/projects')).body.length;
      const creations = await Promise.all(Array.from({ length: 10 }, () => call('POST', '/api/projects', { body: { name: 'Once' }, headers: projectKey })));
      assert.equal(new Set(creations.map((r) => r.body.id)).size, 1);
      assert.equal((await call('GET', '/api/projects')).body.length, before + 1);
    });

    test('concurrent generate with one Idempotency-Key: one run, every answer the 202', async () => {
      const project = (await call('POST', '/api/projects', { body: { name: 'Keyed race' } })).body;
      const headers = { 'idempotency-key': crypto.randomUUID() };
      const results = await Promise.all(Array.from({ length: 10 },
        () => call('POST', '/api/artifacts/generate', { body: { project_id: project.id }, headers })));
      assert.deepEqual(results.map((r) => r.status), results.map(() => 202));
      const artifacts = await settled(suite.server, call, project.id);
      assert.deepEqual(artifacts.map((a) => a.version_number), GENERATION_ORDER.map(() => 1));
    });
  });
}
