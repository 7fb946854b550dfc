// Reading a backup before anything is written: its text parsed (a cut-off download told from a
// corrupt file), its header checked (a backup of this package, a format and schema this version
// reads), its checksum verified, and every record and outbox entry checked, its content migrated
// and validated through the core. Any failure is a BackupError; nothing here writes.
import {
  ARTIFACTS, CONTENT_FIELDS, GenerationStatus, IssueType, RECORD_DEFAULTS, SCHEMA_VERSION, STORED_RECORD_FIELDS,
} from '../registry.js';
import { ArtifactsError, BackupError } from '../errors.js';
import { migrate, validate } from '../operations.js';
import { OutboxKind, OutboxState, outboxEntry } from '../store/outbox.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, backupChecksum, CHECKSUM_PREFIX, endsMidValue } from './format.js';

const HEADER = ['format', 'formatVersion', 'exportedAt', 'schemaVersion', 'project', 'records', 'outbox', 'checksum'];
const RECORD_FIELDS = new Map(STORED_RECORD_FIELDS.map((field) => [field.key, field]));
// Nested records (a note, the generation lease) are checked against the registry's keys; notes
// also carry the id the store gives them (so a replayed sync adds nothing).
const NESTED = STORED_RECORD_FIELDS.filter((field) => field.keys).map((field) => ({
  field,
  keys: new Set([...field.keys, ...(field.key === 'annotations' ? ['id'] : [])]),
  name: field.key === 'annotations' ? 'note' : field.title.toLowerCase(),
}));
// An outbox entry's fields: the store's own entry (read from its factory, when first needed: it
// draws an id) and the key IndexedDB numbers it by.
let outboxFields;
const entryFields = () => (outboxFields ??= new Set(['seq', ...Object.keys(outboxEntry({}, {}, 0))]));
const STATUSES = Object.values(GenerationStatus);
const KINDS = Object.values(OutboxKind);
const STATES = Object.values(OutboxState);

const corrupt = (message) => new BackupError('backup_corrupt', `This backup is damaged: ${message}.`);

export const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value) &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value));
const isText = (value) => typeof value === 'string' && value !== '';
const isCount = (value) => Number.isSafeInteger(value) && value >= 0;

/** The backup as a JSON value: from its text, a Blob or File of it, or the object itself. */
async function backupValue(backup) {
  let text = backup;
  if (typeof Blob === 'function' && backup instanceof Blob) text = await backup.text();
  else if (typeof backup !== 'string') {
    // An object goes through JSON as a file would: only JSON values remain, own members only.
    try {
      text = JSON.stringify(backup);
    } catch (error) {
      throw new BackupError('backup_corrupt', `This backup is damaged: it is not JSON (${error.message}).`, { cause: error });
    }
    if (text === undefined) throw new BackupError('backup_wrong_type', 'This is not a plan backup: it is not JSON data.');
  }
  if (text.trim() === '') throw corrupt('the file is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    if (endsMidValue(text)) {
      throw new BackupError('backup_truncated',
        'This backup is incomplete: the file ends in the middle (an interrupted download or copy?). Use a complete copy.',
        { cause: error });
    }
    throw new BackupError('backup_corrupt', `This backup is damaged: it is not valid JSON (${error.message}).`, { cause: error });
  }
}

/** The header checked and the checksum verified; BackupError otherwise. */
async function checkedHeader(value) {
  if (!isPlainObject(value) || value.format === undefined) {
    const what = Array.isArray(value) ? 'a list' : value === null ? 'null' : isPlainObject(value) ? 'an object without a format' : `a ${typeof value}`;
    throw new BackupError('backup_wrong_type', `This is not a plan backup (it is ${what}); choose a file made with "Back up".`);
  }
  if (value.format !== BACKUP_FORMAT) {
    throw new BackupError('backup_wrong_type', `This is not a plan backup: its format is ${JSON.stringify(String(value.format)).slice(0, 80)}, not ${BACKUP_FORMAT}.`);
  }
  if (!Number.isSafeInteger(value.formatVersion) || value.formatVersion < 1) throw corrupt('its formatVersion is not a version number');
  if (value.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError('backup_newer_format',
      `This backup was made by a newer version (backup format ${value.formatVersion}; this one reads up to ${BACKUP_FORMAT_VERSION}): update to restore it.`);
  }
  const unknown = Object.keys(value).filter((key) => !HEADER.includes(key));
  if (unknown.length) throw corrupt(`it has fields a backup does not have (${unknown.slice(0, 3).map((k) => JSON.stringify(k)).join(', ')})`);
  const missing = HEADER.filter((key) => value[key] === undefined);
  if (missing.length) throw corrupt(`it lacks ${missing.join(', ')}`);
  if (typeof value.checksum !== 'string' || !value.checksum.startsWith(CHECKSUM_PREFIX)) throw corrupt('its checksum is not a SHA-256 checksum');
  let actual;
  try {
    actual = await backupChecksum(value);
  } catch (error) {
    if (error instanceof ArtifactsError) throw error;
    throw corrupt(`its content cannot be read (${error.message})`);  // e.g. nesting too deep
  }
  if (actual !== value.checksum) {
    throw new BackupError('backup_checksum',
      'This backup was changed after it was made (its checksum does not match its content): it cannot be trusted. Use an unchanged copy.');
  }
  if (!Number.isSafeInteger(value.schemaVersion) || value.schemaVersion < 0) throw corrupt('its schemaVersion is not a version number');
  if (value.schemaVersion > SCHEMA_VERSION) {
    throw new BackupError('backup_newer_format',
      `This backup holds plans of a newer schema (version ${value.schemaVersion}; this version reads up to ${SCHEMA_VERSION}): update to restore it.`);
  }
  if (!isText(value.exportedAt)) throw corrupt('exportedAt is not a date');
  if (!isPlainObject(value.project) || !isText(value.project.id)) throw corrupt('its project has no id');
  if (!Array.isArray(value.records)) throw corrupt('records is not a list');
  if (!Array.isArray(value.outbox)) throw corrupt('outbox is not a list');
  return value;
}

