import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import { extractHx, looksLikeHx } from '../../generator/read/legacy/hx.js';
import { command, doc, only, parse } from './helpers.js';

function extract(lines: string[]) {
  const file = new VFile({ path: 'x.hx', value: lines.join('\n') });
  const out = extractHx(lines, 'x.hx', reporterFor(file));
  return { out: out.map((l) => `${l.line}|${l.text}`), diags: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) };
}

describe('hx extraction', () => {
  const cases: { name: string; lines: string[]; out: string[]; diags: string[] }[] = [
    {
      name: 'keeps lines strictly between SQMP and EQMP, with their .hx line numbers',
      lines: ['HXCOMM header', 'C code', 'SQMP', 'spin-top', '--------', 'EQMP', 'more C', 'SQMP', 'Spin it.', 'EQMP'],
      out: ['4|spin-top', '5|--------', '9|Spin it.'],
      diags: [],
    },
    {
      name: 'drops HXCOMM lines inside a block',
      lines: ['SQMP', 'one', 'HXCOMM not for the docs', 'two', 'EQMP'],
      out: ['2|one', '4|two'],
      diags: [],
    },
    {
      name: 'keeps backslashes and escapes literally',
      lines: ['SQMP', '<- { "return": "a\\r\\n" }', 'EQMP'],
      out: ['2|<- { "return": "a\\r\\n" }'],
      diags: [],
    },
    {
      name: 'unterminated block runs to the end',
      lines: ['SQMP', 'one', 'two'],
      out: ['2|one', '3|two'],
      diags: ['1:1 hx-unterminated'],
    },
    {
      name: 'SQMP inside an open block closes it',
      lines: ['SQMP', 'one', 'SQMP', 'two', 'EQMP'],
      out: ['2|one', '4|two'],
      diags: ['3:1 hx-unterminated'],
    },
    { name: 'stray EQMP', lines: ['EQMP', 'SQMP', 'one', 'EQMP'], out: ['3|one'], diags: ['1:1 hx-stray-eqmp'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = extract(c.lines);
      expect(r.out).toEqual(c.out);
      expect(r.diags).toEqual(c.diags);
    });
  }

  it('is detected by content', () => {
    expect(looksLikeHx(['SQMP', 'x', 'EQMP'])).toBe(true);
    expect(looksLikeHx(['spin-top', '--------'])).toBe(false);
  });
});

describe('.hx documents', () => {
  const txt = doc(
    'spin-top',
    '--------',
    '',
    'Spin it.',
    '',
    'Arguments:',
    '',
    '- "speed": how fast (json-int, optional)',
    '',
    'Example:',
    '',
    '-> { "execute": "spin-top", "arguments": { "speed": 3 } }',
    '<- { "return": {} }',
  );
  const hx = doc(
    'HXCOMM a table of commands',
    '',
    '    { .name = "spin-top" },',
    '',
    'SQMP',
    ...txt.trimEnd().split('\n').slice(0, 6),
    'HXCOMM an aside',
    ...txt.trimEnd().split('\n').slice(6),
    'EQMP',
  );

  it('gives the same model as the extracted text, positions in .hx lines', () => {
    const a = parse(txt, { path: 'qmp-commands.txt' });
    const b = parse(hx, { path: 'qmp-commands.hx' });
    expect(b.model.sources[0]).toMatchObject({ format: 'hx', role: 'commands' });
    const strip = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x) => (k === 'position' || k === 'sources' ? undefined : x)));
    expect(strip(b.model)).toEqual(strip(a.model));
    const speed = command(b.model, 'spin-top').arguments.members[0]!;
    expect(speed.position).toMatchObject({ file: 'qmp-commands.hx', line: 14, column: 3 });
    expect(command(b.model, 'spin-top').position.line).toBe(6);
  });

  it('reports in .hx line numbers', () => {
    const r = parse(doc('SQMP', 'spin-top', '----', '', 'Spin it.', 'EQMP'), { path: 'x.hx' });
    expect(only(r.diags, 'heading-underline-length')).toEqual(['3:1 heading-underline-length']);
  });
});

describe('input detection', () => {
  it('detects the role from the content and warns about a wrong declaration', () => {
    const r = parse(doc('WIDGET_SPUN', '-----------', '', 'Emitted when it spins.', '', 'Data: None.'), { declaredRole: 'commands' });
    expect(r.model.sources[0]).toMatchObject({ role: 'events', format: 'txt' });
    expect(r.model.events.map((e) => e.name)).toEqual(['WIDGET_SPUN']);
    expect(r.diags).toEqual(['1:1 input-role-mismatch']);
  });

  it('rejects a file that is neither', () => {
    const r = parse(doc('Just some text.', '', 'Nothing here.'));
    expect(r.diags).toEqual(['1:1 input-unrecognised']);
    expect(r.model.sources).toEqual([]);
  });

  it('records the sha256 of the text', () => {
    const r = parse(doc('spin-top', '--------', '', 'Arguments: None.'));
    expect(r.model.sources[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
