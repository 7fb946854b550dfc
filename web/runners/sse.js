// Server-sent events (the WHATWG event-stream format) read incrementally: bytes in any chunking
// become events {event, data, id}. A cursor walks each chunk once; the text of a line that spans
// chunks is kept as pieces and joined once when its end arrives, so every character is looked at
// once whatever the chunking, even a long line arriving byte by byte.
import { readChunks } from './body.js';

const LINE_END = /[\r\n]/g;

export class SseParser {
  // UTF-8 in stream mode: a character split across chunks is held back until it is whole; a
  // leading byte-order mark is dropped, as the format says.
  #decoder = new TextDecoder();
  #pieces = [];       // the current line so far, when it spans chunks
  #afterCR = false;   // the last chunk ended with CR: a LF first in the next one belongs to it
  #eventType = '';
  #data = [];
  #lastId = '';

  /** Feeds a chunk (bytes, or text already decoded); returns the events it completed. */
  push(chunk) {
    return this.#read(typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true }));
  }

  /** The end of the stream: the events still completed. An unterminated last line, and an event
   * without its closing blank line, are dropped, as the format says. */
  end() {
    const events = this.#read(this.#decoder.decode());
    this.#pieces = [];
    this.#afterCR = false;
    this.#eventType = '';
    this.#data = [];
    return events;
  }

  #read(text) {
    const events = [];
    let lineStart = 0;
    if (this.#afterCR && text.length > 0) {
      this.#afterCR = false;
      if (text[0] === '\n') lineStart = 1;
    }
    LINE_END.lastIndex = lineStart;
    for (let match = LINE_END.exec(text); match; match = LINE_END.exec(text)) {
      const lineEnd = match.index;
      let next = lineEnd + 1;
      if (text[lineEnd] === '\r') {
        if (next === text.length) this.#afterCR = true;
        else if (text[next] === '\n') next += 1;
      }
      const piece = text.slice(lineStart, lineEnd);
      const line = this.#pieces.length === 0 ? piece : this.#pieces.join('') + piece;
      this.#pieces = [];
      this.#line(line, events);
      lineStart = next;
      LINE_END.lastIndex = next;
    }
    if (lineStart < text.length) this.#pieces.push(text.slice(lineStart));
    return events;
  }

  #line(line, events) {
    if (line === '') {
      this.#dispatch(events);
      return;
    }
    if (line[0] === ':') return;  // a comment (keep-alives)
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value[0] === ' ') value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#eventType = value;
    else if (field === 'id' && !value.includes('\0')) this.#lastId = value;
    // `retry` and unknown fields are ignored.
  }

  #dispatch(events) {
    if (this.#data.length > 0) {
      events.push({ event: this.#eventType || 'message', data: this.#data.join('\n'), id: this.#lastId });
    }
    this.#eventType = '';
    this.#data = [];
  }
}

/** The events of a response body (a ReadableStream of bytes), as they arrive. Aborting `signal`
 * cancels the body and rejects with the signal's reason. */
export async function* sseEvents(body, signal) {
  const parser = new SseParser();
  for await (const chunk of readChunks(body, signal)) yield* parser.push(chunk);
  yield* parser.end();
}
