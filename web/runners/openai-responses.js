// The OpenAI Responses API (POST {baseURL}/responses) with Structured Outputs: instructions and
// input, the schema as text.format json_schema, strict. Streamed as typed events: the text in
// `response.output_text.delta`, a refusal in `response.refusal.delta`; the stream ends with
// `response.completed`, `response.incomplete` (cut off: max_output_tokens; or the content
// filter) or `response.failed`, or an `error` event.
import { LlmFailedError, LlmRefusedError, LlmTruncatedError } from '../errors.js';
import { endedEarly, errorMessage, eventJson } from './failures.js';

export const openAIResponses = {
  id: 'openai-responses',
  label: 'OpenAI Responses',
  target: 'openai',
  baseURL: 'https://api.openai.com/v1',
  path: 'responses',

  headers: ({ apiKey }) => (apiKey ? { authorization: `Bearer ${apiKey}` } : {}),

  body: ({ model, system, messages, schema, name, maxTokens }) => ({
    model,
    ...(system ? { instructions: system } : {}),
    input: messages,
    text: { format: { type: 'json_schema', name, strict: true, schema } },
    ...(maxTokens === undefined ? {} : { max_output_tokens: maxTokens }),
  }),

  answer(body, label) {
    if (body?.error) throw failed(body, label);
    if (body?.status === 'incomplete') throw incomplete(body, label);
    // Failed, cancelled, still queued: no answer to read.
    if (body?.status !== undefined && body.status !== 'completed') {
      throw new LlmFailedError(`${label}: the response is ${body.status}`);
    }
    let text = '';
    let refusal = '';
    for (const item of body?.output ?? []) {
      for (const part of item?.content ?? []) {
        if (part?.type === 'output_text' && typeof part.text === 'string') text += part.text;
        if (part?.type === 'refusal' && typeof part.refusal === 'string') refusal += part.refusal;
      }
    }
    if (refusal) throw refused(refusal, label);
    if (!text) throw new LlmFailedError(`${label}: the response has no output text`);
    return text;
  },

  async* deltas(events, label) {
    let refusal = '';
    for await (const event of events) {
      const data = eventJson(event, label);
      switch (data?.type ?? event.event) {
        case 'response.output_text.delta':
          if (typeof data.delta === 'string' && data.delta !== '') yield data.delta;
          break;
        case 'response.refusal.delta':
          if (typeof data.delta === 'string') refusal += data.delta;
          break;
        case 'response.refusal.done':
          if (typeof data.refusal === 'string') refusal = data.refusal;
          break;
        case 'response.completed':
          if (refusal) throw refused(refusal, label);
          return;
        case 'response.incomplete':
          throw incomplete(data.response, label);
        case 'response.failed':
          throw failed(data.response, label);
        case 'error':
          throw failed(data, label);
        default:
          break;  // created, in_progress, output_item.*, content_part.*, output_text.done, ...
      }
    }
    if (refusal) throw refused(refusal, label);
    throw endedEarly(label);
  },
};

function refused(refusal, label) {
  return new LlmRefusedError(`${label}: the model refused: ${refusal}`, { refusal });
}

function incomplete(response, label) {
  const reason = response?.incomplete_details?.reason;
  if (reason === 'content_filter') return new LlmRefusedError(`${label}: the answer was stopped by the content filter`);
  return new LlmTruncatedError(`${label}: the answer is incomplete (${reason ?? 'no reason given'})`);
}

function failed(value, label) {
  return new LlmFailedError(`${label}: ${errorMessage(value) ?? 'the response failed'}`);
}
