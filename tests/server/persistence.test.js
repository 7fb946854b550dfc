// What is committed survives a restart (PGlite's data folder; the same PostgreSQL schema), a dead
// run's generation lock is taken over once its lease expires, and the schema upgrades from the
// previous version with data in it — each migration entirely or not at all.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { ARTIFACTS, ArtifactType, GENERATION_ORDER, GenerationStatus, Tier } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { appliedVersions, listMigrations, migrate } from '../../server/db/migrate.js';
import { client, generatedProject, settled, startServer, storages, stringSection, TOKENS } from './support/harness.js';

for (const storage of storages()) {
  describe(`persistence on ${storage.name}`, () => {
    after(() => storage.cleanup());

    test('a restart loses nothing committed, idempotent replays included', async () => {
      await storage.setup();
      let db = await storage.open();
      let server = await startServer(db);
      let call = client(server.base);
      const plan = await generatedProject(server, call);
      const brief = plan.byType[ArtifactType.BRIEF];
      const section = stringSection(brief);
      await call('PATCH', `/api/artifacts/${brief.id}/edit`, { body: { section_path: section, new_value: 'Survives restarts.' } });
      const key = { 'idempotency-key': crypto.randomUUID() };
      const noted = await call('POST', `/api/artifacts/${brief.id}/annotate`, { body: { section_id: section, note: 'kept' }, headers: key });
      const before = await call('GET', `/api/artifacts/project/${plan.project.id}`);
      await server.close();
      await db.close();

      db = await storage.open();
      server = await startServer(db);
      call = client(server.base);
      try {
        const afterRestart = await call('GET', `/api/artifacts/project/${plan.project.id}`);
        assert.deepEqual(afterRestart.body, before.body);
        assert.equal(afterRestart.body[0].current_content[section], 'Survives restarts.');
        assert.equal((await call('GET', `/api/projects/${plan.project.id}`)).body.name, plan.project.name);
        const replay = await call('POST', `/api/artifacts/${brief.id}/annotate`, { body: { section_id: section, note: 'kept' }, headers: key });
        assert.deepEqual(replay.body, noted.body);
        assert.equal(replay.headers.get('idempotent-replayed'), 'true');
        assert.equal((await call('GET', `/api/artifacts/${brief.id}`)).body.annotations.length, 1);

        // A run that died holding the lock: refused while its lease lasts, taken over after.
        await db.query(`UPDATE projects SET generation_status = $2, generation_owner = $3, generation_expires_at = now() + interval '1 hour' WHERE id = $1`,
          [plan.project.id, GenerationStatus.GENERATING, crypto.randomUUID()]);
        await db.query('UPDATE artifacts SET generation_status = $2 WHERE id = $1', [plan.byType[ArtifactType.RISK_LOG].id, GenerationStatus.GENERATING]);
        assert.equal((await call('POST', '/api/artifacts/generate', { body: { project_id: plan.project.id } })).status, 409);
        await db.query(`UPDATE projects SET generation_expires_at = now() - interval '1 second' WHERE id = $1`, [plan.project.id]);
        assert.equal((await call('POST', '/api/artifacts/generate', { body: { project_id: plan.project.id } })).status, 202);
        const resumed = await settled(server, call, plan.project.id);
        assert.deepEqual(resumed.map((a) => a.generation_status), GENERATION_ORDER.map(() => GenerationStatus.IDLE));
        // The stuck artifact was marked failed at the takeover and generated again.
        assert.equal(resumed.find((a) => a.artifact_type === ArtifactType.RISK_LOG).version_number, 2);
      } finally {
        await server.close();
        await db.close();
      }
    });

    test('upgrade from the previous schema version with data in it', async () => {
      await storage.cleanup();
      await storage.setup();
      const latest = (await listMigrations()).at(-1).version;
      let db = await storage.open({ migrateTo: latest - 1 });
      assert.deepEqual(await appliedVersions(db), Array.from({ length: latest - 1 }, (_, i) => i + 1));
      // Data as the previous version stored it: annotations without ids, an edited artifact.
      const projectId = crypto.randomUUID();
      const briefId = crypto.randomUUID();
      const section = ARTIFACTS[ArtifactType.BRIEF].sections[0].id;
      const annotations = [{ section_id: section, note: 'first', created_at: '2026-01-01T00:00:00Z' }, { section_id: section, note: 'second', created_at: '2026-01-02T00:00:00Z' }];
      await db.query('INSERT INTO projects (id, user_id, name, idea) VALUES ($1, $2, $3, $4)', [projectId, TOKENS[0].userId, 'Legacy', 'from before']);
      await db.query(`INSERT INTO artifacts (id, project_id, artifact_type, current_content, previous_content, version_number,
                        has_user_edits, edited_sections, annotations, generation_status)
                      VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, 2, true, $6::jsonb, $7::jsonb, $8)`,
      [briefId, projectId, ArtifactType.BRIEF, JSON.stringify(SAMPLE_PLAN[ArtifactType.BRIEF]), JSON.stringify(SAMPLE_PLAN[ArtifactType.BRIEF]),
        JSON.stringify([section]), JSON.stringify(annotations), GenerationStatus.IDLE]);
      await db.close();

      db = await storage.open();
      const server = await startServer(db);
      const call = client(server.base);
      try {
        assert.deepEqual(await appliedVersions(db), Array.from({ length: latest }, (_, i) => i + 1));
        assert.deepEqual(await migrate(db), []);
        const project = await call('GET', `/api/projects/${projectId}`);
        assert.equal(project.status, 200);
        assert.equal(project.body.tier, null);
        const res = await call('GET', `/api/artifacts/${briefId}`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('etag'), '"2.0"');
        assert.equal(res.body.version_number, 2);
        assert.equal(res.body.has_user_edits, true);
        assert.deepEqual(res.body.edited_sections, [section]);
        assert.deepEqual(res.body.annotations.map(({ id, ...rest }) => rest), annotations);
        for (const annotation of res.body.annotations) assert.match(annotation.id, /^[0-9a-f-]{36}$/);
        assert.equal(new Set(res.body.annotations.map((a) => a.id)).size, 2);
        // Still editable and exportable; the legacy project has no tier: nothing is locked.
        const edited = await call('PATCH', `/api/artifacts/${briefId}/edit`, { body: { section_path: section, new_value: 'Upgraded.' }, headers: { 'if-match': '"2.0"' } });
        assert.equal(edited.status, 200, JSON.stringify(edited.body));
        assert.equal(edited.headers.get('etag'), '"2.1"');
        assert.equal((await call('GET', `/api/artifacts/${briefId}/export/markdown`)).status, 200);
        assert.ok(Object.values(Tier).length > 0);
      } finally {
        await server.close();
        await db.close();
      }
    });

    test('a migration that fails is not applied at all', async () => {
      await storage.cleanup();
      await storage.setup();
      const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
      try {
        const [first] = await listMigrations();
        await copyFile(new URL(`../../server/db/migrations/${first.file}`, import.meta.url), join(dir, first.file));
        await writeFile(join(dir, '002_broken.sql'), 'CREATE TABLE half_done (id integer);\nSELECT no_such_function();\n');
        const db = await storage.open({ migrateTo: 0 });
        try {
          const url = pathToFileURL(`${dir}/`);
          await assert.rejects(migrate(db, { dir: url }));
          assert.deepEqual(await appliedVersions(db), [1]);
          const tables = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done' AND table_schema = current_schema()`);
          assert.equal(tables.length, 0);
        } finally {
          await db.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
