// The original product's behaviours: the cascade's failure rules, each artifact committed as soon
// as it is done (polling sees progress), versions rotating on regenerate, edits flagged, the edit
// warning and `force`, annotations kept across regenerations.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ARTIFACTS, ArtifactType, CascadeRule, GENERATION_ORDER, GenerationStatus } from 'cofounder-artifacts';
import { RunnerFake } from 'cofounder-artifacts/testing';
import { client, generatedProject, serverOn, settled, startServer, storages, stringSection } from './support/harness.js';

const byRule = (rule) => GENERATION_ORDER.find((type) => ARTIFACTS[type].onFailure === rule);

for (const storage of storages()) {
  describe(`the original's behaviours on ${storage.name}`, () => {
    const suite = serverOn(storage);
    const { call } = suite;

    // A suite.server on the same storage whose runner fails `failTypes`.
    async function failing(failTypes, work) {
      const other = await startServer(suite.db, { runner: new RunnerFake({ scenario: 'llm_failure', failTypes }) });
      try {
        return await work(other, client(other.base));
      } finally {
        await other.close();
      }
    }

    async function generateWith(other, otherCall) {
      const project = (await otherCall('POST', '/api/projects', { body: { name: 'Failing' } })).body;
      assert.equal((await otherCall('POST', '/api/artifacts/generate', { body: { project_id: project.id } })).status, 202);
      const artifacts = await settled(other, otherCall, project.id);
      return { project, byType: Object.fromEntries(artifacts.map((a) => [a.artifact_type, a])) };
    }

    test('a failure that fails the rest: every later artifact fails, the project is failed', async () => {
      const first = byRule(CascadeRule.FAIL_REST);
      await failing([first], async (other, otherCall) => {
        const { project, byType } = await generateWith(other, otherCall);
        for (const type of GENERATION_ORDER.slice(GENERATION_ORDER.indexOf(first))) {
          assert.equal(byType[type].generation_status, GenerationStatus.FAILED, type);
          assert.equal(byType[type].current_content, null);
          assert.ok(byType[type].generation_error, type);
        }
        assert.equal((await otherCall('GET', `/api/projects/${project.id}`)).body.generation_status, GenerationStatus.FAILED);
        // A failed artifact has no content to export or edit (409), but can be annotated.
        const failed = byType[first];
        const section = ARTIFACTS[first].sections[0].id;
        assert.equal((await otherCall('GET', `/api/artifacts/${failed.id}/export/markdown`)).body.code, 'no_content');
        const edit = await otherCall('PATCH', `/api/artifacts/${failed.id}/edit`, { body: { section_path: section, new_value: 'x' } });
        assert.equal(edit.status, 409);
        assert.equal(edit.body.code, 'no_content');
        assert.equal((await otherCall('POST', `/api/artifacts/${failed.id}/annotate`, { body: { section_id: section, note: 'retry later' } })).status, 201);
        // Generating again with a working runner retries what failed.
        assert.equal((await call('POST', '/api/artifacts/generate', { body: { project_id: project.id } })).status, 202);
        const retried = await settled(suite.server, call, project.id);
        assert.deepEqual(retried.map((a) => a.generation_status), GENERATION_ORDER.map(() => GenerationStatus.IDLE));
        assert.equal((await call('GET', `/api/projects/${project.id}`)).body.generation_status, GenerationStatus.IDLE);
      });
    });

    test('a failure that skips the rest: the later artifacts are failed as skipped, the earlier kept', async () => {
      const skipper = byRule(CascadeRule.SKIP_REST);
      await failing([skipper], async (other, otherCall) => {
        const { byType } = await generateWith(other, otherCall);
        const at = GENERATION_ORDER.indexOf(skipper);
        for (const type of GENERATION_ORDER.slice(0, at)) assert.equal(byType[type].generation_status, GenerationStatus.IDLE, type);
        assert.equal(byType[skipper].generation_status, GenerationStatus.FAILED);
        for (const type of GENERATION_ORDER.slice(at + 1)) {
          assert.equal(byType[type].generation_status, GenerationStatus.FAILED, type);
          assert.match(byType[type].generation_error, /^skipped/);
        }
      });
    });

    test('a failure that continues: only that artifact fails', async () => {
      const continuing = GENERATION_ORDER.filter((type) => ARTIFACTS[type].onFailure === CascadeRule.CONTINUE).at(0);
      await failing([continuing], async (other, otherCall) => {
        const { byType } = await generateWith(other, otherCall);
        for (const type of GENERATION_ORDER) {
          assert.equal(byType[type].generation_status, type === continuing ? GenerationStatus.FAILED : GenerationStatus.IDLE, type);
        }
      });
    });

    test('each artifact is committed as soon as it is done: polling sees the cascade progress', async () => {
      const slow = await startServer(suite.db, { runner: new RunnerFake({ latencyMs: 150 }) });
      const slowCall = client(slow.base);
      try {
        const project = (await slowCall('POST', '/api/projects', { body: { name: 'Slow' } })).body;
        assert.equal((await slowCall('POST', '/api/artifacts/generate', { body: { project_id: project.id } })).status, 202);
        assert.equal((await slowCall('GET', `/api/projects/${project.id}`)).body.generation_status, GenerationStatus.GENERATING);
        const seen = new Set();
        while ((await slowCall('GET', `/api/projects/${project.id}`)).body.generation_status === GenerationStatus.GENERATING) {
          const list = (await slowCall('GET', `/api/artifacts/project/${project.id}`)).body;
          seen.add(list.filter((a) => a.generation_status === GenerationStatus.IDLE).length);
          await new Promise((resolve) => setTimeout(resolve, 40));
        }
        // Partial progress was visible: some but not all five done at some poll.
        assert.ok([...seen].some((n) => n > 0 && n < GENERATION_ORDER.length), `seen ${[...seen]}`);
      } finally {
        await slow.close();
      }
    });

    test('regenerate rotates versions and keeps annotations; the edit warning; force', async () => {
      const plan = await generatedProject(suite.server, call);
      const brief = plan.byType[ArtifactType.BRIEF];
      const section = stringSection(brief);
      const note = await call('POST', `/api/artifacts/${brief.id}/annotate`, { body: { section_id: section, note: 'keep me' } });
      assert.equal(note.status, 201);

      // No edits: regenerated at once (202), version 2, v1 in previous_content, the note kept.
      const regenerated = await call('POST', `/api/artifacts/${brief.id}/regenerate`, { body: {} });
      assert.equal(regenerated.status, 202);
      assert.equal(regenerated.body.generation_status, GenerationStatus.GENERATING);
      await settled(suite.server, call, plan.project.id);
      const v2 = (await call('GET', `/api/artifacts/${brief.id}`)).body;
      assert.equal(v2.version_number, 2);
      assert.deepEqual(v2.previous_content, brief.current_content);
      assert.equal(v2.generation_status, GenerationStatus.IDLE);
      assert.deepEqual(v2.annotations, note.body.annotations);

      // An edit is flagged; regenerating without force is the warning and changes nothing.
      const edited = await call('PATCH', `/api/artifacts/${brief.id}/edit`, { body: { section_path: section, new_value: 'The founder wrote this.' } });
      assert.equal(edited.body.has_user_edits, true);
      const warned = await call('POST', `/api/artifacts/${brief.id}/regenerate`, { body: { force: false } });
      assert.equal(warned.status, 200);
      assert.equal(warned.body.warning, true);
      assert.deepEqual(warned.body.edited_sections, [section]);
      const unchanged = await call('GET', `/api/artifacts/${brief.id}`);
      assert.equal(unchanged.headers.get('etag'), edited.headers.get('etag'));

      // force: regenerated over the edit; version 3, the edited content now previous, flags cleared.
      const forced = await call('POST', `/api/artifacts/${brief.id}/regenerate`, { body: { force: true } });
      assert.equal(forced.status, 202);
      await settled(suite.server, call, plan.project.id);
      const v3 = (await call('GET', `/api/artifacts/${brief.id}`)).body;
      assert.equal(v3.version_number, 3);
      assert.equal(v3.previous_content[section], 'The founder wrote this.');
      assert.equal(v3.has_user_edits, false);
      assert.equal(v3.edited_sections, null);
      assert.deepEqual(v3.annotations, note.body.annotations);
    });

    test('regenerate: stale If-Match 412, unknown 404, wrong types 422; edits refused while generating (409)', async () => {
      const slow = await startServer(suite.db, { runner: new RunnerFake({ latencyMs: 300 }) });
      const slowCall = client(slow.base);
      try {
        const plan = await generatedProject(slow, slowCall);
        const risk = plan.byType[ArtifactType.RISK_LOG];
        assert.equal((await slowCall('POST', `/api/artifacts/${risk.id}/regenerate`, { body: {}, headers: { 'if-match': '"7.7"' } })).status, 412);
        assert.equal((await slowCall('POST', `/api/artifacts/${crypto.randomUUID()}/regenerate`, { body: {} })).status, 404);
        assert.equal((await slowCall('POST', `/api/artifacts/${risk.id}/regenerate`, { body: { force: 1 } })).status, 422);
        assert.equal((await slowCall('POST', `/api/artifacts/${risk.id}/regenerate`)).status, 202);
        const section = stringSection(plan.byType[ArtifactType.BRIEF]);
        const during = await slowCall('POST', `/api/artifacts/${risk.id}/regenerate`, { body: {} });
        assert.equal(during.status, 409);
        assert.equal(during.body.code, 'generation_in_progress');
        const status = await slowCall('GET', `/api/artifacts/${risk.id}/status`);
        assert.equal(status.body.generation_status, GenerationStatus.GENERATING);
        const edit = await slowCall('PATCH', `/api/artifacts/${risk.id}/edit`, { body: { section_path: ARTIFACTS[ArtifactType.RISK_LOG].sections[0].id, new_value: [] } });
        assert.equal(edit.status, 409);
        assert.ok(section);
        await settled(slow, slowCall, plan.project.id);
        assert.equal((await slowCall('GET', `/api/artifacts/${risk.id}`)).body.version_number, 2);
      } finally {
        await slow.close();
      }
    });
  });
}
