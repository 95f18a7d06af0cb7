/**
 * What the pages say and how they are laid out, read back through remark-gfm: table-driven
 * over small invented models.
 */
import type { Link, Nodes, Root, Table } from 'mdast';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../generator/cli.js';
import { emitMarkdown } from '../../generator/emit/markdown/index.js';
import { emitTypescript } from '../../generator/emit/typescript/index.js';
import { schemaLayout } from '../../generator/layout/schema.js';
import type { OutputFile } from '../../generator/emit/types.js';
import type { Command, ExampleMessage, Model, TypeRef } from '../../generator/model/types.js';
import { brokenLinks, context, emitWithDiagnostics, headingAnchors, nodesOf, page, parseMarkdown, plainText } from './helpers.js';
import { at, command, event, member, model, widgetModel } from './models.js';

function withSchemaStubs(m: Model, files: OutputFile[]): OutputFile[] {
  const layout = schemaLayout(m);
  return [...files, ...[...layout.request.values(), ...layout.response.values(), ...layout.event.values()].map((p) => ({ path: p, contents: '{}' }))];
}

const tree = (files: OutputFile[], p: string): Root => parseMarkdown(page(files, p));
const tables = (root: Root): Table[] => nodesOf(root, 'table');
const header = (t: Table): string[] => t.children[0]!.children.map((c) => plainText(c));
const column = (t: Table, name: string): string[] => {
  const i = header(t).indexOf(name);
  return t.children.slice(1).map((r) => plainText(r.children[i]!));
};
/** The blocks between the heading titled `title` and the next heading of the same or higher level. */
function section(root: Root, title: string): Nodes[] {
  const i = root.children.findIndex((n) => n.type === 'heading' && plainText(n) === title);
  if (i === -1) throw new Error(`no heading ${title}`);
  const depth = (root.children[i] as { depth: number }).depth;
  const end = root.children.findIndex((n, j) => j > i && n.type === 'heading' && n.depth <= depth);
  return root.children.slice(i + 1, end === -1 ? undefined : end);
}
const sectionText = (root: Root, title: string) => section(root, title).map((n) => plainText(n)).join('\n');

describe('file names and titles', () => {
  it.each([
    { names: ['frob-widget'], paths: ['frob-widget'], diagnostics: [] },
    { names: ['__proto__', 'constructor', 'toString'], paths: ['__proto__', 'constructor', 'toString'], diagnostics: [] },
    { names: ['../../x'], paths: ['%2E.%2F..%2Fx'], diagnostics: [] },
    { names: ['a b/c\\d'], paths: ['a%20b%2Fc%5Cd'], diagnostics: [] },
    { names: ['.hidden'], paths: ['%2Ehidden'], diagnostics: [] },
    { names: ['x|y`z <b>*'], paths: ['x%7Cy%60z%20%3Cb%3E%2A'], diagnostics: [] },
    { names: ['con', 'LPT1'], paths: ['%4CPT1', '%63on'], diagnostics: [] },
    { names: ['Frob', 'frob', 'FROB'], paths: ['FROB', 'Frob~2', 'frob~3'], diagnostics: ['1:1 name-collision', '1:1 name-collision'] },
  ])('$names → $paths', ({ names, paths, diagnostics }) => {
    const m = model({ commands: names.map((n) => command(n, { summary: `About ${n}.` })) });
    const out = emitWithDiagnostics(m);
    const pages = out.files.map((f) => f.path).filter((p) => p !== 'docs/index.md');
    expect(pages).toEqual(paths.map((p) => `docs/commands/${p}.md`));
    expect(out.diagnostics).toEqual(diagnostics);
    expect(brokenLinks(withSchemaStubs(m, out.files))).toEqual([]);
    const titles = pages.map((p) => plainText(tree(out.files, p).children[0]!));
    expect([...titles].sort()).toEqual([...names].sort());
    const index = tree(out.files, 'docs/index.md');
    const [commandTable] = tables(index);
    expect(commandTable!.children.map((row) => row.children.length)).toEqual([2, ...names.map(() => 2)]);
    expect(nodesOf(index, 'html')).toEqual([]);
    const links = nodesOf(index, 'link').map((l: Link) => [plainText(l), decodeURIComponent(l.url)]);
    expect(links).toEqual(expect.arrayContaining(names.map((n) => [n, expect.stringMatching(/^commands\/[^/]+\.md$/)])));
  });

  it('keeps the first of two items with one name', () => {
    const m: Model = { ...model({}), commands: [command('frob', { summary: 'First.' }), command('frob', { summary: 'Second.' })] };
    const files = emitMarkdown(m, context());
    expect(files.map((f) => f.path)).toEqual(['docs/index.md', 'docs/commands/frob.md']);
    expect(page(files, 'docs/commands/frob.md')).toContain('First.');
  });
});