function invalidRecord(where, message, errors) {
  return new BackupError('backup_invalid_record', `This backup cannot be restored: ${where} ${message}.`, errors ? { errors } : undefined);
}

// One field of a stored record against the registry's kind of it.
function fieldProblem(field, value) {
  if (value === null) return field.required && field.kind !== 'object' ? 'is empty' : null;
  switch (field.kind) {
    case 'uuid':
    case 'string':
      return isText(value) || (field.kind === 'string' && typeof value === 'string') ? null : 'is not text';
    case 'enumeration':
    case 'literal':
      return field.choices.includes(value) ? null : `is not one of ${field.choices.join(', ')}`;
    case 'integer':
      return isCount(value) ? null : 'is not a whole number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'is not true or false';
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : 'is not a date';
    case 'object':
      return isPlainObject(value) ? null : 'is not an object';
    case 'list':
      return Array.isArray(value) ? null : 'is not a list';
    case 'model':
      return isPlainObject(value) ? null : 'is not an object';
    default:
      return null;
  }
}

function checkItems(where, list, fields, name) {
  for (const [index, item] of (list ?? []).entries()) {
    if (!isPlainObject(item)) throw invalidRecord(where, `has a ${name} (#${index + 1}) that is not an object`);
    const unknown = Object.keys(item).find((key) => !fields.has(key));
    if (unknown !== undefined) throw invalidRecord(where, `has a ${name} with an unknown field ${JSON.stringify(unknown)}`);
    const notText = [...fields].find((key) => typeof item[key] !== 'string' && (key !== 'id' || item[key] !== undefined));
    if (notText) throw invalidRecord(where, `has a ${name} whose ${notText} is not text`);
  }
}

/** One content field migrated to SCHEMA_VERSION and validated through the core. */
function checkedContent(where, type, field, content) {
  const version = content._schema_version ?? 0;
  if (!isCount(version)) throw invalidRecord(where, `has ${field} with a _schema_version that is not a number`);
  if (version > SCHEMA_VERSION) {
    throw new BackupError('backup_newer_format',
      `This backup cannot be restored: ${where} has ${field} of a newer schema (version ${version}; this version reads up to ${SCHEMA_VERSION}).`);
  }
  let current = content;
  try {
    if (version < SCHEMA_VERSION) current = migrate(type, content).value;
    const checked = validate(type, current);
    // Unknown keys are dropped by validation; a file this package wrote has none, so one here
    // was added by hand or by something else: refused rather than silently cut.
    const problems = checked.ok ? checked.warnings.filter((w) => w.type === IssueType.UNKNOWN_KEY) : checked.errors;
    if (problems.length) {
      const first = problems[0];
      const at = first.loc?.length ? ` at ${first.loc.join('.')}` : '';
      throw invalidRecord(where, checked.ok ? `has an unknown key in ${field}${at}` : `has invalid ${field}: ${first.msg}${at}`, problems);
    }
    return checked.value;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw invalidRecord(where, `has ${field} that cannot be read (${error.message})`, error.errors);
  }
}

