// cofounder-artifacts/runners: LLM runners over fetch for the generation pipeline, one per API
// (OpenAI Chat Completions, OpenAI Responses, Anthropic Messages). Each asks for one artifact
// with the structured-output schema of its type and tier (jsonSchema's provider targets), whole
// (generateArtifact) or streamed (streamArtifact). Browsers and Node alike: nothing but fetch.
import { anthropic } from './anthropic.js';
import { openAIChat } from './openai-chat.js';
import { openAIResponses } from './openai-responses.js';
import { createRunner } from './runner.js';

/** A runner over OpenAI Chat Completions (or a server that speaks it: set baseURL). */
export const openAIChatRunner = (options) => createRunner(openAIChat, options);

/** A runner over the OpenAI Responses API. */
export const openAIResponsesRunner = (options) => createRunner(openAIResponses, options);

/** A runner over the Anthropic Messages API. */
export const anthropicRunner = (options) => createRunner(anthropic, options);

export { buildArtifactMessages } from './prompt.js';
export { SseParser } from './sse.js';
export { ANTHROPIC_VERSION, ANTHROPIC_MAX_TOKENS } from './anthropic.js';
export { LlmTruncatedError, LlmRefusedError, LlmFailedError } from '../errors.js';