describe('arguments, returns and data', () => {
  const files = emitMarkdown(widgetModel, context());

  it.each([
    ['docs/commands/frob-widget.md', 'Arguments', ['Name', 'Type', 'Required', 'Default', 'Values', 'Description']],
    ['docs/commands/frob-widget.md', 'Returns', ['Name', 'Type', 'Required', 'Description']],
    ['docs/commands/query-gizmos.md', 'Returns', ['Name', 'Type', 'Required', 'Description']],
    ['docs/events/WIDGET_FROBBED.md', 'Data', ['Name', 'Type', 'Required', 'Description']],
  ])('%s %s: columns %j (Default and Values only when needed)', (p, title, columns) => {
    const [t] = section(tree(files, p), title).filter((n): n is Table => n.type === 'table');
    expect(header(t!)).toEqual(columns);
  });

  it('shows types, optionality, defaults, enum values and since per member', () => {
    const [args] = tables(tree(files, 'docs/commands/frob-widget.md'));
    expect(column(args!, 'Name')).toEqual(['id', 'speed', 'mode', 'knobs']);
    expect(column(args!, 'Type')).toEqual(['string', 'int', 'enum', 'array of object']);
    expect(column(args!, 'Required')).toEqual(['required', 'optional', 'optional', 'optional']);
    expect(column(args!, 'Default')).toEqual(['', '10', '', '']);
    expect(column(args!, 'Values')).toEqual(['', '', 'gentle, brisk', '']);
    expect(column(args!, 'Description')[2]).toBe('How hard to frob. Since 1.4.');
  });

  it('gives nested structures and documented enum values a section, linked from the type cell', () => {
    for (const [p, cellLinks] of [
      ['docs/commands/frob-widget.md', { object: 'arguments.knobs[]' }],
      ['docs/commands/query-gizmos.md', { object: 'return[].parts[]', enum: 'return[].parts[].kind values' }],
    ] as const) {
      const root = tree(files, p);
      const anchors = new Map(nodesOf(root, 'heading').map((h, i) => [headingAnchors(root)[i]!, plainText(h)]));
      const typeLinks = tables(root).flatMap((t) => t.children.slice(1).flatMap((r) => nodesOf(r.children[1]!, 'link')));
      const targets = Object.fromEntries(typeLinks.filter((l) => l.url.startsWith('#')).map((l) => [plainText(l), anchors.get(l.url.slice(1))]));
      expect(targets).toEqual(cellLinks);
    }
    expect(sectionText(tree(files, 'docs/commands/frob-widget.md'), 'arguments.knobs[]')).toContain('Further members not listed here may be present.');
    const gizmos = tree(files, 'docs/commands/query-gizmos.md');
    const parts = section(gizmos, 'return[].parts[]').find((n): n is Table => n.type === 'table')!;
    const [valuesLink] = nodesOf(parts.children[1]!.children[header(parts).indexOf('Values')]!, 'link');
    const [typeLink] = nodesOf(parts.children[1]!.children[1]!, 'link');
    expect([plainText(valuesLink!), valuesLink!.url]).toEqual(['2 values', typeLink!.url]);
    const values = section(gizmos, 'return[].parts[].kind values').find((n): n is Table => n.type === 'table');
    expect(column(values!, 'Description')).toEqual(['A toothed wheel.', 'A coil. Since 2.0.']);
  });

  it('links named types to their page', () => {
    const [returns] = section(tree(files, 'docs/commands/frob-widget.md'), 'Returns').filter((n): n is Table => n.type === 'table');
    const [typeLink] = nodesOf(returns!.children[1]!.children[1]!, 'link');
    expect([plainText(typeLink!), typeLink!.url]).toEqual(['WidgetState', '../types/WidgetState.md']);
    expect(column(tables(tree(files, 'docs/types/WidgetState.md'))[0]!, 'Value')).toEqual(['idle', 'spinning']);
  });

  /** The blocks of the Returns section: paragraphs as text, tables as their column names. */
  const returning = (returns: TypeRef | undefined) =>
    section(tree(emitMarkdown(model({ commands: [command('frob', returns ? { returns } : {})] }), context()), 'docs/commands/frob.md'), 'Returns').map((n) =>
      n.type === 'table' ? `table: ${header(n).join(', ')}` : plainText(n),
    );

  it.each([
    ['nothing', undefined, ['Nothing: the reply’s return is an empty object.']],
    ['a scalar', { kind: 'int' }, ['Type: int.']],
    ['an array of scalars', { kind: 'array', items: { kind: 'string' } }, ['Type: array of string.']],
    ['an alternate', { kind: 'alternate', of: [{ kind: 'bool' }, { kind: 'string' }] }, ['Type: bool or string.']],
    ['an unknown named type', { kind: 'ref', name: 'Elsewhere' }, ['Type: Elsewhere.']],
    ['an object', { kind: 'object', open: false, members: [member('n', { kind: 'int' })] }, ['An object:', 'table: Name, Type, Required, Description']],
    ['an empty open object', { kind: 'object', open: true, members: [] }, ['An object:', 'An object with no documented members.', 'Further members not listed here may be present.']],
    ['an array of objects', { kind: 'array', items: { kind: 'object', open: false, members: [] } }, ['An array of objects:', 'Objects with no documented members.']],
    [
      'an array of arrays of objects',
      { kind: 'array', items: { kind: 'array', items: { kind: 'object', open: false, members: [] } } },
      ['Type: array of array of object.', 'return[][]', 'An object with no documented members.'],
    ],
  ] as [string, TypeRef | undefined, string[]][])('returns %s', (_what, returns, expected) => {
    expect(returning(returns)).toEqual(expected);
  });

  it.each([
    ['arguments not stated', { argumentsStated: false }, 'The documentation does not list arguments.'],
    ['“Arguments: None.”', { argumentsStated: true }, 'None.'],
  ] as [string, Partial<Command>, string][])('%s', (_what, extra, expected) => {
    const root = tree(emitMarkdown(model({ commands: [command('frob', extra)] }), context()), 'docs/commands/frob.md');
    expect(sectionText(root, 'Arguments')).toBe(expected);
  });

  it('says when an event has no data', () => {
    expect(sectionText(tree(files, 'docs/events/GIZMO_LOST.md'), 'Data')).toBe('None: the event has no data.');
  });
});

