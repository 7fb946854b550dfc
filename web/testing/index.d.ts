import type { ArtifactContentMap, ArtifactTypeId } from '../../dist/content-types.js';
import type { Runner } from '../index.js';

export type Scenario = 'happy_path' | 'llm_failure' | 'rate_limited';
export const SCENARIOS: readonly Scenario[];

/** The sample plan: a StockPilot inventory tracker, every tier's sections, cross-referenced. */
export const SAMPLE_PLAN: { readonly [K in ArtifactTypeId]: ArtifactContentMap[K] };

export class RunnerError extends Error {
  readonly scenario?: Scenario;
  readonly type?: ArtifactTypeId;
  /** 429 for `rate_limited`. */
  readonly status?: number;
}

/** The runner contract, defined once in the package's main types. */
export type { Runner };

export interface RunnerFakeOptions {
  scenario?: Scenario;
  latencyMs?: number;
  /** With a failing scenario, only these types fail. */
  failTypes?: ArtifactTypeId[];
  plan?: Partial<ArtifactContentMap>;
  /** Also stream: the runner gets `streamArtifact` (without it, it has none). */
  stream?: boolean;
  /** Characters (code points) per streamed chunk; default 16. */
  chunkSize?: number;
  /** Delay before each streamed chunk after the first; default 0. */
  chunkDelayMs?: number;
}

export class RunnerFake implements Runner {
  constructor(options?: RunnerFakeOptions);
  readonly scenario: Scenario;
  /**
   * Only with `stream: true`: the artifact as compact JSON text (`JSON.stringify` of the plan's
   * content), `chunkSize` code points a chunk, `chunkDelayMs` apart. Rejects with the signal's
   * reason on abort; `rate_limited` fails before the first chunk, `llm_failure` after half of them.
   */
  readonly streamArtifact?: <K extends ArtifactTypeId>(
    type: K, context?: Record<string, unknown>, priorArtifacts?: Partial<ArtifactContentMap>,
    options?: { signal?: AbortSignal }) => AsyncGenerator<string, void, undefined>;
  readonly calls: Array<{ type: ArtifactTypeId; context: Record<string, unknown>; priorArtifacts: Partial<ArtifactContentMap> }>;
  generateArtifact<K extends ArtifactTypeId>(
    type: K, context?: Record<string, unknown>, priorArtifacts?: Partial<ArtifactContentMap>,
    options?: { signal?: AbortSignal }): Promise<ArtifactContentMap[K]>;
  generateArtifacts(context?: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<ArtifactContentMap>;
}

/** The current IndexedDB schema version. */
export const DB_VERSION: number;
/** Opens the database at an older `version` (running the store's own upgrade steps), to seed
 * old data in upgrade tests. Returns an idb database. */
export function openDatabase(options: { name: string; version?: number; indexedDB?: IDBFactory }): Promise<any>;
