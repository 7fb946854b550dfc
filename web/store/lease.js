// The generation lease: who may complete a generation in flight, and until when it is theirs.
import { GenerationStatus } from '../registry.js';
import { ConcurrentGenerationError, InvalidInputError, LeaseLostError, NotFoundError } from '../errors.js';

/** A new lease for a generation starting at `now` (ms), valid for `ttlMs`. */
export function newLease(now, ttlMs) {
  if (!(Number.isFinite(ttlMs) && ttlMs > 0)) throw new InvalidInputError('ttlMs must be a positive number');
  return {
    owner: crypto.randomUUID(),
    started_at: new Date(now).toISOString(),
    expires_at: new Date(now + ttlMs).toISOString(),
  };
}

/** Whether `record` is being generated under a lease still live at `now` (ms). */
export function hasLiveLease(record, now) {
  return Boolean(record && record.generation_status === GenerationStatus.GENERATING && record.generation_lease &&
    Date.parse(record.generation_lease.expires_at) > now);
}

/** ConcurrentGenerationError while `record` is being generated under a lease still live at `now`. */
export function checkNoLiveLease(record, type, now) {
  if (hasLiveLease(record, now)) {
    throw new ConcurrentGenerationError(`${type} is already being generated (lease until ${record.generation_lease.expires_at})`);
  }
}

/** LeaseLostError (or why not) unless `lease` still holds `record`'s generation. */
export function checkLeaseHeld(record, lease, type) {
  if (!lease || typeof lease.owner !== 'string') throw new InvalidInputError('a lease from beginGeneration is required');
  if (!record) throw new NotFoundError(`no ${type} artifact to complete`);
  if (record.generation_status !== GenerationStatus.GENERATING || record.generation_lease?.owner !== lease.owner) {
    throw new LeaseLostError(`the ${type} generation lease is no longer held by this generator`);
  }
}
