/**
 * "Removed in X" in the latest release's outputs: what older releases had reaches the Markdown
 * pages, the JSON Schemas and the TypeScript package of a history run, worded the same way by
 * each (generator/model/removed.ts); a model without history gets none of it.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { emitMarkdown } from '../../generator/emit/markdown/index.js';
import { emitSchemas } from '../../generator/emit/schema/index.js';
import type { EmitContext } from '../../generator/emit/types.js';
import { annotateLatest } from '../../generator/history/annotate.js';
import { buildHistory } from '../../generator/history/build.js';
import { removedIndex, removedRange, removedSentence } from '../../generator/model/removed.js';
import type { RemovedItem } from '../../generator/model/types.js';
import { emitPackage } from '../typescript/helpers.js';
import { cmd, enumT, evt, m, model, struct } from './models.js';

const r = (over: Partial<RemovedItem>): RemovedItem => ({
  category: 'type',
  name: 'T',
  since: '1.0',
  lastSeen: '2.0',
  removedIn: '2.1',
  ...over,
});

describe('removed wording', () => {
  it.each([
    { parts: [], sentence: '' },
    {
      parts: [r({ member: 'a' })],
      sentence: 'Older QEMU releases also had the member `a` (1.0 – 2.0, removed in 2.1).',
    },
    {
      parts: [
        r({ member: 'a', since: '3.0', lastSeen: '3.0', removedIn: '3.1' }),
        r({ value: 'b' }),
      ],
      sentence:
        'Older QEMU releases also had the member `a` (3.0, removed in 3.1) and the value `b` (1.0 – 2.0, removed in 2.1).',
    },
    {
      parts: [r({ member: 'a' }), r({ member: 'b' }), r({ value: 'c' })],
      sentence:
        'Older QEMU releases also had the member `a` (1.0 – 2.0, removed in 2.1), the member `b` (1.0 – 2.0, removed in 2.1) and the value `c` (1.0 – 2.0, removed in 2.1).',
    },
  ])('$sentence', ({ parts, sentence }) => {
    expect(removedSentence(parts)).toBe(sentence);
  });

  it('indexes whole items by category then name, and parts by item, members before values', () => {
    const index = removedIndex({
      ...model({}),
      history: {
        releases: ['1.0.0', '2.1.0'],
        deprecated: [],
        removed: [
          r({ name: 'Z' }),
          r({ category: 'command', name: 'b' }),
          r({ value: 'v' }),
          r({ member: 'z' }),
          r({ member: 'a' }),
          r({ category: 'event', name: 'E' }),
        ],
      },
    });
    expect(index.whole.map((x) => `${x.category}:${x.name}`)).toEqual([
      'command:b',
      'event:E',
      'type:Z',
    ]);
    expect(index.partsOf('type', 'T').map((x) => x.member ?? x.value)).toEqual(['a', 'z', 'v']);
    expect(index.partsOf('command', 'T')).toEqual([]);
    expect(removedRange(r({}))).toBe('1.0 – 2.0, removed in 2.1');
  });
});

// three releases: each kind of thing disappears once
const v1 = model({
  commands: [cmd('query-gadget', [m('id'), m('*turbo')]), cmd('x-retired-cmd')],
  events: [evt('GADGET_READY', [m('id'), m('legacy-flag')]), evt('OLD_EVENT')],
  types: [
    enumT('Speed', ['slow', 'warp', 'fast']),
    struct('Gear', [m('name'), m('*teeth')]),
    struct('Lost', [m('x')]),
  ],
});
const v2 = model({
  commands: [cmd('query-gadget', [m('id')])],
  events: [evt('GADGET_READY', [m('id')])],
  types: [enumT('Speed', ['slow', 'fast']), struct('Gear', [m('name'), m('*teeth')])],
});
const v3 = model({
  commands: [cmd('query-gadget', [m('id')])],
  events: [evt('GADGET_READY', [m('id')])],
  types: [enumT('Speed', ['slow', 'fast']), struct('Gear', [m('name')])],
});
const history = buildHistory([
  { version: '3.0.0', model: v3 },
  { version: '1.0.0', model: v1 },
  { version: '2.0.0', model: v2 },
]);
const latest = annotateLatest(v3, history);

function context(): EmitContext {
  return {
    reporter: new Reporter([], new VFile({ path: 'test' })),
    packageName: 'gadget-qmp',
    generatorVersion: '0.0.0-test',
  };
}

describe('the latest release of a history run says what older ones had', () => {
  it('Markdown: an index table of removed items, a table on each item page', () => {
    const pages = new Map(emitMarkdown(latest, context()).map((f) => [f.path, f.contents]));
    const index = pages.get('docs/index.md')!;
    expect(index).toContain('## Removed in earlier releases');
    expect(index).toMatch(/\| `x-retired-cmd` +\| command +\| 1\.0 +\| 2\.0 +\|/);
    expect(index).toMatch(/\| `OLD_EVENT` +\| event +\| 1\.0 +\| 2\.0 +\|/);
    expect(index).toMatch(/\| `Lost` +\| type +\| 1\.0 +\| 2\.0 +\|/);
    expect(pages.get('docs/commands/query-gadget.md')).toMatch(
      /\| `turbo` +\| member +\| 1\.0 +\| 2\.0 +\|/,
    );
    expect(pages.get('docs/events/GADGET_READY.md')).toMatch(
      /\| `legacy-flag` +\| member +\| 1\.0 +\| 2\.0 +\|/,
    );
    expect(pages.get('docs/types/Speed.md')).toMatch(/\| `warp` +\| value +\| 1\.0 +\| 2\.0 +\|/);
    expect(pages.get('docs/types/Gear.md')).toMatch(
      /\| `teeth` +\| member +\| 1\.0 – 2\.0 +\| 3\.0 +\|/,
    );
    // the release's own model, without history, has none of it
    const plain = emitMarkdown(v3, context());
    expect(plain.some((f) => f.contents.includes('Removed in earlier releases'))).toBe(false);
  });

  it('JSON Schema: a $comment on the item, the removed commands and events on the bundle', () => {
    const files = new Map(
      emitSchemas(latest, context()).map((f) => [
        f.path,
        JSON.parse(f.contents) as Record<string, unknown>,
      ]),
    );
    const request = [...files].find(
      ([p]) => p.includes('query-gadget') && p.includes('request'),
    )![1];
    expect(request.$comment).toContain(
      'Older QEMU releases also had the member `turbo` (1.0, removed in 2.0).',
    );
    const bundle = [...files].find(([p]) => p.endsWith('qmp.schema.json'))![1];
    expect(bundle.$comment).toContain(
      'Older QEMU releases also had the command x-retired-cmd (1.0, removed in 2.0).',
    );
    expect(bundle.$comment).toContain('the event OLD_EVENT (1.0, removed in 2.0)');
    const defs = bundle.$defs as Record<string, { $comment?: string }>;
    expect(
      Object.values(defs).some((d) =>
        d.$comment?.includes('the member `teeth` (1.0 – 2.0, removed in 3.0)'),
      ),
    ).toBe(true);
    const plain = emitSchemas(v3, context());
    expect(plain.some((f) => f.contents.includes('Older QEMU releases'))).toBe(false);
  });

  it('TypeScript: the method, event and type docs, and REMOVED in names.ts', async () => {
    const pkg = await emitPackage(latest, 'gadget-qmp');
    const client = pkg.byPath.get('src/client.ts')!;
    expect(client).toContain(
      'Older QEMU releases also had the member `turbo` (1.0, removed in 2.0).',
    );
    const types = pkg.byPath.get('src/types.ts')!;
    expect(types).toContain(
      'Older QEMU releases also had the member `legacy-flag` (1.0, removed in 2.0).',
    );
    expect(types).toContain('Older QEMU releases also had the value `warp` (1.0, removed in 2.0).');
    expect(types).toContain(
      'Older QEMU releases also had the member `teeth` (1.0 – 2.0, removed in 3.0).',
    );
    const names = pkg.byPath.get('src/names.ts')!;
    expect(names).toContain('export const REMOVED: ReadonlyArray<QmpRemoved>');
    expect(names).toMatch(
      /category: 'command',\s+name: 'x-retired-cmd',\s+since: '1\.0',\s+lastSeen: '1\.0',\s+removedIn: '2\.0'/,
    );
    expect(pkg.byPath.get('dist/names.d.ts')).toContain('REMOVED: ReadonlyArray<QmpRemoved>');
    const plain = await emitPackage(v3, 'gadget-qmp');
    expect(plain.byPath.get('src/names.ts')).not.toContain('REMOVED');
  });
});
