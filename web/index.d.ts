// The public API of cofounder-artifacts. Content types are generated from the core's registry
// (dist/content-types.d.ts); this file declares the functions, results and errors.
import type {
  ArtifactContentMap, ArtifactRecord, ArtifactRecordOf, ArtifactSectionMap, ArtifactTypeId,
  CascadeRuleName, RecordModelId, StatusCode, TierName,
} from '../dist/content-types.js';
import type * as Registry from '../dist/content-types.js';

export type * from '../dist/content-types.js';
// Types that share their name with a constant below (the type is the union of its values).
export type GenerationStatus = Registry.GenerationStatus;
export type IssueType = Registry.IssueType;

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
  type: IssueType;
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

/** A chunk's events, in stream order (see createStreamValidator). */
export type StreamEvent<K extends string = string> =
  | StreamSectionStartEvent<K>
  | StreamTextEvent
  | StreamItemCompleteEvent
  | StreamSectionCompleteEvent<K>
  | StreamWarningEvent
  | StreamErrorEvent;

/** A top-level key naming a section closed; its value begins. */
export interface StreamSectionStartEvent<K extends string = string> {
  kind: 'section_start';
  section: K;
}
/** A string value inside a section grew: `delta` is the decoded text added since the last
 * push (never half a character); a string's deltas concatenated are the string. */
export interface StreamTextEvent {
  kind: 'text';
  path: Loc;
  delta: string;
}
/** A list item inside a section closed, validated against its item type the moment it closed:
 * `value` is the normalised item when `ok`, errors are located from the document's root. */
export interface StreamItemCompleteEvent {
  kind: 'item_complete';
  path: Loc;
  value: unknown;
  ok: boolean;
  errors: ValidationIssue[];
}
/** A section's value closed, validated against the section's type (as validate() would). */
export interface StreamSectionCompleteEvent<K extends string = string> {
  kind: 'section_complete';
  section: K;
  value: unknown;
  ok: boolean;
  errors: ValidationIssue[];
}
/** An unknown top-level key or a section above the tier, as soon as it appears. */
export interface StreamWarningEvent {
  kind: 'warning';
  issue: ValidationWarning;
}
/** The text stopped being JSON (or grew too large or too deep): the last event of the stream;
 * later pushes are taken (end() still answers) but give no events. */
export interface StreamErrorEvent {
  kind: 'error';
  issue: ValidationIssue;
}

export interface StreamValidator<T, K extends string = string> {
  /** Feeds the next chunk, split anywhere (inside a character, an escape, a number); a string's
   * trailing high surrogate waits for the next push. Returns this chunk's events. */
  push(chunk: string | Uint8Array): StreamEvent<K>[];
  /** The value so far: complete tokens only, the open string and containers closed (a key
   * without a value and an unfinished number or literal left out); `null` before the first
   * value. Snapshots only grow and never change a value's type. */
  snapshot(): unknown;
  /** Exactly what `validate(type, wholeText, {tier, strict})` returns; closes the validator. */
  end(): ValidationResult<T>;
  /** Frees the validator's wasm memory (a FinalizationRegistry does it for one dropped). Safe to
   * call again. */
  dispose(): void;
}

/**
 * Validates a document while it is written, chunk by chunk: sections, string growth and list
 * items are reported as they complete, each validated as it closes; O(n) over the whole stream
 * whatever the chunking. An unknown type or tier and bad options throw the errors validate()
 * throws; push, snapshot and end on a closed validator (after end() or dispose()) and a chunk that
 * is neither a string nor a Uint8Array throw InvalidInputError (code `invalid_input`).
 */
export function createStreamValidator<K extends ArtifactTypeId>(
  type: K, options?: ValidateOptions): StreamValidator<ArtifactContentMap[K], ArtifactSectionMap[K]>;
export function createStreamValidator(
  type: RecordModelId, options?: ValidateOptions): StreamValidator<Record<string, unknown>>;

// ---- documents held open --------------------------------------------------------------------

export interface DocumentOptions {
  /** Sections above this tier become `tier_locked` warnings (fixed for the document's life). */
  tier?: TierName;
  /** Pydantic strict mode for setSection and validate (validate may override it per call). */
  strict?: boolean;
}

/** One section's share of validate(): its errors and warnings (located from the root) and its
 * normalised value (null when it was removed or has errors). */
export type SectionValidation =
  | { ok: true; errors: []; warnings: ValidationWarning[]; value: unknown }
  | { ok: false; errors: ValidationIssue[]; warnings: ValidationWarning[]; value: null };

