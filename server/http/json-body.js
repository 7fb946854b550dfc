// The JSON body parser: UTF-8 checked strictly (a body with invalid UTF-8 is refused, not
// silently given U+FFFD), parse errors worded for the client, an empty body read as {}.
// Fastify has already refused bodies over the size limit (413) before this runs.
import { HttpError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function parseJsonBody(request, body, done) {
  let text;
  try {
    text = utf8.decode(body);
  } catch {
    done(new HttpError(400, 'invalid_utf8', 'request body is not valid UTF-8'));
    return;
  }
  if (text.trim() === '') {
    done(null, {});
    return;
  }
  try {
    done(null, JSON.parse(text));
  } catch (error) {
    done(new HttpError(400, 'malformed_json', `request body is not valid JSON: ${error.message}`));
  }
}
