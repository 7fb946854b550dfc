// What an ArtifactsProvider holds: the core loaded, one store opened, its record cache and an
// optional sync client, shared by every hook below the provider. It is acquired by the provider's
// effect and released by its cleanup; closing waits a turn, so StrictMode's mount, unmount and
// mount again (and a fast remount) keep the one store instead of opening a second. No React here.
import { init } from '../core.js';
import { ArtifactStore } from '../store/store.js';
import { SyncClient } from '../sync/client.js';
import { RecordCache } from './record-cache.js';

/** Before the store is open (and always on the server). */
export const SESSION_LOADING = Object.freeze({ status: 'loading', store: null, cache: null, sync: null, error: null });

export class ArtifactsSession {
  /**
   * @param {{name?: string, indexedDB?: IDBFactory, wasmUrl?: string|URL, wasmBinary?: ArrayBuffer|Uint8Array,
   *   store?: object, sync?: object, openStore?: typeof ArtifactStore.open}} options
   */
  constructor(options = {}) {
    this.options = options;
    this.state = SESSION_LOADING;
    this.listeners = new Set();
    this.users = 0;
    this.started = false;
    this.closed = false;
    this.closeTimer = null;
    this.subscribe = this.subscribe.bind(this);
    this.getState = this.getState.bind(this);
  }

  getState() {
    return this.state;
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(changes) {
    if (this.closed) return;
    this.state = Object.freeze({ ...this.state, ...changes });
    for (const listener of [...this.listeners]) listener();
  }

  acquire() {
    this.users += 1;
    clearTimeout(this.closeTimer);
    this.closeTimer = null;
    if (!this.started && !this.closed) {
      this.started = true;
      this.start();
    }
  }

  release() {
    this.users -= 1;
    if (this.users > 0) return;
    this.closeTimer = setTimeout(() => this.close(), 0);
  }

  async start() {
    const { wasmUrl, wasmBinary, name, indexedDB, sync } = this.options;
    let store = this.options.store ?? null;
    try {
      await init({ ...(wasmUrl ? { wasmUrl } : {}), ...(wasmBinary ? { wasmBinary } : {}) });
      if (!store) {
        store = await ArtifactStore.open({ ...(name ? { name } : {}), ...(indexedDB ? { indexedDB } : {}) });
        this.ownsStore = true;
      }
      if (this.closed) {
        this.closeStore(store);
        return;
      }
      this.set({ status: 'ready', store, cache: new RecordCache(store) });
    } catch (error) {
      this.set({ status: 'error', error });
      return;
    }
    if (!sync) return;
    try {
      const client = await SyncClient.start(store, sync);
      if (this.closed) {
        await client.stop();
        return;
      }
      this.set({ sync: client });
    } catch (error) {
      this.set({ syncError: error });
    }
  }

  closeStore(store) {
    if (this.ownsStore) store?.close();
  }

  close() {
    if (this.closed || this.users > 0) return;
    const { store, cache, sync } = this.state;
    this.closed = true;
    this.listeners.clear();
    cache?.dispose();
    Promise.resolve(sync?.stop()).catch(() => {}).finally(() => this.closeStore(store));
  }
}
