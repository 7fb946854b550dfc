// Built in only when the package does not export 'cofounder-artifacts/runners' (see
// vite.config.js): the endpoint generator then says why it cannot run.
export function openAIChatRunner() {
  throw new Error('This build of the editor has no cofounder-artifacts/runners module.');
}
