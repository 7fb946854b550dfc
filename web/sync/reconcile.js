// What a record becomes when the backend's copy meets the local one: pure functions that return
// the store's syncWrite plans. The backend's copy is adopted as it is when nothing local is
// waiting; otherwise the waiting edits are three-way merged onto it with the core's merge (base =
// the copy they were made on), and a section both sides changed differently becomes a conflict
// the founder resolves. Nothing waiting is ever dropped.
import { GenerationStatus, RECORD_DEFAULTS } from '../registry.js';
import { merge } from '../operations.js';
import { jsonEqual } from '../store/equal.js';
import { hasLiveLease } from '../store/lease.js';
import { OutboxKind, OutboxState } from '../store/outbox.js';

const live = (entries) => entries.filter((entry) => entry.state !== OutboxState.DEAD);

/** The local record for the backend's `server` record (ETag `etag`), as the backend has it. */
export function adoptedRecord(local, server, etag, now) {
  const sameVersion = local && local.version_number === server.version_number;
  const generating = hasLiveLease(local, now);
  return {
    ...structuredClone(RECORD_DEFAULTS),
    ...(local ?? {}),
    id: server.id,
    project_id: server.project_id,
    artifact_type: server.artifact_type,
    version_number: server.version_number,
    current_content: server.current_content,
    previous_content: server.previous_content ?? null,
    has_user_edits: server.has_user_edits,
    edited_sections: server.edited_sections ?? null,
    annotations: server.annotations ?? [],
    // The merge base for this device's next generation: the backend's generated content when it
    // has no edits; with edits, what this device knew for the same version, else unknown.
    base_content: !server.has_user_edits ? server.current_content : sameVersion ? local.base_content ?? null : null,
    generation_status: generating ? local.generation_status : server.generation_status === GenerationStatus.GENERATING
      ? GenerationStatus.IDLE : server.generation_status,
    generation_lease: generating ? local.generation_lease : null,
    generation_error: generating ? local.generation_error ?? null : server.generation_error ?? null,
    schema_version: server.schema_version,
    created_at: server.created_at ?? local?.created_at,
    updated_at: server.updated_at ?? local?.updated_at,
    synced_content: server.current_content,
    synced_etag: etag,
  };
}

/** The backend's notes plus the local ones still on their way to it, or refused by it (dead letters). */
function mergedAnnotations(server, entries, local) {
  const onServer = new Set((server.annotations ?? []).map((note) => note.id));
  const waiting = new Set(entries.filter((e) => e.kind === OutboxKind.ANNOTATE).map((e) => e.payload.id));
  const mine = (local?.annotations ?? []).filter((note) => waiting.has(note.id) && !onServer.has(note.id));
  return [...(server.annotations ?? []), ...mine];
}

// What a listed conflict of `entry` records of the backend's copy `server` (ETag `etag`): the
// section's value for an edit, the whole copy for a generated version.
function theirsNow(entry, server, etag) {
  if (entry.kind === OutboxKind.PUT) return { theirs: server.current_content, server, etag };
  return { theirs: entry.conflict.sectionId ? server.current_content?.[entry.conflict.sectionId] ?? null : null };
}

/**
 * The plan for a backend copy `server` (ETag `etag`) of the record whose local state is
 * {record, entries}. Returns {record, put, deleteRecordId, conflicts: [entries now in conflict]}.
 */
