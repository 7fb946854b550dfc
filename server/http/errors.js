// Every error answer is {detail, code, errors?} (plus `current` on 412). The package's typed
// errors, Fastify's own and PostgreSQL's data errors map to client errors; anything else is a
// 500 that says nothing about the internals (and is logged).
import { ArtifactsError } from 'cofounder-artifacts';

export class HttpError extends Error {
  constructor(statusCode, code, detail, extra = {}) {
    super(detail);
    this.statusCode = statusCode;
    this.code = code;
    this.extra = extra;
  }
}

export const notFound = (what) => new HttpError(404, 'not_found', `${what} not found`);

const PACKAGE_STATUS = {
  invalid_input: 422,
  unknown_artifact_type: 422,
  unknown_tier: 422,
  validation_failed: 422,
  tier_locked: 403,
  generation_in_progress: 409,
  lease_lost: 409,
  schema_version_unsupported: 422,
  not_found: 404,
};

// Fastify's own client errors, by its error code.
const FASTIFY_CODES = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
};

/** [statusCode, body] for any error a request ends in. */
export function errorResponse(error) {
  if (error instanceof HttpError) {
    return [error.statusCode, { detail: error.message, code: error.code, ...error.extra }];
  }
  if (error instanceof ArtifactsError) {
    const body = { detail: error.message, code: error.code };
    if (error.errors) body.errors = error.errors;
    return [PACKAGE_STATUS[error.code] ?? 422, body];
  }
  if (error?.validation) {
    const errors = error.validation.map((v) => ({
      loc: ['body', ...String(v.instancePath || '').split('/').filter(Boolean)],
      msg: v.message,
      type: v.keyword,
    }));
    return [422, { detail: `invalid request: ${error.message}`, code: 'invalid_request', errors }];
  }
  // PostgreSQL class 22 (data exception): a value it cannot store, such as U+0000 in text.
  if (typeof error?.code === 'string' && /^22[0-9A-Z]{3}$/.test(error.code) && error.severity) {
    return [422, { detail: `a value cannot be stored: ${error.message}`, code: 'unstorable_value' }];
  }
  const status = error?.statusCode;
  if (Number.isInteger(status) && status >= 400 && status < 500) {
    return [status, { detail: error.message, code: FASTIFY_CODES[error.code] ?? 'bad_request' }];
  }
  return [500, { detail: 'internal server error', code: 'internal_error' }];
}
