// Outbox entries: each change the backend has not acknowledged yet, written in the same
// transaction as the record it changes. The sync client sends them in seq order per record, each
// with its mutationId as Idempotency-Key, and deletes one only with its acknowledgement.

/** What an entry asks of the backend. */
export const OutboxKind = Object.freeze({
  PUT: 'put',            // a version generated here: PUT /{id} {project_id, artifact_type, content}
  EDIT: 'edit',          // PATCH /{id}/edit {section_path, new_value}
  ANNOTATE: 'annotate',  // POST /{id}/annotate {id, section_id, note}
});

/** Where an entry stands: waiting to be sent, held in a conflict until resolved, or refused. */
export const OutboxState = Object.freeze({ PENDING: 'pending', CONFLICT: 'conflict', DEAD: 'dead' });

/**
 * A new entry for `record` (as written), from a draft {kind, payload}. baseVersion is the
 * backend version the change was made on (the record's synced ETag; null before the first sync).
 */
export function outboxEntry(record, { kind, payload }, stamp) {
  return {
    mutationId: crypto.randomUUID(),
    recordId: record.id,
    projectId: record.project_id,
    artifactType: record.artifact_type,
    baseVersion: record.synced_etag ?? null,
    kind,
    payload,
    state: OutboxState.PENDING,
    attempts: 0,
    nextAt: 0,
    lastError: null,
    conflict: null,
    createdAt: stamp,
  };
}

/** The drafts that upload a record the backend has never seen: its content, then its notes. */
export function uploadOf(record) {
  if (record.current_content === null || record.current_content === undefined) return [];
  return [
    { kind: OutboxKind.PUT, payload: { content: record.current_content } },
    ...(record.annotations ?? []).map(annotateDraft),
  ];
}

export function annotateDraft(annotation) {
  return { kind: OutboxKind.ANNOTATE, payload: { id: annotation.id, section_id: annotation.section_id, note: annotation.note } };
}
