// cofounder-artifacts: validate, gate, migrate, merge, diff and describe the five founder-plan
// artifacts with the C++ core compiled to WebAssembly (after one `await init()` every core call
// is synchronous), and keep them in IndexedDB with the generation pipeline. The public entry:
// it only re-exports. Layers, lowest first: core.js (the module and the transfer into its
// memory) -> operations.js -> store/ -> pipeline.js and sync/; errors.js and registry.js are leaves.
export { init, isInitialized } from './core.js';
export {
  validate, gate, migrate, jsonSchema, merge, diff, wordDiff, toMarkdown, planToMarkdown, toHtml, planToHtml,
} from './operations.js';
export { printPlan } from './print.js';
export { createStreamValidator } from './stream.js';
export { openDocument } from './document.js';
export {
  ArtifactType, ARTIFACTS, CascadeRule, GENERATION_ORDER, GenerationStatus, IssueType, SCHEMA_VERSION, Tier, TIER_TITLES,
  sectionsFor,
} from './registry.js';
export {
  ArtifactsError, InvalidInputError, UnknownArtifactTypeError, UnknownTierError, ValidationFailedError,
  TierLockedError, ConcurrentGenerationError, LeaseLostError, SchemaVersionUnsupportedError,
  NotFoundError, StorageError, NotInitializedError, PrintUnavailableError, LlmTruncatedError, LlmRefusedError, LlmFailedError,
} from './errors.js';
export { ArtifactStore, DEFAULT_LEASE_TTL_MS } from './store/store.js';
export { generateAll, regenerate } from './pipeline.js';
export { SyncClient } from './sync/client.js';
export { OutboxKind, OutboxState } from './store/outbox.js';
