/**
 * The C dispatch table beside the text (.hx, or pasted into a .txt): reading the entries with
 * positions, and reconciling the text with them. Inputs are written here in our own words.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import { readDispatchTable } from '../../generator/read/legacy/dispatch.js';
import { command, members, only, parse } from './helpers.js';

function table(lines: string[], format: 'txt' | 'hx' = 'hx') {
  const file = new VFile({ path: 'x.hx', value: lines.join('\n') });
  const r = readDispatchTable(lines, 'x.hx', format, reporterFor(file));
  return { ...r, diags: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) };
}

/** An .hx: each command is a C entry followed by its SQMP block. */
function hx(...entries: { c: string[]; doc: string[] }[]): string {
  const out = ['HXCOMM a made-up monitor table', ''];
  for (const e of entries) out.push(...e.c, '', 'SQMP', ...e.doc, 'EQMP', '');
  return out.join('\n');
}

const entry = (name: string, args: string | string[], handler = 'qmp_marshal_x') => [
  '    {',
  `        .name       = "${name}",`,
  ...(Array.isArray(args) ? [`        .args_type  = "${args[0]}"`, ...args.slice(1).map((a) => `                      "${a}"`)].map((l, i, all) => (i === all.length - 1 ? `${l},` : l)) : [`        .args_type  = "${args}",`]),
  `        .mhandler.cmd_new = ${handler},`,
  '    },',
];

