// The LLM runners (cofounder-artifacts/runners) against a local server that replays each
// provider's recorded-style answers (tests/fixtures/provider-streams/, written by
// tools/make_provider_streams.mjs in the providers' documented wire formats): content, cut off,
// refused, failed; streamed a byte at a time or in random pieces. Also what they send (model,
// schema of the right target, prompt, auth), HTTP errors and retries, aborts, broken streams,
// junk options, the SSE parser at every split point, and a whole generation run through them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  init, jsonSchema, generateAll, ARTIFACTS, GENERATION_ORDER, Tier, TIER_TITLES, sectionsFor,
  ArtifactsError, InvalidInputError, UnknownArtifactTypeError, UnknownTierError,
  LlmTruncatedError, LlmRefusedError, LlmFailedError,
} from 'cofounder-artifacts';
import {
  openAIChatRunner, openAIResponsesRunner, anthropicRunner, buildArtifactMessages, SseParser,
  ANTHROPIC_VERSION, ANTHROPIC_MAX_TOKENS,
} from 'cofounder-artifacts/runners';
import { plan } from './support/fixtures.js';
import { readSources } from './support/layers.js';
import {
  answer, hang, replay, seeded, sequence, startReplayServer, streamFixture, streamFixtures,
} from './support/replay-server.js';
import { environment, openStore } from './support/store.js';

const RUNNERS = { 'openai-chat': openAIChatRunner, 'openai-responses': openAIResponsesRunner, anthropic: anthropicRunner };
const PROVIDERS = Object.keys(RUNNERS);
const TARGET = { 'openai-chat': 'openai', 'openai-responses': 'openai', anthropic: 'anthropic' };
const PATH = { 'openai-chat': '/chat/completions', 'openai-responses': '/responses', anthropic: '/messages' };
const ERRORS = { llm_truncated: LlmTruncatedError, llm_refused: LlmRefusedError, llm_failed: LlmFailedError };
const CONTENT_FIXTURE = { 'openai-chat': 'chat-content', 'openai-responses': 'responses-content', anthropic: 'anthropic-content' };
const [BRIEF, MVP_SCOPE] = GENERATION_ORDER;

let server;
before(async () => {
  await init();
  server = await startReplayServer();
});
after(() => server.close());

let scenarios = 0;
const route = (handler) => server.route(`s${++scenarios}`, handler);
const lastRequest = () => server.requests.at(-1);

/** An artifact as a model writes it: the plan fixture without the version stamp. */
function written(type) {
  const { _schema_version: stamp, ...content } = plan(type);
  return content;
}

/** An earlier artifact as the default prompt shows it: its sections in the registry's order. */
const shown = (type, content) => JSON.stringify(Object.fromEntries(ARTIFACTS[type].sections
  .filter(({ id }) => content[id] !== undefined).map(({ id }) => [id, content[id]])));

function runnerFor(provider, handler, options = {}) {
  return RUNNERS[provider]({ model: 'test-model', apiKey: 'sk-test', baseURL: route(handler), ...options });
}

async function deltasOf(iterable) {
  const deltas = [];
  for await (const delta of iterable) deltas.push(delta);
  return deltas;
}

async function ask(runner, { stream, type, context = {}, prior = {}, options }) {
  if (!stream) return runner.generateArtifact(type, context, prior, options);
  return JSON.parse((await deltasOf(runner.streamArtifact(type, context, prior, options))).join(''));
}

const isCode = (code) => (error) => {
  assert.ok(error instanceof ERRORS[code], `${error?.name}: ${error?.message}`);
  assert.ok(error instanceof ArtifactsError);
  assert.equal(error.code, code);
  return true;
};

// ---- the SSE parser -------------------------------------------------------------------------

// Every feature of the format: LF, CRLF and CR line ends, comments, event names, ids, a data
// line without its space, multi-line data, a field without a colon, an unknown field, an event
// with no data (not dispatched), and multi-byte characters (2, 3 and 4 bytes in UTF-8).
const SAMPLE = '\uFEFF: a comment\n'
  + 'event: first\ndata: {"text":"Café Brûlée — 🚀"}\nid: 7\n\n'
  + 'data:no space\r\ndata:  two spaces\r\n\r\n'
  + 'event: only-an-event\r\r'
  + 'data\rretry: 10\runknown: x\r\r'
  + ':keep-alive\n\nevent: last\ndata: [DONE]\n\n'
  + 'data: never closed';
const SAMPLE_EVENTS = [
  { event: 'first', data: '{"text":"Café Brûlée — 🚀"}', id: '7' },
  { event: 'message', data: 'no space\n two spaces', id: '7' },
  { event: 'message', data: '', id: '7' },
  { event: 'last', data: '[DONE]', id: '7' },
];

