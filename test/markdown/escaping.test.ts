/**
 * Doc text is untrusted. Every place the model's text reaches a page is filled with hostile
 * strings; read back with remark-gfm, the page must have exactly the structure it has with
 * harmless text (no extra HTML, links, headings, lists, emphasis, table cells or rows), and
 * the text must come back as written. The same must hold after the pipeline's prettier pass.
 */
import type { Nodes, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { emitMarkdown } from '../../generator/emit/markdown/index.js';
import { oneLine } from '../../generator/emit/shared/mdast.js';
import { schemaLayout } from '../../generator/layout/schema.js';
import type { OutputFile } from '../../generator/emit/types.js';
import { formatFiles, formatFilesWithPrettier } from '../../generator/format/prettier.js';
import type { Model } from '../../generator/model/types.js';
import { brokenLinks, context, nodesOf, parseMarkdown, plainText, withoutPositions } from './helpers.js';
import { at, command, event, member, model } from './models.js';

const HOSTILE: [label: string, value: string][] = [
  ['script tag', '<script>alert(1)</script>'],
  ['html comment and block', '<!-- hidden --> <div onclick="x()">hi</div>'],
  ['pipes', 'a | b || c |'],
  ['emphasis marks', '*star* _under_ **strong** __proto__ ~~gone~~'],
  ['backticks', 'use `code` or ``more`` or ```'],
  ['markdown link', '[click](javascript:alert(1))'],
  ['reference link', '[x][1]\n\n[1]: javascript:alert(1)'],
  ['image', '![pic](https://example.invalid/p.png)'],
  ['bare urls', 'see https://example.invalid/x and www.example.invalid or me@example.invalid'],
  ['autolink', '<https://example.invalid>'],
  ['heading', '# Not a heading'],
  ['setext heading', 'Title\n====='],
  ['leading dash', '- not a list'],
  ['numbered', '1. not a list\n2) nor this'],
  ['quote', '> not a quote'],
  ['thematic break', 'above\n***\nbelow'],
  ['newlines in a cell', 'first line\nsecond | line\n\nthird paragraph'],
  ['entities', '&lt;b&gt; &amp; &#x3C;i&#x3E;'],
  ['backslashes', 'C:\\path\\ and trailing\\'],
  ['footnote', 'text[^note]\n\n[^note]: injected'],
  ['task list', '[ ] not a task'],
  ['table row', '| x | y |\n| - | - |\n| 1 | 2 |'],
  ['indentation', '    four spaces\n\ttab'],
  ['fence', '```js\nalert(1)\n```'],
];

/** A model with `t` in every slot that takes doc text. */
function filled(t: string): Model {
  return model({
    sources: [{ path: `dir/${t}.txt`, role: 'commands', format: 'txt', sha256: 'c'.repeat(64) }],
    commands: [
      command('frob-widget', {
        heading: t,
        summary: t,
        description: `${t}\n\nMore: ${t}`,
        since: t,
        features: [{ name: t, description: t }],
        arguments: {
          kind: 'object',
          open: true,
          members: [
            member(t, { kind: 'string' }, { description: t, default: t, since: t, optional: true }),
            member('mode', { kind: 'enum', values: [{ name: t, description: t }, { name: 'plain' }] }, { description: t }),
            member('inner', { kind: 'object', open: false, members: [member(t, { kind: 'int' }, { description: t })] }, { description: t }),
          ],
        },
        returns: { kind: 'ref', name: 'Gadget' },
        notes: [t, t],
        examples: [
          {
            title: t,
            position: at(9),
            messages: [{ direction: 'client', role: 'request', raw: `{ "execute": "frob-widget", "note": ${JSON.stringify(t)} }`, repairs: [], elided: true, position: at(9) }],
          },
        ],
      }),
    ],
    events: [event('WIDGET_GONE', { summary: t, description: t, notes: [t], data: { kind: 'object', open: false, members: [member('why', { kind: 'string' }, { description: t })] } })],
    types: [{ kind: 'struct', name: 'Gadget', description: t, origin: 'docs', members: [member('size', { kind: 'int' }, { description: t })] }],
  });
}

/**
 * The structure of a page: block nodes with their children, phrasing reduced to the node types
 * other than text and code (those are where injected markup would show). Table cells count.
 */
function skeleton(node: Nodes): unknown {
  if (node.type === 'text' || node.type === 'inlineCode') return undefined;
  if (node.type === 'code') return 'code';
  const children = ('children' in node ? (node.children as Nodes[]).map(skeleton) : []).filter(
    // Prose may split into more paragraphs than the harmless text has: count a run as one.
    (x, i, all) => x !== undefined && !(x === 'paragraph' && all[i - 1] === 'paragraph'),
  );
  return children.length > 0 ? [node.type, children] : node.type;
}

function withSchemaStubs(m: Model, files: OutputFile[]): OutputFile[] {
  const layout = schemaLayout(m);
  const stubs = [...layout.request.values(), ...layout.response.values(), ...layout.event.values()];
  return [...files, ...stubs.map((p) => ({ path: p, contents: '{}' }))];
}

const baseline = emitMarkdown(filled('harmless words'), context());
const baselineTrees = new Map(baseline.map((f) => [f.path, parseMarkdown(f.contents)]));

describe.each(HOSTILE)('hostile doc text: %s', (_label, t) => {
  const raw = emitMarkdown(filled(t), context());
  const trees = new Map(raw.map((f) => [f.path, parseMarkdown(f.contents)]));

  it('emits the same files as harmless text', () => {
    expect(raw.map((f) => f.path)).toEqual(baseline.map((f) => f.path));
  });

  it('keeps every page’s structure: no injected HTML, links, headings, lists, cells or emphasis', () => {
    for (const [p, tree] of trees) {
      expect(skeleton(tree), p).toEqual(skeleton(baselineTrees.get(p)!));
      expect(nodesOf(tree, 'html'), p).toEqual([]);
    }
  });

  it('gives the text back as written (one line in cells, paragraphs in prose)', () => {
    const tree = trees.get('docs/commands/frob-widget.md')!;
    const [argTable] = nodesOf(tree, 'table');
    const firstRow = argTable!.children[1]!;
    const cell = (i: number) => plainText(firstRow.children[i]!);
    const header = argTable!.children[0]!.children.map((c) => plainText(c));
    expect(cell(header.indexOf('Name'))).toBe(oneLine(t));
    expect(cell(header.indexOf('Default'))).toBe(oneLine(t));
    expect(cell(header.indexOf('Description'))).toBe(`${oneLine(t)} Since ${oneLine(t)}.`);
    const title = nodesOf(tree, 'heading')[0]!;
    expect(plainText(title)).toBe('frob-widget');
    const intro = (tree.children as Nodes[]).slice(1, (tree.children as Nodes[]).findIndex((n) => n.type === 'list'));
    const words = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(words(intro.map((n) => plainText(n)).join(' '))).toBe(words(`${t} More: ${t}`));
    const [code] = nodesOf(tree, 'code');
    expect(code!.value).toBe(`{ "execute": "frob-widget", "note": ${JSON.stringify(t)} }`);
    expect(code!.lang).toBe('json');
  });

  it('resolves every link', () => {
    expect(brokenLinks(withSchemaStubs(filled(t), raw), trees)).toEqual([]);
  });

  it('parses to the same tree after prettier, and prettier changes nothing (the format stage skips it)', async () => {
    expect(await formatFiles(raw)).toEqual(raw.map((f) => ({ path: f.path, contents: f.contents })));
    const formatted = await formatFilesWithPrettier(raw);
    for (const f of formatted) expect(f.contents, f.path).toBe(raw.find((r) => r.path === f.path)!.contents);
    for (const f of formatted) {
      const before = withoutPositions(trees.get(f.path)!) as Root;
      expect(withoutPositions(parseMarkdown(f.contents)), f.path).toEqual(before);
    }
  });
});

describe('code fences', () => {
  it.each([
    ['no backticks', '{ "a": 1 }', 3],
    ['a run of three', '{ "a": "```" }', 4],
    ['a run of five on its own line', '{ "a":\n`````\n}', 6],
  ])('%s: the fence is longer than any backtick run', async (_l, raw, fence) => {
    const m = model({
      commands: [
        command('frob-widget', {
          examples: [{ position: at(1), messages: [{ direction: 'server', role: 'reply', raw, repairs: [], elided: false, position: at(1) }] }],
        }),
      ],
    });
    const [formatted] = await formatFilesWithPrettier(emitMarkdown(m, context()).filter((f) => f.path.startsWith('docs/commands/')));
    expect(formatted!.contents).toContain(`\n${'`'.repeat(fence)}json\n`);
    const [code] = nodesOf(parseMarkdown(formatted!.contents), 'code');
    expect(code!.value).toBe(raw);
  });
});
