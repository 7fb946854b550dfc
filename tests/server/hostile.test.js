// Hostile input is answered cleanly (a 4xx with {detail, code}), stored literally when it is
// valid, and the suite.server keeps serving: huge and endless bodies, deep nesting, invalid UTF-8,
// malformed JSON, wrong types, unknown artifact types and tiers, SQL metacharacters everywhere.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { before, describe, test } from 'node:test';
import { ARTIFACTS, ArtifactType, GENERATION_ORDER } from 'cofounder-artifacts';
import { generatedProject, serverOn, storages, stringSection, TOKENS } from './support/harness.js';

const SQL = [
  "'; DROP TABLE artifacts; --",
  "Robert'); DELETE FROM projects WHERE ('1'='1",
  '" OR 1=1 --',
  '$1 $$ $tag$ \\x00 \\\\ %s %d ::jsonb ;',
  "1' UNION SELECT token_sha256, user_id FROM api_tokens --",
];

// Sends raw bytes over a plain socket and resolves with the answer's {status, body}: what the
// suite.server sent is read as it arrives, so an answer sent before the suite.server stops reading the request
// (a body over the limit) is seen even when writing the rest of the body then fails.
function rawRequest(base, { method = 'POST', path, headers = {}, chunks }) {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const received = [];
    socket.on('data', (data) => received.push(data));
    socket.on('error', (error) => { if (!['EPIPE', 'ECONNRESET'].includes(error.code)) reject(error); });
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1]);
      const body = rest.join('\r\n\r\n').slice(0, length);
      resolve({ status, body: body ? JSON.parse(body) : null });
    });
    const lines = [`${method} ${url.pathname} HTTP/1.1`, `host: ${url.host}`, 'connection: close',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    const chunked = headers['transfer-encoding'] === 'chunked';
    (async () => {
      const write = (data) => (socket.destroyed || socket.write(data) ? null : new Promise((r) => { socket.once('drain', r); socket.once('close', r); }));
      await write(`${lines.join('\r\n')}\r\n\r\n`);
      for (const chunk of chunks) {
        if (socket.destroyed) return;
        await write(chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk);
      }
      if (chunked) await write('0\r\n\r\n');
    })().catch(() => {});
  });
}

