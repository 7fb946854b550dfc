// Writes tests/fixtures/provider-streams/: what each LLM provider answers, streamed (the SSE body)
// and whole (the JSON body), in its documented wire format, carrying a real artifact (the
// artifact's JSON from tests/fixtures/plan/, without the version stamp, as a model writes it)
// split into deltas the way a model emits tokens. Deterministic: run it again after the plan
// fixtures change.   node tools/make_provider_streams.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { seeded } from '../tests/js/support/replay-server.js';

const root = new URL('../tests/fixtures/', import.meta.url);
const out = new URL('provider-streams/', root);
mkdirSync(out, { recursive: true });

function artifact(type) {
  const { _schema_version: stamp, ...content } = JSON.parse(readFileSync(new URL(`plan/${type}.json`, root), 'utf8'));
  return content;
}

// A few tokens per piece (1 to 16 characters), never splitting a character.
function deltas(text, seed) {
  const next = seeded(seed);  // the same deltas every run
  const chars = [...text];
  const pieces = [];
  for (let i = 0; i < chars.length;) {
    const size = 1 + Math.floor(next() * 16);
    pieces.push(chars.slice(i, i + size).join(''));
    i += size;
  }
  return pieces;
}

const sse = (events) => events.map(({ event, data }) => `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`).join('');
const manifest = [];
function write(name, text, entry) {
  writeFileSync(new URL(name, out), text);
  manifest.push({ file: name, ...entry });
}

// ---- OpenAI Chat Completions ---------------------------------------------------------------
const CHAT_MODEL = 'gpt-4o-2024-08-06';
function chatChunk(id, delta, finishReason = null) {
  return { id, object: 'chat.completion.chunk', created: 1764500000, model: CHAT_MODEL, service_tier: 'default',
    system_fingerprint: 'fp_f33640a400', choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] };
}
function chatStream({ id, pieces, refusal = [], finishReason }) {
  const events = [{ data: chatChunk(id, refusal.length ? { role: 'assistant', content: null, refusal: '' } : { role: 'assistant', content: '', refusal: null }) }];
  for (const piece of pieces) events.push({ data: chatChunk(id, { content: piece }) });
  for (const piece of refusal) events.push({ data: chatChunk(id, { refusal: piece }) });
  events.push({ data: chatChunk(id, {}, finishReason) }, { data: '[DONE]' });
  return sse(events);
}
function chatWhole({ id, content = null, refusal = null, finishReason }) {
  return `${JSON.stringify({ id, object: 'chat.completion', created: 1764500000, model: CHAT_MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal, annotations: [] }, logprobs: null, finish_reason: finishReason }],
    usage: { prompt_tokens: 1412, completion_tokens: 688, total_tokens: 2100 }, service_tier: 'default',
    system_fingerprint: 'fp_f33640a400' }, null, 2)}\n`;
}
const REFUSAL = "I'm sorry, but I can't help with that request.";
{
  const text = JSON.stringify(artifact('brief'));
  write('chat-content.sse', chatStream({ id: 'chatcmpl-CF1a', pieces: deltas(text, 1), finishReason: 'stop' }),
    { provider: 'openai-chat', stream: true, type: 'brief', expect: 'content' });
  write('chat-content.json', chatWhole({ id: 'chatcmpl-CF1b', content: text, finishReason: 'stop' }),
    { provider: 'openai-chat', stream: false, type: 'brief', expect: 'content' });
  const cut = deltas(JSON.stringify(artifact('risk_log')), 2);
  write('chat-truncated.sse', chatStream({ id: 'chatcmpl-CF1c', pieces: cut.slice(0, cut.length / 2), finishReason: 'length' }),
    { provider: 'openai-chat', stream: true, type: 'risk_log', expect: 'llm_truncated' });
  write('chat-truncated.json', chatWhole({ id: 'chatcmpl-CF1d', content: cut.slice(0, cut.length / 2).join(''), finishReason: 'length' }),
    { provider: 'openai-chat', stream: false, type: 'risk_log', expect: 'llm_truncated' });
  write('chat-refusal.sse', chatStream({ id: 'chatcmpl-CF1e', pieces: [], refusal: deltas(REFUSAL, 3), finishReason: 'stop' }),
    { provider: 'openai-chat', stream: true, type: 'risk_log', expect: 'llm_refused' });
  write('chat-refusal.json', chatWhole({ id: 'chatcmpl-CF1f', refusal: REFUSAL, finishReason: 'stop' }),
    { provider: 'openai-chat', stream: false, type: 'risk_log', expect: 'llm_refused' });
  write('chat-content-filter.sse', chatStream({ id: 'chatcmpl-CF1g', pieces: cut.slice(0, 5), finishReason: 'content_filter' }),
    { provider: 'openai-chat', stream: true, type: 'risk_log', expect: 'llm_refused' });
}