/**
 * Content parsed once and held in wasm memory (an editor's open artifact). Every answer is the
 * stateless one for its current content. After dispose() every member but `type`, `disposed` and
 * dispose() throws InvalidInputError (code `invalid_input`).
 */
export interface ArtifactDocument<T, K extends string = string> {
  /** The artifact type (or record model) it is validated as. */
  readonly type: string;
  /** Whether dispose() was called. */
  readonly disposed: boolean;
  /** Exactly `validate(type, this.text, {tier, strict})`; the content does not cross again and
   * sections unchanged since the last call are not validated again. */
  validate(options?: { strict?: boolean }): ValidationResult<T>;
  /** Replaces one section (as `content[sectionId] = value`; undefined or null removes it, as
   * `delete`); only the value's JSON crosses and only that section is validated again. An id the
   * type does not have, or a value that is not JSON (a cycle, a BigInt, a lone surrogate, too
   * large or too deep), throws InvalidInputError and leaves the document as it was. */
  setSection<S extends K>(sectionId: S, value: S extends keyof T ? T[S] | null | undefined : unknown): SectionValidation;
  setSection(sectionId: K, value: unknown): SectionValidation;
  /** The current content as compact JSON text. */
  readonly text: string;
  /** The current content as an object (a new copy each call). */
  toJSON(): Partial<T>;
  /** Frees the wasm side (a FinalizationRegistry does it for one dropped). Safe to call again. */
  dispose(): void;
}

/**
 * Opens content (an object, or JSON text holding one) as a document held in wasm memory until
 * dispose(). An unknown type or tier throws as validate() does; content that is not a JSON object
 * (or is too large, too deep, not Unicode) throws InvalidInputError. Documents may stand for
 * content in diff() and merge(): two documents are compared where they are held.
 * @example
 * const doc = openDocument('risk_log', record.current_content, { tier: 'partner' });
 * const { ok, errors } = doc.setSection('technical_risks', risks);   // on every keystroke
 * doc.dispose();
 */
export function openDocument<K extends ArtifactTypeId>(
  type: K, content: Content, options?: DocumentOptions): ArtifactDocument<ArtifactContentMap[K], ArtifactSectionMap[K]>;
export function openDocument(
  type: RecordModelId, content: Content, options?: DocumentOptions): ArtifactDocument<Record<string, unknown>>;

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

/** Who reads a schema: a validator, or an LLM provider's structured-output decoder. */
export type SchemaTarget = 'draft-2020-12' | 'openai' | 'anthropic';

/**
 * JSON Schema with the "we"-voice descriptions (all sections without a tier). The default target
 * is draft 2020-12, for ajv and any validator. `openai` is OpenAI's strict structured-output
 * subset (the root an object, `additionalProperties: false` everywhere, every property required,
 * the tier's optional sections nullable, no `title`/`default`/`format`/numeric bounds);
 * `anthropic` is Anthropic's (optional sections stay optional, no numeric bounds). Provider
 * targets describe the sections an LLM writes, for artifact types only; what comes back is still
 * checked by `validate`.
 */
export function jsonSchema(
  type: ArtifactTypeId, options?: { tier?: TierName; target?: SchemaTarget }): Record<string, unknown>;
export function jsonSchema(
  type: RecordModelId, options?: { tier?: TierName; target?: 'draft-2020-12' }): Record<string, unknown>;

/** Content, or a document holding it (openDocument). */
export type ContentOrDocument<T = unknown> = Content<T> | ArtifactDocument<T, any>;

export interface MergeRequest<K extends ArtifactTypeId = ArtifactTypeId> {
  /** Optional when every side is a document or null (the documents' type). */
  type: K;
  /** The content as last generated (the merge base); null when there is none. */
  base: ContentOrDocument<ArtifactContentMap[K]> | null;
  /** The current content, with the founder's edits. */
  ours: ContentOrDocument<ArtifactContentMap[K]>;
  /** The new generation. */
  theirs: ContentOrDocument<ArtifactContentMap[K]>;
  /** The sections the founder edited. */
  editedSections?: Array<ArtifactSectionMap[K]>;
  /** The new generation everywhere; the edited sections are cleared. */
  force?: boolean;
}

