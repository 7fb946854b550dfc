// useGeneration: runs generateAll (or regenerate) for a project from a component, with its
// progress (streamed sections included) as state and an abort. Unmounting aborts the run, and
// nothing is dispatched after unmount.
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { generateAll, regenerate } from '../pipeline.js';
import { StorageError } from '../errors.js';
import { useArtifactsState } from './provider.js';
import { generationReducer, INITIAL_GENERATION } from './generation-state.js';

/**
 * {status: 'inactive'|'running'|'finished'|'aborted'|'error', artifacts (each type's last progress
 * status), current (the type being written), streams (per type: {order, sections, warnings,
 * error}), result, error, start(runner, options), regenerate(runner, type, options), abort()}.
 * start and regenerate resolve to the pipeline's result, or null when aborted or failed (then the
 * state says why); only one run at a time per hook.
 */
export function useGeneration(projectId) {
  const { store } = useArtifactsState();
  const [state, dispatch] = useReducer(generationReducer, INITIAL_GENERATION);
  const alive = useRef(false);
  const controller = useRef(null);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      controller.current?.abort();
      controller.current = null;
    };
  }, []);

  const run = useCallback(async (work) => {
    if (!store) throw new StorageError('the artifact store is not open yet');
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    // Events of a run that was replaced or whose component unmounted are dropped.
    const send = (action) => { if (alive.current && controller.current === own) dispatch(action); };
    send({ kind: 'start' });
    try {
      const result = await work(own.signal, (event) => send({ kind: 'progress', event }));
      send({ kind: 'finish', result });
      return result;
    } catch (error) {
      send(own.signal.aborted ? { kind: 'abort' } : { kind: 'fail', error });
      return null;
    } finally {
      if (controller.current === own) controller.current = null;
    }
  }, [store]);

  const start = useCallback((runner, options = {}) => run((signal, onProgress) =>
    generateAll(store, runner, { ...options, projectId, signal, onProgress })), [run, store, projectId]);
  const again = useCallback((runner, type, options = {}) => run((signal, onProgress) =>
    regenerate(store, runner, { ...options, projectId, type, signal, onProgress })), [run, store, projectId]);
  const abort = useCallback(() => controller.current?.abort(), []);

  return useMemo(() => ({ ...state, start, regenerate: again, abort }), [state, start, again, abort]);
}
