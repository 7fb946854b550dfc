// Backup and restore of a project (docs/backup.md): a round trip gives back exactly the records
// (versions, edits, notes, sync fields) and the unsent outbox entries; merge keeps the newer of
// each record, replace takes the backup's; an older schema is migrated on the way in.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  init, ArtifactStore, BACKUP_FORMAT, BACKUP_FORMAT_VERSION, SCHEMA_VERSION, Tier, ImportMode,
  backupBlob, backupChecksum, backupText, canonicalJson, exportProject, importProject, migrate, generateAll,
  InvalidInputError, NotFoundError, OutboxState,
} from 'cofounder-artifacts';
import { RunnerFake, SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { environment, generated, P, OTHER, projectDump, dump, scenario } from './support/backup.js';

before(() => init());

const DETAILS = { name: 'StockPilot', idea: 'Inventory for small shops' };

async function backedUp() {
  const source = await environment();
  await scenario(source);
  const backup = await exportProject(source.store, P, { project: DETAILS });
  return { source, backup };
}

test('the backup holds the format, the project, every record and the unsent outbox entries, with a checksum of the rest', async () => {
  const { source, backup } = await backedUp();
  assert.deepEqual(Object.keys(backup), ['format', 'formatVersion', 'exportedAt', 'schemaVersion', 'project', 'records', 'outbox', 'checksum']);
  assert.equal(backup.format, BACKUP_FORMAT);
  assert.equal(backup.formatVersion, BACKUP_FORMAT_VERSION);
  assert.equal(backup.schemaVersion, SCHEMA_VERSION);
  assert.equal(backup.exportedAt, new Date(source.now).toISOString());
  assert.deepEqual(backup.project, { ...DETAILS, id: P });
  const mine = await projectDump(source);
  assert.deepEqual(backup.records.map((r) => r.artifact_type), ['brief', 'mvp_scope', 'milestones', 'risk_log']);
  assert.deepEqual([...backup.records].sort((a, b) => a.artifact_type.localeCompare(b.artifact_type)), mine.records);
  assert.deepEqual(backup.outbox, mine.outbox);
  assert.ok(backup.outbox.some((e) => e.state === OutboxState.DEAD) && backup.outbox.some((e) => e.state === OutboxState.PENDING));
  assert.ok(backup.records.every((r) => r.project_id === P), 'the other project stays out');
  // The checksum: SHA-256 of the canonical JSON (sorted keys, no whitespace) of all but itself.
  const { checksum, ...rest } = backup;
  assert.equal(checksum, `sha256-${createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex')}`);
  assert.equal(canonicalJson({ b: [1, { d: 'x', c: null }], a: 'é' }), '{"a":"é","b":[1,{"c":null,"d":"x"}]}');
  assert.equal(await backupChecksum(backup), checksum);
  // Text and Blob forms.
  assert.deepEqual(JSON.parse(backupText(backup)), backup);
  const blob = backupBlob(backup);
  assert.equal(blob.type, 'application/json');
  assert.equal(await blob.text(), backupText(backup));
  await assert.rejects(exportProject(source.store, 'no-such-project'), NotFoundError);
  source.store.close();
});

test('a round trip into an empty store gives back exactly the records and outbox entries, from the object, its text or a Blob', async () => {
  const { source, backup } = await backedUp();
  const original = await projectDump(source);
  for (const form of [backup, backupText(backup), backupBlob(backup)]) {
    const target = await environment();
    const changes = [];
    target.store.subscribe((change) => changes.push(change));
    const summary = await importProject(target.store, form);
    assert.deepEqual(summary, { project: { ...DETAILS, id: P }, written: 4, kept: 0, removed: 0, outbox: original.outbox.length });
    assert.deepEqual(await projectDump(target), original);
    assert.deepEqual((await dump(target)).records.map((r) => r.project_id).filter((id) => id !== P), []);
    // One change event per record written, saying how many entries it queued.
    assert.deepEqual(changes.map((c) => [c.kind, c.artifactType, c.id]).sort(),
      original.records.map((r) => ['importProject', r.artifact_type, r.id]).sort());
    assert.equal(changes.reduce((sum, c) => sum + (c.queued ?? 0), 0), original.outbox.length);
    // The store reads and writes the restored project as its own.
    const brief = await target.store.getByType(P, 'brief');
    assert.equal(brief.version_number, 2);
    assert.equal(brief.previous_content.key_constraint, SAMPLE_PLAN.brief.key_constraint);
    assert.equal(brief.current_content.target_user, 'We serve two-person bakeries.');
    await target.store.editSection(P, 'brief', 'problem_statement', 'Shops miscount stock.');
    await generated(target.store, P, 'risk_log');
    // A backup of the restored project is the same backup (but for its date).
    const again = await exportProject(target.store, P, { project: DETAILS });
    assert.equal(again.records.length, 4);
    target.store.close();
  }
  source.store.close();
});

test('a backup of content gated to the lowest tier round-trips', async () => {
  const source = await environment();
  await generateAll(source.store, new RunnerFake(), { projectId: P, tier: Object.values(Tier)[0] });
  const backup = await exportProject(source.store, P);
  const target = await environment();
  await importProject(target.store, backupText(backup));
  assert.deepEqual(await projectDump(target), await projectDump(source));
  source.store.close();
  target.store.close();
});

test('merge keeps the newer of each record and adds only the missing outbox entries; replace takes the backup\'s', async () => {
  const source = await environment();
  await generated(source.store, P, 'brief');
  await generated(source.store, P, 'mvp_scope');
  const early = await exportProject(source.store, P);
  source.tick(60_000);
  await generated(source.store, P, 'brief', { ...SAMPLE_PLAN.brief, key_constraint: 'Offline first.' });
  await source.store.editSection(P, 'brief', 'target_user', 'Bakeries.');
  await generated(source.store, P, 'milestones');
  const late = await exportProject(source.store, P);
  const lateDump = await projectDump(source);

  // A device restored from the early backup, where the MVP scope was regenerated since.
  const setUp = async () => {
    const target = await environment();
    await importProject(target.store, early);
    target.tick(120_000);
    await generated(target.store, P, 'mvp_scope', { ...SAMPLE_PLAN.mvp_scope, out_of_scope: ['Chains'] });
    await generated(target.store, OTHER, 'brief');
    return target;
  };

  const target = await setUp();
  const before = await projectDump(target);
  const summary = await importProject(target.store, late, { mode: ImportMode.MERGE });
  assert.deepEqual(summary, { project: { id: P }, written: 2, kept: 1, removed: 0, outbox: 3 });
  const merged = await projectDump(target);
  const byType = (records, type) => records.find((r) => r.artifact_type === type);
  assert.deepEqual(byType(merged.records, 'brief'), byType(lateDump.records, 'brief'), 'the backup\'s newer brief');
  assert.deepEqual(byType(merged.records, 'milestones'), byType(lateDump.records, 'milestones'), 'a record only the backup has');
  assert.deepEqual(byType(merged.records, 'mvp_scope'), byType(before.records, 'mvp_scope'), 'the store\'s newer MVP scope');
  // Every change once: the early entries were there already; the late brief's and milestones'
  // are added after them; the MVP scope's late entries (made on the older version) are not.
  const ids = merged.outbox.map((e) => e.mutationId);
  assert.equal(new Set(ids).size, ids.length);
  const expected = [...before.outbox.map((e) => e.mutationId),
    ...late.outbox.filter((e) => !before.outbox.some((b) => b.mutationId === e.mutationId) && e.artifactType !== 'mvp_scope').map((e) => e.mutationId)];
  assert.deepEqual(ids, expected);
  assert.deepEqual((await projectDump(target, OTHER)).records.length, 1, 'the other project is untouched');
  // Merging the same backup again changes nothing.
  assert.deepEqual(await importProject(target.store, late), { project: { id: P }, written: 2, kept: 1, removed: 0, outbox: 0 });
  target.store.close();

  // Replace: the project is exactly the backup's, records and outbox; the other project stays.
  const replaced = await setUp();
  const other = await projectDump(replaced, OTHER);
  assert.deepEqual(await importProject(replaced.store, late, { mode: ImportMode.REPLACE }),
    { project: { id: P }, written: 3, kept: 0, removed: 0, outbox: late.outbox.length });
  const replacedDump = await projectDump(replaced);
  assert.deepEqual(replacedDump.records, lateDump.records);
  // The other project's entry holds one of the backup's seqs here: the backup's entries are
  // numbered anew after it, in their order.
  const withoutSeq = (entries) => entries.map(({ seq, ...entry }) => entry);
  assert.deepEqual(withoutSeq(replacedDump.outbox), withoutSeq(lateDump.outbox));
  assert.ok(replacedDump.outbox.every((e) => e.seq > other.outbox[0].seq));
  assert.deepEqual(await projectDump(replaced, OTHER), other);
  replaced.store.close();

  // Replace removes a record the backup does not have, with its entries.
  const fewer = await environment();
  await importProject(fewer.store, late);
  await generated(fewer.store, P, 'risk_log');
  const summaryFewer = await importProject(fewer.store, late, { mode: 'replace' });
  assert.equal(summaryFewer.removed, 1);
  assert.deepEqual(await projectDump(fewer), lateDump);
  await assert.rejects(importProject(fewer.store, late, { mode: 'overwrite' }), InvalidInputError);
  fewer.store.close();
  source.store.close();
});

test('merge: the same artifact generated separately on two devices (two ids), the newer wins and the other goes with its entries', async () => {
  const a = await environment();
  const b = await environment();
  await generated(a.store, P, 'brief');
  b.tick(5000);
  await generated(b.store, P, 'brief', { ...SAMPLE_PLAN.brief, key_constraint: 'B' });
  await generated(b.store, P, 'brief', { ...SAMPLE_PLAN.brief, key_constraint: 'B2' });
  const fromB = await exportProject(b.store, P);
  const summary = await importProject(a.store, fromB);
  assert.deepEqual(summary, { project: { id: P }, written: 1, kept: 0, removed: 1, outbox: 2 });
  assert.deepEqual(await projectDump(a), await projectDump(b));
  a.store.close();
  b.store.close();
});

test('content of an older schema in a backup is migrated through the core on the way in', async () => {
  const { source, backup } = await backedUp();
  const legacy = structuredClone(backup);
  const brief = legacy.records[0];
  delete brief.current_content._schema_version;
  delete brief.previous_content._schema_version;
  brief.schema_version = 0;
  legacy.schemaVersion = 0;
  legacy.checksum = await backupChecksum(legacy);
  const target = await environment();
  await importProject(target.store, backupText(legacy));
  const [stored] = (await projectDump(target)).records.filter((r) => r.artifact_type === 'brief');
  assert.equal(stored.current_content._schema_version, SCHEMA_VERSION);
  assert.deepEqual(stored.current_content, migrate('brief', brief.current_content).value);
  assert.deepEqual(stored.previous_content, migrate('brief', brief.previous_content).value);
  assert.equal(stored.schema_version, SCHEMA_VERSION);
  // Nothing else of the record changed.
  const { current_content: _c, previous_content: _p, schema_version: _s, ...rest } = stored;
  const { current_content: _c2, previous_content: _p2, schema_version: _s2, ...original } = backup.records[0];
  assert.deepEqual(rest, original);
  source.store.close();
  target.store.close();
});
