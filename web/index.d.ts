// The public API of cofounder-artifacts. Content types are generated from the core's registry
// (dist/content-types.d.ts); this file declares the functions, results and errors.
import type {
  ArtifactContentMap, ArtifactSectionMap, ArtifactTypeId, RecordModelId, TierName,
} from '../dist/content-types.js';

export type * from '../dist/content-types.js';

/** Where the `.wasm` file lives, or its bytes; by default it sits next to the package's JS. */
export interface InitOptions {
  wasmUrl?: string | URL;
  wasmBinary?: ArrayBuffer | Uint8Array;
}
/** Loads the WebAssembly core once; every later call returns the same promise. */
export function init(options?: InitOptions): Promise<void>;
export function isInitialized(): boolean;

/** A location: object keys and array indexes from the document's root. */
export type Loc = Array<string | number>;

/** An error in Pydantic v2's JSON-mode shape. */
export interface ValidationIssue {
  /** Pydantic's error type (`missing`, `int_parsing`, `json_invalid`, ...) or ours
   * (`input_too_large`). */
  type: string;
  loc: Loc;
  msg: string;
  /** The offending input (absent when there is none). */
  input?: unknown;
  ctx?: Record<string, unknown>;
}

/** A warning: an unknown key that was dropped (`unknown_key`) or a section above the tier
 * (`tier_locked`). */
export interface ValidationWarning {
  type: 'unknown_key' | 'tier_locked';
  loc: Loc;
  msg: string;
}

export interface ValidateOptions {
  /** Sections above this tier become `tier_locked` warnings. */
  tier?: TierName;
  /** Pydantic strict mode: no lax conversions (`"3"` or `3.0` for an integer). */
  strict?: boolean;
}

export type ValidationResult<T> =
  | { ok: true; errors: []; warnings: ValidationWarning[]; value: T }
  | { ok: false; errors: ValidationIssue[]; warnings: ValidationWarning[]; value: null };

/** Content: an object, or its JSON text. */
export type Content<T = unknown> = T | string;

/**
 * Validates content against its type's schema, reporting every error. Content problems (invalid
 * JSON, wrong types, too large) come back in the result; an unknown type or tier throws.
 */
export function validate<K extends ArtifactTypeId>(
  type: K, content: Content, options?: ValidateOptions): ValidationResult<ArtifactContentMap[K]>;
export function validate(
  type: RecordModelId, content: Content, options?: ValidateOptions): ValidationResult<Record<string, unknown>>;

export interface GateResult<T> {
  /** Only the sections `tier` may see (unknown keys dropped). */
  value: Partial<T>;
  /** Every section id above the tier, in schema order: what an upsell view shows as locked. */
  locked: string[];
}
export function gate<K extends ArtifactTypeId>(
  type: K, content: Content, tier: TierName): GateResult<ArtifactContentMap[K]>;

export interface MigrateResult<T> {
  value: T;
  fromVersion: number;
  toVersion: number;
}
/** Brings content up to SCHEMA_VERSION; a newer version throws SchemaVersionUnsupportedError. */
export function migrate<K extends ArtifactTypeId>(
  type: K, content: Content): MigrateResult<ArtifactContentMap[K]>;

/** JSON Schema draft 2020-12 with the "we"-voice descriptions (all sections without a tier). */
export function jsonSchema(
  type: ArtifactTypeId | RecordModelId, options?: { tier?: TierName }): Record<string, unknown>;

export const ArtifactType: {
  readonly BRIEF: 'brief'; readonly MVP_SCOPE: 'mvp_scope'; readonly MILESTONES: 'milestones';
  readonly RISK_LOG: 'risk_log'; readonly HOW_IT_WORKS: 'how_it_works';
};
export const GENERATION_ORDER: readonly ArtifactTypeId[];
export const Tier: {
  readonly BOOTSTRAPPER: 'bootstrapper'; readonly PARTNER: 'partner'; readonly CTO_SCALE: 'cto_scale';
};
export const SCHEMA_VERSION: number;

export interface SectionInfo {
  id: string;
  title: string;
  description: string;
  /** The lowest tier that sees this section. */
  tier: TierName;
  required: boolean;
}
export interface ArtifactInfo<K extends ArtifactTypeId = ArtifactTypeId> {
  id: K;
  title: string;
  description: string;
  sections: readonly SectionInfo[];
}
export const ARTIFACTS: { readonly [K in ArtifactTypeId]: ArtifactInfo<K> };
/** The section ids of `type` that `tier` may see (all without a tier). */
export function sectionsFor<K extends ArtifactTypeId>(type: K, tier?: TierName): Array<ArtifactSectionMap[K]>;

/** The stable codes of the package's errors. */
export type ErrorCode =
  | 'invalid_input' | 'unknown_artifact_type' | 'unknown_tier' | 'validation_failed'
  | 'tier_locked' | 'generation_in_progress' | 'lease_lost' | 'schema_version_unsupported'
  | 'not_found' | 'storage_failed' | 'not_initialized';

export class ArtifactsError extends Error {
  constructor(code: ErrorCode, message: string, details?: { errors?: ValidationIssue[]; cause?: unknown });
  readonly code: ErrorCode;
  /** The core's errors, for validation and input failures. */
  readonly errors?: ValidationIssue[];
}
export class InvalidInputError extends ArtifactsError { readonly code: 'invalid_input'; }
export class UnknownArtifactTypeError extends ArtifactsError { readonly code: 'unknown_artifact_type'; }
export class UnknownTierError extends ArtifactsError { readonly code: 'unknown_tier'; }
export class ValidationFailedError extends ArtifactsError { readonly code: 'validation_failed'; }
export class TierLockedError extends ArtifactsError { readonly code: 'tier_locked'; }
export class ConcurrentGenerationError extends ArtifactsError { readonly code: 'generation_in_progress'; }
export class LeaseLostError extends ArtifactsError { readonly code: 'lease_lost'; }
export class SchemaVersionUnsupportedError extends ArtifactsError { readonly code: 'schema_version_unsupported'; }
export class NotFoundError extends ArtifactsError { readonly code: 'not_found'; }
export class StorageError extends ArtifactsError { readonly code: 'storage_failed'; }
/** A core call before `await init()` finished. */
export class NotInitializedError extends ArtifactsError { readonly code: 'not_initialized'; }
