// Every error the package throws is an ArtifactsError with a stable `code`.
export class ArtifactsError extends Error {
  /**
   * @param {string} code one of the stable codes (see index.d.ts)
   * @param {string} message
   * @param {{errors?: object[], cause?: unknown}} [details]
   */
  constructor(code, message, { errors, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.code = code;
    if (errors !== undefined) this.errors = errors;
  }
}

const define = (name, code) => ({
  [name]: class extends ArtifactsError {
    constructor(message, details) {
      super(code, message, details);
    }
  },
})[name];

export const InvalidInputError = define('InvalidInputError', 'invalid_input');
export const UnknownArtifactTypeError = define('UnknownArtifactTypeError', 'unknown_artifact_type');
export const UnknownTierError = define('UnknownTierError', 'unknown_tier');
export const ValidationFailedError = define('ValidationFailedError', 'validation_failed');
export const TierLockedError = define('TierLockedError', 'tier_locked');
export const ConcurrentGenerationError = define('ConcurrentGenerationError', 'generation_in_progress');
export const LeaseLostError = define('LeaseLostError', 'lease_lost');
export const SchemaVersionUnsupportedError = define('SchemaVersionUnsupportedError', 'schema_version_unsupported');
export const NotFoundError = define('NotFoundError', 'not_found');
export const StorageError = define('StorageError', 'storage_failed');
// The browser refused a write for want of space (IndexedDB's QuotaExceededError): the write's
// transaction was aborted, so nothing of it was stored. A StorageError, so code that handles
// storage failures in general still catches it.
export class StorageFullError extends StorageError {
  /** @param {string} message @param {{cause?: unknown}} [details] */
  constructor(message, details) {
    super(message, details);
    this.code = 'storage_full';
  }
}
export const NotInitializedError = define('NotInitializedError', 'not_initialized');
// printPlan() outside a browser (no document to print from).
export const PrintUnavailableError = define('PrintUnavailableError', 'print_unavailable');

// An LLM runner's failures (web/runners/): the answer was cut off, the model refused, or the call
// failed (HTTP, network, a broken stream). `status` is the HTTP status when there was one;
// `retryAfterMs` is what the server asked us to wait (Retry-After), when it said.
export const LlmTruncatedError = define('LlmTruncatedError', 'llm_truncated');
export class LlmRefusedError extends ArtifactsError {
  /** @param {string} message @param {{refusal?: string, cause?: unknown}} [details] */
  constructor(message, { refusal, cause } = {}) {
    super('llm_refused', message, { cause });
    if (refusal !== undefined) this.refusal = refusal;
  }
}
export class LlmFailedError extends ArtifactsError {
  /** @param {string} message @param {{status?: number, retryAfterMs?: number, cause?: unknown}} [details] */
  constructor(message, { status, retryAfterMs, cause } = {}) {
    super('llm_failed', message, { cause });
    if (status !== undefined) this.status = status;
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
  }
}

// A backup that cannot be restored; `code` says why (BACKUP_ERROR_CODES), and nothing was written.
export const BACKUP_ERROR_CODES = Object.freeze([
  'backup_corrupt',         // not JSON, not an object, or a field missing or of the wrong kind
  'backup_truncated',       // the text ends before its JSON does (a download cut off)
  'backup_checksum',        // the content does not match its checksum (changed after export)
  'backup_newer_format',    // written by a newer version (formatVersion or schemaVersion)
  'backup_wrong_type',      // not a backup of this package (a plan, another app's file)
  'backup_invalid_record',  // a record or outbox entry that is not valid (named in the message)
]);
export class BackupError extends ArtifactsError {
  /** @param {string} code one of BACKUP_ERROR_CODES @param {string} message @param {{errors?: object[], cause?: unknown}} [details] */
  constructor(code, message, details) {
    super(code, message, details);
  }
}

const byCode = {
  invalid_input: InvalidInputError,
  unknown_artifact_type: UnknownArtifactTypeError,
  unknown_tier: UnknownTierError,
  validation_failed: ValidationFailedError,
  schema_version_unsupported: SchemaVersionUnsupportedError,
};

/** The typed error for a failed core result ({code, errors}). */
export function errorFromResult(result) {
  const ErrorClass = byCode[result.code] ?? InvalidInputError;
  const first = result.errors?.[0];
  const where = first?.loc?.length ? ` at ${first.loc.join('.')}` : '';
  const more = result.errors?.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
  return new ErrorClass(`${first?.msg ?? result.code}${where}${more}`, { errors: result.errors });
}
