// The backup file's format: its name and version, the canonical serialisation its checksum is
// computed over, and the checksum itself (SHA-256 through Web Crypto).
import { InvalidInputError } from '../errors.js';

export const BACKUP_FORMAT = 'cofounder-artifacts-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const CHECKSUM_PREFIX = 'sha256-';

/**
 * The canonical JSON text of a JSON value: no whitespace, object members sorted by key (UTF-16
 * code units, as Array.prototype.sort compares strings), arrays in order, strings and numbers as
 * JSON.stringify writes them, members whose value is undefined left out (as JSON.stringify does).
 * The same value always gives the same text, whatever order its keys were written in.
 */
export function canonicalJson(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const members = Object.keys(value).filter((key) => value[key] !== undefined).sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
  return `{${members.join(',')}}`;
}

/**
 * 'sha256-' and the lowercase hex SHA-256 of the UTF-8 bytes of the canonical JSON of `backup`
 * without its `checksum` member.
 */
export async function backupChecksum(backup) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new InvalidInputError('Web Crypto (crypto.subtle) is not available here: backups need it (in a browser, a secure context: https or localhost)');
  }
  const { checksum, ...hashed } = backup;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(hashed)));
  return CHECKSUM_PREFIX + [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const LITERALS = ['true', 'false', 'null'];
const NUMBER_CHARACTERS = /^[-+0-9.eE]*$/;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Whether JSON text that JSON.parse refused is a JSON text cut short: its syntax holds up to the
 * end, where a value, a string or a bracket is still open. A scan of the syntax only (no values
 * are built), iterative so that deep nesting cannot overflow the stack.
 */
export function endsMidValue(text) {
  const n = text.length;
  let i = 0;
  const open = [];  // '{' or '['
  const space = () => { while (i < n && WHITESPACE.has(text[i])) i += 1; };
  // Each step returns true to go on; false stops with i where the syntax failed.
  const string = () => {
    i += 1;
    while (i < n) {
      const c = text[i];
      if (c === '"') { i += 1; return true; }
      if (c === '\\') { i += 2; continue; }
      if (c < ' ') return false;
      i += 1;
    }
    i = n;
    return false;
  };
  const scalar = () => {
    if (text[i] === '"') return string();
    const rest = text.slice(i, i + 6);
    const literal = LITERALS.find((word) => text.startsWith(word, i));
    if (literal) { i += literal.length; return true; }
    if (LITERALS.some((word) => word.startsWith(rest)) && i + rest.length === n) { i = n; return false; }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    let end = i;
    while (end < n && NUMBER_CHARACTERS.test(text[end])) end += 1;
    if (end === n && NUMBER_CHARACTERS.test(text.slice(i))) { i = n; return false; }  // a number cut short
    if (!number) return false;
    i += number[0].length;
    return true;
  };
  const key = () => {  // a member's name and its colon
    space();
    if (i >= n || text[i] !== '"' || !string()) return false;
    space();
    if (i >= n || text[i] !== ':') return false;
    i += 1;
    return true;
  };
  let expectValue = true;
  for (;;) {
    space();
    if (expectValue) {
      if (i >= n) return true;
      const c = text[i];
      if (c === '{' || c === '[') {
        open.push(c);
        i += 1;
        space();
        if (i < n && text[i] === (c === '{' ? '}' : ']')) {
          open.pop();
          i += 1;
          expectValue = false;
        } else if (c === '{' && !key()) {
          return i >= n;
        }
      } else if (scalar()) {
        expectValue = false;
      } else {
        return i >= n;
      }
    } else {
      if (open.length === 0) return false;  // a complete value followed by more: not a cut
      if (i >= n) return true;
      if (text[i] === (open.at(-1) === '{' ? '}' : ']')) {
        open.pop();
        i += 1;
      } else if (text[i] === ',') {
        i += 1;
        if (open.at(-1) === '{' && !key()) return i >= n;
        expectValue = true;
      } else {
        return false;
      }
    }
  }
}