describe('introduction, facts, notes and examples', () => {
  const files = emitMarkdown(widgetModel, context());

  it.each([
    ['summary repeated at the start of the description', 'Frob it.', 'Frob it.\n\nCarefully.', ['Frob it.', 'Carefully.']],
    ['summary alone', 'Frob it.', '', ['Frob it.']],
    ['summary not part of the description', 'Frob it.', 'It gets frobbed.', ['Frob it.', 'It gets frobbed.']],
  ])('%s', (_what, summary, description, paragraphs) => {
    const root = tree(emitMarkdown(model({ commands: [command('frob', { summary, description })] }), context()), 'docs/commands/frob.md');
    const end = root.children.findIndex((n) => n.type === 'list');
    expect(root.children.slice(1, end).map((n) => [n.type, plainText(n)])).toEqual(paragraphs.map((p) => ['paragraph', p]));
  });

  it('lists since, index section, heading, schemas and nothing else it cannot back', () => {
    const facts = (p: string) => nodesOf(tree(files, p), 'list')[0]!.children.map((i) => plainText(i));
    expect(facts('docs/commands/frob-widget.md')).toEqual([
      'Since QEMU 1.3.',
      'Only when QEMU is built with CONFIG_FROB.',
      'Listed under Regular commands.',
      'JSON Schema: request, response.',
    ]);
    expect(facts('docs/commands/halt-everything.md')).toEqual([
      'Listed under Other commands.',
      'Documented under the heading halt.',
      'JSON Schema: request, response.',
    ]);
    expect(facts('docs/events/WIDGET_FROBBED.md')).toEqual(['Since QEMU 1.3.', 'Listed under Events.', 'JSON Schema: event message.']);
    const links = nodesOf(nodesOf(tree(files, 'docs/commands/frob-widget.md'), 'list')[0]!, 'link').map((l) => l.url);
    expect(links).toEqual([
      '../index.md#regular-commands',
      '../../schema/commands/frob-widget.request.json',
      '../../schema/commands/frob-widget.response.json',
    ]);
  });

  it('puts every example message in its own json block after a label saying who sends it', () => {
    const root = tree(files, 'docs/commands/frob-widget.md');
    const blocks = section(root, 'Example').map((n) => (n.type === 'code' ? `${n.lang}: ${n.value}` : plainText(n)));
    expect(blocks).toEqual([
      'Frob gently',
      'Request (client → server):',
      'json: { "execute": "frob-widget", "arguments": { "id": "w0" } }',
      'Reply (server → client):',
      'json: { "return": { "state": "idle", "mood": 3 } }',
    ]);
  });

  it.each([
    ['strict JSON', { value: { event: 'GONE' } }, 'Event (server → client):'],
    ['abridged', { value: { event: 'GONE' }, elided: true }, 'Event (server → client), abridged in the documentation:'],
    ['repaired', { value: { event: 'GONE' }, repairs: ['trailing-comma'] }, 'Event (server → client), not valid JSON as written:'],
    ['unreadable', { elided: true }, 'Event (server → client), abridged in the documentation, not valid JSON as written:'],
  ] as [string, Partial<ExampleMessage>, string][])('labels a %s message, keeps its text and drops trailing blanks', (_what, extra, label) => {
    const message: ExampleMessage = { direction: 'server', role: 'event', raw: '{ "event": "GONE",   \n  ... }\n\n', repairs: [], elided: false, position: at(3), ...extra };
    const m = model({ events: [event('GONE', { examples: [{ position: at(3), messages: [message] }] })] });
    const blocks = section(tree(emitMarkdown(m, context()), 'docs/events/GONE.md'), 'Example').map((n) => (n.type === 'code' ? n.value : plainText(n)));
    expect(blocks).toEqual([label, '{ "event": "GONE",\n  ... }']);
  });

  it('writes one note as prose and several as a list', () => {
    const one = tree(emitMarkdown(model({ commands: [command('frob', { notes: ['Only one.'] })] }), context()), 'docs/commands/frob.md');
    expect(section(one, 'Notes').map((n) => n.type)).toEqual(['paragraph']);
    const two = tree(emitMarkdown(model({ commands: [command('frob', { notes: ['First.', 'Second.\n\nMore.'] })] }), context()), 'docs/commands/frob.md');
    const [list] = section(two, 'Notes');
    expect(list!.type).toBe('list');
    expect((list as { children: Nodes[] }).children.map((i) => plainText(i))).toEqual(['First.', 'Second.More.']);
  });
});