function parseInPieces(bytes, cuts) {
  const parser = new SseParser();
  const events = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    events.push(...parser.push(bytes.subarray(start, cut)));
    start = cut;
  }
  return [...events, ...parser.end()];
}

test('the SSE parser reads the whole format: fields, comments, multi-line data, LF/CRLF/CR, a BOM', () => {
  assert.deepEqual(parseInPieces(new TextEncoder().encode(SAMPLE), []), SAMPLE_EVENTS);
  const text = new SseParser();
  assert.deepEqual([...text.push(SAMPLE), ...text.end()], SAMPLE_EVENTS, 'text chunks too');
});

test('the SSE parser gives the same events at every split point, every pair of split points and byte by byte', () => {
  const bytes = new TextEncoder().encode(SAMPLE);
  for (let i = 0; i <= bytes.length; i += 1) {
    assert.deepEqual(parseInPieces(bytes, [i]), SAMPLE_EVENTS, `split at byte ${i}`);
    for (let j = i; j <= bytes.length; j += 1) {
      assert.deepEqual(parseInPieces(bytes, [i, j]), SAMPLE_EVENTS, `split at bytes ${i} and ${j}`);
    }
  }
  assert.deepEqual(parseInPieces(bytes, [...bytes.keys()].slice(1)), SAMPLE_EVENTS, 'one byte at a time');
});

test('the SSE parser reads every fixture the same at every split point (the small ones) or in random pieces', () => {
  for (const { file } of streamFixtures().filter((f) => f.stream)) {
    const bytes = streamFixture(file);
    const whole = parseInPieces(bytes, []);
    assert.ok(whole.length >= 3, file);
    assert.ok(whole.every((e) => e.data === '[DONE]' || JSON.parse(e.data)), file);
    if (bytes.length < 6000) {
      for (let i = 0; i <= bytes.length; i += 1) assert.deepEqual(parseInPieces(bytes, [i]), whole, `${file} split at ${i}`);
    }
    const next = seeded(bytes.length);
    for (let round = 0; round < 20; round += 1) {
      const cuts = [];
      for (let at = 0; at < bytes.length; at += 1 + Math.floor(next() * 200)) cuts.push(at);
      assert.deepEqual(parseInPieces(bytes, cuts), whole, `${file} round ${round}`);
    }
  }
});

test('the SSE parser looks at each character once: a 400 KB line a byte at a time is quick', () => {
  const line = `data: ${'x'.repeat(400_000)}\n\n`;
  const bytes = new TextEncoder().encode(line);
  const parser = new SseParser();
  const started = performance.now();
  const events = [];
  for (let i = 0; i < bytes.length; i += 1) events.push(...parser.push(bytes.subarray(i, i + 1)));
  const ms = performance.now() - started;
  assert.equal(events.length, 1);
  assert.equal(events[0].data.length, 400_000);
  // Re-reading the buffer per chunk would be ~8e10 character visits here: minutes, not seconds.
  assert.ok(ms < 10_000, `took ${ms} ms`);
});

// ---- the recorded streams -------------------------------------------------------------------

// Written a byte at a time (each byte its own read on the client: slow, so not all of them): for
// every provider a stream with content and a small one that fails; the rest in random pieces.
const EVERY_BYTE = new Set(['chat-refusal.sse', 'chat-content-filter.sse', 'responses-refusal.sse', 'responses-failed.sse',
  'anthropic-content.sse', 'anthropic-error.sse']);

for (const fixture of streamFixtures()) {
  const every = EVERY_BYTE.has(fixture.file);
  const chunking = every ? 'bytes' : { seed: fixture.file.length * 31 };
  test(`${fixture.file} (${fixture.provider}, ${fixture.stream ? 'streamed' : 'whole'}, ${every ? 'a byte at a time' : 'random pieces'}): ${fixture.expect}`, async () => {
    let reads = 0;
    const counting = async (url, init) => {
      const response = await fetch(url, init);
      const count = new TransformStream({ transform(chunk, controller) { reads += 1; controller.enqueue(chunk); } });
      return new Response(response.body.pipeThrough(count), { status: response.status, headers: response.headers });
    };
    const runner = runnerFor(fixture.provider, replay(fixture.file, { chunking }), { fetch: counting });
    const result = ask(runner, { stream: fixture.stream, type: fixture.type });
    if (fixture.expect === 'content') assert.deepEqual(await result, written(fixture.type));
    else await assert.rejects(result, isCode(fixture.expect));
    const size = streamFixture(fixture.file).length;
    if (every) assert.ok(reads > size / 2, `the client read ${reads} pieces of ${size} bytes`);
    const request = lastRequest();
    assert.equal(request.path, PATH[fixture.provider]);
    assert.equal(request.body.stream, fixture.stream);
  });
}

