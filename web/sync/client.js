// SyncClient: sends the store's outbox to the backend, exactly once and in order per record, and
// brings the backend's newer versions in. One client per database flushes (the leader); every
// client reports the shared status. See docs/sync.md.
import { InvalidInputError, NotFoundError, ValidationFailedError } from '../errors.js';
import { validate } from '../operations.js';
import { hasLiveLease } from '../store/lease.js';
import { OutboxKind, OutboxState } from '../store/outbox.js';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import { SyncHttp } from './http.js';
import { LeaderElection } from './leader.js';
import { acknowledgePlan, adoptedRecord, reconcilePlan } from './reconcile.js';
import { Outcome, readAnswer, requestFor } from './requests.js';

const LAST_SYNC_KEY = 'sync-last';
const DEFAULT_INTERVAL_MS = 10_000;

// A backend without ETags (one that ignores the sync extensions): the version number stands in,
// as a weak tag this client never sends as If-Match.
const plainTag = (record) => `W/"${record?.version_number}"`;
const isPlainTag = (tag) => typeof tag === 'string' && tag.startsWith('W/');

export class SyncClient {
  /**
   * Starts syncing `store` with the backend at `baseUrl` (the API root, e.g. https://host/api).
   * @param {object} store an ArtifactStore
   * @param {{baseUrl: string, getAuthToken?: () => (string|null|Promise<string|null>), fetch?: typeof fetch,
   *   intervalMs?: number, onConflict?: (conflicts: object[]) => void,
   *   describeProject?: (projectId: string) => ({name: string, idea?: string, tier?: string}|null|Promise<object|null>),
   *   locks?: object|null, clock?: () => number, random?: () => number, backoff?: {baseMs: number, maxMs: number},
   *   timeoutMs?: number, pullOnTick?: boolean}} options
   */
  static async start(store, options = {}) {
    const client = new SyncClient(store, options);
    await client.begin();
    return client;
  }

  constructor(store, options) {
    if (!store || typeof store.syncWrite !== 'function') throw new InvalidInputError('SyncClient.start needs an ArtifactStore');
    const { intervalMs = DEFAULT_INTERVAL_MS, onConflict, describeProject, locks, clock, random, backoff, pullOnTick = true } = options;
    if (!(Number.isFinite(intervalMs) && intervalMs > 0)) throw new InvalidInputError('intervalMs must be a positive number');
    this.store = store;
    this.clock = clock ?? (() => Date.now());
    this.random = random ?? Math.random;
    this.backoff = { ...DEFAULT_BACKOFF, ...backoff };
    this.intervalMs = intervalMs;
    this.pullOnTick = pullOnTick;
    this.onConflict = onConflict;
    this.describeProject = describeProject;
    this.http = new SyncHttp({ ...options, clock: this.clock });
    this.extensions = null;  // whether the backend sends ETags (unknown until it answers)
    this.online = globalThis.navigator?.onLine ?? true;
    this.listeners = new Set();
    this.current = { online: this.online, pending: 0, failed: 0, conflicts: 0, lastSyncAt: null, leader: false };
    this.flushing = Promise.resolve();
    this.stopped = false;
    this.leaderElection = new LeaderElection({
      store, locks, clock: this.clock, leaseMs: Math.max(3 * intervalMs, 5000),
      onChange: () => {
        this.refresh();
        if (this.leaderElection.leader) this.soon();
      },
    });
  }

  async begin() {
    this.unsubscribe = this.store.subscribe((change) => this.onStoreChange(change));
    this.onOnline = () => {
      this.online = true;
      this.refresh();
      this.reconnected().catch(() => {}).then(() => this.soon());
    };
    this.onOffline = () => { this.online = false; this.refresh(); };
    this.onVisible = () => { if (globalThis.document?.visibilityState === 'visible') this.soon(); };
    globalThis.addEventListener?.('online', this.onOnline);
    globalThis.addEventListener?.('offline', this.onOffline);
    globalThis.document?.addEventListener?.('visibilitychange', this.onVisible);
    await this.leaderElection.start();
    await this.refresh();
    this.schedule(0);
  }

  /** {online, pending, failed, conflicts, lastSyncAt, leader} */
  get status() {
    return this.current;
  }

