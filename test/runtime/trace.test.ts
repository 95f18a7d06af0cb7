/** The wire trace: what each entry shows, redaction, and the trace of a session (fake server). */
import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, type QmpTraceEntry } from '../../templates/runtime/index.js';
import { makeTracer, redactValue } from '../../templates/runtime/trace.js';
import { harness } from './util.js';

describe('redaction', () => {
  it.each([
    [{ password: 'x' }, { password: REDACTED }],
    [{ arguments: { 'new-secret': 's', id: 'a' } }, { arguments: { 'new-secret': REDACTED, id: 'a' } }],
    [{ a: [{ passphrase: 1 }, { token: 2 }, { keep: 3 }] }, { a: [{ passphrase: REDACTED }, { token: REDACTED }, { keep: 3 }] }],
    [{ 'private-key': 'k', 'key-id': 'sec0' }, { 'private-key': REDACTED, 'key-id': 'sec0' }],
    [{ execute: 'query-status' }, { execute: 'query-status' }],
    ['text', 'text'],
  ])('%j → %j', (input, expected) => {
    expect(redactValue(input, redactSecrets, [])).toEqual(expected);
  });

  it('gives a custom redactor the key, value and path', () => {
    const seen: string[] = [];
    const out = redactValue({ a: { b: 1 } }, (key, value, path) => {
      seen.push(`${path.join('.')}=${JSON.stringify(value)}`);
      return key === 'b' ? 'hidden' : value;
    }, []);
    expect(out).toEqual({ a: { b: 'hidden' } });
    expect(seen).toEqual(['a={"b":1}', 'a.b=1']);
  });
});

describe('makeTracer', () => {
  it('is off without trace (and without NODE_DEBUG=qmp)', () => {
    expect(process.env['NODE_DEBUG'] ?? '').not.toMatch(/qmp/);
    expect(makeTracer(undefined, undefined)).toBeUndefined();
    expect(makeTracer(false, undefined)).toBeUndefined();
  });

  it('parses outgoing lines, redacts copies, and prefixes the direction', () => {
    const entries: QmpTraceEntry[] = [];
    const trace = makeTracer((e) => entries.push(e), undefined)!;
    const received = { return: { password: 'p' }, id: '1' };
    trace('out', '{"execute":"change-vnc-password","arguments":{"password":"hunter2"},"id":"1"}\n');
    trace('in', received);
    expect(entries).toEqual([
      {
        direction: 'out',
        message: { execute: 'change-vnc-password', arguments: { password: REDACTED }, id: '1' },
        text: `-> {"execute":"change-vnc-password","arguments":{"password":"${REDACTED}"},"id":"1"}`,
      },
      { direction: 'in', message: { return: { password: REDACTED }, id: '1' }, text: `<- {"return":{"password":"${REDACTED}"},"id":"1"}` },
    ]);
    expect(received.return.password).toBe('p'); // the client's message is untouched
  });

  it('redact: false shows everything', () => {
    const texts: string[] = [];
    makeTracer((e) => texts.push(e.text), false)!('out', '{"password":"x"}\n');
    expect(texts).toEqual(['-> {"password":"x"}']);
  });
});

describe('a traced session', () => {
  it('shows the greeting, the negotiation and every command and reply, in order', async () => {
    const texts: string[] = [];
    const { server, qmp } = await harness({}, { trace: (e) => texts.push(e.text) });
    try {
      await qmp.executeUntyped('query-status');
      expect(texts[0]).toMatch(/^<- \{"QMP":/);
      expect(texts.slice(1, 3)).toEqual(['-> {"execute":"qmp_capabilities","id":1}', '<- {"return":{},"id":1}']);
      expect(texts[3]).toBe('-> {"execute":"query-status","id":2}');
      expect(texts[4]).toMatch(/^<- \{.*"id":2\}/);
      expect(texts).toHaveLength(5);
    } finally {
      await qmp.close();
      await server.close();
    }
  });
});