test('streamed content arrives delta by delta, the deltas joined being the model\'s JSON text', async () => {
  for (const provider of PROVIDERS) {
    const runner = runnerFor(provider, replay(`${CONTENT_FIXTURE[provider]}.sse`, { chunking: { seed: 5 } }));
    const deltas = await deltasOf(runner.streamArtifact(GENERATION_ORDER[0]));
    assert.ok(deltas.length > 100, `${provider}: ${deltas.length} deltas`);
    assert.ok(deltas.every((d) => typeof d === 'string' && d.length > 0));
    assert.doesNotThrow(() => JSON.parse(deltas.join('')));
  }
});

test('CRLF and CR line ends in the stream read the same as LF', async () => {
  for (const provider of PROVIDERS) {
    const file = `${CONTENT_FIXTURE[provider]}.sse`;
    const type = streamFixtures().find((f) => f.file === file).type;
    for (const lineEnd of ['\r\n', '\r']) {
      const runner = runnerFor(provider, replay(file, { lineEnd, chunking: { seed: 9, maxPiece: 512 } }));
      assert.deepEqual(await ask(runner, { stream: true, type }), written(type), `${provider} ${JSON.stringify(lineEnd)}`);
    }
  }
});

// ---- what the runners send ------------------------------------------------------------------

const CONTEXT = { startup_name: 'StockPilot', idea: 'Inventory for corner shops, from a phone photo of the shelf.' };

async function sent(provider, { stream = false, options = {}, callOptions, type = MVP_SCOPE } = {}) {
  const prior = { [BRIEF]: written(BRIEF) };
  const runner = runnerFor(provider, replay(`${CONTENT_FIXTURE[provider]}.${stream ? 'sse' : 'json'}`), options);
  await ask(runner, { stream, type, context: CONTEXT, prior, options: callOptions });
  return { request: lastRequest(), prior, runner };
}

function promptText(provider, body) {
  if (provider === 'openai-chat') return body.messages.map((m) => m.content).join('\n');
  if (provider === 'openai-responses') return [body.instructions, ...body.input.map((m) => m.content)].join('\n');
  return [body.system, ...body.messages.map((m) => m.content)].join('\n');
}

function schemaSent(provider, body) {
  if (provider === 'openai-chat') {
    assert.equal(body.response_format.type, 'json_schema');
    assert.equal(body.response_format.json_schema.strict, true);
    assert.equal(body.response_format.json_schema.name, MVP_SCOPE);
    return body.response_format.json_schema.schema;
  }
  if (provider === 'openai-responses') {
    assert.equal(body.text.format.type, 'json_schema');
    assert.equal(body.text.format.strict, true);
    assert.equal(body.text.format.name, MVP_SCOPE);
    return body.text.format.schema;
  }
  assert.equal(body.tools.length, 1);
  assert.equal(body.tools[0].name, MVP_SCOPE);
  assert.deepEqual(body.tool_choice, { type: 'tool', name: MVP_SCOPE });
  return body.tools[0].input_schema;
}

for (const provider of PROVIDERS) {
  test(`${provider}: the request carries the model, the tier's schema for its target, the prompt with the context and the earlier artifacts, and the key`, async () => {
    for (const stream of [false, true]) {
      const { request, prior, runner } = await sent(provider, { stream, options: { tier: Tier.PARTNER } });
      assert.equal(request.method, 'POST');
      assert.equal(request.path, PATH[provider]);
      assert.equal(request.headers['content-type'], 'application/json');
      assert.equal(request.headers.accept, stream ? 'text/event-stream' : 'application/json');
      assert.equal(request.body.model, 'test-model');
      assert.equal(runner.model, 'test-model');
      assert.equal(runner.provider, provider);
      assert.equal(request.body.stream, stream);
      assert.deepEqual(schemaSent(provider, request.body), jsonSchema(MVP_SCOPE, { tier: Tier.PARTNER, target: TARGET[provider] }));
      const prompt = promptText(provider, request.body);
      assert.ok(prompt.includes(shown(BRIEF, prior[BRIEF])), 'the earlier artifact as JSON');
      assert.ok(prompt.includes(CONTEXT.idea) && prompt.includes(CONTEXT.startup_name), 'the founder\'s context');
      assert.match(prompt, /\bwe\b/i);
      if (provider === 'anthropic') {
        assert.equal(request.headers['x-api-key'], 'sk-test');
        assert.equal(request.headers['anthropic-version'], ANTHROPIC_VERSION);
        assert.equal(ANTHROPIC_VERSION, '2023-06-01');
        assert.equal(request.headers.authorization, undefined);
        assert.equal(request.headers['anthropic-dangerous-direct-browser-access'], undefined);
        assert.equal(request.body.max_tokens, ANTHROPIC_MAX_TOKENS);
        assert.equal(typeof request.body.system, 'string');
      } else {
        assert.equal(request.headers.authorization, 'Bearer sk-test');
        assert.equal(request.headers['x-api-key'], undefined);
      }
    }
  });

  test(`${provider}: a call's tier, headers, maxTokens and extraBody reach the request`, async () => {
    const { request } = await sent(provider, {
      options: { tier: Tier.PARTNER, headers: { 'x-team': 'founders', authorization: 'Bearer override' }, maxTokens: 1234,
        extraBody: { temperature: 0.2 }, ...(provider === 'anthropic' ? { dangerouslyAllowBrowser: true } : {}) },
      callOptions: { tier: Tier.CTO_SCALE },
    });
    assert.deepEqual(schemaSent(provider, request.body), jsonSchema(MVP_SCOPE, { tier: Tier.CTO_SCALE, target: TARGET[provider] }));
    assert.equal(request.headers['x-team'], 'founders');
    assert.equal(request.headers.authorization, 'Bearer override');
    assert.equal(request.body.temperature, 0.2);
    const limit = { 'openai-chat': 'max_completion_tokens', 'openai-responses': 'max_output_tokens', anthropic: 'max_tokens' }[provider];
    assert.equal(request.body[limit], 1234);
    if (provider === 'anthropic') assert.equal(request.headers['anthropic-dangerous-direct-browser-access'], 'true');
  });
}