export function reconcilePlan({ record: local, entries }, server, etag, now) {
  const waiting = live(entries);
  const plan = { put: [], conflicts: [] };
  if (local && local.id !== server.id) plan.deleteRecordId = local.id;
  // Only a record with no entry at all becomes the backend's copy: a dead letter's change stays
  // in the local record (the founder may retry it), like a waiting one.
  if (!local || entries.length === 0) {
    plan.record = adoptedRecord(local, server, etag, now);
    return plan;
  }
  const type = server.artifact_type;
  const theirs = server.current_content;
  const base = local.synced_content;
  const ours = local.current_content;
  // Entries move with the record when the backend knows it under another id, and a conflict
  // already listed shows the backend's copy as it is now: taking "theirs" takes this one, which
  // the record's ETag now names, not the one the conflict was found on.
  const rekey = (entry) => ({ ...entry, recordId: server.id, ...(entry.state === OutboxState.CONFLICT && entry.conflict
    ? { conflict: { ...entry.conflict, ...theirsNow(entry, server, etag) } } : {}) });
  const conflict = (entry, details) => {
    const held = { ...rekey(entry), state: OutboxState.CONFLICT, conflict: { ...details, detectedAt: new Date(now).toISOString() } };
    plan.conflicts.push(held);
    return held;
  };
  const synced = {
    ...local,
    id: server.id,
    annotations: mergedAnnotations(server, entries, local),
    synced_content: theirs,
    synced_etag: etag,
  };
  const puts = waiting.filter((e) => e.kind === OutboxKind.PUT && e.state === OutboxState.PENDING);
  if (puts.length > 0) {
    // A version generated here replaces what it was generated on: only if the backend still
    // holds that (notes aside). Otherwise both versions are kept until the founder picks one.
    // A put whose content the backend already holds landed (its answer was lost; a backend
    // without Idempotency-Key cannot replay it): it is done, not a conflict with itself.
    const landed = puts.filter((entry) => jsonEqual(entry.payload.content, theirs));
    const clean = landed.length > 0 || (base !== null && base !== undefined && jsonEqual(theirs, base));
    const rest = entries.filter((entry) => !landed.includes(entry));
    plan.delete = landed.map((entry) => entry.seq);
    plan.put = rest.map((entry) => (!clean && puts.includes(entry)
      ? conflict(entry, { sectionId: null, base: base ?? null, mine: entry.payload.content, theirs, server, etag })
      : rekey(entry)));
    plan.record = rest.length === 0 ? adoptedRecord(local, server, etag, now) : synced;
    return plan;
  }
  const edits = waiting.filter((e) => e.kind === OutboxKind.EDIT && e.state === OutboxState.PENDING);
  const refused = entries.filter((e) => e.kind === OutboxKind.EDIT && e.state === OutboxState.DEAD);
  if ((edits.length === 0 && refused.length === 0) || !theirs) {
    plan.record = { ...adoptedRecord(local, server, etag, now), annotations: synced.annotations };
    plan.put = entries.map(rekey);
    return plan;
  }
  const sections = [...new Set([...edits, ...refused].map((e) => e.payload.section_id))];
  const merged = merge({ type, base: base ?? theirs, ours, theirs, editedSections: sections });
  const clashing = new Map(merged.conflicts.map((c) => [c.sectionId, c]));
  plan.put = entries.map((entry) => {
    const clash = entry.kind === OutboxKind.EDIT && entry.state === OutboxState.PENDING && clashing.get(entry.payload.section_id);
    return clash
      ? conflict(entry, { sectionId: clash.sectionId, base: clash.base ?? null, mine: entry.payload.value, theirs: clash.theirs ?? null })
      : rekey(entry);
  });
  const edited = [...new Set([...(server.edited_sections ?? []), ...sections])];
  const newVersion = server.version_number !== local.version_number;
  plan.record = {
    ...synced,
    current_content: merged.value,
    version_number: server.version_number,
    previous_content: newVersion ? server.previous_content ?? null : local.previous_content,
    base_content: newVersion ? (server.has_user_edits ? null : theirs) : local.base_content,
    edited_sections: edited,
    has_user_edits: true,
  };
  return plan;
}

// The backend's content with the section edits still listed here (waiting, in conflict or
// refused: all stay in the local record) laid over it in order. A generated version still to go
// replaces the content when it lands, so until then the local content stands.
function withWaitingEdits(server, rest, record) {
  if (!server.current_content || rest.some((entry) => entry.kind === OutboxKind.PUT)) return record.current_content;
  const content = { ...server.current_content };
  for (const entry of rest) {
    if (entry.kind === OutboxKind.EDIT) content[entry.payload.section_id] = entry.payload.value;
  }
  return content;
}

/**
 * The plan for an acknowledged `entry`: the entry goes, and the record remembers the backend's
 * copy `server` (ETag `etag`) as its synced state; with nothing else waiting it becomes that copy.
 */
export function acknowledgePlan({ record, entries }, entry, server, etag, now) {
  const rest = entries.filter((e) => e.seq !== entry.seq);
  const plan = { delete: [entry.seq], put: [], publish: 'syncAcknowledged' };
  if (!record) return plan;
  if (!server || typeof server !== 'object' || server.id !== record.id) {
    plan.record = { ...record, synced_etag: etag ?? record.synced_etag };
    return plan;
  }
  if (rest.length === 0) {
    // The backend's copy is this device's plus the acknowledged change: it becomes the record,
    // keeping this device's notes the backend did not echo. Not while a dead letter of the
    // record is left: its refused change stays in the local record until retried or discarded.
    plan.record = adoptedRecord(record, server, etag, now);
    return plan;
  }
  // The record now claims the backend's ETag, so it takes the backend's copy (another device's
  // changes among them) with this device's waiting changes laid over it: a later pull answered
  // "not modified" would never bring what it left out.
  plan.record = {
    ...record,
    version_number: server.version_number,
    current_content: withWaitingEdits(server, rest, record),
    annotations: mergedAnnotations(server, rest, record),
    synced_content: server.current_content,
    synced_etag: etag,
  };
  plan.put = rest.map((e) => ({ ...e, baseVersion: etag }));
  return plan;
}
