/**
 * The assembler (generator/assemble/): duplicates within one source, precedence between
 * sources, provenance, sorting. Table-driven over hand-made parts; every name and text is
 * invented for the tests.
 */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { assemble } from '../../generator/assemble/index.js';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import { RULES } from '../../generator/diagnostics/rules.js';
import type { Command, Event, Member, NamedType, Origin, SourcePosition } from '../../generator/model/types.js';
import type { ModelPart, ReaderId } from '../../generator/read/types.js';

const ORIGIN: Record<ReaderId, Origin> = { legacy: 'docs', qapi: 'qapi', introspection: 'introspection' };
const FILE: Record<ReaderId, string> = { legacy: 'gizmo.txt', qapi: 'gizmo.json', introspection: 'gizmo-live.json' };

const at = (reader: ReaderId, line: number): SourcePosition => ({ file: FILE[reader], line, column: 1 });

function member(reader: ReaderId, name: string, description: string, kind: 'string' | 'int' = 'string'): Member {
  return { name, type: { kind }, optional: false, description, position: at(reader, 1) };
}

function command(reader: ReaderId, name: string, line: number, extra: Partial<Command> = {}): Command {
  return {
    name,
    section: 'regular',
    summary: '',
    description: '',
    arguments: { kind: 'object', members: [], open: false },
    argumentsStated: true,
    notes: [],
    examples: [],
    origin: ORIGIN[reader],
    position: at(reader, line),
    ...extra,
  };
}

function event(reader: ReaderId, name: string, line: number, extra: Partial<Event> = {}): Event {
  return { name, summary: '', description: '', notes: [], examples: [], origin: ORIGIN[reader], position: at(reader, line), ...extra };
}

function part(reader: ReaderId, items: Partial<Pick<ModelPart, 'commands' | 'events' | 'types' | 'release'>>): ModelPart {
  return {
    reader,
    sources: [{ path: FILE[reader], role: reader === 'legacy' ? 'commands' : reader === 'qapi' ? 'schema' : 'introspection', format: reader === 'legacy' ? 'txt' : reader === 'qapi' ? 'qapi' : 'json', sha256: '0' }],
    commands: [],
    events: [],
    types: [],
    ...items,
  };
}

function run(parts: ModelPart[]) {
  const file = new VFile({ path: 'assemble' });
  const reporter = reporterFor(file);
  const model = assemble(parts, reporter);
  const all = file.messages;
  return {
    model,
    diags: all.map((m) => `${m.line}:${m.column} ${m.ruleId}`),
    messages: all.map((m) => ({ rule: m.ruleId, line: m.line, reason: m.reason, fatal: m.fatal })),
  };
}

describe('duplicates within one source', () => {
  const cases: { name: string; parts: ModelPart[]; kept: string[]; diags: string[] }[] = [
    {
      name: 'a command twice: the first is kept, the second reported at its line',
      parts: [part('legacy', { commands: [command('legacy', 'spin', 3, { summary: 'first' }), command('legacy', 'spin', 9, { summary: 'second' })] })],
      kept: ['spin:first'],
      diags: ['9:1 duplicate-command'],
    },
    {
      name: 'an event twice',
      parts: [part('legacy', { events: [event('legacy', 'SPUN', 4, { summary: 'first' }), event('legacy', 'SPUN', 12, { summary: 'second' })] })],
      kept: ['SPUN:first'],
      diags: ['12:1 duplicate-event'],
    },
    {
      name: 'the same command in two sources is not a duplicate but one command',
      parts: [
        part('legacy', { commands: [command('legacy', 'spin', 3, { summary: 'from the docs' })] }),
        part('qapi', { commands: [command('qapi', 'spin', 7)] }),
      ],
      kept: ['spin:from the docs'],
      diags: [],
    },
  ];
  it.each(cases)('$name', ({ parts, kept, diags }) => {
    const r = run(parts);
    expect([...r.model.commands, ...r.model.events].map((i) => `${i.name}:${i.summary}`)).toEqual(kept);
    expect(r.diags).toEqual(diags);
  });

  it('a type defined twice in one source is reported as duplicate-type', () => {
    const t = (line: number, description: string): NamedType => ({
      kind: 'enum',
      name: 'GizmoMode',
      values: [{ name: 'fast' }],
      description,
      origin: 'qapi',
      position: at('qapi', line),
    });
    const r = run([part('qapi', { types: [t(2, 'first'), t(8, 'second')] })]);
    expect(r.model.types.map((x) => x.description)).toEqual(['first']);
    expect(r.diags).toEqual(['8:1 duplicate-type']);
  });
});