// ---- OpenAI Responses ----------------------------------------------------------------------
const RESPONSES_MODEL = 'gpt-4.1-2025-04-14';
function response(id, status, { output = [], error = null, incomplete = null } = {}) {
  return { id, object: 'response', created_at: 1764500000, status, background: false, error, incomplete_details: incomplete,
    instructions: null, max_output_tokens: null, model: RESPONSES_MODEL, output, parallel_tool_calls: true,
    previous_response_id: null, store: true, temperature: 1.0,
    text: { format: { type: 'json_schema', name: 'artifact', strict: true } }, tool_choice: 'auto', tools: [],
    top_p: 1.0, truncation: 'disabled', usage: status === 'in_progress' ? null : { input_tokens: 1398, output_tokens: 702, total_tokens: 2100 },
    metadata: {} };
}
function responsesStream({ id, pieces = [], refusal = [], end }) {
  const item = `msg_${id.slice(5)}`;
  let sequence = 0;
  const events = [];
  const emit = (type, fields) => events.push({ event: type, data: { type, sequence_number: sequence++, ...fields } });
  emit('response.created', { response: response(id, 'in_progress') });
  emit('response.in_progress', { response: response(id, 'in_progress') });
  if (end === 'failed') {
    emit('response.failed', { response: response(id, 'failed', { error: { code: 'server_error', message: 'The model failed to generate a response.' } }) });
    return sse(events);
  }
  const message = (status, content) => ({ id: item, type: 'message', status, role: 'assistant', content });
  emit('response.output_item.added', { output_index: 0, item: message('in_progress', []) });
  const text = pieces.join('');
  const wholeRefusal = refusal.join('');
  const part = refusal.length ? { type: 'refusal', refusal: '' } : { type: 'output_text', annotations: [], logprobs: [], text: '' };
  emit('response.content_part.added', { item_id: item, output_index: 0, content_index: 0, part });
  for (const piece of pieces) emit('response.output_text.delta', { item_id: item, output_index: 0, content_index: 0, delta: piece, logprobs: [] });
  for (const piece of refusal) emit('response.refusal.delta', { item_id: item, output_index: 0, content_index: 0, delta: piece });
  const donePart = refusal.length ? { type: 'refusal', refusal: wholeRefusal } : { type: 'output_text', annotations: [], logprobs: [], text };
  if (refusal.length) emit('response.refusal.done', { item_id: item, output_index: 0, content_index: 0, refusal: wholeRefusal });
  else if (end === 'completed') emit('response.output_text.done', { item_id: item, output_index: 0, content_index: 0, text, logprobs: [] });
  if (end === 'completed') {
    emit('response.content_part.done', { item_id: item, output_index: 0, content_index: 0, part: donePart });
    emit('response.output_item.done', { output_index: 0, item: message('completed', [donePart]) });
    emit('response.completed', { response: response(id, 'completed', { output: [message('completed', [donePart])] }) });
  } else {
    emit('response.incomplete', { response: response(id, 'incomplete', { output: [message('incomplete', [donePart])], incomplete: { reason: 'max_output_tokens' } }) });
  }
  return sse(events);
}
const whole = (value) => `${JSON.stringify(value, null, 2)}\n`;
{
  const text = JSON.stringify(artifact('mvp_scope'));
  const message = (content) => ({ id: 'msg_68e2', type: 'message', status: 'completed', role: 'assistant', content: [content] });
  write('responses-content.sse', responsesStream({ id: 'resp_68e2a1', pieces: deltas(text, 4), end: 'completed' }),
    { provider: 'openai-responses', stream: true, type: 'mvp_scope', expect: 'content' });
  write('responses-content.json', whole(response('resp_68e2a2', 'completed', { output: [message({ type: 'output_text', annotations: [], logprobs: [], text })] })),
    { provider: 'openai-responses', stream: false, type: 'mvp_scope', expect: 'content' });
  const cut = deltas(JSON.stringify(artifact('how_it_works')), 5);
  write('responses-incomplete.sse', responsesStream({ id: 'resp_68e2a3', pieces: cut.slice(0, 40), end: 'incomplete' }),
    { provider: 'openai-responses', stream: true, type: 'how_it_works', expect: 'llm_truncated' });
  write('responses-incomplete.json', whole(response('resp_68e2a4', 'incomplete', {
    output: [message({ type: 'output_text', annotations: [], logprobs: [], text: cut.slice(0, 40).join('') })],
    incomplete: { reason: 'max_output_tokens' } })),
  { provider: 'openai-responses', stream: false, type: 'how_it_works', expect: 'llm_truncated' });
  write('responses-refusal.sse', responsesStream({ id: 'resp_68e2a5', refusal: deltas(REFUSAL, 6), end: 'completed' }),
    { provider: 'openai-responses', stream: true, type: 'how_it_works', expect: 'llm_refused' });
  write('responses-refusal.json', whole(response('resp_68e2a6', 'completed', { output: [message({ type: 'refusal', refusal: REFUSAL })] })),
    { provider: 'openai-responses', stream: false, type: 'how_it_works', expect: 'llm_refused' });
  write('responses-failed.sse', responsesStream({ id: 'resp_68e2a7', end: 'failed' }),
    { provider: 'openai-responses', stream: true, type: 'how_it_works', expect: 'llm_failed' });
}

