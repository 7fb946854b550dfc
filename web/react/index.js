'use client';
// cofounder-artifacts/react: React bindings (React 18 and 19). The provider loads the core and
// opens the store once; the hooks read records through useSyncExternalStore over the store's
// change feed with a per-record cache. On the server everything renders its loading state and
// nothing touches wasm or IndexedDB. The package's main entry never imports this folder.
export { ArtifactsProvider } from './provider.js';
export {
  useArtifact, useArtifactStore, useProject, useProjectIds, useSyncStatus, useValidation, useVersionDiff,
} from './hooks.js';
export { useGeneration } from './generation.js';
export { RunStatus } from './generation-state.js';
