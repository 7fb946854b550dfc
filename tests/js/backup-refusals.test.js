// Files that are not a restorable backup: each is refused with BackupError and its stable code
// before anything is written (a full dump of the database is the same after), with no change
// event. Then a write fault at every write of an import leaves the store as it was.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  init, ArtifactsError, BackupError, BACKUP_ERROR_CODES, ConcurrentGenerationError, SCHEMA_VERSION, StorageError,
  StorageFullError, backupChecksum, backupText, exportProject, importProject,
} from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { quotaExceeded } from './support/faulty-indexeddb.js';
import { dump, environment, generated, P, scenario } from './support/backup.js';

before(() => init());

let source;
let backup;
let text;

before(async () => {
  source = await environment();
  await scenario(source);
  backup = await exportProject(source.store, P, { project: { name: 'StockPilot' } });
  text = backupText(backup);
});

/** The backup changed by `change(copy)`, its checksum made right again: a well-formed file. */
async function resealed(change) {
  const copy = structuredClone(backup);
  change(copy);
  copy.checksum = await backupChecksum(copy);
  return copy;
}

/** A JSON member named __proto__ (JSON.parse makes it an own property, as an attacker's file would). */
function withOwn(object, key, value) {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

const brief = (copy) => copy.records.find((r) => r.artifact_type === 'brief');

// [name, () => the file, expected code, what the message must say]
const BAD_FILES = [
  ['not JSON', () => 'Dear founder, here is your plan.', 'backup_corrupt', /not valid JSON/],
  ['empty', () => '', 'backup_corrupt', /empty/],
  ['whitespace only', () => '  \n', 'backup_corrupt', /empty/],
  ['JSON with a syntax error in the middle', () => text.replace('"records":[', '"records":[,'), 'backup_corrupt', /not valid JSON/],
  ['one byte changed in a record', () => {
    const at = text.indexOf('We serve two-person bakeries.');
    return `${text.slice(0, at)}w${text.slice(at + 1)}`;
  }, 'backup_checksum', /changed after it was made/],
  ['a version number changed', () => text.replace('"version_number":2', '"version_number":3'), 'backup_checksum', /checksum/],
  ['the checksum changed', () => text.replace(/"sha256-(.)/, (m, c) => `"sha256-${c === '0' ? '1' : '0'}`), 'backup_checksum', /checksum/],
  ['a note removed, same checksum', async () => backupText({ ...(await resealed(() => {})), outbox: backup.outbox.slice(1) }), 'backup_checksum', /checksum/],
  ['a newer formatVersion', () => ({ ...backup, formatVersion: 2 }), 'backup_newer_format', /newer version/],
  ['a newer schemaVersion', () => resealed((copy) => { copy.schemaVersion = SCHEMA_VERSION + 1; }), 'backup_newer_format', /newer schema/],
  ['content of a newer schema', () => resealed((copy) => { brief(copy).current_content._schema_version = SCHEMA_VERSION + 1; }),
    'backup_newer_format', /newer schema/],
  ['a plan object', () => SAMPLE_PLAN, 'backup_wrong_type', /not a plan backup/],
  ['an artifact', () => JSON.stringify(SAMPLE_PLAN.brief), 'backup_wrong_type', /not a plan backup/],
  ['an array', () => [backup], 'backup_wrong_type', /a list/],
  ['JSON null', () => 'null', 'backup_wrong_type', /null/],
  ['null', () => null, 'backup_wrong_type', /null/],
  ['a JSON string', () => JSON.stringify(text), 'backup_wrong_type', /a string/],
  ['a number', () => 42, 'backup_wrong_type', /a number/],
  ['undefined', () => undefined, 'backup_wrong_type', /not JSON/],
  ['another app\'s file', () => ({ format: 'other-app-export', version: 1, items: [] }), 'backup_wrong_type', /other-app-export/],
  ['a format that is not text', () => ({ ...backup, format: { name: 'x' } }), 'backup_wrong_type', /not a plan backup/],
  ['a cyclic object', () => { const cyclic = { ...backup }; cyclic.self = cyclic; return cyclic; }, 'backup_corrupt', /not JSON/],
  ['records missing', () => resealed((copy) => { delete copy.records; }), 'backup_corrupt', /lacks records/],
  ['records not a list', () => resealed((copy) => { copy.records = { 0: copy.records[0] }; }), 'backup_corrupt', /records is not a list/],
  ['no checksum', () => { const { checksum, ...rest } = backup; return rest; }, 'backup_corrupt', /lacks checksum/],
  ['a project without id', () => resealed((copy) => { delete copy.project.id; }), 'backup_corrupt', /no id/],
  ['an unknown top-level field', () => resealed((copy) => { copy.extra = 1; }), 'backup_corrupt', /"extra"/],
  ['a __proto__ member at the top', async () => {
    const copy = withOwn(structuredClone(backup), '__proto__', { polluted: true });
    copy.checksum = await backupChecksum(copy);
    return backupText(copy);
  }, 'backup_corrupt', /"__proto__"/],
  ['a record with invalid content', () => resealed((copy) => { brief(copy).current_content.target_user = 42; }),
    'backup_invalid_record', /record "[^"]+" \(Product Brief\) has invalid current_content: .* at target_user/],
  ['a record missing a required section', () => resealed((copy) => { delete brief(copy).previous_content.problem_statement; }),
    'backup_invalid_record', /previous_content.*problem_statement/],
  ['a record of another project', () => resealed((copy) => { copy.records[1].project_id = 'someone-else'; }),
    'backup_invalid_record', /belongs to another project/],
  ['duplicate record ids', () => resealed((copy) => { copy.records[1].id = copy.records[0].id; }),
    'backup_invalid_record', /appears twice/],
  ['one artifact twice', () => resealed((copy) => { copy.records.push({ ...copy.records[0], id: 'another-id' }); }),
    'backup_invalid_record', /Product Brief appears twice/],
  ['an unknown artifact type', () => resealed((copy) => { copy.records[0].artifact_type = 'pitch_deck'; }),
    'backup_invalid_record', /artifact_type is not one of/],
  ['a record that is not an object', () => resealed((copy) => { copy.records[2] = 'brief'; }),
    'backup_invalid_record', /record #3 is not an object/],
  ['a record with an unknown field', () => resealed((copy) => { copy.records[0].owner = 'x'; }),
    'backup_invalid_record', /unknown field "owner"/],
  ['a record with a __proto__ member', async () => {
    const copy = structuredClone(backup);
    withOwn(copy.records[0], '__proto__', { polluted: true });
    copy.checksum = await backupChecksum(copy);
    return backupText(copy);
  }, 'backup_invalid_record', /unknown field "__proto__"/],
  ['content with a __proto__ member', async () => {
    const copy = structuredClone(backup);
    withOwn(copy.records[0].current_content, '__proto__', { polluted: true });
    copy.checksum = await backupChecksum(copy);
    return backupText(copy);
  }, 'backup_invalid_record', /unknown key in current_content at __proto__/],
  ['a huge version number', () => resealed((copy) => { copy.records[0].version_number = 1e300; }),
    'backup_invalid_record', /version_number is not a whole number/],
  ['a negative version number', () => resealed((copy) => { copy.records[0].version_number = -1; }),
    'backup_invalid_record', /version_number/],
  ['content beyond the core\'s input limit', () => resealed((copy) => { brief(copy).current_content.target_user = 'x'.repeat(17 * 1024 * 1024); }),
    'backup_invalid_record', /current_content/],
  ['an annotation that is not a note', () => resealed((copy) => { brief(copy).annotations[0].note = { html: '<script>' }; }),
    'backup_invalid_record', /note whose note is not text/],
  ['an outbox entry of a record not in the backup', () => resealed((copy) => { copy.outbox[0].recordId = 'missing'; }),
    'backup_invalid_record', /record the backup does not hold/],
  ['an outbox entry of another project', () => resealed((copy) => { copy.outbox[0].projectId = 'someone-else'; }),
    'backup_invalid_record', /another project/],
  ['an outbox entry of an unknown kind', () => resealed((copy) => { copy.outbox[0].kind = 'delete'; }),
    'backup_invalid_record', /unknown kind/],
  ['an outbox put with invalid content', () => resealed((copy) => { copy.outbox[0].payload.content = { nope: true }; }),
    'backup_invalid_record', /outbox entry/],
  ['two outbox entries with one mutationId', () => resealed((copy) => { copy.outbox[1].mutationId = copy.outbox[0].mutationId; }),
    'backup_invalid_record', /appears twice/],
  ['deeply nested JSON', () => `{"format":"cofounder-artifacts-backup","formatVersion":1,"project":${'['.repeat(200000)}${']'.repeat(200000)}}`,
    'backup_corrupt', /./],
];

test('every kind of bad file is refused with its typed error, and the store is unchanged', async () => {
  const target = await environment();
  await scenario(target);
  const before = await dump(target);
  const changes = [];
  target.store.subscribe((change) => changes.push(change));
  for (const [name, file, code, message] of BAD_FILES) {
    const given = await file();
    await assert.rejects(importProject(target.store, given), (error) => {
      assert.ok(error instanceof BackupError, `${name}: ${error?.name}: ${error?.message}`);
      assert.ok(error instanceof ArtifactsError, name);
      assert.equal(error.code, code, `${name}: ${error.message}`);
      assert.ok(BACKUP_ERROR_CODES.includes(error.code), name);
      assert.match(error.message, message, name);
      return true;
    }, name);
  }
  assert.deepEqual(await dump(target), before);
  assert.deepEqual(changes, []);
  assert.equal(Object.prototype.polluted, undefined);
  assert.equal({}.polluted, undefined);
  // Still usable: the good file is restored.
  await importProject(target.store, text, { mode: 'replace' });
  target.store.close();
});

test('a file cut off at any point is backup_truncated (a download interrupted), never corrupt', async () => {
  const target = await environment();
  const before = await dump(target);
  const length = text.trimEnd().length;
  const cuts = [1, 2, 9, 10, 11, 30, 100, 101, 1000, Math.floor(length / 3), Math.floor(length / 2), length - 40, length - 3, length - 2, length - 1];
  // And every point of the first 300 characters and the last 300: inside keys, strings, numbers, literals.
  for (let at = 1; at < 300; at += 1) cuts.push(at, length - at);
  for (const at of cuts) {
    await assert.rejects(importProject(target.store, text.slice(0, at)),
      (error) => error instanceof BackupError && error.code === 'backup_truncated', `cut at ${at}: ${text.slice(Math.max(0, at - 20), at)}`);
  }
  assert.deepEqual(await dump(target), before);
  target.store.close();
});

test('a record id already used by another project here is refused; nothing is written', async () => {
  const target = await environment();
  await generated(target.store, 'someone-elses-project', 'brief');
  const [theirs] = (await dump(target)).records;
  const clash = await resealed((copy) => {
    const old = copy.records[1].id;
    copy.records[1].id = theirs.id;
    for (const entry of copy.outbox) if (entry.recordId === old) entry.recordId = theirs.id;
  });
  const before = await dump(target);
  await assert.rejects(importProject(target.store, clash),
    (error) => error.code === 'backup_invalid_record' && /another project/.test(error.message));
  assert.deepEqual(await dump(target), before);
  target.store.close();
});

test('an import while a generation of the project runs is refused at once', async () => {
  const target = await environment();
  await target.store.exclusively(P, async () => {
    await assert.rejects(importProject(target.store, text), ConcurrentGenerationError);
  });
  assert.deepEqual((await dump(target)).records, []);
  target.store.close();
});

// ---- faults at every write of an import -------------------------------------------------------

const WRITES = ['put', 'add', 'delete'];

/** A store where the project already is (so a replace deletes and writes), and another project. */
async function populated() {
  const env = await environment();
  await scenario(env);
  await generated(env.store, P, 'how_it_works');
  await env.store.editSection(P, 'brief', 'target_user', 'Market stalls.');
  return env;
}

function writesOf(log, from) {
  return log.slice(from).filter((request) => request.mode === 'readwrite' && WRITES.includes(request.method));
}

for (const mode of ['replace', 'merge']) {
  test(`${mode}: a fault at each write of the import (k = 1..n) leaves the store unchanged; then the import succeeds`, async () => {
    // Count the import's writes.
    const probe = await populated();
    const older = await resealed((copy) => { for (const record of copy.records) record.updated_at = '2027-01-01T00:00:00.000Z'; });
    const from = probe.faults.log.length;
    await importProject(probe.store, older, { mode });
    const writes = writesOf(probe.faults.log, from).length;
    assert.ok(writes >= 20, `${writes} writes`);
    probe.store.close();

    for (let k = 1; k <= writes; k += 1) {
      const env = await populated();
      const before = await dump(env);
      const changes = [];
      env.store.subscribe((change) => changes.push(change));
      let seen = 0;
      const error = k % 2 ? quotaExceeded() : new DOMException('The disk is gone.', 'UnknownError');
      for (const method of WRITES) env.faults.failNext(method, error, { when: () => (seen += 1) === k });
      await assert.rejects(importProject(env.store, older, { mode }), (thrown) => {
        assert.ok(thrown instanceof StorageError, `write ${k}: ${thrown?.name}: ${thrown?.message}`);
        assert.equal(thrown.code, k % 2 ? 'storage_full' : 'storage_failed', `write ${k}`);
        assert.equal(thrown instanceof StorageFullError, k % 2 === 1);
        assert.equal(thrown.cause, error);
        return true;
      }, `write ${k}`);
      assert.equal(seen, k, `write ${k} was reached`);
      env.faults.reset();
      assert.deepEqual(await dump(env), before, `write ${k}: something was written`);
      assert.deepEqual(changes, [], `write ${k}: a change was announced`);
      await importProject(env.store, older, { mode });
      const restored = (await dump(env)).records.filter((r) => r.project_id === P);
      for (const record of older.records) assert.deepEqual(restored.find((r) => r.id === record.id), record, `write ${k}`);
      assert.equal(restored.length, older.records.length + (mode === 'merge' ? 1 : 0), 'merge keeps the record the backup lacks');
      env.store.close();
    }
  });
}

test('a quota error at the commit of an import: StorageFullError, nothing written, and the store is usable', async () => {
  const env = await populated();
  const before = await dump(env);
  env.faults.failCommit(quotaExceeded());
  await assert.rejects(importProject(env.store, text, { mode: 'replace' }),
    (error) => error instanceof StorageFullError && error.code === 'storage_full' && /storage space in the browser is full/.test(error.message));
  assert.equal(env.faults.armed, 0);
  assert.deepEqual(await dump(env), before);
  await importProject(env.store, text, { mode: 'replace' });
  env.store.close();
});