describe('dispatch table entries', () => {
  it('reads names, aliases, every type letter, flags and optional marks, with positions', () => {
    const r = table(['    {', '        .name       = "s|spin",', '        .args_type  = "force:-f,id:B,path:F,label:s?,n:i,size:o?,big:l.,mb:M,t:T,on:b?,any:q?,opts:O,fmt:/",', '        .params     = "[-f] id",', '        .help       = "spin a top",', '        .user_print = monitor_user_noop,', '        .mhandler.cmd_new = do_spin,', '    },']);
    expect(r.diags).toEqual([]);
    expect(r.entries).toHaveLength(1);
    const e = r.entries[0]!;
    expect(e.names).toEqual(['s', 'spin']);
    expect(e.open).toBe(true);
    expect(e.fields).toMatchObject({ params: '[-f] id', help: 'spin a top', user_print: 'monitor_user_noop', 'mhandler.cmd_new': 'do_spin' });
    expect(e.position).toMatchObject({ line: 2, column: 9 });
    expect(e.args!.map((a) => `${a.name}:${a.kind ?? (a.open ? 'open' : 'none')}${a.optional ? '?' : ''}`)).toEqual([
      'force:bool?',
      'id:string',
      'path:string',
      'label:string?',
      'n:int',
      'size:int?',
      'big:int?',
      'mb:int',
      't:number',
      'on:bool?',
      'any:any?',
      'opts:open',
      'fmt:none',
    ]);
    // `id:B` starts at column 33 of line 3 (after `  = "force:-f,`)
    expect(e.args![1]!.position).toMatchObject({ line: 3, column: 33 });
    expect([...r.lines].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('joins C string literals written over several lines', () => {
    const r = table(entry('grow', ['id:B,size:o?,', 'mode:s?']));
    expect(r.entries[0]!.args!.map((a) => a.name)).toEqual(['id', 'size', 'mode']);
    expect(r.entries[0]!.args![2]!.position).toMatchObject({ line: 4, column: 24 });
  });

  it('skips the QMP text of an .hx and what is no entry; reports bad items and letters', () => {
    const r = table(['SQMP', '    {', '        .name = "not-an-entry",', '    },', 'EQMP', '{ "execute": "x" }', '    {', '        .name       = "odd",', '        .args_type  = "a:Z,b,c:s",', '    },']);
    expect(r.entries.map((e) => e.names[0])).toEqual(['odd']);
    expect(r.entries[0]!.args!.map((a) => `${a.name}:${a.kind}`)).toEqual(['a:any', 'c:string']);
    expect(r.diags).toEqual(['9:24 dispatch-type-unknown', '9:28 dispatch-entry-malformed']);
  });

  it('an entry that never closes is reported and ignored', () => {
    const r = table(['    {', '        .name = "open-ended",', ...Array.from({ length: 70 }, () => '        .help = "x",')], 'txt');
    expect(r.entries).toEqual([]);
    expect(r.diags).toEqual(['1:1 dispatch-entry-malformed']);
  });
});

describe('text reconciled with the dispatch table', () => {
  const spinDoc = ['spin-top', '--------', '', 'Spin a top.', '', 'Arguments:', '', '- "id": the top (json-string)', '- "rpm": turns per minute (json-int)', '- "wobble": how much (json-string, optional)', '', 'Example:', '', '-> { "execute": "spin-top", "arguments": { "id": "t1", "rpm": 3 } }', '<- { "return": {} }', ''];

  it('agreeing text and table: same model as the text alone, no diagnostic', () => {
    const text = parse(spinDoc.join('\n'));
    const both = parse(hx({ c: entry('spin-top', 'id:B,rpm:i,wobble:s?'), doc: spinDoc }), { path: 'x.hx' });
    expect(only(both.diags, 'dispatch-argument-missing', 'dispatch-argument-unknown', 'dispatch-kind', 'dispatch-optional', 'dispatch-open', 'dispatch-argument-renamed')).toEqual([]);
    expect(members(command(both.model, 'spin-top').arguments.members)).toEqual(members(command(text.model, 'spin-top').arguments.members));
  });

  it('the table wins for kinds, optionality, names and openness; each disagreement names both lines', () => {
    const doc = ['spin-top', '--------', '', 'Spin a top.', '', 'Arguments:', '', '- "id": the top (json-int)', '- "rpm": turns per minute (json-int, optional)', '- "wob_ble": how much (json-string)', '- "colour": paint it (json-string)', '- "tilt": lean', '', 'Example:', '', '-> { "execute": "spin-top", "arguments": { "id": "t1", "rpm": 3 } }', '<- { "return": {} }', ''];
    // lines: 1 HXCOMM, 2 blank, 3-7 the C entry (args_type on 5), 8 blank, 9 SQMP, 10.. the doc
    const r = parse(hx({ c: entry('spin-top', 'id:B,rpm:i,wob-ble:s?,tilt:T?,hold:b?'), doc }), { path: 'x.hx' });
    const args = command(r.model, 'spin-top').arguments;
    expect(members(args.members)).toEqual({ object: { id: 'string', rpm: 'int', 'wob-ble?': 'string', 'tilt?': 'number', 'hold?': 'bool' } });
    expect(args.members.find((m) => m.name === 'hold')!.evidence).toBe('dispatch');
    expect(args.members.find((m) => m.name === 'wob-ble')!.description).toBe('how much');
    expect(only(r.diags, 'dispatch-argument-missing', 'dispatch-argument-unknown', 'dispatch-kind', 'dispatch-optional', 'dispatch-argument-renamed')).toEqual([
      '19:3 dispatch-argument-renamed',
      '20:3 dispatch-argument-unknown',
      '17:3 dispatch-kind',
      '18:3 dispatch-optional',
      // "wob_ble" is documented as required, but the example already left it out
      '21:3 dispatch-kind',
      '5:54 dispatch-argument-missing',
    ]);
    const said = r.messages.join('\n');
    expect(said).toContain('argument "id" is documented as a string'.replace('a string', 'an integer'));
    expect(said).toContain('(line 17) but the dispatch table at line 5 checks "id:B", a string; read as a string');
    expect(said).toContain('argument "colour" is documented at line 20 but the dispatch table at line 5 has no such argument');
  });

  it('"O" opens the arguments; the text then keeps the members the table does not name', () => {
    const doc = ['plug-gadget', '-----------', '', 'Plug a gadget.', '', 'Arguments:', '', '- "driver": the gadget kind (json-string)', '- "id": its name (json-string, optional)', '', 'Example:', '', '-> { "execute": "plug-gadget", "arguments": { "driver": "g1", "speed": 2 } }', '<- { "return": {} }', ''];
    const r = parse(hx({ c: entry('plug-gadget', 'gadget:O'), doc }), { path: 'x.hx' });
    const args = command(r.model, 'plug-gadget').arguments;
    expect(args.open).toBe(true);
    expect(members(args.members)).toEqual({ object: { driver: 'string', 'id?': 'string' } });
    expect(only(r.diags, 'dispatch-open')).toEqual(['5:24 dispatch-open']);
  });

  it('a .txt with entries pasted in (as some forks have) reads them and keeps them out of the text', () => {
    const doc = ['spin-top', '--------', ...entry('spin-top', 'id:B,rpm:i?'), '', 'Spin a top.', '', 'Arguments:', '', '- "id": the top (json-string)', '- "rpm": turns per minute (json-int)', '', 'Example:', '', '-> { "execute": "spin-top", "arguments": { "id": "t1" } }', '<- { "return": {} }', ''];
    const r = parse(doc.join('\n'));
    const c = command(r.model, 'spin-top');
    expect(members(c.arguments.members)).toEqual({ object: { id: 'string', 'rpm?': 'int' } });
    expect(c.summary).toBe('Spin a top.');
    expect(c.description).not.toContain('.name');
    expect(only(r.diags, 'dispatch-optional')).toEqual([]); // the example already showed it optional
  });

  it('undocumented table entries with a QMP handler are noted; human-monitor ones are not', () => {
    const r = parse(
      hx(
        { c: entry('spin-top', ''), doc: ['spin-top', '--------', '', 'Spin a top.', '', 'Arguments: None.', '', 'Example:', '', '-> { "execute": "spin-top" }', '<- { "return": {} }'] },
        { c: entry('hidden-top', 'id:s'), doc: [] },
        { c: ['    {', '        .name       = "hmp-only",', '        .args_type  = "",', '        .mhandler.cmd = do_hmp_only,', '    },'], doc: [] },
      ),
      { path: 'x.hx' },
    );
    expect(only(r.diags, 'dispatch-undocumented')).toEqual(['24:9 dispatch-undocumented']);
  });
});
