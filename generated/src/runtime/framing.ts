/// <reference types="node" />
/**
 * Splits a byte stream into JSON objects.
 *
 * QEMU writes one object per line, but nothing here relies on newlines: the splitter tracks
 * bracket depth and string/escape state, so an object may arrive one byte at a time, several
 * may share a chunk, and `\r\n` or no separator at all between them is fine. Scanning works on
 * bytes, not decoded text, so a multi-byte UTF-8 character split across chunks is harmless:
 * every byte that matters for structure is ASCII, and UTF-8 continuation bytes never are.
 *
 * Memory is bounded: an incomplete message larger than `maxMessageBytes` is an error as soon
 * as it gets that large, not when (if ever) it ends.
 */
import { QmpProtocolError } from './errors.js';

const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const NEWLINE = 0x0a; // \n
const CARRIAGE_RETURN = 0x0d; // \r

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

export class JsonObjectSplitter {
  readonly #maxMessageBytes: number;
  /** Bytes of the current message that arrived in earlier chunks. */
  #parts: Buffer[] = [];
  #partBytes = 0;
  /** Nesting depth inside the current message; 0 = between messages. */
  #depth = 0;
  #inString = false;
  #escaped = false;
  /** Where the message `#scan` just completed starts in its chunk. */
  #start = 0;
  /** Off once the stream turned out not to be one object per line: then it only costs. */
  #tryLines = true;
  /** Whitespace received since the last message: bounded like a message, else a server sending only blanks is never noticed. */
  #idleBytes = 0;

  constructor(maxMessageBytes: number) {
    this.#maxMessageBytes = maxMessageBytes;
  }

  /** True while part of a message has been received but not its end. */
  get hasPartialMessage(): boolean {
    return this.#depth > 0;
  }

  /**
   * Feeds a chunk and yields every message it completes, in order. Throws `QmpProtocolError`
   * (after yielding the messages before the problem) on data that is not a JSON object or on
   * an oversized message; the splitter is unusable afterwards.
   */
  *push(chunk: Buffer): Generator<Record<string, unknown>, void, undefined> {
    let position = 0;
    if (this.#depth > 0) {
      // Finish the message that earlier chunks began.
      const end = this.#scan(chunk, 0);
      if (end < 0) return;
      yield this.#complete(chunk, this.#start, end);
      position = end;
    }
    // Fast path: QEMU sends one object per line, so the complete lines of a chunk are
    // usually just that, and JSON.parse per line is all it takes. Only if one of them is not
    // (pretty-printed JSON, two objects on a line, garbage) does the byte scanner below take
    // over, from the same position; it also takes the incomplete last line, if any.
    const lastNewline = this.#tryLines ? chunk.lastIndexOf(NEWLINE) : -1;
    if (lastNewline >= position) {
      const messages = this.#parseLines(chunk, position, lastNewline + 1);
      if (messages === undefined) {
        this.#tryLines = false;
      } else {
        yield* messages;
        position = lastNewline + 1;
      }
    }
    for (;;) {
      const end = this.#scan(chunk, position);
      if (end < 0) return;
      yield this.#complete(chunk, this.#start, end);
      position = end;
    }
  }

