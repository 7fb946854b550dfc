// cofounder-artifacts/runners: LLM runners over fetch for the generation pipeline.
import type { ArtifactContentMap, ArtifactTypeId, TierName } from '../../dist/content-types.js';
import type { Runner } from '../index.js';

export { LlmTruncatedError, LlmRefusedError, LlmFailedError } from '../index.js';

/** One message of the conversation sent to the model. */
export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** What a prompt builder is given for one artifact. */
export interface PromptRequest<K extends ArtifactTypeId = ArtifactTypeId> {
  type: K;
  /** The founder's context as the pipeline passes it (e.g. `{ startup_name, idea }`). */
  context: Record<string, unknown>;
  /** The artifacts generated before this one, by type. */
  priorArtifacts: Partial<ArtifactContentMap>;
  /** The tier the schema is for; undefined: every section. */
  tier: TierName | undefined;
  /** The structured-output schema sent with the request (jsonSchema of the provider's target). */
  schema: Record<string, unknown>;
}

/** A prompt: the system text and the conversation. */
export interface PromptMessages {
  system?: string;
  messages: LlmMessage[];
}

/**
 * The default prompt: the AI co-founder's "we" voice, the sections the tier includes (from the
 * registry), the founder's context and the earlier artifacts as JSON.
 */
export function buildArtifactMessages(request: PromptRequest): PromptMessages;

export interface RunnerOptions {
  /** The model, e.g. 'gpt-4o-2024-08-06' or 'claude-sonnet-4-5'. Required: no default goes stale. */
  model: string;
  /** Defaults: https://api.openai.com/v1 (OpenAI), https://api.anthropic.com/v1 (Anthropic). */
  baseURL?: string | URL;
  /** Sent as `Authorization: Bearer` (OpenAI) or `x-api-key` (Anthropic). Leave it out when a
   * proxy adds the key, or pass your own auth in `headers`. */
  apiKey?: string;
  /** Extra request headers; they override the runner's own. */
  headers?: HeadersInit;
  /** Default: globalThis.fetch. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Replaces the default prompt (buildArtifactMessages). */
  buildMessages?: (request: PromptRequest) => PromptMessages;
  /** The tier whose sections the schema asks for, unless a call passes its own; default: all. */
  tier?: TierName;
  /** Retries of a 429, a 5xx or a failed connection. Default 0. */
  maxRetries?: number;
  /** The first retry's delay when the server gives no Retry-After (doubling after). Default 1000. */
  retryDelayMs?: number;
  /** The longest wait between tries: a server asking for longer (Retry-After) is not retried,
   * the LlmFailedError says `retryAfterMs`; the backoff stops growing here. Default 60000. */
  maxRetryDelayMs?: number;
  /** The answer's token limit: max_completion_tokens (Chat), max_output_tokens (Responses),
   * max_tokens (Anthropic, default ANTHROPIC_MAX_TOKENS); the OpenAI APIs' own default otherwise. */
  maxTokens?: number;
  /** Merged into the request body (temperature, store, metadata, ...). */
  extraBody?: Record<string, unknown>;
}

export interface AnthropicRunnerOptions extends RunnerOptions {
  /** Sends `anthropic-dangerous-direct-browser-access: true`, which Anthropic requires for calls
   * from a browser page (CORS). Only with a key the page's users may see. Default false. */
  dangerouslyAllowBrowser?: boolean;
}

/** Per call: the pipeline's `{signal}`, and optionally the tier for this artifact. */
export interface GenerateOptions {
  /** Aborting rejects with the signal's reason and cancels the response body. */
  signal?: AbortSignal;
  tier?: TierName;
}

/**
 * A runner over an LLM provider. Both calls send the type's structured-output schema; the
 * pipeline validates what comes back. Failures are LlmTruncatedError (cut off),
 * LlmRefusedError, LlmFailedError (HTTP status, network, error events, broken streams, an
 * answer that is not a JSON object); call `await init()` first (the schema comes from the core).
 */
export interface LlmRunner extends Runner {
  readonly provider: 'openai-chat' | 'openai-responses' | 'anthropic';
  readonly model: string;
  /** One artifact, asked for whole: the model's JSON object. */
  generateArtifact<K extends ArtifactTypeId>(type: K, context?: Record<string, unknown>,
    priorArtifacts?: Partial<ArtifactContentMap>, options?: GenerateOptions): Promise<Record<string, unknown>>;
  /** One artifact as the model writes it: its JSON text, delta by delta (joined: the object's text). */
  streamArtifact<K extends ArtifactTypeId>(type: K, context?: Record<string, unknown>,
    priorArtifacts?: Partial<ArtifactContentMap>, options?: GenerateOptions): AsyncGenerator<string, void, undefined>;
}

/** OpenAI Chat Completions (POST {baseURL}/chat/completions, response_format json_schema), or
 * any server that speaks it. */
export function openAIChatRunner(options: RunnerOptions): LlmRunner;
/** The OpenAI Responses API (POST {baseURL}/responses, text.format json_schema). */
export function openAIResponsesRunner(options: RunnerOptions): LlmRunner;
/** The Anthropic Messages API (POST {baseURL}/messages; the schema as a forced tool's input_schema). */
export function anthropicRunner(options: AnthropicRunnerOptions): LlmRunner;

/** The `anthropic-version` header sent. */
export const ANTHROPIC_VERSION: string;
/** Anthropic's max_tokens when `maxTokens` is not given. */
export const ANTHROPIC_MAX_TOKENS: number;

/** One server-sent event. `event` is 'message' when the stream named none. */
export interface SseEvent {
  event: string;
  data: string;
  id: string;
}

/** The incremental SSE parser the runners use: feed chunks split anywhere, get whole events. */
export class SseParser {
  /** Bytes (UTF-8; a character split across chunks is fine) or text; the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[];
  /** The end of the stream; an event without its closing blank line is dropped. */
  end(): SseEvent[];
}
