// cofounder-artifacts/react: React bindings (React 18 and 19). Content and records are narrowed by
// artifact type: useArtifact(projectId, 'brief').record?.current_content is ProductBriefContent.
import type { ReactNode } from 'react';
import type {
  ArtifactContentMap, ArtifactRecord, ArtifactRecordOf, ArtifactSectionMap, ArtifactStore, ArtifactTypeId,
  diff, generateAll, InitOptions, ProgressEvent, Runner, StreamEvent, SyncClient, SyncOptions, SyncStatus,
  TierName, ValidateOptions, ValidationIssue, ValidationResult, ValidationWarning,
} from '../index.js';

export interface ArtifactsProviderProps extends InitOptions {
  children?: ReactNode;
  /** The IndexedDB database (default `cofounder-artifacts`). */
  name?: string;
  indexedDB?: IDBFactory;
  /** A store the app opened itself (then `name` and `indexedDB` are not used, and it is not closed). */
  store?: ArtifactStore;
  /** Starts a SyncClient on the store (stopped when the provider unmounts): see useSyncStatus. */
  sync?: SyncOptions;
}

/**
 * Loads the core (`init`) and opens the store once for the components below it, also under
 * StrictMode; with `sync`, runs one SyncClient. Its props are read when it mounts (give it a new
 * `key` to start over). On the server it renders its children in the loading state.
 */
export function ArtifactsProvider(props: ArtifactsProviderProps): ReactNode;

/** Where the provider is: loading (also on the server), ready, or failed to load or open. */
export type ArtifactsStatus = 'loading' | 'ready' | 'error';

export function useArtifactStore():
  | { status: 'loading'; store: null; error: null }
  | { status: 'ready'; store: ArtifactStore; error: null }
  | { status: 'error'; store: null; error: unknown };

export interface ArtifactActions<K extends ArtifactTypeId> {
  /** store.editSection for this artifact (validated; rejects with the package's errors). */
  editSection(sectionId: ArtifactSectionMap[K], value: unknown, options?: { tier?: TierName }): Promise<ArtifactRecordOf<K>>;
  annotate(sectionId: ArtifactSectionMap[K], note: string): Promise<ArtifactRecordOf<K>>;
}

export type ArtifactState<K extends ArtifactTypeId> = ArtifactActions<K> & (
  | { status: 'loading'; record: null; error: null }
  /** `record` is null when the project has no such artifact yet. */
  | { status: 'ready'; record: ArtifactRecordOf<K> | null; error: null }
  | { status: 'error'; record: null; error: unknown }
);

/** One artifact of a project; renders again only when that record changes. */
export function useArtifact<K extends ArtifactTypeId>(projectId: string, type: K): ArtifactState<K>;

export type ProjectState =
  | { status: 'loading'; records: null; byType?: undefined; error: null }
  | {
    status: 'ready';
    /** In GENERATION_ORDER; a record keeps its identity until it changes. */
    records: readonly ArtifactRecord[];
    byType: { readonly [K in ArtifactTypeId]?: ArtifactRecordOf<K> };
    error: null;
  }
  | { status: 'error'; records: null; byType?: undefined; error: unknown };

/** A project's artifacts; renders again when one of them changes (re-reading only that one). */
export function useProject(projectId: string): ProjectState;

/** The ids of every project with a record in the store; renders again when one appears. */
export function useProjectIds():
  | { status: 'loading'; ids: null; error: null }
  | { status: 'ready'; ids: readonly string[]; error: null }
  | { status: 'error'; ids: null; error: unknown };

/**
 * validate() as you type: synchronous once the core is loaded, null before (and on the server) and
 * while `content` is undefined. The same result object while type, content (by value: an equal
 * object rebuilt is the same input) and options are unchanged.
 */
export function useValidation<K extends ArtifactTypeId>(
  type: K, content: unknown, options?: ValidateOptions): ValidationResult<ArtifactContentMap[K]> | null;

/** The version view: the diff from previous_content to current_content of the record shown. */
export function useVersionDiff<K extends ArtifactTypeId>(projectId: string, type: K): {
  status: ArtifactsStatus;
  record: ArtifactRecordOf<K> | null;
  diff: ReturnType<typeof diff> | null;
  error: unknown;
};

/** The sync client's status, or null without one (no `sync` option, not started, the server). */
export function useSyncStatus(): SyncStatus | null;

export const RunStatus: {
  readonly INACTIVE: 'inactive'; readonly RUNNING: 'running'; readonly FINISHED: 'finished';
  readonly ABORTED: 'aborted'; readonly ERROR: 'error';
};
export type RunStatusName = (typeof RunStatus)[keyof typeof RunStatus];

/** A section as a streaming runner writes it. */
export interface StreamedSection {
  /** The section's text so far, when the section is a string. */
  text: string;
  /** The string being written inside the section (a list item's field), or null. */
  draft: { path: Array<string | number>; text: string } | null;
  /** List items completed so far, each validated as it closed. */
  items: Array<{ path: Array<string | number>; value: unknown; ok: boolean; errors: ValidationIssue[] }>;
  done: boolean;
  /** The section's verdict once done (null before). */
  ok: boolean | null;
  value: unknown;
  errors: ValidationIssue[];
}

export interface ArtifactStream<K extends ArtifactTypeId = ArtifactTypeId> {
  /** Section ids in the order they began. */
  order: Array<ArtifactSectionMap[K]>;
  sections: { [S in ArtifactSectionMap[K]]?: StreamedSection };
  warnings: ValidationWarning[];
  /** The stream stopped being JSON. */
  error: ValidationIssue | null;
}

export type GenerateAllResult = Awaited<ReturnType<typeof generateAll>>;
type GenerateAllOptions = Omit<Parameters<typeof generateAll>[2], 'projectId' | 'signal' | 'onProgress'>;

export interface GenerationState {
  status: RunStatusName;
  /** Each artifact's last progress status in this run. */
  artifacts: { [K in ArtifactTypeId]?: Exclude<ProgressEvent['status'], 'streaming'> };
  /** The artifact being written now. */
  current: ArtifactTypeId | null;
  /** What a streaming runner wrote, per artifact. */
  streams: { [K in ArtifactTypeId]?: ArtifactStream<K> };
  result: GenerateAllResult | { record: ArtifactRecord; kept: string[] } | null;
  error: unknown;
  /** generateAll for the project; resolves to its result, or null when aborted or failed. */
  start(runner: Runner, options?: GenerateAllOptions): Promise<GenerateAllResult | null>;
  /** regenerate one artifact (merging the founder's edits unless `force`). */
  regenerate<K extends ArtifactTypeId>(runner: Runner, type: K, options?: {
    context?: Record<string, unknown>; tier?: TierName; force?: boolean; ttlMs?: number;
  }): Promise<{ record: ArtifactRecordOf<K>; kept: string[] } | null>;
  /** Stops the run (also done when the component unmounts); nothing is written after it. */
  abort(): void;
}

/** Runs the pipeline for a project from a component: progress as state, streamed sections, abort. */
export function useGeneration(projectId: string): GenerationState;

export type { StreamEvent };