test('without a tier the schema has every section; without an apiKey no auth header is sent', async () => {
  for (const provider of PROVIDERS) {
    const runner = RUNNERS[provider]({ model: 'm', baseURL: route(replay(`${CONTENT_FIXTURE[provider]}.json`)) });
    await runner.generateArtifact(MVP_SCOPE);
    const { body, headers } = lastRequest();
    assert.deepEqual(schemaSent(provider, body), jsonSchema(MVP_SCOPE, { target: TARGET[provider] }));
    assert.equal(headers.authorization, undefined);
    assert.equal(headers['x-api-key'], undefined);
  }
});

test('a custom buildMessages is given the type, context, earlier artifacts, tier and schema, and its messages are sent', async () => {
  for (const provider of PROVIDERS) {
    const seen = [];
    const buildMessages = (request) => {
      seen.push(request);
      return { system: 'Our own system text.', messages: [{ role: 'user', content: `Write ${request.type}.` }] };
    };
    const { request } = await sent(provider, { options: { tier: Tier.BOOTSTRAPPER, buildMessages } });
    assert.equal(seen.length, 1);
    assert.equal(seen[0].type, MVP_SCOPE);
    assert.deepEqual(seen[0].context, CONTEXT);
    assert.deepEqual(seen[0].priorArtifacts, { [BRIEF]: written(BRIEF) });
    assert.equal(seen[0].tier, Tier.BOOTSTRAPPER);
    assert.deepEqual(seen[0].schema, jsonSchema(MVP_SCOPE, { tier: Tier.BOOTSTRAPPER, target: TARGET[provider] }));
    assert.equal(promptText(provider, request.body), `Our own system text.\nWrite ${MVP_SCOPE}.`);
  }
});

test('the default prompt: the "we" voice, exactly the tier\'s sections, the context, the earlier artifacts in order', () => {
  const prior = Object.fromEntries(GENERATION_ORDER.map((type) => [type, written(type)]));
  for (const [index, type] of GENERATION_ORDER.entries()) {
    const earlier = Object.fromEntries(GENERATION_ORDER.slice(0, index).map((t) => [t, prior[t]]));
    for (const tier of [...Object.values(Tier), undefined]) {
      const { system, messages } = buildArtifactMessages({ type, context: CONTEXT, priorArtifacts: earlier, tier });
      const text = messages.map((m) => m.content).join('\n');
      assert.match(system, /We are building this startup together/);
      assert.match(system, /"we"/);
      assert.ok(text.includes(ARTIFACTS[type].title));
      const visible = sectionsFor(type, tier);
      for (const section of ARTIFACTS[type].sections) {
        assert.equal(text.includes(`- ${section.id} (`), visible.includes(section.id), `${type} ${tier}: ${section.id}`);
      }
      if (tier) assert.ok(text.includes(TIER_TITLES[tier]));
      assert.ok(text.includes(CONTEXT.idea));
      let at = -1;
      for (const t of GENERATION_ORDER.slice(0, index)) {
        const found = text.indexOf(shown(t, prior[t]));
        assert.ok(found > at, `${type}: ${t} is there, after the ones before it`);
        at = found;
      }
      for (const t of GENERATION_ORDER.slice(index)) assert.equal(text.includes(shown(t, prior[t])), false);
    }
  }
});

// ---- HTTP errors and retries ----------------------------------------------------------------

const openAiError = (message, type) => JSON.stringify({ error: { message, type, param: null, code: type } });
const anthropicError = (message, type) => JSON.stringify({ type: 'error', error: { type, message } });
const errorBody = (provider, message, type) => (provider === 'anthropic' ? anthropicError(message, type) : openAiError(message, type));

