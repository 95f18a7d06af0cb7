import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QmpProtocolError } from '../../templates/runtime/errors.js';
import { JsonObjectSplitter } from '../../templates/runtime/framing.js';

function feed(splitter: JsonObjectSplitter, chunks: Array<string | Buffer>): unknown[] {
  const out: unknown[] = [];
  for (const chunk of chunks)
    out.push(...splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  return out;
}

/** Every way of cutting `bytes` into single bytes, pairs and random pieces. */
function splits(bytes: Buffer): Buffer[][] {
  const single = [...bytes].map((b) => Buffer.from([b]));
  const pairs: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 2) pairs.push(bytes.subarray(i, i + 2));
  let seed = 7;
  const random: Buffer[] = [];
  for (let i = 0; i < bytes.length;) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const n = 1 + (seed % 13);
    random.push(bytes.subarray(i, i + n));
    i += n;
  }
  return [single, pairs, random, [bytes]];
}

const MESSAGES = [
  {
    QMP: {
      version: { qemu: { major: 7, minor: 2, micro: 0 }, package: '' },
      capabilities: ['oob'],
    },
  },
  { return: {}, id: '1' },
  { event: 'STOP', timestamp: { seconds: 1, microseconds: 2 } },
  { return: 'braces } { ] [ in "strings" \\ and \\" escapes', id: '2' },
  { return: [{ a: [1, 2, { b: [] }] }, [], {}], id: '3' },
  { return: 'unicode: é ü 漢字 🚀 \u2028', id: '4' },
  { error: { class: 'GenericError', desc: 'nope' }, id: '5' },
];

