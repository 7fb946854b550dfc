// One sync client per database flushes: the leader. Where the Web Locks API exists, holding an
// exclusive lock is leadership (the browser hands it to the next tab when the holder closes or
// crashes); elsewhere a lease in the store's meta table, renewed on every tick and taken over
// once it has expired.
const LEASE_KEY = 'sync-leader';

export class LeaderElection {
  /**
   * @param {{store: object, locks?: object, clock: () => number, leaseMs: number, onChange: (leader: boolean) => void}} options
   */
  constructor({ store, locks, clock, leaseMs, onChange }) {
    this.store = store;
    this.locks = locks === undefined ? globalThis.navigator?.locks : locks;
    this.clock = clock;
    this.leaseMs = leaseMs;
    this.onChange = onChange;
    this.owner = crypto.randomUUID();
    this.leader = false;
    this.stopped = false;
  }

  start() {
    if (!this.locks) return this.renew();
    // The callback runs when this client gets the lock; the lock is held until `release` runs.
    this.locks.request(`cofounder-artifacts:${this.store.name}:sync-leader`, () => new Promise((release) => {
      if (this.stopped) return release();
      this.release = release;
      this.set(true);
    })).catch(() => {});
    return Promise.resolve();
  }

  /** The fallback lease: take it when free, expired or ours, and keep it fresh. */
  async renew() {
    if (this.locks || this.stopped) return;
    const now = this.clock();
    const kept = await this.store.updateMeta(LEASE_KEY, (lease) => {
      if (lease && lease.owner !== this.owner && lease.expiresAt > now) return undefined;
      return { owner: this.owner, expiresAt: now + this.leaseMs };
    }).catch(() => null);
    this.set(kept?.owner === this.owner && !this.stopped);
  }

  set(leader) {
    if (leader === this.leader) return;
    this.leader = leader;
    this.onChange(leader);
  }

  async stop() {
    this.stopped = true;
    if (this.release) this.release();
    else if (!this.locks) {
      await this.store.updateMeta(LEASE_KEY, (lease) => (lease?.owner === this.owner ? null : undefined)).catch(() => {});
    }
    this.set(false);
  }
}