test('HTTP 429 with Retry-After is llm_failed with status and retryAfterMs; not retried by default', async () => {
  for (const provider of PROVIDERS) {
    const runner = runnerFor(provider, answer(errorBody(provider, 'Rate limit reached', 'rate_limit_error'),
      { status: 429, headers: { 'retry-after': '2' }, contentType: 'application/json' }));
    for (const stream of [false, true]) {
      const before = server.requests.length;
      await assert.rejects(ask(runner, { stream, type: BRIEF }), (error) => {
        isCode('llm_failed')(error);
        assert.equal(error.status, 429);
        assert.equal(error.retryAfterMs, 2000);
        assert.match(error.message, /429.*Rate limit reached/);
        return true;
      });
      assert.equal(server.requests.length - before, 1);
    }
  }
});

test('with maxRetries a 429 is retried after its Retry-After, then the answer is read', async () => {
  for (const provider of PROVIDERS) {
    const limited = answer(errorBody(provider, 'slow down', 'rate_limit_error'), { status: 429, headers: { 'retry-after': '1' }, contentType: 'application/json' });
    const file = CONTENT_FIXTURE[provider];
    const runner = runnerFor(provider, sequence(limited, replay(`${file}.sse`)), { maxRetries: 1 });
    const started = performance.now();
    const type = streamFixtures().find((f) => f.file === `${file}.sse`).type;
    assert.deepEqual(await ask(runner, { stream: true, type }), written(type));
    assert.ok(performance.now() - started >= 950, 'waited for Retry-After');
    assert.equal(server.requests.filter((r) => r.scenario === lastRequest().scenario).length, 2);
  }
});

test('retry-after-ms and HTTP-date Retry-After are read; a wait over maxRetryDelayMs is not retried', async () => {
  const runner = runnerFor('openai-chat', sequence(
    answer(openAiError('busy', 'server_error'), { status: 503, headers: { 'retry-after-ms': '20', 'retry-after': '9' }, contentType: 'application/json' }),
    replay('chat-content.json')), { maxRetries: 1 });
  assert.deepEqual(await runner.generateArtifact(BRIEF), written(BRIEF));
  const date = new Date(Date.now() + 120_000).toUTCString();
  const later = runnerFor('anthropic', answer(anthropicError('Overloaded', 'overloaded_error'),
    { status: 529, headers: { 'retry-after': date }, contentType: 'application/json' }), { maxRetries: 3 });
  const before = server.requests.length;
  await assert.rejects(later.generateArtifact(BRIEF), (error) => {
    isCode('llm_failed')(error);
    assert.equal(error.status, 529);
    assert.ok(error.retryAfterMs > 100_000 && error.retryAfterMs <= 120_000, String(error.retryAfterMs));
    return true;
  });
  assert.equal(server.requests.length - before, 1, 'not retried: the wait is over maxRetryDelayMs');
});

test('HTTP 500 is llm_failed with its status and message, retried maxRetries times with backoff; a 400 is not retried', async () => {
  for (const provider of PROVIDERS) {
    const failing = runnerFor(provider, answer(errorBody(provider, 'The server had an error', 'server_error'), { status: 500, contentType: 'application/json' }),
      { maxRetries: 2, retryDelayMs: 5 });
    const before = server.requests.length;
    await assert.rejects(failing.generateArtifact(BRIEF), (error) => {
      isCode('llm_failed')(error);
      assert.equal(error.status, 500);
      assert.equal(error.retryAfterMs, undefined);
      assert.match(error.message, /500.*The server had an error/);
      return true;
    });
    assert.equal(server.requests.length - before, 3);
    const invalid = runnerFor(provider, answer(errorBody(provider, 'Invalid schema', 'invalid_request_error'), { status: 400, contentType: 'application/json' }),
      { maxRetries: 2, retryDelayMs: 5 });
    await assert.rejects(invalid.streamArtifact(BRIEF).next(), (error) => error.status === 400 && /Invalid schema/.test(error.message));
    assert.equal(server.requests.length - before, 4);
  }
});

test('a connection that fails is llm_failed without a status, with the cause', async () => {
  const closed = await startReplayServer();
  const baseURL = closed.url('gone');
  await closed.close();
  for (const provider of PROVIDERS) {
    await assert.rejects(RUNNERS[provider]({ model: 'm', baseURL }).generateArtifact(BRIEF), (error) => {
      isCode('llm_failed')(error);
      assert.equal(error.status, undefined);
      assert.ok(error.cause);
      return true;
    });
  }
});

// ---- aborting -------------------------------------------------------------------------------

function abortSoon(ms = 50) {
  const controller = new AbortController();
  const reason = new Error('the founder pressed stop');
  setTimeout(() => controller.abort(reason), ms);
  return { signal: controller.signal, reason };
}