describe('index', () => {
  it('groups commands by section, lists events and types, and omits empty groups', () => {
    const root = tree(emitMarkdown(widgetModel, context()), 'docs/index.md');
    const headings = nodesOf(root, 'heading').map((h) => `${'#'.repeat(h.depth)} ${plainText(h)}`);
    expect(headings).toEqual(['# QMP reference', '## Commands', '### Regular commands', '### Query commands', '### Other commands', '## Events', '## Types']);
    const [, regular, query, other, events, types] = tables(root);
    expect([regular, query, other, events, types].map((t) => column(t!, header(t!)[0]!))).toEqual([
      ['frob-widget'],
      ['query-gizmos'],
      ['halt-everything'],
      ['GIZMO_LOST', 'WIDGET_FROBBED'],
      ['Gadget', 'GadgetBase', 'Shape', 'SizeOrName', 'WidgetState'],
    ]);
    expect(column(types!, 'Kind')).toEqual(['struct', 'struct', 'union', 'alternate', 'enum']);
    expect(column(types!, 'Summary')[1]).toBe('What every gadget has.');
    expect(column(types!, 'Summary')[0]).toBe('A gadget.');
    expect(column(regular!, 'Summary')).toEqual(['Frobnicate one widget.']);
    const onlyQuery = tree(emitMarkdown(model({ commands: [command('query-x', { section: 'query' })] }), context()), 'docs/index.md');
    expect(nodesOf(onlyQuery, 'heading').map((h) => plainText(h))).toEqual(['QMP reference', 'Commands', 'Query commands', 'Events']);
    expect(sectionText(onlyQuery, 'Events')).toBe('None.');
  });

  it('writes an index saying so when the model is empty', () => {
    const files = emitMarkdown(model({}), context());
    expect(files.map((f) => f.path)).toEqual(['docs/index.md']);
    const root = tree(files, 'docs/index.md');
    expect(plainText(root.children[1]!)).toMatch(/^0 commands and 0 events /);
    expect([sectionText(root, 'Commands'), sectionText(root, 'Events')]).toEqual(['None.', 'None.']);
  });

  it('resolves every link of a complete model', () => {
    expect(brokenLinks(withSchemaStubs(widgetModel, emitMarkdown(widgetModel, context())))).toEqual([]);
  });
});