  /** Calls `listener(status)` on every status change; returns unsubscribe. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribe?.();
    globalThis.removeEventListener?.('online', this.onOnline);
    globalThis.removeEventListener?.('offline', this.onOffline);
    globalThis.document?.removeEventListener?.('visibilitychange', this.onVisible);
    this.listeners.clear();
    return this.leaderElection.stop();
  }

  // ---- scheduling --------------------------------------------------------------------------

  onStoreChange(change) {
    if (this.stopped) return;
    this.refresh();
    // A change queued here or in another tab, or a tab asking for a flush: the leader sends soon.
    if (change?.queued > 0 || change?.kind === 'syncFlushRequested' || change?.kind === 'syncResolved') this.soon();
  }

  soon() {
    if (!this.stopped && this.leaderElection.leader) this.schedule(0);
  }

  schedule(delay) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), Math.max(0, delay));
    this.timer.unref?.();
  }

  async tick() {
    if (this.stopped) return;
    try {
      await this.leaderElection.renew();
      if (this.leaderElection.leader) {
        await this.flushDue();
        // Also the probe that finds the backend again after an outage (when the browser does not
        // say it is offline): a pull that answers sets the status back online.
        if (this.pullOnTick && globalThis.navigator?.onLine !== false) {
          for (const id of await this.syncedProjectIds()) await this.pull(id);
        }
      }
    } catch (error) {
      this.lastError = error;
    }
    const next = await this.nextDue().catch(() => null);
    this.schedule(Math.min(this.intervalMs, next === null ? Infinity : next - this.clock()));
  }

  // The projects the backend has (one of their records was synced): the others reach it with
  // their first change, and pulling them would only ask for what is not there.
  async syncedProjectIds() {
    const ids = [];
    for (const id of await this.store.projectIds()) {
      if ((await this.store.listProject(id)).some((record) => record.synced_etag)) ids.push(id);
    }
    return ids;
  }

  async nextDue() {
    const waiting = (await this.store.outbox()).filter((e) => e.state === OutboxState.PENDING);
    return waiting.length ? Math.min(...waiting.map((e) => e.nextAt)) : null;
  }

  // ---- status ------------------------------------------------------------------------------

  async refresh() {
    if (this.stopped) return;
    const entries = await this.store.outbox().catch(() => null);
    if (!entries) return;
    const count = (state) => entries.filter((e) => e.state === state).length;
    const lastSyncAt = (await this.store.readMeta(LAST_SYNC_KEY).catch(() => null)) ?? null;
    const next = {
      online: this.online,
      pending: count(OutboxState.PENDING),
      failed: count(OutboxState.DEAD),
      conflicts: count(OutboxState.CONFLICT),
      lastSyncAt,
      leader: this.leaderElection.leader,
    };
    if (Object.keys(next).every((key) => next[key] === this.current[key])) return;
    this.current = next;
    for (const listener of this.listeners) {
      try {
        listener(next);
      } catch (error) {
        queueMicrotask(() => { throw error; });
      }
    }
  }

  async synced() {
    await this.store.updateMeta(LAST_SYNC_KEY, () => new Date(this.clock()).toISOString());
  }

  // ---- push --------------------------------------------------------------------------------

  /**
   * Sends what is due now (in the leader; elsewhere asks the leader to). Asked for while the
   * backend was unreachable (the app saw the network come back), changes that waited only for
   * the network go at once instead of after their backoff.
   */
  flush() {
    return this.flushDue({ reconnecting: !this.online });
  }

  flushDue({ reconnecting = false } = {}) {
    if (!this.leaderElection.leader) {
      this.store.changes.publish({ kind: 'syncFlushRequested' });
      return Promise.resolve();
    }
    this.flushing = this.flushing
      .then(async () => {
        if (reconnecting) await this.reconnected();
        await this.flushOnce();
      })
      .catch((error) => { this.lastError = error; });
    return this.flushing;
  }

  // Back online: entries whose last try failed for want of a network (status 0) are due now;
  // their backoff guarded against a dead network, not against the backend (500s, 429s keep theirs).
  async reconnected() {
    const now = this.clock();
    const offline = (e) => e.state === OutboxState.PENDING && e.nextAt > now && e.lastError?.status === 0;
    const records = new Set((await this.store.outbox()).filter(offline).map((e) => e.recordId));
    for (const recordId of records) {
      await this.store.syncWrite('syncRetryScheduled', recordId, ({ entries }) => ({
        put: entries.filter(offline).map((e) => ({ ...e, nextAt: now })),
      }));
    }
  }

  async flushOnce() {
    const entries = await this.store.outbox();
    const records = [...new Set(entries.map((e) => e.recordId))];
    for (const recordId of records) {
      if (this.stopped || !this.leaderElection.leader) break;
      await this.flushRecord(recordId);
    }
    await this.refresh();
  }