describe('precedence between sources', () => {
  const legacy = command('legacy', 'spin', 3, {
    summary: 'Spin the gizmo.',
    description: 'Spin the gizmo, in the words of the text docs.',
    examples: [{ messages: [], position: at('legacy', 20) }],
    since: '1.0',
    arguments: { kind: 'object', open: false, members: [member('legacy', 'speed', 'how fast, says the text')] },
  });
  const qapi = command('qapi', 'spin', 30, {
    summary: 'Spin the gizmo (schema).',
    description: '',
    since: '2.0',
    arguments: { kind: 'object', open: false, members: [member('qapi', 'speed', '', 'int'), member('qapi', 'turns', 'how many turns', 'int')] },
    flags: { allowOob: true },
  });
  const live = command('introspection', 'spin', 1, {
    arguments: { kind: 'object', open: false, members: [member('introspection', 'speed', '', 'int')] },
  });

  const cases: {
    name: string;
    parts: ModelPart[];
    origin: Origin;
    summary: string;
    description: string;
    since: string | undefined;
    members: string[];
    examples: number;
    provenance: unknown;
    diags: string[];
  }[] = [
    {
      name: 'qapi + legacy: shape and summary from qapi, the description and examples qapi lacks from legacy',
      parts: [part('legacy', { commands: [legacy] }), part('qapi', { commands: [qapi] })],
      origin: 'qapi',
      summary: 'Spin the gizmo (schema).',
      description: 'Spin the gizmo, in the words of the text docs.',
      since: '2.0',
      members: ['speed:int:how fast, says the text', 'turns:int:how many turns'],
      examples: 1,
      provenance: [
        { origin: 'qapi', position: at('qapi', 30), fields: ['shape', 'section', 'summary', 'since'] },
        { origin: 'docs', position: at('legacy', 3), fields: ['description', 'examples', 'member descriptions'] },
      ],
      diags: ['3:1 docs-filled'],
    },
    {
      name: 'introspection + qapi + legacy: shape from introspection, docs from qapi then legacy',
      parts: [part('introspection', { commands: [live] }), part('legacy', { commands: [legacy] }), part('qapi', { commands: [qapi] })],
      origin: 'introspection',
      summary: 'Spin the gizmo (schema).',
      description: 'Spin the gizmo, in the words of the text docs.',
      since: '2.0',
      members: ['speed:int:how fast, says the text'],
      examples: 1,
      provenance: [
        { origin: 'introspection', position: at('introspection', 1), fields: ['shape'] },
        { origin: 'qapi', position: at('qapi', 30), fields: ['section', 'summary', 'since'] },
        { origin: 'docs', position: at('legacy', 3), fields: ['description', 'examples', 'member descriptions'] },
      ],
      diags: ['3:1 docs-filled'],
    },
    {
      name: 'one source only: passed through, no provenance',
      parts: [part('legacy', { commands: [legacy] })],
      origin: 'docs',
      summary: 'Spin the gizmo.',
      description: 'Spin the gizmo, in the words of the text docs.',
      since: '1.0',
      members: ['speed:string:how fast, says the text'],
      examples: 1,
      provenance: undefined,
      diags: [],
    },
  ];
  it.each(cases)('$name', ({ parts, origin, summary, description, since, members, examples, provenance, diags: expected }) => {
    const { model, diags } = run(parts);
    expect(diags).toEqual(expected);
    expect(model.commands).toHaveLength(1);
    const c = model.commands[0]!;
    expect(c.origin).toBe(origin);
    expect(c.summary).toBe(summary);
    expect(c.description).toBe(description);
    expect(c.since).toBe(since);
    expect(c.arguments.members.map((m) => `${m.name}:${m.type.kind}:${m.description}`)).toEqual(members);
    expect(c.examples).toHaveLength(examples);
    expect(c.provenance).toEqual(provenance);
  });

  it('shape is never mixed: flags of a lower source are not added to a higher one', () => {
    const { model } = run([part('introspection', { commands: [live] }), part('qapi', { commands: [qapi] })]);
    expect(model.commands[0]!.flags).toBeUndefined();
  });

  it('does not modify the parts it is given', () => {
    const parts = [part('legacy', { commands: [legacy] }), part('qapi', { commands: [qapi] })];
    const before = JSON.stringify(parts);
    run(parts);
    expect(JSON.stringify(parts)).toBe(before);
  });

  it('event data member descriptions and enum value descriptions are filled from the docs source', () => {
    const docsEvent = event('legacy', 'SPUN', 5, {
      description: 'The gizmo spun.',
      data: { kind: 'object', open: false, members: [member('legacy', 'turns', 'turns made')] },
    });
    const schemaEvent = event('qapi', 'SPUN', 40, { data: { kind: 'object', open: false, members: [member('qapi', 'turns', '', 'int')] } });
    const docsType: NamedType = { kind: 'enum', name: 'GizmoMode', values: [{ name: 'fast', description: 'quickly' }], description: 'Modes.', origin: 'qapi', position: at('legacy', 2) };
    const schemaType: NamedType = { kind: 'enum', name: 'GizmoMode', values: [{ name: 'fast' }, { name: 'slow' }], description: '', origin: 'qapi', position: at('qapi', 50) };
    const { model } = run([part('legacy', { events: [docsEvent], types: [docsType] }), part('qapi', { events: [schemaEvent], types: [schemaType] })]);
    const e = model.events[0]!;
    expect(e.description).toBe('The gizmo spun.');
    expect(e.data?.members.map((m) => `${m.name}:${m.type.kind}:${m.description}`)).toEqual(['turns:int:turns made']);
    const t = model.types[0]!;
    expect(t.kind === 'enum' && t.values).toEqual([{ name: 'fast', description: 'quickly' }, { name: 'slow' }]);
    expect(t.description).toBe('Modes.');
    expect(t.position).toEqual(at('qapi', 50));
  });
});

