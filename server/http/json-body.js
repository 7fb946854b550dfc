// The JSON body parser: UTF-8 checked strictly (a body with invalid UTF-8 is refused, not
// silently given U+FFFD), parse errors worded for the client, an empty body read as {}.
// Text PostgreSQL cannot store — U+0000, or a lone surrogate written as a \u escape — is refused
// here for every field alike (both can only arrive as \u escapes: the checked UTF-8 has neither).
// Fastify has already refused bodies over the size limit (413) before this runs.
import { HttpError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const storable = (text) => !text.includes('\u0000') && text.isWellFormed();

// The path of the first string (key or value) that cannot be stored, or null. Iterative: the
// value may be nested as deeply as JSON.parse allows.
function unstorablePath(root) {
  const stack = [[root, []]];
  while (stack.length) {
    const [value, path] = stack.pop();
    if (typeof value === 'string') {
      if (!storable(value)) return path;
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (!storable(key)) return [...path, key];
        stack.push([child, [...path, key]]);
      }
    }
  }
  return null;
}

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
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    done(new HttpError(400, 'malformed_json', `request body is not valid JSON: ${error.message}`));
    return;
  }
  const path = text.includes('\\u') ? unstorablePath(value) : null;
  if (path) {
    done(new HttpError(422, 'unstorable_text',
      `text at body${path.map((k) => `.${k}`).join('')} holds U+0000 or a lone surrogate, which cannot be stored`));
    return;
  }
  done(null, value);
}
