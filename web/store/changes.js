// Change notifications across tabs (and across stores in one page) over a BroadcastChannel.
export class ChangeFeed {
  constructor(name) {
    this.listeners = new Set();
    this.channel = typeof BroadcastChannel === 'function'
      ? new BroadcastChannel(`cofounder-artifacts:${name}`) : null;
    if (this.channel) {
      this.channel.onmessage = (event) => this.deliver(event.data);
      this.channel.unref?.();  // Node: a forgotten store must not keep the process alive
    }
  }

  /** Calls `listener({kind, projectId, artifactType, id})` on every change; returns unsubscribe. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells this store's listeners and every other store on the same database. */
  publish(change) {
    this.deliver(change);
    this.channel?.postMessage(change);
  }

  deliver(change) {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        queueMicrotask(() => { throw error; });  // a listener's bug is not the store's
      }
    }
  }

  close() {
    this.listeners.clear();
    this.channel?.close();
  }
}
