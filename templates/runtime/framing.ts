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
    // Where the current message starts in this chunk (0 if it began in an earlier chunk).
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (this.#depth === 0) {
        if (isWhitespace(byte)) continue;
        if (byte !== OPEN_BRACE) {
          throw new QmpProtocolError(
            `Unexpected data between QMP messages: ${preview(chunk.subarray(i))}`,
          );
        }
        start = i;
        this.#depth = 1;
      } else if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (byte === BACKSLASH) this.#escaped = true;
        else if (byte === QUOTE) this.#inString = false;
      } else if (byte === QUOTE) {
        this.#inString = true;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        this.#depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        if (--this.#depth === 0) yield this.#complete(chunk.subarray(start, i + 1));
      }
    }
    if (this.#depth > 0) {
      const tail = chunk.subarray(start);
      this.#checkSize(this.#partBytes + tail.length);
      this.#parts.push(tail);
      this.#partBytes += tail.length;
    }
  }

  #complete(tail: Buffer): Record<string, unknown> {
    const size = this.#partBytes + tail.length;
    this.#checkSize(size);
    const bytes = this.#parts.length === 0 ? tail : Buffer.concat([...this.#parts, tail], size);
    this.#parts = [];
    this.#partBytes = 0;
    try {
      // Balanced and starting with '{': if it parses at all, it is an object.
      return JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new QmpProtocolError(`Malformed JSON from QMP server: ${preview(bytes)}`, { cause: error });
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

/** The start of some bytes, for error messages. */
function preview(bytes: Buffer): string {
  const text = bytes.subarray(0, 80).toString('utf8');
  return JSON.stringify(text) + (bytes.length > 80 ? '…' : '');
}
