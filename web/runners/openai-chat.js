// OpenAI Chat Completions (POST {baseURL}/chat/completions) with Structured Outputs: the schema
// as response_format json_schema, strict. Streamed as `data: {chunk}` events, the text in
// choices[0].delta.content, ended by `data: [DONE]`. A finish_reason of `length` means the answer
// was cut off; `content_filter`, or a `refusal` instead of content, that the model refused.
// Also fits the many servers that speak this API (set baseURL).
import { LlmFailedError, LlmRefusedError, LlmTruncatedError } from '../errors.js';
import { endedEarly, errorMessage, eventJson } from './failures.js';

export const openAIChat = {
  id: 'openai-chat',
  label: 'OpenAI Chat Completions',
  target: 'openai',
  baseURL: 'https://api.openai.com/v1',
  path: 'chat/completions',

  headers: ({ apiKey }) => (apiKey ? { authorization: `Bearer ${apiKey}` } : {}),

  body: ({ model, system, messages, schema, name, maxTokens }) => ({
    model,
    messages: system ? [{ role: 'system', content: system }, ...messages] : messages,
    response_format: { type: 'json_schema', json_schema: { name, strict: true, schema } },
    ...(maxTokens === undefined ? {} : { max_completion_tokens: maxTokens }),
  }),

  answer(body, label) {
    if (body?.error) throw new LlmFailedError(`${label}: ${errorMessage(body)}`);
    const choice = body?.choices?.[0];
    if (!choice) throw new LlmFailedError(`${label}: the response has no choices`);
    finished(choice.finish_reason, choice.message?.refusal ?? '', label);
    const content = choice.message?.content;
    if (typeof content !== 'string') throw new LlmFailedError(`${label}: the response has no content`);
    return content;
  },

  async* deltas(events, label) {
    let finishReason = null;
    let refusal = '';
    let done = false;
    for await (const event of events) {
      if (event.data === '[DONE]') {
        done = true;
        break;
      }
      const chunk = eventJson(event, label);
      if (chunk?.error) throw new LlmFailedError(`${label}: ${errorMessage(chunk)}`);
      const choice = chunk?.choices?.[0];
      if (!choice) continue;  // e.g. the usage chunk
      if (typeof choice.delta?.refusal === 'string') refusal += choice.delta.refusal;
      if (typeof choice.delta?.content === 'string' && choice.delta.content !== '') yield choice.delta.content;
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
    if (!done && finishReason === null) throw endedEarly(label);
    finished(finishReason, refusal, label);
  },
};

// Why the model stopped, as a typed error when it did not finish its answer.
function finished(finishReason, refusal, label) {
  if (refusal) throw new LlmRefusedError(`${label}: the model refused: ${refusal}`, { refusal });
  if (finishReason === 'length') throw new LlmTruncatedError(`${label}: the answer was cut off at the token limit`);
  if (finishReason === 'content_filter') throw new LlmRefusedError(`${label}: the answer was stopped by the content filter`);
}
