/**
 * The terminal report is laid out by generator/diagnostics/text.ts where that is exact and by
 * vfile-reporter otherwise; either way it must be vfile-reporter's text. Held to
 * `reporter(files, { quiet: true, silent, verbose: false, color: false })` on cases at the
 * edges of its layout, on random messages, and on the diagnostics of every legacy corpus
 * version. Each case also says whether the fast layout took it, so a layout that always
 * declined (and so trivially agreed) fails.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { fastTextReport, layout, textReport } from '../../generator/diagnostics/text.js';
import { buildModel } from '../../generator/build-model.js';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';

const theirs = (files: VFile[], silent: boolean) => reporter(files, { quiet: true, silent, verbose: false, color: false });

type Severity = 'error' | 'warning' | 'info';
interface Msg {
  reason: string;
  severity: Severity;
  at?: { line: number; column: number } | { start: { line: number; column: number }; end: { line: number; column: number } };
  ruleId?: string;
  source?: string;
}

function files(spec: Record<string, Msg[]>): VFile[] {
  return Object.entries(spec).map(([p, msgs]) => {
    const f = new VFile({ path: p });
    for (const m of msgs) {
      const opts = { ...(m.at ? { place: m.at } : {}), ...(m.ruleId ? { ruleId: m.ruleId } : {}), ...(m.source ? { source: m.source } : {}) };
      const message = m.severity === 'info' ? f.info(m.reason, opts) : f.message(m.reason, opts);
      if (m.severity === 'error') message.fatal = true;
    }
    return f;
  });
}

const w = (reason: string, at?: Msg['at'], ruleId = 'some-rule'): Msg => ({ reason, severity: 'warning', at, ruleId, source: 'qmp-codegen' });

describe('the terminal report = vfile-reporter', () => {
  const cases: [string, Record<string, Msg[]>, boolean][] = [
    ['one warning with a point', { 'a.txt': [w('the text', { line: 3, column: 7 })] }, true],
    [
      'sorted by line, column, severity, source, rule, reason; ranges and points aligned',
      {
        'b.txt': [
          w('later', { line: 10, column: 1 }),
          { reason: 'an error', severity: 'error', at: { start: { line: 2, column: 3 }, end: { line: 12, column: 40 } }, ruleId: 'z-rule', source: 'qmp-codegen' },
          w('same place, other rule', { line: 2, column: 3 }, 'a-rule'),
          { reason: 'an info', severity: 'info', at: { line: 2, column: 3 }, ruleId: 'a-rule', source: 'qmp-codegen' },
          w('no place at all'),
        ],
      },
      true,
    ],
    ['files sorted by path, a blank line between them', { 'z.txt': [w('z', { line: 1, column: 1 })], 'a/b.txt': [w('b', { line: 1, column: 1 })] }, true],
    ['errors only: one error', { 'a.txt': [{ reason: 'bad', severity: 'error', ruleId: 'r' }] }, true],
    ['infos only: no summary line', { 'a.txt': [{ reason: 'fyi', severity: 'info', at: { line: 1, column: 1 } }] }, true],
    ['two errors and two warnings', { 'a.txt': [w('x'), w('y'), { reason: 'e1', severity: 'error' }, { reason: 'e2', severity: 'error' }] }, true],
    ['no rule, no source', { 'a.txt': [{ reason: 'bare', severity: 'warning' }] }, true],
    ['a reason over several lines', { 'a.txt': [w('first\nsecond\r\nthird', { line: 4, column: 2 })] }, true],
    ['backticks and trailing spaces in a reason', { 'a.txt': [w('use `x` here  ', { line: 1, column: 1 }), w('``two``')] }, true],
    ['a file with no messages is left out', { 'a.txt': [], 'b.txt': [w('b')] }, true],
    // left to vfile-reporter
    ['a wide character', { 'a.txt': [w('名前 is wide', { line: 1, column: 1 })] }, false],
    ['a combining mark', { 'a.txt': [w('cafe\u0301')] }, false],
    ['an escape sequence', { 'a.txt': [w('\u001b[31mred\u001b[39m')] }, false],
  ];

  it.each(cases)('%s', async (_what, spec, fast) => {
    for (const silent of [false, true]) {
      const expected = theirs(files(spec), silent);
      expect(await textReport(files(spec), { silent, color: false }), `silent: ${silent}`).toBe(expected);
      const laid = layout(files(spec), silent);
      if (fast) expect(laid, `silent: ${silent}`).toBe(expected);
      // (errors only: a report of no warnings has no cell to measure, and is laid out here)
      else if (!silent) expect(laid).toBeUndefined();
    }
  });

  it('a message with a cause, and a coloured report, go to vfile-reporter', async () => {
    const f = new VFile({ path: 'a.txt' });
    f.message('with a cause', { cause: new Error('inner') });
    expect(layout([f], false)).toBeUndefined();
    expect(await textReport([f], { color: false })).toBe(theirs([f], false));
    const g = files({ 'a.txt': [w('plain')] });
    expect(fastTextReport(g, { color: true })).toBeUndefined();
    expect(await textReport(g, { color: true })).toBe(reporter(g, { quiet: true, silent: false, verbose: false, color: true }));
  });
});

describe('on random messages', () => {
  const printable = fc.stringMatching(/^[\x20-\x7e]{0,80}$/);
  const pos = fc.integer({ min: 1, max: 5000 });
  const at = fc.option(
    fc.oneof(
      fc.tuple(pos, pos).map(([line, column]) => ({ line, column })),
      fc.tuple(pos, pos, pos, pos).map(([a, b, c, d]) => ({ start: { line: a, column: b }, end: { line: c, column: d } })),
    ),
    { nil: undefined },
  );
  const msg = fc.record({
    reason: printable,
    severity: fc.constantFrom<Severity>('error', 'warning', 'info'),
    at,
    ruleId: fc.option(fc.stringMatching(/^[a-z-]{1,30}$/), { nil: undefined }),
    source: fc.option(fc.constantFrom('qmp-codegen', 'x'), { nil: undefined }),
  });
  it('lays out what vfile-reporter writes', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z./-]{1,20}$/), fc.array(msg, { maxLength: 6 }), { maxKeys: 4 }), fc.boolean(), (spec, silent) => {
        expect(layout(files(spec), silent)).toBe(theirs(files(spec), silent));
      }),
      { numRuns: 500 },
    );
  });
});

describe.runIf(corpusAvailable)('on the diagnostics of every legacy corpus version', () => {
  it.each(corpusVersions().map((v) => [v.version, v] as const))('qemu-%s', (_v, v) => {
    const inputs = [v.commandsTxt, ...(v.events ? [v.events] : [])].map((p) => new VFile({ path: p, value: readFileSync(p, 'utf8') }));
    buildModel(inputs, new Reporter(inputs, new VFile({ path: 'qmp-codegen' })));
    const all = inputs.filter((f) => f.messages.length > 0);
    expect(all.length).toBeGreaterThan(0);
    for (const silent of [false, true]) {
      const expected = theirs(all, silent);
      // every message of QEMU's docs is printable ASCII once made terminal-safe, so the fast layout takes them all
      expect(layout(all, silent), `silent: ${silent}`).toBe(expected);
    }
  });
});

describe('-q with no error: the CLI prints no report, as vfile-reporter would print nothing', () => {
  const cases: [string, Record<string, Msg[]>][] = [
    ['warnings and infos in several files', { 'b.txt': [w('later', { line: 9, column: 1 }), { reason: 'note', severity: 'info', at: { line: 1, column: 2 } }], 'a.txt': [w('first', { line: 2, column: 3 })] }],
    ['wide characters and a range', { 'x.txt': [w('全角 in a reason', { start: { line: 1, column: 1 }, end: { line: 2, column: 4 } })] }],
    ['no messages at all', { 'empty.txt': [] }],
  ];
  it.each(cases)('%s', async (_what, spec) => {
    for (const color of [false, true]) {
      expect(reporter(files(spec), { quiet: true, silent: true, verbose: false, color }), `color: ${color}`).toBe('');
      expect(await textReport(files(spec), { silent: true, color }), `color: ${color}`).toBe('');
    }
  });
});