  // The record's entries in order; a dead letter is skipped, a conflict holds the rest.
  async flushRecord(recordId) {
    for (let guard = 0; guard < 1000; guard += 1) {
      const head = (await this.store.outbox({ recordId })).find((e) => e.state !== OutboxState.DEAD);
      if (!head || head.state !== OutboxState.PENDING || head.nextAt > this.clock()) return;
      // A long flush keeps the lease fresh (else another tab takes it over and sends the same
      // entries at the same time), and stops when it was lost.
      await this.leaderElection.renew();
      if (this.stopped || !this.leaderElection.leader) return;
      const record = await this.store.get(recordId);
      // A record being regenerated holds its changes until the new version is stored.
      if (hasLiveLease(record, this.clock())) return;
      const done = await this.push(head, record);
      if (!done) return;
    }
  }

  /** Sends one entry and records what came of it; true when the record's next entry may go. */
  async push(entry, record) {
    const counted = await this.store.syncWrite('syncAttempt', entry.recordId, ({ entries }) => {
      const stored = entries.find((e) => e.seq === entry.seq);
      return stored?.state === OutboxState.PENDING ? { put: [{ ...stored, attempts: stored.attempts + 1 }] } : {};
    });
    if (!counted.put?.length) return true;  // it changed meanwhile: look again
    // A weak tag was stored from a backend without ETags: check first even before this client
    // has heard from it (after a restart), or the first change would overwrite a newer one.
    if ((this.extensions === false || isPlainTag(record?.synced_etag)) && record?.synced_etag) {
      const checked = await this.checkPlain(entry, record);
      if (checked !== null) return checked;
    }
    const request = requestFor(entry, record, { sendIfMatch: !isPlainTag(record?.synced_etag) });
    if (!request) return this.refuse(entry, { status: 0, body: { detail: `unknown outbox entry kind '${entry.kind}'` } });
    const answer = await this.http.request(request.method, request.path, request);
    this.noteAnswer(answer);
    switch (readAnswer(entry, answer)) {
      case Outcome.APPLIED:
        await this.acknowledge(entry, answer.body, answer.etag ?? plainTag(answer.body));
        return true;
      case Outcome.STALE:
        return this.refetch(answer.body?.current?.id ?? entry.recordId, entry.recordId);
      case Outcome.NO_PROJECT: {
        const created = await this.createProject(entry.projectId);
        if (created?.ok) return true;
        // The backend refused the project (another user's id, an invalid name): a dead letter
        // with its reason, not a retry forever. No answer or no description: wait for it.
        if (created && readAnswer(entry, created.answer) === Outcome.REFUSED) return this.refuse(entry, created.answer);
        return this.later(entry, answer);
      }
      case Outcome.TRANSIENT:
        return this.later(entry, answer);
      default:
        return this.refuse(entry, answer);
    }
  }

  noteAnswer(answer) {
    const online = answer.status !== 0;
    if (online !== this.online) {
      this.online = online;
      this.refresh();
    }
    if (answer.etag) this.extensions = true;
    else if (answer.status >= 200 && answer.status < 300 && answer.body?.version_number !== undefined) this.extensions = false;
  }

  // Against a backend without If-Match: look before writing (a narrower window, not none).
  // Returns null to go on and send, else the flush's verdict.
  async checkPlain(entry, record) {
    const answer = await this.http.request('GET', `/artifacts/${encodeURIComponent(entry.recordId)}`);
    this.noteAnswer(answer);
    if (answer.status !== 200) return null;
    const server = answer.body;
    if (entry.kind === OutboxKind.ANNOTATE) {
      // A note sent before may have landed: the backend's list has its id (or its words).
      const landed = (server.annotations ?? []).some((note) => note.id === entry.payload.id ||
        (note.section_id === entry.payload.section_id && note.note === entry.payload.note && entry.attempts > 0));
      if (!landed) return null;
      await this.acknowledge(entry, server, plainTag(server));
      return true;
    }
    if (plainTag(server) === record.synced_etag && JSON.stringify(server.current_content) === JSON.stringify(record.synced_content)) return null;
    await this.reconcile(server, plainTag(server), entry.recordId);
    return true;
  }

  async acknowledge(entry, server, etag) {
    await this.store.syncWrite('syncAcknowledged', entry.recordId, (state) => acknowledgePlan(state, entry, server, etag, this.clock()));
    await this.synced();
  }

  async later(entry, answer) {
    const delay = backoffDelay(entry.attempts, this.backoff, this.random, answer.retryAfterMs);
    await this.store.syncWrite('syncRetryScheduled', entry.recordId, ({ entries }) => {
      const stored = entries.find((e) => e.seq === entry.seq);
      if (!stored) return {};
      return { put: [{ ...stored, nextAt: this.clock() + delay, lastError: describeAnswer(answer) }] };
    });
    return false;
  }

