// The data hooks: records and projects through useSyncExternalStore over the record cache (one
// change renders only the components showing that record), validation and the version view
// computed synchronously by the core once it is loaded, the sync client's status.
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { diff, validate } from '../operations.js';
import { StorageError } from '../errors.js';
import { useArtifactsState } from './provider.js';
import { LOADING } from './record-cache.js';

const loading = () => LOADING;
const nothing = () => {};
const noSubscription = () => nothing;

function notReady() {
  return Promise.reject(new StorageError('the artifact store is not open yet'));
}

/** The provider's status and store: {status: 'loading'|'ready'|'error', store, error}. */
export function useArtifactStore() {
  const { status, store, error } = useArtifactsState();
  return useMemo(() => ({ status, store, error }), [status, store, error]);
}

/**
 * One artifact of a project: {status: 'loading'|'ready'|'error', record (null when the project has
 * none), error, editSection(sectionId, value, options), annotate(sectionId, note)}. Renders again
 * only when this record changes.
 */
export function useArtifact(projectId, type) {
  const { cache, store, status, error } = useArtifactsState();
  const subscribe = useCallback(
    (listener) => (cache ? cache.watchRecord(projectId, type, listener) : nothing),
    [cache, projectId, type]);
  const snapshot = useSyncExternalStore(
    cache ? subscribe : noSubscription,
    cache ? () => cache.recordSnapshot(projectId, type) : loading,
    loading);
  const actions = useMemo(() => ({
    editSection: store ? (sectionId, value, options) => store.editSection(projectId, type, sectionId, value, options) : notReady,
    annotate: store ? (sectionId, note) => store.annotate(projectId, type, sectionId, note) : notReady,
  }), [store, projectId, type]);
  return useMemo(() => (status === 'error' ? { ...snapshot, status, error, ...actions } : { ...snapshot, ...actions }),
    [snapshot, actions, status, error]);
}

/**
 * A project's artifacts: {status, records (in GENERATION_ORDER), byType, error}. Renders again
 * when one of its records changes; the other records keep their identity.
 */
export function useProject(projectId) {
  const { cache, status, error } = useArtifactsState();
  const subscribe = useCallback(
    (listener) => (cache ? cache.watchProject(projectId, listener) : nothing),
    [cache, projectId]);
  const snapshot = useSyncExternalStore(
    cache ? subscribe : noSubscription,
    cache ? () => cache.projectSnapshot(projectId) : loading,
    loading);
  return status === 'error' ? { ...LOADING, status, error } : snapshot;
}

/** The ids of every project in the store: {status, ids, error}; renders when one appears or goes. */
export function useProjectIds() {
  const { cache, status, error } = useArtifactsState();
  const subscribe = useCallback((listener) => (cache ? cache.watchProjectIds(listener) : nothing), [cache]);
  const snapshot = useSyncExternalStore(
    cache ? subscribe : noSubscription,
    cache ? () => cache.projectIdsSnapshot() : loading,
    loading);
  return status === 'error' ? { ...LOADING, status, error } : snapshot;
}

// Content as text, so that an object rebuilt with the same value validates once.
function contentKey(content) {
  if (typeof content === 'string') return content;
  try {
    return JSON.stringify(content);
  } catch {
    return content;  // validate says what is wrong with it
  }
}

/**
 * validate(type, content, options), synchronously once the core is loaded (null before, and on the
 * server). The same result object comes back while type, content (by value) and options are
 * unchanged.
 */
export function useValidation(type, content, { tier, strict } = {}) {
  const { status } = useArtifactsState();
  const ready = status === 'ready';
  const key = useMemo(() => contentKey(content), [content]);
  return useMemo(() => {
    if (!ready || content === undefined) return null;
    const options = {};
    if (tier !== undefined) options.tier = tier;
    if (strict !== undefined) options.strict = strict;
    return validate(type, typeof key === 'string' ? key : content, options);
    // `content` is read through `key` (not a dependency): the same value is the same input.
  }, [ready, type, key, tier, strict]);
}

/**
 * The version view of an artifact: diff(previous_content, current_content) of the record as shown,
 * {status, record, diff} (diff null while loading or when there is no record).
 */
export function useVersionDiff(projectId, type) {
  const artifact = useArtifact(projectId, type);
  const { record } = artifact;
  const result = useMemo(
    () => (record ? diff(type, record.previous_content ?? null, record.current_content ?? null) : null),
    [type, record]);
  return useMemo(() => ({ status: artifact.status, record, diff: result, error: artifact.error }),
    [artifact.status, artifact.error, record, result]);
}

const noSync = () => null;

/**
 * The provider's sync client status ({online, pending, failed, conflicts, lastSyncAt, leader}),
 * or null without one (no `sync` option, not started yet, and on the server).
 */
export function useSyncStatus() {
  const { sync } = useArtifactsState();
  const subscribe = useCallback((listener) => (sync ? sync.subscribe(listener) : nothing), [sync]);
  return useSyncExternalStore(subscribe, sync ? () => sync.status : noSync, noSync);
}
