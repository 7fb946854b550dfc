// The backend request that carries each kind of outbox entry, and how an answer is read: applied
// (acknowledge), stale (reconcile with the backend's copy), transient (try again later), or
// refused (a dead letter, with the backend's reason).
import { OutboxKind } from '../store/outbox.js';

/** {method, path, body, headers} for `entry` against `record`'s synced state. */
export function requestFor(entry, record, { sendIfMatch }) {
  const headers = { 'idempotency-key': entry.mutationId };
  const id = encodeURIComponent(entry.recordId);
  const ifMatch = sendIfMatch && record?.synced_etag ? { 'if-match': record.synced_etag } : {};
  switch (entry.kind) {
    case OutboxKind.PUT:
      return {
        method: 'PUT',
        path: `/artifacts/${id}`,
        body: { project_id: entry.projectId, artifact_type: entry.artifactType, content: entry.payload.content },
        headers: { ...headers, ...ifMatch },
      };
    case OutboxKind.EDIT:
      return {
        method: 'PATCH',
        path: `/artifacts/${id}/edit`,
        body: { section_path: entry.payload.section_id, new_value: entry.payload.value },
        headers: { ...headers, ...ifMatch },
      };
    case OutboxKind.ANNOTATE:
      // A note changes no content: it never conflicts, so it carries no If-Match.
      return { method: 'POST', path: `/artifacts/${id}/annotate`, body: entry.payload, headers };
    default:
      return null;
  }
}

export const Outcome = Object.freeze({
  APPLIED: 'applied', STALE: 'stale', NO_PROJECT: 'no_project', TRANSIENT: 'transient', REFUSED: 'refused',
});

const isRecord = (body, id) => body !== null && typeof body === 'object' && body.id === id;

const TRANSIENT = new Set([0, 401, 408, 425, 429]);

/** What an answer to `entry` means. */
export function readAnswer(entry, answer) {
  const { status, body } = answer;
  // Only the record itself acknowledges a change: a 2xx with anything else (a captive portal's
  // JSON, a proxy's empty answer) is not the backend's, so the change is sent again later.
  if (status >= 200 && status < 300) return isRecord(body, entry.recordId) ? Outcome.APPLIED : Outcome.TRANSIENT;
  if (TRANSIENT.has(status) || status >= 500) return Outcome.TRANSIENT;
  if (status === 412 || status === 428) return Outcome.STALE;
  if (status === 409) {
    if (body?.code === 'generation_in_progress') return Outcome.TRANSIENT;  // the backend is regenerating it
    if (body?.code === 'artifact_exists') return Outcome.STALE;
    return Outcome.REFUSED;
  }
  if (status === 404 && entry.kind === OutboxKind.PUT && /project/.test(body?.detail ?? '')) return Outcome.NO_PROJECT;
  return Outcome.REFUSED;
}