  async refuse(entry, answer) {
    await this.store.syncWrite('syncRefused', entry.recordId, ({ entries }) => {
      const stored = entries.find((e) => e.seq === entry.seq);
      if (!stored) return {};
      return { put: [{ ...stored, state: OutboxState.DEAD, lastError: describeAnswer(answer) }] };
    });
    return true;
  }

  // {ok, answer} from the backend, or null without a description of the project.
  async createProject(projectId) {
    const project = await this.describeProject?.(projectId);
    if (!project) return null;
    const answer = await this.http.request('POST', '/projects', {
      body: { id: projectId, name: project.name, idea: project.idea ?? '', ...(project.tier ? { tier: project.tier } : {}) },
      headers: { 'idempotency-key': `project-${projectId}` },
    });
    this.noteAnswer(answer);
    return { ok: answer.status === 200 || answer.status === 201, answer };
  }

  // The backend's copy of `serverId` (the local record `localId`), merged in. True to go on.
  async refetch(serverId, localId) {
    const answer = await this.http.request('GET', `/artifacts/${encodeURIComponent(serverId)}`);
    this.noteAnswer(answer);
    if (answer.status !== 200 || !answer.body) return false;
    await this.reconcile(answer.body, answer.etag ?? plainTag(answer.body), localId);
    return true;
  }

  async reconcile(server, etag, localId) {
    const written = await this.store.syncWrite('syncReconciled', server.id,
      (state) => reconcilePlan(state, server, etag, this.clock()), { fallbackId: localId });
    if (written.conflicts?.length) this.onConflict?.(written.conflicts.map(describeConflict));
    return written;
  }

  // ---- pull --------------------------------------------------------------------------------

  /** Fetches the backend's records of `projectId`; newer versions merge with local edits. */
  async pull(projectId) {
    if (typeof projectId !== 'string' || projectId === '') throw new InvalidInputError('projectId must be a non-empty string');
    const list = await this.http.request('GET', `/artifacts/project/${encodeURIComponent(projectId)}`);
    this.noteAnswer(list);
    if (list.status === 404) return { updated: 0 };
    if (list.status !== 200 || !Array.isArray(list.body)) return { updated: 0, error: describeAnswer(list) };
    let updated = 0;
    for (const listed of list.body) {
      const local = (await this.store.get(listed.id)) ?? (await this.store.getByType(projectId, listed.artifact_type).catch(() => null));
      const headers = local?.synced_etag && local.id === listed.id && !isPlainTag(local.synced_etag)
        ? { 'if-none-match': local.synced_etag } : {};
      const answer = await this.http.request('GET', `/artifacts/${encodeURIComponent(listed.id)}`, { headers });
      this.noteAnswer(answer);
      if (answer.status === 304 || answer.status !== 200 || !answer.body) continue;
      const etag = answer.etag ?? plainTag(answer.body);
      if (local?.id === listed.id && local.synced_etag === etag && !isPlainTag(etag)) continue;
      await this.reconcile(answer.body, etag, local?.id);
      updated += 1;
    }
    await this.synced();
    await this.refresh();
    return { updated };
  }

  /** The caller's projects on the backend ([{id, name, idea, tier, ...}]). */
  async projects() {
    const answer = await this.http.request('GET', '/projects');
    this.noteAnswer(answer);
    if (answer.status !== 200 || !Array.isArray(answer.body)) throw new NotFoundError(`the backend's project list: ${describeAnswer(answer).detail}`);
    return answer.body;
  }

  // ---- conflicts and dead letters ----------------------------------------------------------

  /** Changes held in a conflict: [{id, recordId, projectId, artifactType, kind, sectionId, base, mine, theirs}]. */
  async conflicts() {
    return (await this.store.outbox()).filter((e) => e.state === OutboxState.CONFLICT).map(describeConflict);
  }

  /** Changes the backend refused: [{id, recordId, projectId, artifactType, kind, payload, error}]. */
  async deadLetters() {
    return (await this.store.outbox()).filter((e) => e.state === OutboxState.DEAD).map((e) => ({
      id: e.mutationId, recordId: e.recordId, projectId: e.projectId, artifactType: e.artifactType,
      kind: e.kind, payload: e.payload, error: e.lastError, attempts: e.attempts,
    }));
  }

