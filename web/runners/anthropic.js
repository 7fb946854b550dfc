// The Anthropic Messages API (POST {baseURL}/messages). The answer's structure comes from a tool
// the model must call: the schema is the tool's input_schema and tool_choice names it, so the
// artifact is the tool's input. Streamed as typed events: the JSON in content_block_delta events
// (input_json_delta.partial_json; text_delta.text is taken too), the stop reason in message_delta
// (`max_tokens`: cut off; `refusal`), the end at message_stop; an `error` event fails the call.
import { InvalidInputError, LlmFailedError, LlmRefusedError, LlmTruncatedError } from '../errors.js';
import { endedEarly, errorMessage, eventJson } from './failures.js';

export const ANTHROPIC_VERSION = '2023-06-01';
export const ANTHROPIC_MAX_TOKENS = 8192;

export const anthropic = {
  id: 'anthropic',
  label: 'Anthropic Messages',
  target: 'anthropic',
  baseURL: 'https://api.anthropic.com/v1',
  path: 'messages',

  options({ dangerouslyAllowBrowser = false }) {
    if (typeof dangerouslyAllowBrowser !== 'boolean') throw new InvalidInputError('dangerouslyAllowBrowser must be a boolean');
    return { dangerouslyAllowBrowser };
  },

  headers: ({ apiKey, dangerouslyAllowBrowser }) => ({
    ...(apiKey ? { 'x-api-key': apiKey } : {}),
    'anthropic-version': ANTHROPIC_VERSION,
    // Anthropic refuses calls from a browser (CORS) unless this says the key is meant to be there.
    ...(dangerouslyAllowBrowser ? { 'anthropic-dangerous-direct-browser-access': 'true' } : {}),
  }),

  body: ({ model, system, messages, schema, name, description, maxTokens }) => ({
    model,
    max_tokens: maxTokens ?? ANTHROPIC_MAX_TOKENS,
    ...(system ? { system } : {}),
    messages,
    tools: [{ name, description, input_schema: schema }],
    tool_choice: { type: 'tool', name },
  }),

  answer(body, label) {
    if (body?.type === 'error' || body?.error) throw new LlmFailedError(`${label}: ${errorMessage(body)}`);
    stopped(body?.stop_reason, label);
    const blocks = Array.isArray(body?.content) ? body.content : [];
    const tool = blocks.find((block) => block?.type === 'tool_use');
    if (tool) return tool.input;
    const text = blocks.filter((block) => block?.type === 'text').map((block) => block.text).join('');
    if (!text) throw new LlmFailedError(`${label}: the response has no tool input or text`);
    return text;
  },

  async* deltas(events, label) {
    let stopReason = null;
    for await (const event of events) {
      const data = eventJson(event, label);
      switch (data?.type ?? event.event) {
        case 'content_block_delta': {
          const delta = data.delta ?? {};
          if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string' && delta.partial_json !== '') {
            yield delta.partial_json;
          } else if (delta.type === 'text_delta' && typeof delta.text === 'string' && delta.text !== '') {
            yield delta.text;
          }
          break;
        }
        case 'message_delta':
          stopReason = data.delta?.stop_reason ?? stopReason;
          break;
        case 'message_stop':
          stopped(stopReason, label);
          return;
        case 'error':
          throw new LlmFailedError(`${label}: ${errorMessage(data) ?? 'error event'}`);
        default:
          break;  // message_start, content_block_start/stop, ping, ...
      }
    }
    if (stopReason === null) throw endedEarly(label);
    stopped(stopReason, label);
  },
};

// Why the model stopped, as a typed error when it did not finish its answer.
function stopped(stopReason, label) {
  if (stopReason === 'max_tokens') throw new LlmTruncatedError(`${label}: the answer was cut off at max_tokens`);
  if (stopReason === 'refusal') throw new LlmRefusedError(`${label}: the model refused to answer`);
}