/** A record of the backup checked, its content migrated and validated: what the store will hold. */
function checkedRecord(record, index, projectId) {
  let where = `record #${index + 1}`;
  if (!isPlainObject(record)) throw invalidRecord(where, 'is not an object');
  if (isText(record.id)) where = `record ${JSON.stringify(record.id)}${ARTIFACTS[record.artifact_type] ? ` (${ARTIFACTS[record.artifact_type].title})` : ''}`;
  const unknown = Object.keys(record).find((key) => !RECORD_FIELDS.has(key));
  if (unknown !== undefined) throw invalidRecord(where, `has an unknown field ${JSON.stringify(unknown)}`);
  const complete = { ...structuredClone(RECORD_DEFAULTS), ...record };
  for (const field of STORED_RECORD_FIELDS) {
    if (complete[field.key] === undefined) {
      if (field.required) throw invalidRecord(where, `lacks ${field.key}`);
      continue;
    }
    const problem = fieldProblem(field, complete[field.key]);
    if (problem) throw invalidRecord(where, `${field.key} ${problem}`);
  }
  if (complete.project_id !== projectId) {
    throw invalidRecord(where, `belongs to another project (${JSON.stringify(complete.project_id)}, not ${JSON.stringify(projectId)})`);
  }
  if (!STATUSES.includes(complete.generation_status)) throw invalidRecord(where, 'has an unknown generation status');
  if ((complete.edited_sections ?? []).some((id) => typeof id !== 'string')) throw invalidRecord(where, 'has an edited section that is not a section id');
  for (const { field, keys, name } of NESTED) {
    const value = complete[field.key];
    if (value !== null && value !== undefined) checkItems(where, field.kind === 'list' ? value : [value], keys, name);
  }
  const type = complete.artifact_type;
  let migrated = false;
  for (const field of CONTENT_FIELDS) {
    if (complete[field] === null || complete[field] === undefined) continue;
    const checked = checkedContent(where, type, field, complete[field]);
    if ((complete[field]._schema_version ?? 0) !== SCHEMA_VERSION) migrated = true;
    complete[field] = checked;
  }
  if (migrated) complete.schema_version = SCHEMA_VERSION;
  return complete;
}

function checkedEntry(entry, index, projectId, recordsById) {
  let where = `outbox entry #${index + 1}`;
  if (!isPlainObject(entry)) throw invalidRecord(where, 'is not an object');
  if (isText(entry.mutationId)) where = `outbox entry ${JSON.stringify(entry.mutationId)}`;
  const unknown = Object.keys(entry).find((key) => !entryFields().has(key));
  if (unknown !== undefined) throw invalidRecord(where, `has an unknown field ${JSON.stringify(unknown)}`);
  if (!isText(entry.mutationId)) throw invalidRecord(where, 'has no mutationId');
  if (entry.seq !== undefined && (!Number.isSafeInteger(entry.seq) || entry.seq < 1)) throw invalidRecord(where, 'has a seq that is not a positive number');
  if (entry.projectId !== projectId) throw invalidRecord(where, 'belongs to another project');
  const record = recordsById.get(entry.recordId);
  if (!record) throw invalidRecord(where, 'is for a record the backup does not hold');
  if (entry.artifactType !== record.artifact_type) throw invalidRecord(where, 'names another artifact than its record');
  if (!KINDS.includes(entry.kind)) throw invalidRecord(where, 'is of an unknown kind');
  if (!STATES.includes(entry.state)) throw invalidRecord(where, 'is in an unknown state');
  if (!isPlainObject(entry.payload)) throw invalidRecord(where, 'has no payload');
  for (const count of ['attempts', 'nextAt']) {
    if (entry[count] !== undefined && !isCount(entry[count])) throw invalidRecord(where, `has ${count} that is not a whole number`);
  }
  if (entry.kind === OutboxKind.PUT) {
    const content = entry.payload.content;
    if (!isPlainObject(content)) throw invalidRecord(where, 'has no content to send');
    checkedContent(where, record.artifact_type, 'content', content);
  }
  return entry;
}

/**
 * A backup (its text, a Blob or File of it, or the object) read and checked: {project, records,
 * outbox} ready to write, records migrated to the current schema. BackupError otherwise.
 */
export async function readBackup(backup) {
  const header = await checkedHeader(await backupValue(backup));
  const projectId = header.project.id;
  const records = header.records.map((record, index) => checkedRecord(record, index, projectId));
  const recordsById = new Map();
  const types = new Set();
  for (const record of records) {
    if (recordsById.has(record.id)) throw invalidRecord(`record ${JSON.stringify(record.id)}`, 'appears twice');
    if (types.has(record.artifact_type)) throw invalidRecord(`the ${ARTIFACTS[record.artifact_type].title}`, 'appears twice');
    recordsById.set(record.id, record);
    types.add(record.artifact_type);
  }
  const outbox = header.outbox.map((entry, index) => checkedEntry(entry, index, projectId, recordsById));
  const mutations = new Set();
  for (const entry of outbox) {
    if (mutations.has(entry.mutationId)) throw invalidRecord(`outbox entry ${JSON.stringify(entry.mutationId)}`, 'appears twice');
    mutations.add(entry.mutationId);
  }
  const seqs = outbox.map((entry) => entry.seq).filter((seq) => seq !== undefined);
  if (new Set(seqs).size !== seqs.length) throw invalidRecord('the outbox', 'numbers two entries alike');
  return { project: header.project, records, outbox, exportedAt: header.exportedAt, schemaVersion: header.schemaVersion };
}