  /**
   * Ends a conflict: keep this device's change ('mine', sent over the backend's version), take
   * the backend's ('theirs', the change is dropped), or a value of the founder's (sent).
   */
  async resolve(conflictId, { take } = {}) {
    const entry = (await this.store.outbox()).find((e) => e.mutationId === conflictId && e.state === OutboxState.CONFLICT);
    if (!entry) throw new NotFoundError(`no conflict ${String(conflictId)}`);
    if (take === undefined) throw new InvalidInputError("resolve needs {take: 'mine' | 'theirs' | value}");
    const written = await this.store.syncWrite('syncResolved', entry.recordId, ({ record, entries }) => {
      const stored = entries.find((e) => e.seq === entry.seq);
      if (!stored || stored.state !== OutboxState.CONFLICT || !record) throw new NotFoundError(`no conflict ${String(conflictId)}`);
      return resolvedPlan(record, stored, take, this.clock());
    });
    this.soon();
    return written.record ?? null;
  }

  /** Sends a dead letter again (after the cause was fixed). */
  async retry(deadLetterId) {
    return this.reviveOrDrop(deadLetterId, (stored) => ({
      put: [{ ...stored, state: OutboxState.PENDING, attempts: 0, nextAt: 0, lastError: null }], publish: 'syncResolved',
    }));
  }

  /** Drops a dead letter for good (the local record keeps the change). */
  async discard(deadLetterId) {
    return this.reviveOrDrop(deadLetterId, (stored) => ({ delete: [stored.seq], publish: 'syncResolved' }));
  }

  async reviveOrDrop(deadLetterId, plan) {
    const entry = (await this.store.outbox()).find((e) => e.mutationId === deadLetterId && e.state === OutboxState.DEAD);
    if (!entry) throw new NotFoundError(`no dead letter ${String(deadLetterId)}`);
    await this.store.syncWrite('syncResolved', entry.recordId, ({ entries }) => {
      const stored = entries.find((e) => e.seq === entry.seq && e.state === OutboxState.DEAD);
      return stored ? plan(stored) : {};
    });
    await this.refresh();
  }
}

function describeAnswer(answer) {
  return {
    status: answer.status,
    code: answer.body?.code ?? null,
    detail: answer.body?.detail ?? answer.error ?? `HTTP ${answer.status}`,
    errors: answer.body?.errors ?? null,
  };
}

function describeConflict(entry) {
  return {
    id: entry.mutationId,
    recordId: entry.recordId,
    projectId: entry.projectId,
    artifactType: entry.artifactType,
    kind: entry.kind,
    sectionId: entry.conflict?.sectionId ?? null,
    base: entry.conflict?.base ?? null,
    mine: entry.conflict?.mine ?? null,
    theirs: entry.conflict?.theirs ?? null,
    detectedAt: entry.conflict?.detectedAt ?? null,
  };
}

// The plan that ends conflict `entry` of `record` with `take`.
function resolvedPlan(record, entry, take, now) {
  const type = record.artifact_type;
  const sectionId = entry.conflict.sectionId;
  const stamp = new Date(now).toISOString();
  const pending = (payload) => ({ ...entry, payload, state: OutboxState.PENDING, conflict: null, attempts: 0, nextAt: 0, lastError: null });
  const checked = (content) => {
    const result = validate(type, content);
    if (!result.ok) throw new ValidationFailedError(`${sectionId ?? type}: ${result.errors[0].msg}`, { errors: result.errors });
    return result.value;
  };
  const withSection = (value) => {
    const content = { ...record.current_content };
    if (value === null || value === undefined) delete content[sectionId];
    else content[sectionId] = value;
    return content;
  };
  const publish = 'syncResolved';
  if (take === 'mine') {
    const content = entry.kind === OutboxKind.PUT ? entry.payload.content : withSection(entry.payload.value);
    return { put: [pending(entry.payload)], record: { ...record, current_content: content, updated_at: stamp }, publish };
  }
  if (take === 'theirs' && entry.kind === OutboxKind.PUT) {
    // The backend's version as it is: this device's generation is dropped.
    return { delete: [entry.seq], record: adoptedRecord(record, entry.conflict.server, entry.conflict.etag, now), publish };
  }
  if (take === 'theirs') {
    const content = withSection(entry.conflict.theirs);
    return { delete: [entry.seq], record: { ...record, current_content: content, updated_at: stamp }, publish };
  }
  if (entry.kind === OutboxKind.PUT) {
    const content = checked(take);
    return { put: [pending({ content })], record: { ...record, current_content: content, updated_at: stamp }, publish };
  }
  const content = checked(withSection(take));
  return { put: [pending({ section_id: sectionId, value: content[sectionId] })], record: { ...record, current_content: content, updated_at: stamp }, publish };
}
