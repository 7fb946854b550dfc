// The plain mode (buildApp({syncExtensions: false}), SYNC_EXTENSIONS=off): a backend without the
// sync extensions, to test clients against. No ETag on any answer, If-Match and If-None-Match
// ignored, Idempotency-Key ignored (every request applies, nothing is stored for it); annotation
// ids, version numbers and validation stay. The default server on the same data still applies them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ARTIFACTS, ArtifactType } from 'cofounder-artifacts';
import { client, generatedProject, serverOn, startServer, storages, stringSection } from './support/harness.js';

const STALE = '"1.0"';

for (const storage of storages()) {
  describe(`plain mode on ${storage.name}`, () => {
    const suite = serverOn(storage, { syncExtensions: false });
    const { call } = suite;
    // The default server on the same storage, to show the same requests still use the extensions.
    let synced;
    let syncCall;
    let plan;
    before(async () => {
      synced = await startServer(suite.db);
      syncCall = client(synced.base);
      plan = await generatedProject(suite.server, call);
    });
    after(() => synced?.close());

    const storedKeys = async (key) => suite.db.query('SELECT key FROM idempotency_keys WHERE key = $1', [key]);

    test('no answer carries an ETag; If-None-Match is ignored', async () => {
      const brief = plan.byType[ArtifactType.BRIEF];
      const section = stringSection(brief);
      const tagged = await syncCall('GET', `/api/artifacts/${brief.id}`);
      assert.match(tagged.headers.get('etag'), /^"\d+\.\d+"$/);
      const answers = [
        await call('GET', `/api/artifacts/${brief.id}`),
        await call('GET', `/api/artifacts/${brief.id}`, { headers: { 'if-none-match': tagged.headers.get('etag') } }),
        await call('GET', `/api/artifacts/${brief.id}/status`),
        await call('GET', `/api/artifacts/${brief.id}/export/markdown`),
        await call('GET', `/api/artifacts/project/${plan.project.id}`),
        await call('PATCH', `/api/artifacts/${brief.id}/edit`, { body: { section_path: section, new_value: 'untagged edit' } }),
        await call('POST', `/api/artifacts/${brief.id}/annotate`, { body: { section_id: section, note: 'untagged note' } }),
        // The edit above makes this the warning: nothing regenerates under the later tests.
        await call('POST', `/api/artifacts/${brief.id}/regenerate`, { body: {} }),
      ];
      for (const res of answers) {
        assert.ok(res.status < 300, `${res.status} ${JSON.stringify(res.body)}`);
        assert.equal(res.headers.get('etag'), null);
      }
      assert.equal(answers[1].status, 200);
      assert.equal(answers[1].body.id, brief.id);
      assert.equal(answers.at(-1).body.warning, true);
    });

    test('a stale If-Match stops no write; the default server still answers 412', async () => {
      const brief = plan.byType[ArtifactType.BRIEF];
      const section = stringSection(brief);
      const headers = { 'if-match': STALE };
      const edit = await call('PATCH', `/api/artifacts/${brief.id}/edit`, { body: { section_path: section, new_value: 'written over a stale tag' }, headers });
      assert.equal(edit.status, 200, JSON.stringify(edit.body));
      assert.equal(edit.body.current_content[section], 'written over a stale tag');
      const note = await call('POST', `/api/artifacts/${brief.id}/annotate`, { body: { section_id: section, note: 'stale tag' }, headers });
      assert.equal(note.status, 201);
      const refused = await syncCall('PATCH', `/api/artifacts/${brief.id}/edit`, { body: { section_path: section, new_value: 'refused' }, headers });
      assert.equal(refused.status, 412);
    });

    test('PUT replaces without If-Match (or with a stale one), a new version each time; the default server wants it (428)', async () => {
      const project = (await call('POST', '/api/projects', { body: { name: 'Plain PUT' } })).body;
      const content = plan.byType[ArtifactType.BRIEF].current_content;
      const section = stringSection(plan.byType[ArtifactType.BRIEF]);
      const id = crypto.randomUUID();
      const put = (value, headers) => call('PUT', `/api/artifacts/${id}`, {
        body: { project_id: project.id, artifact_type: ArtifactType.BRIEF, content: { ...content, [section]: value } }, headers,
      });
      const created = await put('first', { 'if-match': STALE });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.version_number, 1);
      const replaced = await put('second');
      assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
      assert.equal(replaced.body.version_number, 2);
      assert.equal(replaced.body.current_content[section], 'second');
      assert.equal(replaced.body.previous_content[section], 'first');
      const overStale = await put('third', { 'if-match': STALE });
      assert.equal(overStale.status, 200);
      assert.equal(overStale.body.version_number, 3);
      const required = await syncCall('PUT', `/api/artifacts/${id}`, { body: { project_id: project.id, artifact_type: ArtifactType.BRIEF, content } });
      assert.equal(required.status, 428);
    });

    test('Idempotency-Key is ignored: the same key twice annotates twice, nothing is stored; annotation ids still count', async () => {
      const risk = plan.byType[ArtifactType.RISK_LOG];
      const section = ARTIFACTS[ArtifactType.RISK_LOG].sections[0].id;
      const before = (await call('GET', `/api/artifacts/${risk.id}`)).body.annotations.length;
      const key = `plain-${crypto.randomUUID()}`;
      const body = { section_id: section, note: 'sent twice' };
      const first = await call('POST', `/api/artifacts/${risk.id}/annotate`, { body, headers: { 'idempotency-key': key } });
      const second = await call('POST', `/api/artifacts/${risk.id}/annotate`, { body, headers: { 'idempotency-key': key } });
      assert.equal(first.status, 201);
      assert.equal(second.status, 201);
      assert.equal(second.headers.get('idempotent-replayed'), null);
      assert.equal(second.body.annotations.length, before + 2);
      assert.deepEqual(await storedKeys(key), []);
      // Even a key the extensions refuse (400) is not looked at.
      const malformed = await call('POST', `/api/artifacts/${risk.id}/annotate`, { body, headers: { 'idempotency-key': 'x'.repeat(300) } });
      assert.equal(malformed.status, 201);
      // The annotation's own id still makes a repeat a no-op.
      const id = crypto.randomUUID();
      const named = await call('POST', `/api/artifacts/${risk.id}/annotate`, { body: { id, ...body }, headers: { 'idempotency-key': key } });
      const again = await call('POST', `/api/artifacts/${risk.id}/annotate`, { body: { id, ...body }, headers: { 'idempotency-key': key } });
      assert.equal(named.status, 201);
      assert.equal(again.status, 200);
      assert.equal(again.body.annotations.filter((a) => a.id === id).length, 1);
      assert.equal(again.body.annotations.length, before + 4);
      // The default server replays the same key instead.
      const syncKey = `sync-${crypto.randomUUID()}`;
      const once = await syncCall('POST', `/api/artifacts/${risk.id}/annotate`, { body, headers: { 'idempotency-key': syncKey } });
      const replayed = await syncCall('POST', `/api/artifacts/${risk.id}/annotate`, { body, headers: { 'idempotency-key': syncKey } });
      assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(replayed.body, once.body);
      assert.equal(once.body.annotations.length, before + 5);
      assert.equal((await storedKeys(syncKey)).length, 1);
    });

    test('validation and the rest of the API stay', async () => {
      const brief = plan.byType[ArtifactType.BRIEF];
      const section = stringSection(brief);
      const invalid = await call('PATCH', `/api/artifacts/${brief.id}/edit`, { body: { section_path: section, new_value: 3 } });
      assert.equal(invalid.status, 422);
      assert.equal(invalid.body.code, 'validation_failed');
      const unknown = await call('POST', `/api/artifacts/${brief.id}/annotate`, { body: { section_id: 'nope', note: 'x' } });
      assert.equal(unknown.body.code, 'unknown_section');
      const id = crypto.randomUUID();
      assert.equal((await call('POST', '/api/projects', { body: { id, name: 'Plain id' } })).status, 201);
      assert.equal((await call('POST', '/api/projects', { body: { id, name: 'Plain id' } })).status, 200);
    });
  });
}