describe('JsonObjectSplitter', () => {
  it('splits newline-delimited objects (CRLF, as QEMU writes them)', () => {
    const text = MESSAGES.map((m) => `${JSON.stringify(m)}\r\n`).join('');
    expect(feed(new JsonObjectSplitter(1 << 20), [text])).toEqual(MESSAGES);
  });

  it('does not need newlines, and tolerates any whitespace between objects', () => {
    const text = MESSAGES.map(
      (m, i) => JSON.stringify(m) + ['', ' ', '\n', '\t\r\n  '][i % 4],
    ).join('');
    expect(feed(new JsonObjectSplitter(1 << 20), [text])).toEqual(MESSAGES);
  });

  it('reassembles objects however the stream is cut, including inside multi-byte UTF-8 characters', () => {
    const bytes = Buffer.from(MESSAGES.map((m) => `${JSON.stringify(m)}\r\n`).join(''));
    for (const chunks of splits(bytes)) {
      expect(feed(new JsonObjectSplitter(1 << 20), chunks)).toEqual(MESSAGES);
    }
  });

  it('keeps pretty-printed (multi-line) objects together', () => {
    const text = `${JSON.stringify(MESSAGES[4], null, 2)}\n${JSON.stringify(MESSAGES[3], null, 2)}`;
    expect(feed(new JsonObjectSplitter(1 << 20), [text])).toEqual([MESSAGES[4], MESSAGES[3]]);
  });

  it('reports whether a message is incomplete', () => {
    const splitter = new JsonObjectSplitter(1 << 20);
    expect(feed(splitter, ['{"return": {"a"'])).toEqual([]);
    expect(splitter.hasPartialMessage).toBe(true);
    expect(feed(splitter, [': 1}}\r\n'])).toEqual([{ return: { a: 1 } }]);
    expect(splitter.hasPartialMessage).toBe(false);
  });

  it('yields the messages before garbage, then throws QmpProtocolError', () => {
    const splitter = new JsonObjectSplitter(1 << 20);
    const out: unknown[] = [];
    expect(() => {
      for (const m of splitter.push(Buffer.from('{"return": {}}\nhello {"return": 1}')))
        out.push(m);
    }).toThrow(QmpProtocolError);
    expect(out).toEqual([{ return: {} }]);
  });

  it.each([
    ['a top-level array', '[1, 2]'],
    ['a bare string', '"text"'],
    ['a stray closing brace', '}'],
    ['invalid JSON inside braces', '{"a": nope}'],
    ['mismatched brackets', '{"a": [1}]'],
    ['a trailing comma', '{"a": 1,}'],
  ])('rejects %s', (_label, text) => {
    expect(() => feed(new JsonObjectSplitter(1 << 20), [text])).toThrow(QmpProtocolError);
  });

  it('rejects a message over maxMessageBytes as soon as it gets that large, without waiting for its end', () => {
    const splitter = new JsonObjectSplitter(1000);
    expect(feed(splitter, [`{"return": "${'x'.repeat(900)}"}`])).toHaveLength(1);
    feed(splitter, ['{"return": "', 'x'.repeat(500)]);
    expect(() => feed(splitter, ['x'.repeat(500)])).toThrow(/maxMessageBytes \(1000 bytes\)/);
  });

  it('rejects a complete message over maxMessageBytes in a single chunk', () => {
    expect(() => feed(new JsonObjectSplitter(100), [`{"return": "${'x'.repeat(200)}"}`])).toThrow(
      /maxMessageBytes/,
    );
  });

  // One object per line is read with JSON.parse per line; anything else falls back to the
  // byte scanner at the same position. These pin down the seams between the two.

  it('finishes a partial message, reads whole lines, and keeps the incomplete tail, within one chunk', () => {
    const splitter = new JsonObjectSplitter(1 << 20);
    expect(feed(splitter, ['{"return": {"a"'])).toEqual([]);
    expect(
      feed(splitter, [': 1}}\r\n{"event": "X"}\r\n{"return": 2, "id": "q"}\r\n{"id"']),
    ).toEqual([{ return: { a: 1 } }, { event: 'X' }, { return: 2, id: 'q' }]);
    expect(splitter.hasPartialMessage).toBe(true);
    expect(feed(splitter, [': "7", "return": 3}\r\n'])).toEqual([{ id: '7', return: 3 }]);
    expect(splitter.hasPartialMessage).toBe(false);
  });

  it('yields each message exactly once when lines in a chunk are not one object each', () => {
    const splitter = new JsonObjectSplitter(1 << 20);
    const chunk =
      '{"n": 1}\r\n' +
      '{"n": 2}{"n": 3}\r\n' + // two on one line
      '{\n  "n": 4\n}\n' + // pretty-printed
      '   \t\r\n' + // only whitespace
      '{"n": 5}\r\n';
    expect(feed(splitter, [chunk, '{"n": 6}\r\n{"n": 7}\r\n'])).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => ({ n })),
    );
  });

  it('yields the lines before a bad one in the same chunk, then throws', () => {
    const splitter = new JsonObjectSplitter(1 << 20);
    const out: unknown[] = [];
    expect(() => {
      for (const m of splitter.push(Buffer.from('{"n": 1}\n{"n": 2}\n[3]\n{"n": 4}\n')))
        out.push(m);
    }).toThrow(QmpProtocolError);
    expect(out).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('applies maxMessageBytes per message, not per chunk of lines', () => {
    const line = `{"return": "${'x'.repeat(60)}"}\n`; // 76 bytes
    expect(feed(new JsonObjectSplitter(100), [line.repeat(5)])).toHaveLength(5);
    const tooLong = `{"return": "${'x'.repeat(120)}"}\n`;
    expect(() => feed(new JsonObjectSplitter(100), [line + tooLong + line])).toThrow(
      /maxMessageBytes/,
    );
  });

  it('yields the same messages whatever the layout and however the stream is cut (property)', () => {
    const object = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), {
      maxKeys: 4,
    });
    const layout = fc.constantFrom('line', 'crlf', 'pretty', 'glued', 'spaced');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(object, layout), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
        (messages, cuts) => {
          const text = messages
            .map(([m, how]) => {
              switch (how) {
                case 'line':
                  return `${JSON.stringify(m)}\n`;
                case 'crlf':
                  return `${JSON.stringify(m)}\r\n`;
                case 'pretty':
                  return `${JSON.stringify(m, null, 2)}\n`;
                case 'glued':
                  return JSON.stringify(m);
                default:
                  return ` \t${JSON.stringify(m)} \r\n\n`;
              }
            })
            .join('');
          const bytes = Buffer.from(text);
          const chunks: Buffer[] = [];
          for (let i = 0, c = 0; i < bytes.length; c++) {
            const n = cuts[c % cuts.length] as number;
            chunks.push(bytes.subarray(i, i + n));
            i += n;
          }
          // JSON round trip: what the wire can carry (e.g. -0 arrives as 0).
          const expected = messages.map(([m]) => JSON.parse(JSON.stringify(m)) as unknown);
          expect(feed(new JsonObjectSplitter(1 << 20), chunks)).toEqual(expected);
          expect(feed(new JsonObjectSplitter(1 << 20), [bytes])).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
