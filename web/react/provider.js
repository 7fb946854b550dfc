// ArtifactsProvider: loads the core and opens the store once for the components below it (also
// under StrictMode), optionally with a sync client. On the server (and before its effect runs) it
// provides the loading state: nothing there touches wasm or IndexedDB.
import { createContext, createElement, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { ArtifactsSession, SESSION_LOADING } from './session.js';

const ArtifactsContext = createContext(null);

const serverState = () => SESSION_LOADING;

/**
 * @param {{children?: any, name?: string, indexedDB?: IDBFactory, wasmUrl?: string|URL,
 *   wasmBinary?: ArrayBuffer|Uint8Array, store?: object, sync?: object}} props
 *   Read when the provider mounts; give it a new `key` to start over with other options.
 */
export function ArtifactsProvider({ children, name, indexedDB, wasmUrl, wasmBinary, store, sync }) {
  const [session] = useState(() => new ArtifactsSession({ name, indexedDB, wasmUrl, wasmBinary, store, sync }));
  useEffect(() => {
    session.acquire();
    return () => session.release();
  }, [session]);
  const state = useSyncExternalStore(session.subscribe, session.getState, serverState);
  return createElement(ArtifactsContext.Provider, { value: state }, children);
}

/** The provider's state: {status: 'loading'|'ready'|'error', store, cache, sync, error}. */
export function useArtifactsState() {
  const state = useContext(ArtifactsContext);
  if (state === null) throw new Error('cofounder-artifacts/react: this hook needs an <ArtifactsProvider> above it');
  return state;
}