async function rejectsPromptlyWith(promise, reason) {
  const started = performance.now();
  await assert.rejects(promise, (error) => error === reason);
  assert.ok(performance.now() - started < 2000, 'promptly');
}

test('a server that never answers: aborting rejects with the signal\'s reason, promptly, and closes the connection', async () => {
  for (const provider of PROVIDERS) {
    for (const headers of [false, true]) {
      for (const stream of [false, true]) {
        const runner = runnerFor(provider, hang({ headers }));
        const { signal, reason } = abortSoon();
        await rejectsPromptlyWith(ask(runner, { stream, type: BRIEF, options: { signal } }), reason);
        await lastRequest().closed;
      }
    }
  }
});

test('aborting mid-stream, after some deltas, rejects with the reason and cancels the body', async () => {
  for (const provider of PROVIDERS) {
    const text = streamFixture(`${CONTENT_FIXTURE[provider]}.sse`);
    const half = text.subarray(0, text.length / 2);
    const runner = runnerFor(provider, async (request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(half);
    });
    const controller = new AbortController();
    const reason = new DOMException('stopped', 'AbortError');
    const deltas = [];
    const reading = (async () => {
      for await (const delta of runner.streamArtifact(BRIEF, {}, {}, { signal: controller.signal })) {
        deltas.push(delta);
        if (deltas.length === 20) setTimeout(() => controller.abort(reason), 20);
      }
    })();
    await rejectsPromptlyWith(reading, reason);
    assert.ok(deltas.length >= 20);
    await lastRequest().closed;
  }
});

test('an aborted signal sends nothing; a fetch that ignores the signal still rejects promptly', async () => {
  const controller = new AbortController();
  controller.abort(new Error('already'));
  const before = server.requests.length;
  for (const provider of PROVIDERS) {
    const runner = runnerFor(provider, replay(`${CONTENT_FIXTURE[provider]}.json`));
    await assert.rejects(runner.generateArtifact(BRIEF, {}, {}, { signal: controller.signal }), (e) => e === controller.signal.reason);
    await assert.rejects(runner.streamArtifact(BRIEF, {}, {}, { signal: controller.signal }).next(), (e) => e === controller.signal.reason);
    const deaf = RUNNERS[provider]({ model: 'm', fetch: () => new Promise(() => {}) });
    const { signal, reason } = abortSoon();
    await rejectsPromptlyWith(deaf.generateArtifact(BRIEF, {}, {}, { signal }), reason);
  }
  assert.equal(server.requests.length, before);
});

test('a consumer that stops reading early cancels the body', async () => {
  for (const provider of PROVIDERS) {
    const runner = runnerFor(provider, replay(`${CONTENT_FIXTURE[provider]}.sse`, { chunking: { seed: 4 } }));
    for await (const delta of runner.streamArtifact(BRIEF)) {
      assert.equal(typeof delta, 'string');
      break;
    }
    const request = lastRequest();
    await request.closed;
  }
});

// ---- broken streams and answers -------------------------------------------------------------

test('malformed streams are llm_failed: data that is not JSON, a stream cut off, not SSE at all, a JSON error instead of a stream', async () => {
  for (const provider of PROVIDERS) {
    const cases = {
      'not JSON': answer('data: {"choices": [ oops\n\n', { contentType: 'text/event-stream' }),
      'cut off': answer(streamFixture(`${CONTENT_FIXTURE[provider]}.sse`).subarray(0, 5000), { contentType: 'text/event-stream', chunking: { seed: 3 } }),
      'not SSE': answer('<html><body>Bad gateway</body></html>', { contentType: 'text/event-stream' }),
      'empty': answer('', { contentType: 'text/event-stream' }),
      'JSON instead': answer(errorBody(provider, 'proxy says no', 'proxy_error'), { contentType: 'application/json' }),
    };
    for (const [name, handler] of Object.entries(cases)) {
      await assert.rejects(ask(runnerFor(provider, handler), { stream: true, type: BRIEF }), (error) => {
        isCode('llm_failed')(error);
        if (name === 'JSON instead') assert.match(error.message, /proxy says no/);
        return true;
      }, `${provider}: ${name}`);
    }
  }
});

test('an error in the middle of a Chat Completions stream is llm_failed with its message', async () => {
  const head = streamFixture('chat-content.sse').toString('utf8').split('\n\n').slice(0, 10).join('\n\n');
  const body = `${head}\n\ndata: {"error": {"message": "The server had an error while processing your request.", "type": "server_error"}}\n\n`;
  await assert.rejects(ask(runnerFor('openai-chat', answer(body, { contentType: 'text/event-stream' })), { stream: true, type: BRIEF }),
    (error) => isCode('llm_failed')(error) && /server had an error/.test(error.message));
});