/** Both the founder and the new generation changed this; the founder's value was kept. */
export interface MergeConflict {
  sectionId: string;
  /** JSON Pointer into the merged value (for an item the founder deleted: its section). */
  path: string;
  /** For a list item: its identity, e.g. `{ name: 'Live Stock Dashboard' }`. */
  identity?: Record<string, string | number>;
  /** Each side's value; absent where that side has none. */
  base?: unknown;
  ours?: unknown;
  theirs?: unknown;
}

export interface MergeResult<T> {
  /** The merged content; always valid against the schema. */
  value: T;
  /** Edited sections where the founder's value was kept. */
  kept: string[];
  conflicts: MergeConflict[];
  /** The sections whose merged value still differs from the new generation. */
  editedSections: string[];
}

/**
 * Carries a founder's edits into a new generation. Sections in `editedSections` keep the
 * founder's value; in lists of features, milestones, risks and journey steps items are matched
 * by name / title / step_number, so an item the founder added or edited survives, untouched items
 * follow the new generation and an item the founder deleted stays deleted. Invalid input throws
 * ValidationFailedError (with `errors` whose loc starts with `ours`, `theirs` or `base`).
 * @example
 * const { value, conflicts } = merge({ type: 'brief', base: lastGenerated, ours: current,
 *   theirs: regenerated, editedSections: ['target_user'] });
 */
export function merge<K extends ArtifactTypeId>(request: MergeRequest<K>): MergeResult<ArtifactContentMap[K]>;
export function merge<T>(request: {
  base: ArtifactDocument<T, any> | null; ours: ArtifactDocument<T, any>; theirs: ArtifactDocument<T, any>;
  editedSections?: string[]; force?: boolean;
}): MergeResult<T>;