for (const storage of storages()) {
  describe(`hostile input on ${storage.name}`, () => {
    const suite = serverOn(storage);
    const { call } = suite;
    let plan;
    const auth = { authorization: `Bearer ${TOKENS[0].token}` };
    before(async () => { plan = await generatedProject(suite.server, call); });
    const stillServing = async () => {
      const res = await call('GET', `/api/artifacts/project/${plan.project.id}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.map((a) => a.artifact_type), GENERATION_ORDER);
    };

    test('a 64 MB body is 413, with a length header or chunked', async () => {
      const megabyte = Buffer.alloc(1024 * 1024, 'a');
      const chunks = [Buffer.from('{"name":"'), ...Array.from({ length: 64 }, () => megabyte), Buffer.from('"}')];
      const length = chunks.reduce((n, c) => n + c.length, 0);
      const declared = await rawRequest(suite.server.base, { path: '/api/projects', headers: { ...auth, 'content-type': 'application/json', 'content-length': length }, chunks });
      assert.equal(declared.status, 413);
      assert.equal(declared.body.code, 'body_too_large');
      const chunked = await rawRequest(suite.server.base, { path: '/api/projects', headers: { ...auth, 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks });
      assert.equal(chunked.status, 413);
      await stillServing();
    });

    test('deep nesting is refused cleanly wherever JSON goes', async () => {
      const deep = (n) => `${'['.repeat(n)}${']'.repeat(n)}`;
      const brief = plan.byType[ArtifactType.BRIEF];
      for (const depth of [1000, 100_000, 500_000]) {
        const project = await call('POST', '/api/projects', { raw: `{"name":${deep(depth)}}` });
        assert.ok([400, 413, 422].includes(project.status), `${depth}: ${project.status}`);
        assert.ok(project.body.code);
        const edit = await call('PATCH', `/api/artifacts/${brief.id}/edit`, { raw: `{"section_path":"${stringSection(brief)}","new_value":${deep(depth)}}` });
        assert.ok([400, 413, 422].includes(edit.status), `${depth}: ${edit.status}`);
        const put = await call('PUT', `/api/artifacts/${crypto.randomUUID()}`, { raw: `{"project_id":"${plan.project.id}","artifact_type":"brief","content":{"problem_statement":${deep(depth)}}}` });
        assert.ok([400, 409, 413, 422].includes(put.status), `${depth}: ${put.status}`);
      }
      await stillServing();
    });

    test('invalid UTF-8 is 400; malformed JSON is 400 with a clear message; other media types 415', async () => {
      const bytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
      const invalid = await rawRequest(suite.server.base, {
        path: '/api/projects',
        headers: { ...auth, 'content-type': 'application/json', 'content-length': bytes.length },
        chunks: [bytes],
      });
      assert.equal(invalid.status, 400);
      assert.equal(invalid.body.code, 'invalid_utf8');
      for (const raw of ['{', '{"name": }', '{"name":"x",}', 'nul', "{'name':'x'}", '{"name":"x"}garbage']) {
        const res = await call('POST', '/api/projects', { raw });
        assert.equal(res.status, 400, raw);
        assert.equal(res.body.code, 'malformed_json');
        assert.match(res.body.detail, /^request body is not valid JSON: /);
      }
      const text = await call('POST', '/api/projects', { raw: 'name=x', headers: { 'content-type': 'text/plain' } });
      assert.equal(text.status, 415);
      await stillServing();
    });

    test('wrong types, non-object bodies and unknown fields are 422 on every write', async () => {
      const brief = plan.byType[ArtifactType.BRIEF];
      const cases = [
        ['POST', '/api/projects', [[], 'x', 5, null, { name: { a: 1 } }, { name: 'x', tier: 3 }, { name: 'x', __proto__: null, constructor: 1 }]],
        ['POST', '/api/artifacts/generate', [[], { project_id: 7 }, { project_id: plan.project.id, force: 'true' }]],
        ['POST', `/api/artifacts/${brief.id}/regenerate`, [[], { force: 'yes' }, { force: true, extra: 1 }]],
        ['PATCH', `/api/artifacts/${brief.id}/edit`, [[], { section_path: 5, new_value: 'x' }, { section_path: '', new_value: 'x' }, { section_path: '__proto__', new_value: {} }, { section_path: 'constructor.prototype', new_value: {} }]],
        ['POST', `/api/artifacts/${brief.id}/annotate`, [[], { section_id: [], note: 'x' }, { section_id: 'x', note: 5 }]],
        ['PUT', `/api/artifacts/${crypto.randomUUID()}`, [[], { project_id: plan.project.id, artifact_type: ArtifactType.BRIEF, content: 'x' }, { project_id: plan.project.id, artifact_type: ArtifactType.BRIEF, content: [] }]],
      ];
      for (const [method, path, bodies] of cases) {
        for (const body of bodies) {
          const res = await call(method, path, { body });
          assert.equal(res.status, 422, `${method} ${path} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
          assert.ok(res.body.detail && res.body.code);
        }
      }
      const proto = await call('POST', '/api/projects', { raw: '{"name":"x","__proto__":{"admin":true}}' });
      assert.equal(proto.status, 422);
      await stillServing();
    });

    test('unknown artifact types and tiers are 422 naming the field', async () => {
      for (const type of ['pitch_deck', 'BRIEF', '', 'brief ', '__proto__', 'constructor']) {
        const res = await call('PUT', `/api/artifacts/${crypto.randomUUID()}`, { body: { project_id: plan.project.id, artifact_type: type, content: {} } });
        assert.equal(res.status, 422, type);
        assert.match(JSON.stringify(res.body.errors), /artifact_type/);
      }
      for (const tier of ['platinum', 'CTO_SCALE', '', '__proto__']) {
        const res = await call('POST', '/api/projects', { body: { name: 'x', tier } });
        assert.equal(res.status, 422, tier);
        assert.match(JSON.stringify(res.body.errors), /tier/);
      }
      const variant = await call('GET', `/api/artifacts/${plan.byType[ArtifactType.BRIEF].id}/export/markdown?variant=${encodeURIComponent("'; DROP TABLE x; --")}`);
      assert.equal(variant.status, 422);
      await stillServing();
    });

    test('SQL metacharacters in every string field are stored and read back literally', async () => {
      for (const text of SQL) {
        const project = await call('POST', '/api/projects', { body: { name: text, idea: text }, headers: { 'idempotency-key': `k-${crypto.randomUUID()}-'--` } });
        assert.equal(project.status, 201, text);
        assert.equal(project.body.name, text);
        assert.equal(project.body.idea, text);
        assert.equal((await call('GET', `/api/projects/${project.body.id}`)).body.name, text);
        const brief = plan.byType[ArtifactType.BRIEF];
        const section = stringSection(brief);
        const edited = await call('PATCH', `/api/artifacts/${brief.id}/edit`, { body: { section_path: section, new_value: `${text} is the problem` } });
        assert.equal(edited.status, 200, text);
        assert.equal((await call('GET', `/api/artifacts/${brief.id}`)).body.current_content[section], `${text} is the problem`);
        const noted = await call('POST', `/api/artifacts/${brief.id}/annotate`, { body: { section_id: section, note: text } });
        assert.equal(noted.body.annotations.at(-1).note, text);
        // In places where it is not a valid value: refused, not run.
        assert.equal((await call('PATCH', `/api/artifacts/${brief.id}/edit`, { body: { section_path: text, new_value: text } })).status, 422);
        assert.equal((await call('POST', `/api/artifacts/${brief.id}/annotate`, { body: { section_id: text, note: text } })).status, 422);
        assert.equal((await call('GET', `/api/artifacts/${encodeURIComponent(text)}`)).status, 404);
        assert.equal((await call('GET', `/api/artifacts/project/${encodeURIComponent(text)}`)).status, 404);
        assert.equal((await call('POST', '/api/artifacts/generate', { body: { project_id: text } })).status, 422);
        assert.equal((await call('GET', '/api/projects', { token: text })).status, 401);
      }
      await stillServing();
    });

    test('text PostgreSQL cannot store (U+0000, lone surrogates) is 422 in every field', async () => {
      const brief = plan.byType[ArtifactType.BRIEF];
      const section = stringSection(brief);
      const bodies = [
        ['POST', '/api/projects', '{"name":"a\\u0000b"}'],
        ['POST', '/api/projects', '{"name":"x","idea":"\\ud800"}'],
        ['POST', '/api/projects', '{"name":"x","\\udc00":1}'],
        ['POST', `/api/artifacts/${brief.id}/annotate`, `{"section_id":"${section}","note":"a\\u0000b"}`],
        ['POST', `/api/artifacts/${brief.id}/annotate`, `{"section_id":"${section}","note":"\\ud800 alone"}`],
        ['PATCH', `/api/artifacts/${brief.id}/edit`, `{"section_path":"${section}","new_value":"nul \\u0000 here"}`],
        ['PATCH', `/api/artifacts/${brief.id}/edit`, `{"section_path":"${section}","new_value":"pair \\ud83d\\ude00 then \\udfff"}`],
      ];
      for (const [method, path, raw] of bodies) {
        const res = await call(method, path, { raw });
        assert.equal(res.status, 422, `${raw}: ${res.status} ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, 'unstorable_text');
      }
      // A valid pair and an escaped backslash before "u0000" are fine.
      const fine = await call('POST', '/api/projects', { raw: '{"name":"\\ud83d\\ude00 \\\\u0000"}' });
      assert.equal(fine.status, 201);
      assert.equal(fine.body.name, '\u{1F600} \\u0000');
      await stillServing();
      assert.ok(ARTIFACTS[ArtifactType.BRIEF]);
    });
  });
}