test('whole answers that are not JSON objects are llm_failed', async () => {
  const chat = (content) => JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
  for (const body of ['not json', chat('{"unterminated": '), chat('[1, 2]'), chat(null), JSON.stringify({ choices: [] })]) {
    await assert.rejects(runnerFor('openai-chat', answer(body, { contentType: 'application/json' })).generateArtifact(BRIEF), isCode('llm_failed'), body);
  }
  await assert.rejects(runnerFor('openai-responses', answer(JSON.stringify({ status: 'cancelled', output: [] }))).generateArtifact(BRIEF), isCode('llm_failed'));
  await assert.rejects(runnerFor('anthropic', answer(JSON.stringify({ type: 'message', content: [], stop_reason: 'end_turn' }))).generateArtifact(BRIEF), isCode('llm_failed'));
});

test('the other documented endings: Responses content_filter and error events, Anthropic text deltas, Chat without [DONE]', async () => {
  const sse = (events) => events.map(([event, data]) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`).join('');
  const stream = (body) => answer(body, { contentType: 'text/event-stream', chunking: { seed: 2 } });
  const text = JSON.stringify(written(BRIEF));
  const [first, rest] = [text.slice(0, 100), text.slice(100)];

  const filtered = sse([['response.output_text.delta', { type: 'response.output_text.delta', delta: first }],
    ['response.incomplete', { type: 'response.incomplete', response: { status: 'incomplete', incomplete_details: { reason: 'content_filter' } } }]]);
  await assert.rejects(ask(runnerFor('openai-responses', stream(filtered)), { stream: true, type: BRIEF }), isCode('llm_refused'));
  const errored = sse([['error', { type: 'error', code: 'rate_limit_exceeded', message: 'Too many tokens', param: null, sequence_number: 2 }]]);
  await assert.rejects(ask(runnerFor('openai-responses', stream(errored)), { stream: true, type: BRIEF }),
    (error) => isCode('llm_failed')(error) && /rate_limit_exceeded: Too many tokens/.test(error.message));

  const asText = sse([['message_start', { type: 'message_start', message: { id: 'msg_1', content: [] } }],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: first } }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: rest } }],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' } }],
    ['message_stop', { type: 'message_stop' }]]);
  assert.deepEqual(await ask(runnerFor('anthropic', stream(asText)), { stream: true, type: BRIEF }), written(BRIEF));

  const noDone = sse([[null, { choices: [{ index: 0, delta: { content: text }, finish_reason: null }] }],
    [null, { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }]]);
  assert.deepEqual(await ask(runnerFor('openai-chat', stream(noDone)), { stream: true, type: BRIEF }), written(BRIEF));
});

test('with maxRetries a failed connection is tried again', async () => {
  for (const provider of PROVIDERS) {
    let calls = 0;
    const flaky = (url, init) => (++calls === 1 ? Promise.reject(new TypeError('fetch failed')) : fetch(url, init));
    const runner = runnerFor(provider, replay(`${CONTENT_FIXTURE[provider]}.json`), { fetch: flaky, maxRetries: 1, retryDelayMs: 5 });
    const type = streamFixtures().find((f) => f.file === `${CONTENT_FIXTURE[provider]}.json`).type;
    assert.deepEqual(await runner.generateArtifact(type), written(type));
    assert.equal(calls, 2);
  }
});

// ---- options --------------------------------------------------------------------------------

test('junk options throw typed errors when the runner is made', () => {
  const junk = [
    [undefined, InvalidInputError], [null, InvalidInputError], ['gpt-4o', InvalidInputError], [{}, InvalidInputError],
    [{ model: '' }, InvalidInputError], [{ model: 42 }, InvalidInputError],
    [{ model: 'm', fetch: 'fetch' }, InvalidInputError], [{ model: 'm', fetch: {} }, InvalidInputError],
    [{ model: 'm', baseURL: 'not a url' }, InvalidInputError], [{ model: 'm', baseURL: 'ftp://example.com/v1' }, InvalidInputError],
    [{ model: 'm', baseURL: 42 }, InvalidInputError], [{ model: 'm', baseURL: 'https://example.com/v1?key=1' }, InvalidInputError], [{ model: 'm', apiKey: 42 }, InvalidInputError],
    [{ model: 'm', headers: 42 }, InvalidInputError], [{ model: 'm', buildMessages: 'prompt' }, InvalidInputError],
    [{ model: 'm', maxRetries: -1 }, InvalidInputError], [{ model: 'm', maxRetries: 1.5 }, InvalidInputError],
    [{ model: 'm', maxTokens: 0 }, InvalidInputError], [{ model: 'm', extraBody: [] }, InvalidInputError],
    [{ model: 'm', tier: 'gold' }, UnknownTierError], [{ model: 'm', tier: 3 }, InvalidInputError],
  ];
  for (const provider of PROVIDERS) {
    for (const [options, ErrorClass] of junk) {
      assert.throws(() => RUNNERS[provider](options), ErrorClass, `${provider} ${JSON.stringify(options)}`);
    }
  }
  assert.throws(() => anthropicRunner({ model: 'm', dangerouslyAllowBrowser: 'yes' }), InvalidInputError);
  assert.equal(typeof openAIChatRunner({ model: 'm', baseURL: new URL('http://localhost:1/v1/') }).generateArtifact, 'function');
});

test('junk call arguments are typed errors and send nothing', async () => {
  const before = server.requests.length;
  for (const provider of PROVIDERS) {
    const runner = runnerFor(provider, replay(`${CONTENT_FIXTURE[provider]}.json`));
    const calls = [
      [['pitch_deck'], UnknownArtifactTypeError], [[42], UnknownArtifactTypeError], [['__proto__'], UnknownArtifactTypeError],
      [[BRIEF, 'context'], InvalidInputError], [[BRIEF, {}, []], InvalidInputError],
      [[BRIEF, {}, {}, { signal: 'stop' }], InvalidInputError], [[BRIEF, {}, {}, { tier: 'gold' }], UnknownTierError],
    ];
    for (const [args, ErrorClass] of calls) {
      await assert.rejects(runner.generateArtifact(...args), ErrorClass, `${provider} ${JSON.stringify(args)}`);
      await assert.rejects(runner.streamArtifact(...args).next(), ErrorClass, `${provider} stream ${JSON.stringify(args)}`);
    }
    const badPrompt = runnerFor(provider, replay(`${CONTENT_FIXTURE[provider]}.json`), { buildMessages: () => ({ messages: 'hi' }) });
    await assert.rejects(badPrompt.generateArtifact(BRIEF), InvalidInputError);
  }
  assert.equal(server.requests.length, before);
});

// ---- with the pipeline ----------------------------------------------------------------------

test('generateAll through a real runner: five streamed requests, each with the earlier artifacts, five records stored', async () => {
  // A provider that answers each artifact type with its plan fixture, streamed (the pipeline
  // streams a runner that can) in 40-character deltas.
  const chatAnswer = (request, res) => {
    const type = request.body.response_format.json_schema.name;
    const content = JSON.stringify(written(type));
    assert.equal(request.body.stream, true);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (delta, finish = null) => `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    for (let i = 0; i < content.length; i += 40) res.write(chunk({ content: content.slice(i, i + 40) }));
    res.end(`${chunk({}, 'stop')}data: [DONE]\n\n`);
  };
  const runner = runnerFor('openai-chat', chatAnswer);
  const store = await openStore(environment());
  const completedSections = [];
  const summary = await generateAll(store, runner, {
    projectId: 'p1',
    context: CONTEXT,
    onProgress: ({ type, status, event }) => {
      if (status === 'streaming' && event.kind === 'section_complete' && event.ok) completedSections.push(`${type}.${event.section}`);
    },
  });
  assert.deepEqual(summary.completed, [...GENERATION_ORDER]);
  for (const type of GENERATION_ORDER) {
    const sections = Object.keys(written(type)).filter((key) => completedSections.includes(`${type}.${key}`));
    assert.ok(sections.length > 0, `${type} streamed its sections`);
  }
  const requests = server.requests.slice(-GENERATION_ORDER.length);
  for (const [index, type] of GENERATION_ORDER.entries()) {
    const prompt = promptText('openai-chat', requests[index].body);
    assert.equal(requests[index].body.response_format.json_schema.name, type);
    for (const earlier of GENERATION_ORDER.slice(0, index)) {
      assert.ok(prompt.includes(shown(earlier, plan(earlier))), `${type} got ${earlier}`);
      assert.equal(prompt.includes('_schema_version'), false);
    }
  }
  for (const record of await store.listProject('p1')) {
    assert.deepEqual(record.current_content, plan(record.artifact_type));
  }
  store.close();
});

// ---- the layer ------------------------------------------------------------------------------

test('web/runners imports only errors.js, registry.js, operations.js and its own files; nothing of Node', () => {
  const sources = readSources(new URL('../../web/runners/', import.meta.url));
  assert.ok(Object.keys(sources).length >= 8);
  for (const [file, source] of Object.entries(sources)) {
    for (const [, staticImport, dynamicImport] of source.matchAll(/\bfrom\s*'([^']+)'|\bimport\s*\(\s*'([^']+)'/g)) {
      const specifier = staticImport ?? dynamicImport;
      assert.match(specifier, /^(\.\/[\w-]+\.js|\.\.\/(errors|registry|operations)\.js)$/, `web/runners/${file} imports ${specifier}`);
    }
    assert.doesNotMatch(source, /\bnode:|\brequire\(|\bprocess\./, `web/runners/${file} uses Node`);
  }
  const entry = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).exports['./runners'];
  assert.deepEqual(entry, { types: './web/runners/index.d.ts', default: './web/runners/index.js' });
});