/** One RFC 6902 operation. */
export type JsonPatchOperation =
  | { op: 'add' | 'replace'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move'; from: string; path: string };

export interface WordPiece {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface SectionDiff {
  id: string;
  change: 'added' | 'removed' | 'modified' | 'unchanged';
  /** For prose that changed: the word diff (equal+insert pieces give the new text). */
  words?: WordPiece[];
  /** For lists of identified items that changed: which items changed, by identity. */
  items?: Array<{ key: string | number; change: 'added' | 'removed' | 'modified' | 'moved' }>;
}

/**
 * What changed between two versions: `patch` turns `before` into `after` (list items matched by
 * identity: an inserted feature is one `add`, a reorder is `move`s), and every section with its
 * change. Either side may be null (no content yet).
 * @example
 * const { patch, sections } = diff('milestones', record.previous_content, record.current_content);
 */
export function diff(type: ArtifactTypeId, before: ContentOrDocument | null, after: ContentOrDocument | null): {
  patch: JsonPatchOperation[];
  sections: SectionDiff[];
};
/** diff() of two documents of one type (openDocument), compared where they are held. */
export function diff(before: ArtifactDocument<any, any>, after: ArtifactDocument<any, any>): {
  patch: JsonPatchOperation[];
  sections: SectionDiff[];
};

/** A word-level diff (Myers, linear space, bounded work; never splits a UTF-8 character). */
export function wordDiff(before: string, after: string): WordPiece[];

// ---- Markdown export ------------------------------------------------------------------------

/** `readable`: clean headings, paragraphs and lists to paste into Notion or a doc. `technical`:
 * YAML front matter, the schema's descriptions, [HIGH]/[MEDIUM]/[LOW] badges, a Mermaid flowchart
 * of the user journey and cross-reference links (see the README). */
export type MarkdownVariant = 'readable' | 'technical';

export interface MarkdownOptions {
  /** Default `readable`. */
  variant?: MarkdownVariant;
  /** Exactly this tier's sections; every section without a tier. */
  tier?: TierName;
  /** Shown in the title ("StockPilot — Product Brief") and the front matter; left out if absent. */
  startupName?: string;
  /** Written as given (a Date as its ISO 8601 text): the export never reads the clock. Left out
   * if absent. */
  generatedAt?: string | Date;
}

/**
 * One artifact as Markdown. Content is validated first (ValidationFailedError with every error);
 * an unknown type, tier or variant throws. The same input always gives the same text.
 * @example
 * const md = toMarkdown('mvp_scope', record.current_content,
 *   { variant: 'technical', tier: 'partner', startupName: 'StockPilot', generatedAt: new Date() });
 */
export function toMarkdown<K extends ArtifactTypeId>(
  type: K, content: Content<ArtifactContentMap[K]>, options?: MarkdownOptions): string;

/** The five artifacts of a plan by type; a missing or null one (a failed generation) is skipped. */
export type PlanContents = { [K in ArtifactTypeId]?: Content<ArtifactContentMap[K]> | null };

/**
 * The whole plan as one Markdown document, in GENERATION_ORDER, each artifact under its own
 * heading; in `technical`, mentions of earlier artifacts' features, milestones and risks link to
 * them. Errors carry the artifact type first in `loc`.
 */
export function planToMarkdown(plan: PlanContents, options?: MarkdownOptions): string;

// ---- HTML export and printing ---------------------------------------------------------------

/** The Markdown options but the variant (the HTML export has one form). */
export type HtmlOptions = Omit<MarkdownOptions, 'variant'>;

/**
 * One artifact as a standalone, print-ready HTML5 document: a cover (title, startup, date, tier),
 * the artifact's chapter, `@page` rules with the startup name as running header and "Page N of M"
 * in the footer, level badges, in-document links; inline CSS, nothing fetched. User text is
 * escaped everywhere. The entry tier (bootstrapper) carries "Powered by Co-Founder"; the others
 * are white-label. Errors as toMarkdown's.
 * @example
 * const html = toHtml('risk_log', record.current_content, { tier: 'partner', startupName: 'StockPilot' });
 */
export function toHtml<K extends ArtifactTypeId>(
  type: K, content: Content<ArtifactContentMap[K]>, options?: HtmlOptions): string;

/** The whole plan as one print-ready HTML document: cover, linked contents, a chapter per artifact. */
export function planToHtml(plan: PlanContents, options?: HtmlOptions): string;

/**
 * Prints the plan (planToHtml) from a hidden frame: the browser's print dialog, where the founder
 * may save it as a PDF. Resolves once the dialog has closed (or after a timeout) and the frame is
 * gone; rejects with PrintUnavailableError outside a browser, and with the export's errors.
 */
export function printPlan(plan: PlanContents, options?: HtmlOptions): Promise<void>;

// ---- persistence (IndexedDB) ----------------------------------------------------------------

export interface Lease {
  projectId: string;
  type: ArtifactTypeId;
  owner: string;
  startedAt: string;
  expiresAt: string;
}

export interface StoreChange {
  /** The store's own writes, and the sync client's (acknowledged, reconciled, ...). */
  kind: 'beginGeneration' | 'completeGeneration' | 'failGeneration' | 'editSection' | 'annotate'
    | 'syncAttempt' | 'syncAcknowledged' | 'syncReconciled' | 'syncRetryScheduled' | 'syncRefused' | 'syncResolved'
    | 'syncFlushRequested' | 'importProject';
  projectId: string;
  artifactType: ArtifactTypeId;
  id: string | null;
  /** The record's version number after the write (null when no record was written). */
  versionNumber: number | null;
  /** How many outbox entries the write queued (the store's edits, notes and generations). */
  queued?: number;
}

/** What an outbox entry asks of the backend. */
export const OutboxKind: { readonly PUT: 'put'; readonly EDIT: 'edit'; readonly ANNOTATE: 'annotate' };
export type OutboxKindName = (typeof OutboxKind)[keyof typeof OutboxKind];
/** Waiting to be sent, held in a conflict until resolved, or refused by the backend. */
export const OutboxState: { readonly PENDING: 'pending'; readonly CONFLICT: 'conflict'; readonly DEAD: 'dead' };
export type OutboxStateName = (typeof OutboxState)[keyof typeof OutboxState];

/** One change the backend has not acknowledged yet (written with the record it changes). */
export interface OutboxEntry {
  seq: number;
  /** Sent as Idempotency-Key: a repeat is answered from the first response, never applied twice. */
  mutationId: string;
  recordId: string;
  projectId: string;
  artifactType: ArtifactTypeId;
  /** The backend version (ETag) the change was made on; null before the record's first sync. */
  baseVersion: string | null;
  kind: OutboxKindName;
  payload: Record<string, unknown>;
  state: OutboxStateName;
  attempts: number;
  /** When it may be sent again (ms since the epoch). */
  nextAt: number;
  lastError: SyncError | null;
  createdAt: string;
}

/** The backend's answer that stopped an entry: its status and its {detail, code, errors}. */
export interface SyncError {
  status: number;
  code: string | null;
  detail: string;
  errors: ValidationIssue[] | null;
}

export interface SyncStatus {
  /** Whether the backend answered the last request (and the browser says it is online). */
  online: boolean;
  /** Changes waiting to be sent. */
  pending: number;
  /** Changes the backend refused (dead letters). */
  failed: number;
  /** Changes held in a conflict until resolve(). */
  conflicts: number;
  lastSyncAt: string | null;
  /** Whether this client is the one that sends (one per database). */
  leader: boolean;
}

/** A change made here and a change on the backend to the same section (or a whole version). */
export interface SyncConflict {
  id: string;
  recordId: string;
  projectId: string;
  artifactType: ArtifactTypeId;
  kind: OutboxKindName;
  /** The section both changed; null for a version generated here against a newer one there. */
  sectionId: string | null;
  base: unknown;
  mine: unknown;
  theirs: unknown;
  detectedAt: string | null;
}

export interface DeadLetter {
  id: string;
  recordId: string;
  projectId: string;
  artifactType: ArtifactTypeId;
  kind: OutboxKindName;
  payload: Record<string, unknown>;
  error: SyncError | null;
  attempts: number;
}

export interface SyncOptions {
  /** The backend's API root, e.g. https://host/api. */
  baseUrl: string;
  getAuthToken?: () => string | null | undefined | Promise<string | null | undefined>;
  fetch?: typeof fetch;
  /** How often the leader flushes and pulls (default 10 s); changes are sent at once besides. */
  intervalMs?: number;
  onConflict?: (conflicts: SyncConflict[]) => void;
  /** A project the backend does not know yet is created with this (under the same id). */
  describeProject?: (projectId: string) => { name: string; idea?: string; tier?: TierName } | null
    | Promise<{ name: string; idea?: string; tier?: TierName } | null>;
  /** The Web Locks API to elect the leader with (navigator.locks by default); null: an IndexedDB lease. */
  locks?: LockManager | null;
  clock?: () => number;
  random?: () => number;
  backoff?: { baseMs?: number; maxMs?: number };
  timeoutMs?: number;
  /** Whether each tick also pulls every project of the store (default true). */
  pullOnTick?: boolean;
}

/**
 * Sends the store's outbox to the backend (exactly once, in order per record, never over a newer
 * version) and brings the backend's newer versions in, merged with what is waiting here.
 */
export class SyncClient {
  static start(store: ArtifactStore, options: SyncOptions): Promise<SyncClient>;
  readonly status: SyncStatus;
  subscribe(listener: (status: SyncStatus) => void): () => void;
  /** Sends what is due now (in the leader; elsewhere asks the leader to). */
  flush(): Promise<void>;
  /** Fetches the backend's records of the project; newer versions merge with local changes. */
  pull(projectId: string): Promise<{ updated: number; error?: SyncError }>;
  /** The caller's projects on the backend. */
  projects(): Promise<Array<{ id: string; name: string; idea: string; tier: TierName | null; created_at: string; updated_at: string }>>;
  conflicts(): Promise<SyncConflict[]>;
  deadLetters(): Promise<DeadLetter[]>;
  /** Keeps this device's change, takes the backend's, or sends a value of the founder's (validated). */
  resolve(conflictId: string, choice: { take: 'mine' | 'theirs' | unknown }): Promise<ArtifactRecord | null>;
  /** Sends a dead letter again. */
  retry(deadLetterId: string): Promise<void>;
  /** Drops a dead letter (the change stays in this browser only). */
  discard(deadLetterId: string): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_TTL_MS: number;

export class ArtifactStore {
  /**
   * Opens (creating or upgrading) the database. In Node load `fake-indexeddb/auto` first: idb
   * needs the IndexedDB classes as globals, so a factory alone is refused (StorageError saying
   * what is missing), as is a factory of another implementation than the globals'.
   * Throws StorageError when an upgrade is blocked by another tab's older connection.
   */
  static open(options?: { name?: string; indexedDB?: IDBFactory; clock?: () => number }): Promise<ArtifactStore>;
  get(id: string): Promise<ArtifactRecord | null>;
  getByType<K extends ArtifactTypeId>(projectId: string, type: K): Promise<ArtifactRecordOf<K> | null>;
  /** Every artifact of the project, in GENERATION_ORDER. */
  listProject(projectId: string): Promise<ArtifactRecord[]>;
  /** idle/failed -> generating, atomically; ConcurrentGenerationError while another lease is live. */
  beginGeneration(projectId: string, type: ArtifactTypeId, options?: { ttlMs?: number }): Promise<Lease>;
  /** Validates (never writes invalid content), gates to `tier`, merges edits unless `force`. */
  completeGeneration<K extends ArtifactTypeId>(projectId: string, type: K, content: Content,
    options: { lease: Lease; force?: boolean; tier?: TierName }):
    Promise<{ record: ArtifactRecordOf<K>; kept: string[]; conflicts: MergeConflict[] }>;
  /** What completeGeneration would store for `content`, writing nothing and taking no lease. */
  previewGeneration<K extends ArtifactTypeId>(projectId: string, type: K, content: Content,
    options?: { force?: boolean; tier?: TierName }): Promise<GenerationPreview<K>>;
  failGeneration(projectId: string, type: ArtifactTypeId, error: unknown, options: { lease: Lease }): Promise<ArtifactRecord>;
  /** Validated; TierLockedError for a section above `tier`; does not bump the version. A value
   * equal to the section's current one changes nothing (no write, no edited flag, no event). */
  editSection<K extends ArtifactTypeId>(projectId: string, type: K, sectionId: ArtifactSectionMap[K],
    value: unknown, options?: { tier?: TierName }): Promise<ArtifactRecordOf<K>>;
  annotate<K extends ArtifactTypeId>(projectId: string, type: K, sectionId: ArtifactSectionMap[K], note: string): Promise<ArtifactRecordOf<K>>;
  /** previous_content -> current_content. */
  versionDiff(projectId: string, type: ArtifactTypeId): Promise<ReturnType<typeof diff> & { versionNumber: number }>;
  /**
   * Runs `work` as the project's only generation run (generateAll and a writing regenerate take
   * it): across tabs where the Web Locks API exists, within this realm otherwise.
   * ConcurrentGenerationError at once, without running `work`, while another run holds it.
   */
  exclusively<T>(projectId: string, work: () => Promise<T>): Promise<T>;
  /** Every write, from this store or another tab on the same database. Returns unsubscribe. */
  subscribe(listener: (change: StoreChange) => void): () => void;
  /** The changes not yet acknowledged by a backend, in order: all, or one record's. */
  outbox(options?: { recordId?: string }): Promise<OutboxEntry[]>;
  /** The ids of every project with a record here. */
  projectIds(): Promise<string[]>;
  /**
   * Asks the browser to keep this site's data under storage pressure (navigator.storage.persist());
   * supported false where the API does not exist (Node). Never throws.
   */
  persist(): Promise<{ persisted: boolean; supported: boolean }>;
  /** This site's usage and quota in bytes (navigator.storage.estimate()) and whether it is kept. */
  estimate(): Promise<StorageEstimateResult>;
  close(): void;
}

export interface StorageEstimateResult {
  usage: number | null;
  quota: number | null;
  /** Whether the browser promised to keep the site's data (null when it cannot say). */
  persisted: boolean | null;
  supported: boolean;
}

// ---- backup and restore (docs/backup.md) -------------------------------------------------------

export const BACKUP_FORMAT: 'cofounder-artifacts-backup';
export const BACKUP_FORMAT_VERSION: number;

/** A project's backup: every record as stored and its unsent outbox entries, checksummed. */
export interface ProjectBackup {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  exportedAt: string;
  /** The content schema version of the library that wrote it. */
  schemaVersion: number;
  /** The project's id and what the caller added (name, idea, ...). */
  project: { id: string; [key: string]: unknown };
  records: ArtifactRecord[];
  outbox: OutboxEntry[];
  /** 'sha256-' + hex SHA-256 of the canonical JSON of every other member. */
  checksum: string;
}

export const ImportMode: { readonly MERGE: 'merge'; readonly REPLACE: 'replace' };
export type ImportModeName = (typeof ImportMode)[keyof typeof ImportMode];

export interface ImportSummary {
  project: { id: string; [key: string]: unknown };
  /** Records written from the backup. */
  written: number;
  /** Records kept because the stored one was newer (merge). */
  kept: number;
  /** Records of the project deleted (replace: those the backup lacks; merge: one replaced under another id). */
  removed: number;
  /** Outbox entries added. */
  outbox: number;
}

/** The backup of a project; NotFoundError when the store has none of its records. */
export function exportProject(store: ArtifactStore, projectId: string,
  options?: { project?: Record<string, unknown> }): Promise<ProjectBackup>;
/** The backup as its file's text (JSON). */
export function backupText(backup: ProjectBackup): string;
/** The backup as a file's content (application/json). */
export function backupBlob(backup: ProjectBackup): Blob;
/**
 * Restores a project: checks everything first (BackupError, nothing written), then writes it in
 * one transaction (StorageFullError when the browser is out of space, nothing written).
 */
export function importProject(store: ArtifactStore, backup: ProjectBackup | string | Blob | unknown,
  options?: { mode?: ImportModeName }): Promise<ImportSummary>;
/** The canonical JSON text the checksum is computed over (sorted keys, no whitespace). */
export function canonicalJson(value: unknown): string;
/** 'sha256-' + hex SHA-256 of the canonical JSON of `backup` without its checksum. */
export function backupChecksum(backup: object): Promise<string>;

/** What the pipeline tells a runner call: its abort signal and the generation's tier. */
export interface RunnerCallOptions {
  signal?: AbortSignal;
  /** The tier being generated for (when the call gave one): its sections are the ones wanted. */
  tier?: TierName;
}

/**
 * The runner contract (the one definition; `cofounder-artifacts/testing` re-exports it): generate
 * one artifact given the ones before it in GENERATION_ORDER. What it resolves to (an object or
 * JSON text, e.g. an LLM's answer) is validated before it is stored, so it is `unknown` here; a
 * runner may promise more (RunnerFake resolves to ArtifactContentMap[K]).
 */
export interface Runner {
  generateArtifact<K extends ArtifactTypeId>(type: K, context: Record<string, unknown>,
    priorArtifacts: Partial<ArtifactContentMap>, options?: RunnerCallOptions): Promise<unknown>;
  /**
   * Optional: the artifact's JSON text in chunks, as an LLM streams it. When present, the
   * pipeline streams through a stream validator (progress events with `status: 'streaming'`)
   * instead of calling generateArtifact; what ends invalid or early is a failed generation.
   */
  streamArtifact?<K extends ArtifactTypeId>(type: K, context: Record<string, unknown>,
    priorArtifacts: Partial<ArtifactContentMap>, options?: RunnerCallOptions): AsyncIterable<string | Uint8Array>;
}


interface ProgressEventBase {
  type: ArtifactTypeId;
  /** The artifact's place in GENERATION_ORDER, and its length. */
  index: number;
  total: number;
}

export type ProgressEvent = ProgressEventBase & (
  | {
    /** `failed`: the artifact was left in the failed generation status. */
    status: 'started' | 'completed' | typeof GenerationStatus.FAILED | 'skipped' | 'reused';
    record?: ArtifactRecord;
    error?: Error;
    event?: undefined;
  }
  /** One event of the stream validator, while a streaming runner writes the artifact. */
  | { status: 'streaming'; event: StreamEvent; record?: undefined; error?: undefined }
);

/**
 * Generates the project's artifacts in order, writing each as soon as it is done. The brief
 * failing fails all; the MVP scope failing skips the rest; later failures let it go on. Already
 * generated artifacts are reused unless `all`, so calling it again retries only what failed.
 */
export function generateAll(store: ArtifactStore, runner: Runner, options: {
  projectId: string; context?: Record<string, unknown>; tier?: TierName; force?: boolean;
  all?: boolean; onProgress?: (event: ProgressEvent) => void; signal?: AbortSignal; ttlMs?: number;
}): Promise<{ completed: ArtifactTypeId[]; failed: ArtifactTypeId[]; skipped: ArtifactTypeId[]; reused: ArtifactTypeId[] }>;

export interface GenerationPreview<K extends ArtifactTypeId> {
  /** The new generation (validated, gated); pass it back as `generated` to apply it. */
  generated: ArtifactContentMap[K];
  /** The content completing would store: the founder's edits merged in unless `force`. */
  value: ArtifactContentMap[K];
  kept: string[];
  conflicts: MergeConflict[];
  editedSections: string[];
  /** From the current content to `value`. */
  diff: ReturnType<typeof diff>;
}

export interface RegeneratePreview<K extends ArtifactTypeId> extends GenerationPreview<K> {
  preview: true;
}

/** One artifact again. `preview` writes nothing; `generated` applies a previewed generation. */
export function regenerate<K extends ArtifactTypeId>(store: ArtifactStore, runner: Runner | null, options: {
  projectId: string; type: K; tier?: TierName; force?: boolean; preview: true;
  context?: Record<string, unknown>; generated?: unknown; signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}): Promise<RegeneratePreview<K>>;
export function regenerate<K extends ArtifactTypeId>(store: ArtifactStore, runner: Runner | null, options: {
  projectId: string; type: K; tier?: TierName; force?: boolean; preview?: false;
  context?: Record<string, unknown>; generated?: unknown; signal?: AbortSignal; ttlMs?: number;
  onProgress?: (event: ProgressEvent) => void;
}): Promise<{ record: ArtifactRecordOf<K>; kept: string[]; conflicts: MergeConflict[] }>;

/** The artifact types by constant name: `ArtifactType.MVP_SCOPE === 'mvp_scope'`. */
export const ArtifactType: { readonly [K in ArtifactTypeId as Uppercase<K>]: K };
export const GENERATION_ORDER: readonly ArtifactTypeId[];
/** The tiers by constant name, lowest first: `Tier.CTO_SCALE === 'cto_scale'`. */
export const Tier: { readonly [T in TierName as Uppercase<T>]: T };
/** How each tier is named to a founder ("CTO Scale"). */
export const TIER_TITLES: { readonly [T in TierName]: string };
/** A record's generation status by constant name: `GenerationStatus.FAILED === 'failed'`. */
export const GenerationStatus: { readonly [S in GenerationStatus as Uppercase<S>]: S };
/** Every issue type the core reports, by constant name: `IssueType.INT_PARSING`. */
export const IssueType: { readonly [T in IssueType as Uppercase<T>]: T };
/** What a failed generation does to the artifacts after it in GENERATION_ORDER. */
export const CascadeRule: { readonly [R in CascadeRuleName as Uppercase<R>]: R };
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
  /** What this artifact's failed generation does to the ones after it. */
  onFailure: CascadeRuleName;
  sections: readonly SectionInfo[];
}
export const ARTIFACTS: { readonly [K in ArtifactTypeId]: ArtifactInfo<K> };
/** The section ids of `type` that `tier` may see (all without a tier). */
export function sectionsFor<K extends ArtifactTypeId>(type: K, tier?: TierName): Array<ArtifactSectionMap[K]>;

/** The stable codes of the package's errors. */
export type ErrorCode =
  | Exclude<StatusCode, 'ok'>
  | 'tier_locked' | 'generation_in_progress' | 'lease_lost' | 'not_found' | 'storage_failed'
  | 'not_initialized' | 'print_unavailable' | 'llm_truncated' | 'llm_refused' | 'llm_failed' | 'storage_full'
  | BackupErrorCode;

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
export class StorageError extends ArtifactsError { readonly code: 'storage_failed' | 'storage_full'; }
/** The browser refused a write for want of space (QuotaExceededError): nothing of it was written. */
export class StorageFullError extends StorageError {
  constructor(message: string, details?: { cause?: unknown });
  readonly code: 'storage_full';
}
/** Why a backup cannot be restored. */
export type BackupErrorCode = 'backup_corrupt' | 'backup_truncated' | 'backup_checksum' | 'backup_newer_format'
  | 'backup_wrong_type' | 'backup_invalid_record';
export const BACKUP_ERROR_CODES: readonly BackupErrorCode[];
/** A backup refused before anything was written; `code` says why. */
export class BackupError extends ArtifactsError {
  constructor(code: BackupErrorCode, message: string, details?: { errors?: ValidationIssue[]; cause?: unknown });
  readonly code: BackupErrorCode;
}
/** A core call before `await init()` finished. */
export class NotInitializedError extends ArtifactsError { readonly code: 'not_initialized'; }
/** printPlan() was called outside a browser (no document to print from). */
export class PrintUnavailableError extends ArtifactsError { readonly code: 'print_unavailable'; }
/** An LLM runner's answer was cut off (the provider's token limit) before the JSON was complete. */
export class LlmTruncatedError extends ArtifactsError { readonly code: 'llm_truncated'; }
/** The model refused to write the artifact (a refusal, or the provider's content filter). */
export class LlmRefusedError extends ArtifactsError {
  constructor(message: string, details?: { refusal?: string; cause?: unknown });
  readonly code: 'llm_refused';
  /** The model's refusal text, when it gave one. */
  readonly refusal?: string;
}
/** An LLM call failed: an HTTP error, the network, the provider's error event, a broken stream or
 * an answer that is not JSON. */
export class LlmFailedError extends ArtifactsError {
  constructor(message: string, details?: { status?: number; retryAfterMs?: number; cause?: unknown });
  readonly code: 'llm_failed';
  /** The HTTP status, when the failure was one. */
  readonly status?: number;
  /** How long the server asked us to wait before retrying (its Retry-After), when it said. */
  readonly retryAfterMs?: number;
}