describe('sorting and sources', () => {
  it('sorts by name in code unit order across parts, keeps sources in part order', () => {
    const { model } = run([
      part('qapi', { commands: [command('qapi', 'zap', 1), command('qapi', 'Alpha', 2)], events: [event('qapi', 'B_EV', 3)] }),
      part('legacy', { commands: [command('legacy', 'beta', 1), command('legacy', 'alpha', 2)], events: [event('legacy', 'A_EV', 3)] }),
    ]);
    expect(model.commands.map((c) => c.name)).toEqual(['Alpha', 'alpha', 'beta', 'zap']);
    expect(model.events.map((e) => e.name)).toEqual(['A_EV', 'B_EV']);
    expect(model.sources.map((s) => s.path)).toEqual(['gizmo.json', 'gizmo.txt']);
    expect(model.release).toBeUndefined();
  });

  it('release facts: the highest source that states each one', () => {
    const { model } = run([
      part('qapi', { release: { qemuVersion: '9.9.0', target: 'gizmo64' } }),
      part('introspection', { release: { qemuVersion: '9.9.1' } }),
    ]);
    expect(model.release).toEqual({ qemuVersion: '9.9.1', target: 'gizmo64' });
    expect(Object.keys(model)).toEqual(['modelVersion', 'release', 'sources', 'commands', 'events', 'types']);
  });
});

