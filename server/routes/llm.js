// POST /api/llm/v1/chat/completions: an OpenAI-compatible Chat Completions endpoint for the
// browser's runner. With an upstream configured the request is relayed there with the server's
// key (the caller's Authorization never leaves this server) and the answer streamed back as it
// comes. With none, the sample plan's artifact is the answer: streamed as Chat Completions SSE
// chunks (`stream: true`) or as one chat.completion.
//
// Which artifact: response_format.json_schema.name when it names an artifact type (exactly, or
// containing one such as "mvp_scope_content"), else the first system, then user message that
// names one (by id or title). When that json_schema has properties, only the sample's sections
// it lists are sent (the tier's sections, as the runner asked for).
import { Readable } from 'node:stream';
import { ARTIFACTS, GENERATION_ORDER } from 'cofounder-artifacts';
import { SAMPLE_PLAN } from 'cofounder-artifacts/testing';
import { HttpError } from '../http/errors.js';

const CHUNK_CHARS = 64;
// Longest names first, so a name containing another picks the longer one.
const NAMES = GENERATION_ORDER.flatMap((type) => [[type, type], [ARTIFACTS[type].title.toLowerCase(), type]])
  .sort((a, b) => b[0].length - a[0].length);

const named = (text) => {
  if (typeof text !== 'string') return undefined;
  const lower = text.toLowerCase();
  return NAMES.find(([name]) => lower.includes(name))?.[1];
};

const messageText = (message) => (typeof message?.content === 'string' ? message.content
  : Array.isArray(message?.content) ? message.content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('\n') : '');

/** The artifact type a chat request asks for, or undefined. */
export function requestedType(body) {
  const schemaName = body?.response_format?.json_schema?.name;
  const fromSchema = typeof schemaName === 'string' && (GENERATION_ORDER.includes(schemaName) ? schemaName : named(schemaName));
  if (fromSchema) return fromSchema;
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  for (const role of ['system', 'developer', 'user']) {
    for (const message of messages.filter((m) => m?.role === role)) {
      const type = named(messageText(message));
      if (type) return type;
    }
  }
  return undefined;
}

function sampleAnswer(body) {
  const type = requestedType(body);
  if (!type) {
    throw new HttpError(422, 'unknown_artifact_type',
      `cannot tell which artifact is asked for: name one of ${GENERATION_ORDER.join(', ')} in response_format.json_schema.name or a message`);
  }
  const properties = body?.response_format?.json_schema?.schema?.properties;
  const sample = SAMPLE_PLAN[type];
  const content = properties && typeof properties === 'object'
    ? Object.fromEntries(Object.entries(sample).filter(([key]) => Object.hasOwn(properties, key)))
    : sample;
  return JSON.stringify(content);
}

function* sseChunks(text, { id, model, created }) {
  const chunk = (delta, finishReason) => `data: ${JSON.stringify({
    id, object: 'chat.completion.chunk', created, model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  })}\n\n`;
  yield chunk({ role: 'assistant', content: '' }, null);
  // Chunks end on code-point boundaries (a surrogate pair is never split).
  const points = Array.from(text);
  for (let i = 0; i < points.length; i += CHUNK_CHARS) yield chunk({ content: points.slice(i, i + CHUNK_CHARS).join('') }, null);
  yield chunk({}, 'stop');
  yield 'data: [DONE]\n\n';
}

export function llmRoutes(app, { llm }) {
  app.post('/api/llm/v1/chat/completions', async (request, reply) => {
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new HttpError(422, 'invalid_request', 'the body must be a Chat Completions request object');
    }
    if (llm.upstreamUrl) return relay(request, reply, llm);
    const text = sampleAnswer(body);
    const meta = { id: `chatcmpl-${crypto.randomUUID()}`, model: typeof body.model === 'string' ? body.model : 'sample-plan', created: Math.floor(Date.now() / 1000) };
    if (body.stream !== true) {
      return {
        ...meta, object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      };
    }
    reply.header('content-type', 'text/event-stream; charset=utf-8').header('cache-control', 'no-cache');
    return reply.send(Readable.from(sseChunks(text, meta)));
  });
}

async function relay(request, reply, { upstreamUrl, apiKey, fetchImpl = fetch }) {
  const controller = new AbortController();
  // The caller going away (the response closing unfinished) stops the upstream request.
  reply.raw.on('close', () => { if (!reply.raw.writableFinished) controller.abort(); });
  let upstream;
  try {
    upstream = await fetchImpl(`${upstreamUrl.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: request.headers.accept ?? '*/*',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
      body: JSON.stringify(request.body),
      signal: controller.signal,
    });
  } catch (error) {
    throw new HttpError(502, 'upstream_unreachable', `the LLM upstream could not be reached: ${error.message}`);
  }
  reply.code(upstream.status);
  for (const name of ['content-type', 'retry-after', 'x-request-id']) {
    const value = upstream.headers.get(name);
    if (value) reply.header(name, value);
  }
  return reply.send(upstream.body ? Readable.fromWeb(upstream.body) : '');
}