  /**
   * The objects on the lines of `chunk[from, to)` (which ends with a newline), or `undefined`
   * if any non-empty line is not exactly one JSON object or the range exceeds
   * `maxMessageBytes`. A line that `JSON.parse` accepts as an object is, byte for byte, what
   * the scanner would find between those newlines (JSON strings cannot hold a raw newline, and
   * JSON's whitespace is the scanner's), so both paths yield the same messages.
   */
  #parseLines(chunk: Buffer, from: number, to: number): Array<Record<string, unknown>> | undefined {
    if (to - from > this.#maxMessageBytes) return undefined;
    const text = chunk.toString('utf8', from, to);
    const messages: Array<Record<string, unknown>> = [];
    let idle = this.#idleBytes;
    for (let start = 0; start < text.length;) {
      const end = text.indexOf('\n', start);
      // An empty line, or the CR of a CRLF, separates nothing.
      if (end === start || (end === start + 1 && text.charCodeAt(start) === CARRIAGE_RETURN)) {
        idle += end - start + 1;
        if (idle > this.#maxMessageBytes) return undefined; // the scanner reports it
      } else {
        idle = 0;
        let message: unknown;
        try {
          // (A chunk of one line, the usual reply, is parsed without copying it first.)
          message = JSON.parse(
            end === text.length - 1 && start === 0 ? text : text.slice(start, end),
          );
        } catch {
          return undefined;
        }
        if (typeof message !== 'object' || message === null || Array.isArray(message)) {
          return undefined;
        }
        messages.push(message as Record<string, unknown>);
      }
      start = end + 1;
    }
    this.#idleBytes = idle;
    return messages;
  }

  /**
   * Scans from `from` to the end of the next message and returns the index just past it (the
   * message starts at `#start`), or -1 when the chunk ends first; a message left incomplete
   * is kept for the next chunk.
   */
  #scan(chunk: Buffer, from: number): number {
    // The scan state lives in locals in the loop (much faster than fields) and is saved at the end.
    let depth = this.#depth;
    let inString = this.#inString;
    let escaped = this.#escaped;
    // Where the current message starts in this chunk (0 if it began in an earlier chunk).
    let start = 0;
    const length = chunk.length;
    for (let i = from; i < length; i++) {
      const byte = chunk[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
      } else if (depth === 0) {
        if (isWhitespace(byte)) {
          if (++this.#idleBytes > this.#maxMessageBytes) {
            throw new QmpProtocolError(
              `QMP server sent over ${this.#maxMessageBytes} bytes of whitespace and no message (maxMessageBytes); closing the connection`,
            );
          }
          continue;
        }
        this.#idleBytes = 0;
        if (byte !== OPEN_BRACE) {
          throw new QmpProtocolError(
            `Unexpected data between QMP messages: ${preview(chunk.toString('utf8', i, i + 81))}`,
          );
        }
        start = i;
        depth = 1;
      } else if (byte === QUOTE) {
        inString = true;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth++;
      } else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) {
        // Between messages: not in a string, nothing carried over.
        this.#depth = 0;
        this.#inString = false;
        this.#escaped = false;
        this.#start = start;
        return i + 1;
      }
    }
    this.#depth = depth;
    this.#inString = inString;
    this.#escaped = escaped;
    if (depth > 0) {
      this.#checkSize(this.#partBytes + length - start);
      this.#parts.push(chunk.subarray(start));
      this.#partBytes += length - start;
    }
    return -1;
  }

  /** Parses the message that ends at `chunk[end - 1]`. */
  #complete(chunk: Buffer, start: number, end: number): Record<string, unknown> {
    this.#checkSize(this.#partBytes + end - start);
    let text: string;
    if (this.#parts.length === 0) {
      text = chunk.toString('utf8', start, end);
    } else {
      text = Buffer.concat([...this.#parts, chunk.subarray(start, end)]).toString('utf8');
      this.#parts = [];
      this.#partBytes = 0;
    }
    try {
      // Balanced and starting with '{': if it parses at all, it is an object.
      return JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new QmpProtocolError(`Malformed JSON from QMP server: ${preview(text)}`, {
        cause: error,
      });
    }
  }

  #checkSize(size: number): void {
    if (size > this.#maxMessageBytes) {
      throw new QmpProtocolError(
        `QMP message exceeds maxMessageBytes (${this.#maxMessageBytes} bytes); closing the connection`,
      );
    }
  }
}

/** The start of some text, for error messages. */
function preview(text: string): string {
  return JSON.stringify(text.slice(0, 80)) + (text.length > 80 ? '…' : '');
}
