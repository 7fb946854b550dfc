// PATCH edit's section_path: a section id, or a dotted path into it ("core_features.0.title").
import { HttpError } from '../http/errors.js';

const INDEX = /^(0|[1-9][0-9]{0,8})$/;

/** A copy of `content` with the value at `path` set to `value`; 422 when the path leads nowhere. */
export function setAtPath(content, path, value) {
  const keys = path.split('.');
  const next = structuredClone(content);
  let node = next;
  for (let i = 0; i < keys.length - 1; i += 1) {
    const key = keys[i];
    const child = Array.isArray(node) ? (INDEX.test(key) ? node[Number(key)] : undefined) : Object.hasOwn(node, key) ? node[key] : undefined;
    if (child === null || typeof child !== 'object') {
      throw new HttpError(422, 'invalid_section_path', `section_path '${path}' does not lead to a value at '${keys.slice(0, i + 1).join('.')}'`);
    }
    node = child;
  }
  const last = keys[keys.length - 1];
  if (Array.isArray(node)) {
    if (!INDEX.test(last) || Number(last) > node.length) {
      throw new HttpError(422, 'invalid_section_path', `section_path '${path}' is not an index of the list`);
    }
    node[Number(last)] = value;
  } else {
    Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return next;
}
