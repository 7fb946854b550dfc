// Compiled with `tsc --noEmit` by tests/js/types.test.js: the runners' published types, as a
// frontend uses them (with the pipeline, streaming, the errors).
import {
  generateAll, ArtifactStore, LlmFailedError, LlmRefusedError, LlmTruncatedError, type Runner,
} from 'cofounder-artifacts';
import {
  anthropicRunner, openAIChatRunner, openAIResponsesRunner, buildArtifactMessages, SseParser,
  ANTHROPIC_VERSION, type LlmRunner, type PromptRequest, type RunnerOptions,
} from 'cofounder-artifacts/runners';

export async function runners(): Promise<void> {
  const options: RunnerOptions = { model: 'gpt-4o-2024-08-06', apiKey: 'sk-...', tier: 'partner', maxRetries: 2 };
  const chat: LlmRunner = openAIChatRunner(options);
  const responses = openAIResponsesRunner({ ...options, baseURL: new URL('https://proxy.example/v1') });
  const claude = anthropicRunner({
    model: 'claude-sonnet-4-5', apiKey: 'sk-ant-...', dangerouslyAllowBrowser: true, fetch: (url, init) => fetch(url, init),
    buildMessages: (request: PromptRequest) => {
      const prompt = buildArtifactMessages(request);
      return { system: `${prompt.system ?? ''} Keep it short.`, messages: prompt.messages };
    },
  });
  const asRunner: Runner = claude;
  const store = await ArtifactStore.open({ name: 'plans' });
  await generateAll(store, asRunner, { projectId: 'p', context: { idea: 'Inventory for corner shops' } });

  const controller = new AbortController();
  let text = '';
  try {
    for await (const delta of chat.streamArtifact('brief', { idea: 'x' }, {}, { signal: controller.signal, tier: 'cto_scale' })) {
      text += delta;
    }
    const whole: Record<string, unknown> = await responses.generateArtifact('mvp_scope', {}, {});
    console.log(text.length, Object.keys(whole), chat.provider, claude.model, ANTHROPIC_VERSION);
  } catch (error) {
    if (error instanceof LlmFailedError) console.log(error.code, error.status, error.retryAfterMs);
    else if (error instanceof LlmRefusedError) console.log(error.code, error.refusal);
    else if (error instanceof LlmTruncatedError) console.log(error.code);
  }
  const parser = new SseParser();
  for (const event of [...parser.push(new Uint8Array([100, 97])), ...parser.end()]) console.log(event.event, event.data, event.id);
}
