// Client-chosen project ids (a client creates a project offline and pushes it later): creating
// with an id the caller already owns is idempotent (200, the project as it is), an id of another
// user's project is 409 without a word of theirs, and without an id nothing changes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Tier } from 'cofounder-artifacts';
import { serverOn, storages, TOKENS } from './support/harness.js';

for (const storage of storages()) {
  describe(`client-chosen project ids on ${storage.name}`, () => {
    const suite = serverOn(storage);
    const alice = (...args) => suite.clientFor(TOKENS[0].token)(...args);
    const bob = (...args) => suite.clientFor(TOKENS[1].token)(...args);
    const listed = async (as, id) => (await as('GET', '/api/projects')).body.filter((p) => p.id === id);

    test('create with an id: 201 under that id, and GET finds it', async () => {
      const id = crypto.randomUUID();
      const created = await alice('POST', '/api/projects', { body: { id, name: 'Offline', idea: 'made on a plane', tier: Tier.PARTNER } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.id, id);
      assert.equal(created.body.name, 'Offline');
      assert.equal(created.body.tier, Tier.PARTNER);
      const one = await alice('GET', `/api/projects/${id}`);
      assert.equal(one.status, 200);
      assert.deepEqual(one.body, created.body);
    });

    test('the same create again: 200 with the same record, one project listed', async () => {
      const id = crypto.randomUUID();
      const body = { id, name: 'Retried', idea: 'the answer was lost' };
      const first = await alice('POST', '/api/projects', { body });
      assert.equal(first.status, 201);
      const again = await alice('POST', '/api/projects', { body });
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, first.body);
      // A repeat with other fields leaves the project as it is.
      const renamed = await alice('POST', '/api/projects', { body: { ...body, name: 'Renamed' } });
      assert.equal(renamed.status, 200);
      assert.deepEqual(renamed.body, first.body);
      assert.deepEqual(await listed(alice, id), [first.body]);
    });

    test('concurrent creates of one id: one 201, the others 200, one project', async () => {
      const id = crypto.randomUUID();
      const answers = await Promise.all(Array.from({ length: 8 }, () => alice('POST', '/api/projects', { body: { id, name: 'Racing' } })));
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 200, 200, 200, 200, 201]);
      for (const answer of answers) assert.deepEqual(answer.body, answers[0].body);
      assert.equal((await listed(alice, id)).length, 1);
    });

    test('another user\'s id is 409 project_exists; their project is neither shown nor touched', async () => {
      const id = crypto.randomUUID();
      const mine = await alice('POST', '/api/projects', { body: { id, name: 'Alice secret', idea: 'alice only' } });
      assert.equal(mine.status, 201);
      const taken = await bob('POST', '/api/projects', { body: { id, name: 'Bob', idea: 'bob was here' } });
      assert.equal(taken.status, 409);
      assert.equal(taken.body.code, 'project_exists');
      assert.ok(!JSON.stringify(taken.body).includes('Alice secret'));
      assert.ok(!JSON.stringify(taken.body).includes('alice only'));
      assert.deepEqual((await alice('GET', `/api/projects/${id}`)).body, mine.body);
      assert.deepEqual(await listed(bob, id), []);
      assert.equal((await bob('GET', `/api/projects/${id}`)).status, 404);
    });

    test('a malformed id is 422 and creates nothing', async () => {
      const before = (await alice('GET', '/api/projects')).body.length;
      for (const id of ['not-a-uuid', '', 42, null, `${crypto.randomUUID()}0`, '00000000-0000-0000-0000-00000000000g']) {
        const res = await alice('POST', '/api/projects', { body: { id, name: 'Bad id' } });
        assert.equal(res.status, 422, JSON.stringify(id));
        assert.equal(res.body.code, 'invalid_request');
      }
      assert.equal((await alice('GET', '/api/projects')).body.length, before);
    });

    test('without an id, every create is a new project as before', async () => {
      const body = { name: 'Twice' };
      const first = await alice('POST', '/api/projects', { body });
      const second = await alice('POST', '/api/projects', { body });
      assert.equal(first.status, 201);
      assert.equal(second.status, 201);
      assert.notEqual(first.body.id, second.body.id);
    });
  });
}