describe('what the QAPI schema fills in for the legacy docs (docs-filled, docs-added)', () => {
  const opt = (m: Member): Member => ({ ...m, optional: true });
  const cases: { name: string; text: Command; schema: Command; reason: string | undefined }[] = [
    {
      name: 'the text and the schema agree: nothing filled, nothing reported',
      text: command('legacy', 'wobble', 4, { summary: 'Wobble.', since: '1.0', arguments: { kind: 'object', open: false, members: [member('legacy', 'rate', 'how often')] } }),
      schema: command('qapi', 'wobble', 40, { arguments: { kind: 'object', open: false, members: [member('qapi', 'rate', '')] } }),
      reason: undefined,
    },
    {
      name: 'an argument the text does not document',
      text: command('legacy', 'wobble', 4, { summary: 'Wobble.', since: '1.0', arguments: { kind: 'object', open: false, members: [member('legacy', 'rate', 'how often')] } }),
      schema: command('qapi', 'wobble', 40, { arguments: { kind: 'object', open: false, members: [member('qapi', 'rate', ''), opt(member('qapi', 'depth', 'how deep', 'int'))] } }),
      reason: 'wobble: the QAPI schema (line 40 of gizmo.json) gave its shape; it fills what the text lacks: arguments the text does not document: "depth"',
    },
    {
      name: 'optionality, JSON kind and an argument the schema lacks',
      text: command('legacy', 'wobble', 4, {
        summary: 'Wobble.',
        since: '1.0',
        arguments: { kind: 'object', open: false, members: [member('legacy', 'rate', 'how often'), member('legacy', 'tilt', 'the angle'), member('legacy', 'colour', 'gone')] },
      }),
      schema: command('qapi', 'wobble', 40, { arguments: { kind: 'object', open: false, members: [opt(member('qapi', 'rate', '')), member('qapi', 'tilt', '', 'int')] } }),
      reason:
        'wobble: the QAPI schema (line 40 of gizmo.json) gave its shape; it fills what the text lacks: arguments the text documents but the schema lacks (dropped): "colour"; ' +
        'optionality of "rate" optional (the text: required); JSON kind of "tilt" int (the text: string)',
    },
    {
      name: 'doc fields and member descriptions the text leaves empty',
      text: command('legacy', 'wobble', 4, { summary: 'Wobble.', arguments: { kind: 'object', open: false, members: [member('legacy', 'rate', '')] } }),
      schema: command('qapi', 'wobble', 40, { since: '3.1', errors: ['when stuck'], arguments: { kind: 'object', open: false, members: [member('qapi', 'rate', 'per second')] } }),
      reason:
        'wobble: the QAPI schema (line 40 of gizmo.json) gave its shape; it fills what the text lacks: Since, Errors (the text has none); the description of arguments "rate"',
    },
    {
      name: 'return members the text does not describe',
      text: command('legacy', 'wobble', 4, { summary: 'Wobble.', since: '1.0', returns: { kind: 'object', open: false, members: [member('legacy', 'ok', 'done')] } }),
      schema: command('qapi', 'wobble', 40, { returns: { kind: 'object', open: false, members: [member('qapi', 'ok', ''), member('qapi', 'left', 'turns left', 'int')] } }),
      reason: 'wobble: the QAPI schema (line 40 of gizmo.json) gave its shape; it fills what the text lacks: return members the text does not document: "left"',
    },
  ];
  it.each(cases)('$name', ({ text, schema, reason }) => {
    const { messages } = run([part('legacy', { commands: [text] }), part('qapi', { commands: [schema] })]);
    const filled = messages.filter((m) => m.rule === 'docs-filled');
    expect(filled.map((m) => m.reason)).toEqual(reason === undefined ? [] : [reason]);
    // at the text's item, and an info (never a warning or an error)
    for (const m of filled) expect([m.line, m.fatal]).toEqual([4, undefined]);
    expect(RULES['docs-filled'].severity).toBe('info');
  });

  it('each argument records where its shape and its description came from', () => {
    const { model } = run([
      part('legacy', { commands: [command('legacy', 'wobble', 4, { arguments: { kind: 'object', open: false, members: [{ ...member('legacy', 'rate', 'how often'), position: at('legacy', 9) }, { ...member('legacy', 'tilt', ''), position: at('legacy', 10) }] } })] }),
      part('qapi', {
        commands: [
          command('qapi', 'wobble', 40, {
            arguments: { kind: 'object', open: false, members: [{ ...member('qapi', 'rate', ''), position: at('qapi', 41) }, { ...member('qapi', 'tilt', 'degrees'), position: at('qapi', 42) }, { ...member('qapi', 'depth', 'how deep'), position: at('qapi', 43) }] },
          }),
        ],
      }),
    ]);
    expect(model.commands[0]!.arguments.members.map((m) => [m.name, m.description, m.provenance])).toEqual([
      ['rate', 'how often', [{ origin: 'qapi', position: at('qapi', 41), fields: ['shape'] }, { origin: 'docs', position: at('legacy', 9), fields: ['description'] }]],
      ['tilt', 'degrees', [{ origin: 'qapi', position: at('qapi', 42), fields: ['shape', 'description'] }]],
      ['depth', 'how deep', [{ origin: 'qapi', position: at('qapi', 43) }]],
    ]);
  });

  const added: { name: string; parts: ModelPart[]; reason: string[] }[] = [
    {
      name: 'commands, events and types only the schema has are named once, at the schema',
      parts: [
        part('legacy', { commands: [command('legacy', 'wobble', 4)] }),
        part('qapi', {
          commands: [command('qapi', 'wobble', 40), command('qapi', 'zap', 50), command('qapi', 'blink', 60)],
          events: [event('qapi', 'ZAPPED', 70)],
          types: [{ kind: 'enum', name: 'GizmoMode', values: [], description: '', origin: 'qapi', position: at('qapi', 80) }],
        }),
      ],
      reason: ['the QAPI schema adds what the legacy docs do not document: 2 commands ("blink", "zap"), 1 event ("ZAPPED"), 1 type ("GizmoMode")'],
    },
    {
      name: 'no legacy docs: nothing is reported',
      parts: [part('qapi', { commands: [command('qapi', 'zap', 50)] })],
      reason: [],
    },
    {
      name: 'the schema adds nothing: nothing is reported',
      parts: [part('legacy', { commands: [command('legacy', 'zap', 5)] }), part('qapi', { commands: [command('qapi', 'zap', 50)] })],
      reason: [],
    },
  ];
  it.each(added)('$name', ({ parts, reason }) => {
    const { messages } = run(parts);
    const got = messages.filter((m) => m.rule === 'docs-added');
    expect(got.map((m) => m.reason)).toEqual(reason);
    for (const m of got) expect([m.line, m.fatal]).toEqual([undefined, undefined]); // file-level, an info
  });
});
