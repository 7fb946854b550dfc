// Every route's success and failure paths, over real HTTP, on each storage.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ARTIFACTS, ArtifactType, GENERATION_ORDER, GenerationStatus, Tier } from 'cofounder-artifacts';
import { client, generatedProject, serverOn, settled, startServer, storages, stringSection, TOKENS } from './support/harness.js';

const TIERS = Object.values(Tier);
const MISSING = '00000000-0000-4000-8000-000000000000';

for (const storage of storages()) {
  describe(`routes on ${storage.name}`, () => {
    const suite = serverOn(storage);
    const { call } = suite;

    describe('auth', () => {
      test('no token is 401 with a Bearer challenge', async () => {
        const res = await call('GET', '/api/projects', { token: null });
        assert.equal(res.status, 401);
        assert.equal(res.body.code, 'unauthorized');
        assert.equal(res.headers.get('www-authenticate'), 'Bearer');
      });
      test('an unknown token is 401', async () => {
        assert.equal((await call('GET', '/api/projects', { token: 'nope' })).status, 401);
        assert.equal((await call('GET', '/api/projects', { headers: { authorization: 'Basic abc' }, token: null })).status, 401);
      });
      test('health needs no token', async () => {
        const res = await call('GET', '/health', { token: null });
        assert.equal(res.status, 200);
        assert.equal(res.body.ok, true);
      });
      test('an unknown route is a JSON 404', async () => {
        const res = await call('GET', '/api/nothing-here');
        assert.equal(res.status, 404);
        assert.equal(res.body.code, 'not_found');
      });
    });

    describe('CORS for the listed origins', () => {
      test('a preflight needs no token; answers carry the origin and expose ETag', async () => {
        const editor = 'http://editor.test:5173';
        const cors = await startServer(suite.db, { corsOrigins: [editor] });
        try {
          const preflight = await fetch(`${cors.base}/api/artifacts/${MISSING}/edit`, {
            method: 'OPTIONS',
            headers: { origin: editor, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,if-match,idempotency-key,content-type' },
          });
          assert.equal(preflight.status, 204);
          assert.equal(preflight.headers.get('access-control-allow-origin'), editor);
          assert.match(preflight.headers.get('access-control-allow-methods'), /PATCH/);
          assert.match(preflight.headers.get('access-control-allow-headers'), /if-match/);
          const listed = await client(cors.base)('GET', '/api/projects', { headers: { origin: editor } });
          assert.equal(listed.headers.get('access-control-allow-origin'), editor);
          assert.match(listed.headers.get('access-control-expose-headers'), /etag/);
          const other = await client(cors.base)('GET', '/api/projects', { headers: { origin: 'http://evil.test' } });
          assert.equal(other.headers.get('access-control-allow-origin'), null);
          // Without listed origins, no CORS headers at all.
          assert.equal((await call('GET', '/api/projects', { headers: { origin: editor } })).headers.get('access-control-allow-origin'), null);
        } finally {
          await cors.close();
        }
      });
    });

    describe('projects', () => {
      test('create (201), list and get: the caller\'s own', async () => {
        const created = await call('POST', '/api/projects', { body: { name: 'Acme', idea: 'rockets', tier: Tier.PARTNER } });
        assert.equal(created.status, 201);
        assert.equal(created.body.name, 'Acme');
        assert.equal(created.body.idea, 'rockets');
        assert.equal(created.body.tier, Tier.PARTNER);
        assert.match(created.body.id, /^[0-9a-f-]{36}$/);
        assert.ok(created.body.created_at);
        const list = await call('GET', '/api/projects');
        assert.equal(list.status, 200);
        assert.ok(list.body.some((p) => p.id === created.body.id));
        const one = await call('GET', `/api/projects/${created.body.id}`);
        assert.deepEqual(one.body, created.body);
      });
      test('the default tier is the highest', async () => {
        const created = await call('POST', '/api/projects', { body: { name: 'Default' } });
        assert.equal(created.body.tier, TIERS[TIERS.length - 1]);
        assert.equal(created.body.idea, '');
      });
      test('missing name, wrong types, unknown tier and unknown fields are 422', async () => {
        for (const body of [{}, { name: 5 }, { name: '' }, { name: 'x', tier: 'platinum' }, { name: 'x', extra: 1 }, { name: 'x', idea: ['a'] }]) {
          const res = await call('POST', '/api/projects', { body });
          assert.equal(res.status, 422, JSON.stringify(body));
          assert.equal(res.body.code, 'invalid_request');
          assert.ok(res.body.detail);
          assert.ok(Array.isArray(res.body.errors));
        }
      });
      test('an unknown or malformed project id is 404', async () => {
        assert.equal((await call('GET', `/api/projects/${MISSING}`)).status, 404);
        assert.equal((await call('GET', '/api/projects/not-a-uuid')).status, 404);
      });
    });

    describe('generate, get, list, status', () => {
      let plan;
      before(async () => { plan = await generatedProject(suite.server, call); });

      test('generate is 202 and the cascade stores all five in GENERATION_ORDER, version 1, idle', async () => {
        assert.deepEqual(plan.artifacts.map((a) => a.artifact_type), GENERATION_ORDER);
        for (const artifact of plan.artifacts) {
          assert.equal(artifact.version_number, 1);
          assert.equal(artifact.generation_status, GenerationStatus.IDLE);
          assert.equal(artifact.previous_content, null);
          assert.equal(artifact.has_user_edits, false);
          assert.deepEqual(artifact.annotations, []);
          assert.equal(artifact.project_id, plan.project.id);
          assert.ok(artifact.current_content);
        }
        const project = await call('GET', `/api/projects/${plan.project.id}`);
        assert.equal(project.body.generation_status, GenerationStatus.IDLE);
      });
      test('generate: unknown project 404, missing or malformed project_id 422', async () => {
        assert.equal((await call('POST', '/api/artifacts/generate', { body: { project_id: MISSING } })).status, 404);
        assert.equal((await call('POST', '/api/artifacts/generate', { body: {} })).status, 422);
        assert.equal((await call('POST', '/api/artifacts/generate', { body: { project_id: 'x' } })).status, 422);
        assert.equal((await call('POST', '/api/artifacts/generate', { body: { project_id: plan.project.id, force: 'yes' } })).status, 422);
      });
      test('generate again without force keeps what is done; with force regenerates all five', async () => {
        assert.equal((await call('POST', '/api/artifacts/generate', { body: { project_id: plan.project.id } })).status, 202);
        let artifacts = await settled(suite.server, call, plan.project.id);
        assert.deepEqual(artifacts.map((a) => a.version_number), GENERATION_ORDER.map(() => 1));
        const forced = await call('POST', '/api/artifacts/generate', { body: { project_id: plan.project.id, force: true } });
        assert.equal(forced.status, 202);
        artifacts = await settled(suite.server, call, plan.project.id);
        assert.deepEqual(artifacts.map((a) => a.version_number), GENERATION_ORDER.map(() => 2));
        plan.byType = Object.fromEntries(artifacts.map((a) => [a.artifact_type, a]));
      });
      test('get: the record with its ETag; If-None-Match is 304; unknown 404', async () => {
        const brief = plan.byType[ArtifactType.BRIEF];
        const res = await call('GET', `/api/artifacts/${brief.id}`);
        assert.equal(res.status, 200);
        assert.equal(res.body.id, brief.id);
        assert.equal(res.headers.get('etag'), `"${res.body.version_number}.${res.headers.get('etag').split('.')[1]}`);
        for (const key of ['id', 'project_id', 'artifact_type', 'version_number', 'current_content', 'previous_content',
          'has_user_edits', 'edited_sections', 'annotations', 'generation_status', 'schema_version', 'created_at', 'updated_at']) {
          assert.ok(key in res.body, key);
        }
        const cached = await call('GET', `/api/artifacts/${brief.id}`, { headers: { 'if-none-match': res.headers.get('etag') } });
        assert.equal(cached.status, 304);
        assert.equal((await call('GET', `/api/artifacts/${MISSING}`)).status, 404);
        assert.equal((await call('GET', '/api/artifacts/1%27%20OR%201=1')).status, 404);
      });
      test('list: unknown project 404', async () => {
        assert.equal((await call('GET', `/api/artifacts/project/${MISSING}`)).status, 404);
      });
      test('status: the generation status, version and error; unknown 404', async () => {
        const brief = plan.byType[ArtifactType.BRIEF];
        const res = await call('GET', `/api/artifacts/${brief.id}/status`);
        assert.equal(res.status, 200);
        assert.equal(res.body.generation_status, GenerationStatus.IDLE);
        assert.equal(res.body.version_number, brief.version_number);
        assert.equal(res.body.generation_error, null);
        assert.equal((await call('GET', `/api/artifacts/${MISSING}/status`)).status, 404);
      });
    });

    describe('edit', () => {
      let plan;
      before(async () => { plan = await generatedProject(suite.server, call, { tier: Tier.BOOTSTRAPPER }); });

      test('edits a section: flagged, validated content stored, version kept, ETag changed', async () => {
        const brief = (await call('GET', `/api/artifacts/${plan.byType[ArtifactType.BRIEF].id}`));
        const section = stringSection(brief.body);
        const res = await call('PATCH', `/api/artifacts/${brief.body.id}/edit`, { body: { section_path: section, new_value: 'A sharper statement of the problem.' } });
        assert.equal(res.status, 200);
        assert.equal(res.body.current_content[section], 'A sharper statement of the problem.');
        assert.equal(res.body.has_user_edits, true);
        assert.deepEqual(res.body.edited_sections, [section]);
        assert.equal(res.body.version_number, brief.body.version_number);
        assert.notEqual(res.headers.get('etag'), brief.headers.get('etag'));
        // The same value again changes nothing.
        const same = await call('PATCH', `/api/artifacts/${brief.body.id}/edit`, { body: { section_path: section, new_value: 'A sharper statement of the problem.' } });
        assert.equal(same.status, 200);
        assert.equal(same.headers.get('etag'), res.headers.get('etag'));
      });
      test('a dotted path edits a value inside a section', async () => {
        const mvp = plan.byType[ArtifactType.MVP_SCOPE];
        const list = ARTIFACTS[ArtifactType.MVP_SCOPE].sections.map((s) => s.id).find((id) => Array.isArray(mvp.current_content[id]) && typeof mvp.current_content[id][0] === 'string');
        const objectList = ARTIFACTS[ArtifactType.MVP_SCOPE].sections.map((s) => s.id).find((id) => Array.isArray(mvp.current_content[id]) && typeof mvp.current_content[id][0] === 'object');
        const path = list ? `${list}.0` : `${objectList}.0.${Object.keys(mvp.current_content[objectList][0]).find((k) => typeof mvp.current_content[objectList][0][k] === 'string')}`;
        const res = await call('PATCH', `/api/artifacts/${mvp.id}/edit`, { body: { section_path: path, new_value: 'Edited inside the section' } });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.deepEqual(res.body.edited_sections, [path.split('.')[0]]);
        const nowhere = await call('PATCH', `/api/artifacts/${mvp.id}/edit`, { body: { section_path: `${path.split('.')[0]}.999999.x`, new_value: 'x' } });
        assert.equal(nowhere.status, 422);
        assert.equal(nowhere.body.code, 'invalid_section_path');
      });
      test('an invalid value is 422 with the core\'s errors; nothing is written', async () => {
        const brief = await call('GET', `/api/artifacts/${plan.byType[ArtifactType.BRIEF].id}`);
        const section = stringSection(brief.body);
        const res = await call('PATCH', `/api/artifacts/${brief.body.id}/edit`, { body: { section_path: section, new_value: 42 } });
        assert.equal(res.status, 422);
        assert.equal(res.body.code, 'validation_failed');
        assert.ok(res.body.errors.length > 0);
        assert.deepEqual(res.body.errors[0].loc.slice(0, 1), [section]);
        const after = await call('GET', `/api/artifacts/${brief.body.id}`);
        assert.equal(after.headers.get('etag'), brief.headers.get('etag'));
      });
      test('an unknown section is 422; a section above the project\'s tier is 403', async () => {
        const brief = plan.byType[ArtifactType.BRIEF];
        const unknown = await call('PATCH', `/api/artifacts/${brief.id}/edit`, { body: { section_path: 'no_such_section', new_value: 'x' } });
        assert.equal(unknown.status, 422);
        assert.equal(unknown.body.code, 'unknown_section');
        const locked = ARTIFACTS[ArtifactType.BRIEF].sections.find((s) => s.tier !== Tier.BOOTSTRAPPER);
        const res = await call('PATCH', `/api/artifacts/${brief.id}/edit`, { body: { section_path: locked.id, new_value: 'x' } });
        assert.equal(res.status, 403);
        assert.equal(res.body.code, 'tier_locked');
      });
      test('missing fields 422, unknown artifact 404, stale If-Match 412 with the current record', async () => {
        const brief = await call('GET', `/api/artifacts/${plan.byType[ArtifactType.BRIEF].id}`);
        assert.equal((await call('PATCH', `/api/artifacts/${brief.body.id}/edit`, { body: { section_path: 'x' } })).status, 422);
        assert.equal((await call('PATCH', `/api/artifacts/${MISSING}/edit`, { body: { section_path: 'x', new_value: 1 } })).status, 404);
        const section = stringSection(brief.body);
        const stale = await call('PATCH', `/api/artifacts/${brief.body.id}/edit`, { body: { section_path: section, new_value: 'stale write' }, headers: { 'if-match': '"1.0"' } });
        assert.equal(stale.status, 412);
        assert.equal(stale.body.code, 'precondition_failed');
        assert.equal(stale.body.current.id, brief.body.id);
        assert.deepEqual(stale.body.current.current_content, brief.body.current_content);
        const fresh = await call('PATCH', `/api/artifacts/${brief.body.id}/edit`, { body: { section_path: section, new_value: 'fresh write' }, headers: { 'if-match': brief.headers.get('etag') } });
        assert.equal(fresh.status, 200);
      });
    });

    describe('annotate', () => {
      let plan;
      before(async () => { plan = await generatedProject(suite.server, call); });

      test('adds a note with an id (201); a client-named id is not added twice', async () => {
        const risk = plan.byType[ArtifactType.RISK_LOG];
        const section = ARTIFACTS[ArtifactType.RISK_LOG].sections[0].id;
        const first = await call('POST', `/api/artifacts/${risk.id}/annotate`, { body: { section_id: section, note: 'check with legal' } });
        assert.equal(first.status, 201);
        assert.equal(first.body.annotations.length, 1);
        assert.match(first.body.annotations[0].id, /^[0-9a-f-]{36}$/);
        assert.equal(first.body.annotations[0].section_id, section);
        assert.equal(first.body.annotations[0].note, 'check with legal');
        const id = crypto.randomUUID();
        const named = await call('POST', `/api/artifacts/${risk.id}/annotate`, { body: { id, section_id: section, note: 'twice?' } });
        assert.equal(named.status, 201);
        const again = await call('POST', `/api/artifacts/${risk.id}/annotate`, { body: { id, section_id: section, note: 'twice?' } });
        assert.equal(again.status, 200);
        assert.equal(again.body.annotations.length, 2);
        assert.equal(again.body.annotations.filter((a) => a.id === id).length, 1);
      });
      test('unknown section, empty note, wrong types 422; unknown artifact 404', async () => {
        const risk = plan.byType[ArtifactType.RISK_LOG];
        assert.equal((await call('POST', `/api/artifacts/${risk.id}/annotate`, { body: { section_id: 'nope', note: 'x' } })).body.code, 'unknown_section');
        for (const body of [{ section_id: ARTIFACTS[ArtifactType.RISK_LOG].sections[0].id, note: '' }, { section_id: 1, note: 'x' }, { note: 'x' }, { section_id: 'x', note: 'y', id: 'not-a-uuid' }]) {
          assert.equal((await call('POST', `/api/artifacts/${risk.id}/annotate`, { body })).status, 422, JSON.stringify(body));
        }
        assert.equal((await call('POST', `/api/artifacts/${MISSING}/annotate`, { body: { section_id: 'x', note: 'y' } })).status, 404);
      });
    });

    describe('Markdown exports', () => {
      let plan;
      before(async () => { plan = await generatedProject(suite.server, call, { name: 'Exporter' }); });

      test('one artifact, readable and technical; an unknown variant is 422', async () => {
        const brief = plan.byType[ArtifactType.BRIEF];
        const readable = await call('GET', `/api/artifacts/${brief.id}/export/markdown`);
        assert.equal(readable.status, 200);
        assert.match(readable.headers.get('content-type'), /^text\/markdown/);
        assert.match(readable.body, new RegExp(`^# Exporter — ${ARTIFACTS[ArtifactType.BRIEF].title}`));
        const technical = await call('GET', `/api/artifacts/${brief.id}/export/markdown?variant=technical`);
        assert.equal(technical.status, 200);
        assert.match(technical.body, /^---\n/);
        const unknown = await call('GET', `/api/artifacts/${brief.id}/export/markdown?variant=fancy`);
        assert.equal(unknown.status, 422);
        assert.equal((await call('GET', `/api/artifacts/${MISSING}/export/markdown`)).status, 404);
      });
      test('the whole plan', async () => {
        const res = await call('GET', `/api/artifacts/project/${plan.project.id}/export/markdown`);
        assert.equal(res.status, 200);
        for (const type of GENERATION_ORDER) assert.ok(res.body.includes(ARTIFACTS[type].title), type);
        assert.equal((await call('GET', `/api/artifacts/project/${MISSING}/export/markdown`)).status, 404);
      });
    });

    describe('PUT: a version generated on the client', () => {
      test('creates (201), replaces with If-Match (200, a new version), refuses without or stale', async () => {
        const project = (await call('POST', '/api/projects', { body: { name: 'Client-side' } })).body;
        const source = await generatedProject(suite.server, call);
        const content = source.byType[ArtifactType.BRIEF].current_content;
        const id = crypto.randomUUID();
        const created = await call('PUT', `/api/artifacts/${id}`, { body: { project_id: project.id, artifact_type: ArtifactType.BRIEF, content } });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        assert.equal(created.body.id, id);
        assert.equal(created.body.version_number, 1);
        assert.deepEqual(created.body.current_content, content);
        const section = stringSection(created.body);
        const next = { ...content, [section]: 'Client regenerated this.' };
        const body = { project_id: project.id, artifact_type: ArtifactType.BRIEF, content: next };
        const without = await call('PUT', `/api/artifacts/${id}`, { body });
        assert.equal(without.status, 428);
        const stale = await call('PUT', `/api/artifacts/${id}`, { body, headers: { 'if-match': '"9.9"' } });
        assert.equal(stale.status, 412);
        assert.equal(stale.body.current.version_number, 1);
        const replaced = await call('PUT', `/api/artifacts/${id}`, { body, headers: { 'if-match': created.headers.get('etag') } });
        assert.equal(replaced.status, 200);
        assert.equal(replaced.body.version_number, 2);
        assert.equal(replaced.body.current_content[section], 'Client regenerated this.');
        assert.deepEqual(replaced.body.previous_content, content);
        // A second brief for the project under another id is a conflict.
        const other = await call('PUT', `/api/artifacts/${crypto.randomUUID()}`, { body });
        assert.equal(other.status, 409);
        assert.equal(other.body.current.id, id);
      });
      test('invalid content 422 with errors; mismatched type 422; unknown project 404', async () => {
        const project = (await call('POST', '/api/projects', { body: { name: 'Client-side 2' } })).body;
        const id = crypto.randomUUID();
        const invalid = await call('PUT', `/api/artifacts/${id}`, { body: { project_id: project.id, artifact_type: ArtifactType.BRIEF, content: { problem_statement: 3 } } });
        assert.equal(invalid.status, 422);
        assert.equal(invalid.body.code, 'validation_failed');
        assert.ok(invalid.body.errors.length > 0);
        const unknownType = await call('PUT', `/api/artifacts/${id}`, { body: { project_id: project.id, artifact_type: 'pitch_deck', content: {} } });
        assert.equal(unknownType.status, 422);
        assert.equal((await call('PUT', `/api/artifacts/${id}`, { body: { project_id: MISSING, artifact_type: ArtifactType.BRIEF, content: {} } })).status, 404);
        assert.equal((await call('PUT', '/api/artifacts/not-a-uuid', { body: { project_id: project.id, artifact_type: ArtifactType.BRIEF, content: {} } })).status, 404);
      });
    });

    describe('Idempotency-Key', () => {
      test('a repeat returns the first response and applies nothing again', async () => {
        const plan = await generatedProject(suite.server, call);
        const risk = plan.byType[ArtifactType.RISK_LOG];
        const section = ARTIFACTS[ArtifactType.RISK_LOG].sections[0].id;
        const headers = { 'idempotency-key': `annotate-${crypto.randomUUID()}` };
        const first = await call('POST', `/api/artifacts/${risk.id}/annotate`, { body: { section_id: section, note: 'once' }, headers });
        const second = await call('POST', `/api/artifacts/${risk.id}/annotate`, { body: { section_id: section, note: 'once' }, headers });
        assert.equal(first.status, 201);
        assert.equal(second.status, 201);
        assert.deepEqual(second.body, first.body);
        assert.equal(second.headers.get('etag'), first.headers.get('etag'));
        assert.equal(second.headers.get('idempotent-replayed'), 'true');
        const stored = await call('GET', `/api/artifacts/${risk.id}`);
        assert.equal(stored.body.annotations.length, 1);
        // The same key for another request is refused.
        const reused = await call('POST', `/api/artifacts/${risk.id}/annotate`, { body: { section_id: section, note: 'different' }, headers });
        assert.equal(reused.status, 422);
        assert.equal(reused.body.code, 'idempotency_key_reused');
        // Keys are the user's own: bob's same key is a new request (404: not his artifact).
        const bob = await call('POST', `/api/artifacts/${risk.id}/annotate`, { body: { section_id: section, note: 'once' }, headers, token: TOKENS[1].token });
        assert.equal(bob.status, 404);
      });
      test('a failed write stores nothing: the key may be retried', async () => {
        const project = (await call('POST', '/api/projects', { body: { name: 'Retry' } })).body;
        const headers = { 'idempotency-key': crypto.randomUUID() };
        const bad = await call('POST', '/api/projects', { body: { name: '' }, headers });
        assert.equal(bad.status, 422);
        const good = await call('POST', '/api/artifacts/generate', { body: { project_id: project.id }, headers });
        assert.equal(good.status, 202);
        await settled(suite.server, call, project.id);
      });
      test('keys expire after idempotencyTtlMs: then the same key is a new request', async () => {
        const headers = { 'idempotency-key': crypto.randomUUID() };
        const first = await call('POST', '/api/projects', { body: { name: 'Expiring' }, headers });
        assert.equal((await call('POST', '/api/projects', { body: { name: 'Expiring' }, headers })).body.id, first.body.id);
        await new Promise((resolve) => setTimeout(resolve, 20));
        const expiring = await startServer(suite.db, { idempotencyTtlMs: 10 });
        try {
          const again = await client(expiring.base)('POST', '/api/projects', { body: { name: 'Expiring' }, headers });
          assert.equal(again.status, 201);
          assert.notEqual(again.body.id, first.body.id);
          assert.equal(again.headers.get('idempotent-replayed'), null);
        } finally {
          await expiring.close();
        }
      });
      test('malformed keys are 400', async () => {
        const res = await call('POST', '/api/projects', { body: { name: 'k' }, headers: { 'idempotency-key': 'x'.repeat(300) } });
        assert.equal(res.status, 400);
        assert.equal(res.body.code, 'invalid_idempotency_key');
      });
    });
  });
}
