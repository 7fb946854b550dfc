// cofounder-artifacts: validate, gate, migrate, merge, diff and describe the five founder-plan
// artifacts with the C++ core compiled to WebAssembly (after one `await init()` every core call
// is synchronous), and keep them in IndexedDB with the generation pipeline. The public entry:
// it only re-exports. Layers, lowest first: core.js (the module and the transfer into its
// memory) -> operations.js -> store/ -> pipeline.js, sync/ and backup/; errors.js and registry.js are leaves.
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
  NotFoundError, StorageError, StorageFullError, NotInitializedError, PrintUnavailableError, LlmTruncatedError,
  LlmRefusedError, LlmFailedError, BackupError, BACKUP_ERROR_CODES,
} from './errors.js';
export { ArtifactStore, DEFAULT_LEASE_TTL_MS } from './store/store.js';
export { generateAll, regenerate } from './pipeline.js';
export { SyncClient } from './sync/client.js';
export { OutboxKind, OutboxState } from './store/outbox.js';
export { exportProject, backupText, backupBlob } from './backup/export.js';
export { importProject, ImportMode } from './backup/import.js';
export { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, canonicalJson, backupChecksum } from './backup/format.js';
