// POST /api/llm/v1/chat/completions: with no upstream, the sample plan streamed in Chat
// Completions SSE (read here with a plain SSE reader) or answered as one chat.completion; with
// an upstream, relayed with the server's key and streamed back as it comes.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { ArtifactType, GENERATION_ORDER, jsonSchema, Tier, validate } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { client, serverOn, startServer, storages, TOKENS } from './support/harness.js';

const PATH = '/api/llm/v1/chat/completions';

// A plain SSE reader: the `data:` payloads of the events in a text/event-stream body, in order.
async function readSse(response) {
  const decoder = new TextDecoder();
  let buffer = '';
  const events = [];
  for await (const bytes of response.body) {
    buffer += decoder.decode(bytes, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
      if (data) events.push(data);
    }
  }
  assert.equal(buffer.trim(), '', 'the stream ends on an event boundary');
  return events;
}

const post = (base, body, { token = TOKENS[0].token } = {}) => fetch(`${base}${PATH}`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

function streamedContent(events, { minChunks = 4 } = {}) {
  assert.equal(events.at(-1), '[DONE]');
  const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
  for (const chunk of chunks) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    assert.equal(chunk.id, chunks[0].id);
    assert.equal(chunk.choices.length, 1);
    assert.equal(chunk.choices[0].index, 0);
  }
  assert.equal(chunks.at(-1).choices[0].finish_reason, 'stop');
  for (const chunk of chunks.slice(0, -1)) assert.equal(chunk.choices[0].finish_reason, null);
  assert.ok(chunks.length >= minChunks, 'streamed in several chunks');
  return chunks.map((c) => c.choices[0].delta.content ?? '').join('');
}

for (const storage of storages()) {
  describe(`the LLM route on ${storage.name}`, () => {
    const suite = serverOn(storage);

    test('streams the sample artifact named by response_format.json_schema.name', async () => {
      for (const type of GENERATION_ORDER) {
        const response = await post(suite.server.base, {
          model: 'gpt-test', stream: true, messages: [{ role: 'user', content: 'go' }],
          response_format: { type: 'json_schema', json_schema: { name: type, strict: true, schema: jsonSchema(type, { target: 'openai' }) } },
        });
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type'), /^text\/event-stream/);
        const schema = jsonSchema(type, { target: 'openai' });
        const content = JSON.parse(streamedContent(await readSse(response)));
        // The sample's sections, as many as the schema has (its strict form has no version stamp).
        assert.deepEqual(content, Object.fromEntries(Object.entries(SAMPLE_PLAN[type]).filter(([key]) => key in schema.properties)));
        assert.ok(GENERATION_ORDER.length > 0 && Object.keys(content).length >= Object.keys(SAMPLE_PLAN[type]).length - 1);
        assert.equal(validate(type, content).ok, true);
      }
    });

    test('only the sections the requested schema has (the tier\'s)', async () => {
      const schema = jsonSchema(ArtifactType.RISK_LOG, { tier: Tier.BOOTSTRAPPER, target: 'openai' });
      const response = await post(suite.server.base, {
        stream: true, messages: [], response_format: { type: 'json_schema', json_schema: { name: `${ArtifactType.RISK_LOG}_content`, schema } },
      });
      const content = JSON.parse(streamedContent(await readSse(response)));
      assert.deepEqual(Object.keys(content).sort(), Object.keys(schema.properties).filter((k) => k in SAMPLE_PLAN[ArtifactType.RISK_LOG]).sort());
      assert.equal(validate(ArtifactType.RISK_LOG, content, { tier: Tier.BOOTSTRAPPER }).ok, true);
    });

    test('the type from a system or user message; non-streaming is one chat.completion', async () => {
      const bySystem = await post(suite.server.base, { messages: [{ role: 'system', content: 'You write the founder\'s Risk Log as JSON.' }, { role: 'user', content: 'Please.' }] });
      assert.equal(bySystem.status, 200);
      const completion = await bySystem.json();
      assert.equal(completion.object, 'chat.completion');
      assert.equal(completion.choices[0].finish_reason, 'stop');
      assert.equal(completion.choices[0].message.role, 'assistant');
      assert.deepEqual(JSON.parse(completion.choices[0].message.content), SAMPLE_PLAN[ArtifactType.RISK_LOG]);
      const byUser = await post(suite.server.base, { stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: `Write the ${ArtifactType.MVP_SCOPE}.` }] }] });
      assert.deepEqual(JSON.parse((await byUser.json()).choices[0].message.content), SAMPLE_PLAN[ArtifactType.MVP_SCOPE]);
    });

    test('no artifact named 422; not an object 422; no token 401', async () => {
      const call = client(suite.server.base);
      const unknown = await call('POST', PATH, { body: { messages: [{ role: 'user', content: 'hello' }] } });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.code, 'unknown_artifact_type');
      assert.equal((await call('POST', PATH, { body: [1, 2] })).status, 422);
      assert.equal((await call('POST', PATH, { body: { messages: [] }, token: null })).status, 401);
    });

    describe('with an upstream', () => {
      let upstream;
      let seen;
      let relay;
      before(async () => {
        seen = [];
        upstream = createServer((req, res) => {
          let body = '';
          req.on('data', (d) => { body += d; });
          req.on('end', async () => {
            seen.push({ path: req.url, authorization: req.headers.authorization, body: JSON.parse(body) });
            if (JSON.parse(body).model === 'limited') {
              res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
              res.end('{"error":{"message":"slow down"}}');
              return;
            }
            res.writeHead(200, { 'content-type': 'text/event-stream' });
            for (const piece of ['{"a":', '1}']) {
              res.write(`data: ${JSON.stringify({ id: 'up', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`);
              await new Promise((r) => setTimeout(r, 20));
            }
            res.write(`data: ${JSON.stringify({ id: 'up', object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
            res.end('data: [DONE]\n\n');
          });
        });
        await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
        relay = await startServer(suite.db, { llm: { upstreamUrl: `http://127.0.0.1:${upstream.address().port}/v1/`, apiKey: 'server-secret' } });
      });
      after(async () => {
        await relay?.close();
        await new Promise((r) => upstream.close(r));
      });

      test('relays with the server\'s key, never the caller\'s token, and streams the answer back', async () => {
        const request = { model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] };
        const response = await post(relay.base, request);
        assert.equal(response.status, 200);
        assert.equal(streamedContent(await readSse(response), { minChunks: 3 }), '{"a":1}');
        assert.equal(seen.at(-1).path, '/v1/chat/completions');
        assert.equal(seen.at(-1).authorization, 'Bearer server-secret');
        assert.deepEqual(seen.at(-1).body, request);
      });

      test('the upstream\'s status and Retry-After come back; an unreachable upstream is 502', async () => {
        const limited = await post(relay.base, { model: 'limited', messages: [] });
        assert.equal(limited.status, 429);
        assert.equal(limited.headers.get('retry-after'), '7');
        assert.equal((await limited.json()).error.message, 'slow down');
        const dead = await startServer(suite.db, { llm: { upstreamUrl: 'http://127.0.0.1:1/v1', apiKey: 'k' } });
        try {
          const res = await post(dead.base, { messages: [] });
          assert.equal(res.status, 502);
          assert.equal((await res.json()).code, 'upstream_unreachable');
        } finally {
          await dead.close();
        }
      });
    });
  });
}