// ---- Anthropic Messages --------------------------------------------------------------------
const CLAUDE = 'claude-sonnet-4-5-20250929';
function anthropicStream({ id, type, pieces = [], stopReason, error }) {
  const events = [];
  const emit = (kind, fields) => events.push({ event: kind, data: { type: kind, ...fields } });
  emit('message_start', { message: { id, type: 'message', role: 'assistant', model: CLAUDE, content: [], stop_reason: null,
    stop_sequence: null, usage: { input_tokens: 1520, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 } } });
  emit('content_block_start', { index: 0, content_block: { type: 'tool_use', id: `toolu_${id.slice(4)}`, name: type, input: {} } });
  emit('ping', {});
  emit('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: '' } });
  for (const piece of pieces) emit('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: piece } });
  if (error) {
    emit('error', { error });
    return sse(events);
  }
  emit('content_block_stop', { index: 0 });
  emit('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 731 } });
  emit('message_stop', {});
  return sse(events);
}
function anthropicWhole({ id, type, input, stopReason }) {
  return whole({ id, type: 'message', role: 'assistant', model: CLAUDE,
    content: input === undefined ? [] : [{ type: 'tool_use', id: `toolu_${id.slice(4)}`, name: type, input }],
    stop_reason: stopReason, stop_sequence: null, usage: { input_tokens: 1520, output_tokens: 731 } });
}
{
  const content = artifact('milestones');
  write('anthropic-content.sse', anthropicStream({ id: 'msg_01Xa', type: 'milestones', pieces: deltas(JSON.stringify(content), 7), stopReason: 'tool_use' }),
    { provider: 'anthropic', stream: true, type: 'milestones', expect: 'content' });
  write('anthropic-content.json', anthropicWhole({ id: 'msg_01Xb', type: 'milestones', input: content, stopReason: 'tool_use' }),
    { provider: 'anthropic', stream: false, type: 'milestones', expect: 'content' });
  const cut = deltas(JSON.stringify(artifact('risk_log')), 8);
  write('anthropic-max-tokens.sse', anthropicStream({ id: 'msg_01Xc', type: 'risk_log', pieces: cut.slice(0, 60), stopReason: 'max_tokens' }),
    { provider: 'anthropic', stream: true, type: 'risk_log', expect: 'llm_truncated' });
  write('anthropic-max-tokens.json', anthropicWhole({ id: 'msg_01Xd', type: 'risk_log', input: {}, stopReason: 'max_tokens' }),
    { provider: 'anthropic', stream: false, type: 'risk_log', expect: 'llm_truncated' });
  write('anthropic-refusal.sse', anthropicStream({ id: 'msg_01Xe', type: 'risk_log', pieces: cut.slice(0, 3), stopReason: 'refusal' }),
    { provider: 'anthropic', stream: true, type: 'risk_log', expect: 'llm_refused' });
  write('anthropic-refusal.json', anthropicWhole({ id: 'msg_01Xf', type: 'risk_log', stopReason: 'refusal' }),
    { provider: 'anthropic', stream: false, type: 'risk_log', expect: 'llm_refused' });
  write('anthropic-error.sse', anthropicStream({ id: 'msg_01Xg', type: 'risk_log', pieces: cut.slice(0, 20),
    error: { type: 'overloaded_error', message: 'Overloaded' } }),
  { provider: 'anthropic', stream: true, type: 'risk_log', expect: 'llm_failed' });
}

writeFileSync(new URL('index.json', out), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`wrote ${manifest.length} fixtures to ${out.pathname}`);
