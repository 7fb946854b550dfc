// cofounder-artifacts: validate, gate, migrate, merge, diff and describe the five founder-plan
// artifacts with the C++ core compiled to WebAssembly (after one `await init()` every core call
// is synchronous), and keep them in IndexedDB with the generation pipeline. The public entry:
// it only re-exports. Layers, lowest first: core.js (the module and the transfer into its
// memory) -> operations.js -> store/ -> pipeline.js; errors.js and constants.js are leaves.
export { init, isInitialized } from './core.js';
export {
  validate, gate, migrate, jsonSchema, merge, diff, wordDiff, toMarkdown, planToMarkdown,
} from './operations.js';
export { ArtifactType, ARTIFACTS, GENERATION_ORDER, SCHEMA_VERSION, Tier, sectionsFor } from './constants.js';
export {
  ArtifactsError, InvalidInputError, UnknownArtifactTypeError, UnknownTierError, ValidationFailedError,
  TierLockedError, ConcurrentGenerationError, LeaseLostError, SchemaVersionUnsupportedError,
  NotFoundError, StorageError, NotInitializedError,
} from './errors.js';
export { ArtifactStore, DEFAULT_LEASE_TTL_MS } from './store/store.js';
export { generateAll, regenerate } from './pipeline.js';
