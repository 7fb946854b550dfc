// A runner over one provider's HTTP API. The provider (openai-chat.js, openai-responses.js,
// anthropic.js) says how to ask (path, headers, body) and how to read the answer, whole or as a
// stream of events; this file does the rest the same way for all: the schema for the type and
// tier, the messages, the request with its retries, aborting.
import { InvalidInputError, UnknownArtifactTypeError } from '../errors.js';
import { jsonSchema } from '../operations.js';
import { ARTIFACTS } from '../registry.js';
import { readText } from './body.js';
import { answerObject, bodyJson, notAnEventStream } from './failures.js';
import { post } from './http.js';
import { checkTier, readOptions } from './options.js';
import { buildArtifactMessages } from './prompt.js';
import { sseEvents } from './sse.js';

const isRecord = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function checkSignal(signal) {
  if (signal === undefined || signal === null) return undefined;
  if (typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function') {
    throw new InvalidInputError('signal must be an AbortSignal');
  }
  return signal;
}

function checkMessages(built) {
  if (!isRecord(built) || !Array.isArray(built.messages) || built.messages.length === 0
      || (built.system !== undefined && typeof built.system !== 'string')) {
    throw new InvalidInputError('buildMessages must return {system?: string, messages: [{role, content}, ...]}');
  }
  return built;
}

// Everything a request for one artifact needs.
function prepare(settings, provider, type, context, priorArtifacts, callOptions) {
  if (typeof type !== 'string' || !Object.hasOwn(ARTIFACTS, type)) {
    throw new UnknownArtifactTypeError(`unknown artifact type '${String(type).slice(0, 100)}'`);
  }
  if (context !== undefined && context !== null && !isRecord(context)) throw new InvalidInputError('context must be an object');
  if (priorArtifacts !== undefined && priorArtifacts !== null && !isRecord(priorArtifacts)) {
    throw new InvalidInputError('priorArtifacts must be an object of artifacts by type');
  }
  if (callOptions !== undefined && !isRecord(callOptions)) throw new InvalidInputError('options must be an object');
  const signal = checkSignal(callOptions?.signal);
  const tier = callOptions?.tier === undefined ? settings.tier : checkTier(callOptions.tier);
  const schema = jsonSchema(type, { tier, target: provider.target });
  const request = { type, context: context ?? {}, priorArtifacts: priorArtifacts ?? {}, tier, schema };
  const { system, messages } = checkMessages((settings.buildMessages ?? buildArtifactMessages)(request));
  return {
    signal,
    ask: {
      model: settings.model,
      system,
      messages,
      schema,
      name: type,
      description: ARTIFACTS[type].description,
      maxTokens: settings.maxTokens,
    },
  };
}

function send(settings, provider, ask, stream, signal) {
  return post(settings, {
    path: provider.path,
    headers: provider.headers(settings),
    body: { ...provider.body({ ...ask, stream }), ...settings.extraBody, stream },
    stream,
    signal,
  });
}

/** The runner for `provider` with the caller's `options`; see index.d.ts. */
export function createRunner(provider, options) {
  const settings = readOptions(options, provider);
  const { label } = settings;
  return {
    provider: provider.id,
    model: settings.model,

    /** One artifact, asked for whole: the parsed JSON object. */
    async generateArtifact(type, context, priorArtifacts, callOptions) {
      const { signal, ask } = prepare(settings, provider, type, context, priorArtifacts, callOptions);
      const response = await send(settings, provider, ask, false, signal);
      const text = await readText(response.body, signal);
      return answerObject(provider.answer(bodyJson(text, label), label), label);
    },

    /** One artifact as the model writes it: its JSON text, delta by delta. */
    async* streamArtifact(type, context, priorArtifacts, callOptions) {
      const { signal, ask } = prepare(settings, provider, type, context, priorArtifacts, callOptions);
      const response = await send(settings, provider, ask, true, signal);
      const contentType = response.headers.get('content-type');
      if (contentType && !contentType.includes('text/event-stream')) {
        const text = await readText(response.body, signal, 64 * 1024);
        throw notAnEventStream(label, contentType, text);
      }
      yield* provider.deltas(sseEvents(response.body, signal), label);
    },
  };
}
