// ArtifactStore.open with a factory in a Node without the IndexedDB globals, or with a factory of
// another IndexedDB implementation than the globals: a StorageError that says what is missing and
// how to fix it, up front. And the supported way, end to end. Each case runs in its own process
// (the globals must not leak into other tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runModule } from './support/child.js';

const report = `
  const report = (error) => console.log(JSON.stringify({ name: error.name, code: error.code, message: error.message }));
`;

test("a factory without the IndexedDB globals is refused, naming what is missing and the fix", () => {
  const result = runModule(`${report}
    import { indexedDB } from 'fake-indexeddb';
    import { ArtifactStore, init } from 'cofounder-artifacts';
    await init();
    try {
      await ArtifactStore.open({ name: 'plans', indexedDB });
      console.log(JSON.stringify({ opened: true }));
    } catch (error) {
      report(error);
    }
  `);
  assert.equal(result.name, 'StorageError');
  assert.equal(result.code, 'storage_failed');
  assert.match(result.message, /IDBRequest, IDBDatabase, IDBTransaction, IDBObjectStore, IDBIndex, IDBCursor/);
  assert.match(result.message, /import 'fake-indexeddb\/auto'/);
  assert.doesNotMatch(result.message, /aborted/);
});

test('a factory of another IndexedDB implementation than the globals is refused, and creates nothing', () => {
  // The CommonJS copy of fake-indexeddb has its own classes: the ES module copy's are the globals.
  const result = runModule(`${report}
    import 'fake-indexeddb/auto';
    import { createRequire } from 'node:module';
    import { ArtifactStore, init } from 'cofounder-artifacts';
    const { IDBFactory } = createRequire(process.cwd() + '/package.json')('fake-indexeddb');
    await init();
    const foreign = new IDBFactory();
    try {
      await ArtifactStore.open({ name: 'plans', indexedDB: foreign });
      console.log(JSON.stringify({ opened: true }));
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      console.log(JSON.stringify({ name: error.name, code: error.code, message: error.message,
        databases: (await foreign.databases()).map((d) => d.name) }));
    }
  `);
  assert.equal(result.name, 'StorageError');
  assert.equal(result.code, 'storage_failed');
  assert.match(result.message, /not instances of the global IDBRequest/);
  assert.match(result.message, /import 'fake-indexeddb\/auto'/);
  assert.deepEqual(result.databases, []);
});

test('the supported way: fake-indexeddb/auto and its factory, create, edit and read back', () => {
  const result = runModule(`
    import 'fake-indexeddb/auto';
    import { IDBFactory } from 'fake-indexeddb';
    import { ArtifactStore, init } from 'cofounder-artifacts';
    import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
    await init();
    const store = await ArtifactStore.open({ name: 'plans', indexedDB: new IDBFactory() });
    const lease = await store.beginGeneration('p', 'brief');
    await store.completeGeneration('p', 'brief', SAMPLE_PLAN.brief, { lease });
    await store.editSection('p', 'brief', 'target_user', 'Owners of three-person cafes.');
    const record = await store.getByType('p', 'brief');
    store.close();
    console.log(JSON.stringify({ version: record.version_number, target: record.current_content.target_user,
      edited: record.edited_sections }));
  `);
  assert.deepEqual(result, { version: 1, target: 'Owners of three-person cafes.', edited: ['target_user'] });
});