describe('typed client links', async () => {
  const templates = await loadTemplates();
  const m = model({
    commands: [command('frob-widget'), command('frob_widget'), command('then', { section: 'other' })],
    events: [event('GONE'), event('CAME', { data: { kind: 'object', open: false, members: [member('x', { kind: 'int' })] } })],
  });
  const ctx = { ...context(), templates };
  const markdown = emitMarkdown(m, ctx);
  const typescript = emitTypescript(m, ctx);
  const source = (p: string) => typescript.find((f) => f.path === p)!.contents;
  const fact = (p: string) => nodesOf(tree(markdown, p), 'listItem').map((i) => plainText(i)).find((t) => t.startsWith('TypeScript:'));

  it('names the method the typescript emitter generates for each command, in src/client.ts', () => {
    // method name → the command it executes, read from the generated class
    const executes = new Map([...source('src/client.ts').matchAll(/\n\s+(\w+)\([^)]*\)[^{]*\{\s*return this\.execute\("([^"]+)"/g)].map((x) => [x[2]!, x[1]!]));
    expect(executes.size).toBe(3);
    for (const c of m.commands) {
      expect(fact(`docs/commands/${c.name}.md`)).toBe(`TypeScript: Qmp.${executes.get(c.name)}() in src/client.ts.`);
    }
  });

  it('names the data type of each event, in src/types.ts', () => {
    expect(fact('docs/events/CAME.md')).toBe('TypeScript: data type CameEvent in src/types.ts.');
    expect(source('src/types.ts')).toMatch(/export interface CameEvent\b/);
    expect(fact('docs/events/GONE.md')).toBe('TypeScript: QmpEvents in src/types.ts (no data).');
  });

  it('resolves every link against the emitted package and schemas', () => {
    expect(brokenLinks([...withSchemaStubs(m, markdown), ...typescript])).toEqual([]);
  });

  it('leaves the client out when there are no templates (no package to link to)', () => {
    expect(fact('docs/commands/then.md')).toBeDefined();
    const without = emitMarkdown(m, context());
    expect(nodesOf(tree(without, 'docs/commands/then.md'), 'listItem').map((i) => plainText(i))).not.toContainEqual(expect.stringMatching(/^TypeScript/));
  });
});

describe('named types', () => {
  const files = emitMarkdown(widgetModel, context());
  const blocks = (p: string, title: string) =>
    section(tree(files, p), title).map((n) => (n.type === 'table' ? `table: ${header(n).join(', ')} / ${column(n, header(n)[0]!).join(', ')}` : plainText(n)));

  it.each([
    ['Gadget', 'Members', ['Also has every member of GadgetBase.', 'table: Name, Type, Required, Description / shape, size']],
    ['GadgetBase', 'Members', ['table: Name, Type, Required, Description / serial']],
    ['Shape', 'Members', ['table: Name, Type, Required, Values, Description / type']],
    ['Shape', 'Variants', ['Chosen by the member type.', 'table: Value, Type, Condition / circle, box', 'Shape(circle)', 'table: Name, Type, Required, Description / radius']],
    ['SizeOrName', 'Alternatives', ['Any one of: int, string.']],
    ['WidgetState', 'Values', ['table: Value, Description / idle, spinning']],
  ])('%s: %s', (name, title, expected) => {
    expect(blocks(`docs/types/${name}.md`, title)).toEqual(expected);
  });

  it('links bases, members and variants to the types they name, and marks deprecated members', () => {
    const root = tree(files, 'docs/types/Gadget.md');
    expect(nodesOf(root, 'link').map((l) => [plainText(l), l.url])).toEqual([
      ['Types', '../index.md#types'],
      ['GadgetBase', 'GadgetBase.md'],
      ['Shape', 'Shape.md'],
      ['SizeOrName', 'SizeOrName.md'],
    ]);
    const [table] = tables(root);
    expect(column(table!, 'Description')).toEqual(['Its outline.', 'Deprecated. How big. Only when QEMU is built without CONFIG_TINY.']);
    expect(nodesOf(root, 'listItem').map((i) => plainText(i))).toEqual([
      'Only when QEMU is built with CONFIG_GADGETS.',
      'Listed under Types.',
      'Feature unstable: May change without notice.',
    ]);
  });
});
