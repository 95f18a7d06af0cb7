/**
 * QAPI `if` conditions on the pages: the words for every shape of Condition, and the places
 * they appear (command, event and type pages, members, enum values, features, variants).
 * Symbols are invented; hostile ones must come back as inline code, nothing more.
 */
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { conditionPhrasing } from '../../generator/emit/markdown/conditions.js';
import { emitMarkdown } from '../../generator/emit/markdown/index.js';
import { paragraph } from '../../generator/emit/shared/mdast.js';
import { serialize } from '../../generator/emit/shared/serialize.js';
import type { Condition } from '../../generator/model/types.js';
import { context, nodesOf, parseMarkdown, plainText } from './helpers.js';
import { command, event, member, model } from './models.js';

const words = (c: Condition | undefined) => plainText(paragraph(...conditionPhrasing(c)));

describe('condition words', () => {
  const cases: { name: string; c: Condition | undefined; says: string }[] = [
    { name: 'no condition: nothing', c: undefined, says: '' },
    { name: 'a config symbol', c: 'CONFIG_GIZMO', says: 'Only when QEMU is built with CONFIG_GIZMO.' },
    { name: 'a target symbol', c: 'TARGET_GIZMO64', says: 'Only when QEMU is built for the target TARGET_GIZMO64.' },
    { name: 'not a config symbol', c: { not: 'CONFIG_TINY' }, says: 'Only when QEMU is built without CONFIG_TINY.' },
    { name: 'not a target symbol', c: { not: 'TARGET_GIZMO32' }, says: 'Only when QEMU is not built for the target TARGET_GIZMO32.' },
    { name: 'all of two', c: { all: ['CONFIG_A', 'CONFIG_B'] }, says: 'Only when QEMU is built with CONFIG_A and QEMU is built with CONFIG_B.' },
    { name: 'any of two', c: { any: ['TARGET_X', 'TARGET_Y'] }, says: 'Only when QEMU is built for the target TARGET_X or QEMU is built for the target TARGET_Y.' },
    { name: 'a one-element list reads as its element', c: { all: ['CONFIG_A'] }, says: 'Only when QEMU is built with CONFIG_A.' },
    {
      name: 'nested lists are bracketed',
      c: { any: ['TARGET_X', { all: ['TARGET_Y', 'CONFIG_B'] }] },
      says: 'Only when QEMU is built for the target TARGET_X or (QEMU is built for the target TARGET_Y and QEMU is built with CONFIG_B).',
    },
    {
      name: 'not over a list: De Morgan',
      c: { not: { any: ['CONFIG_A', 'TARGET_X'] } },
      says: 'Only when QEMU is built without CONFIG_A and QEMU is not built for the target TARGET_X.',
    },
    { name: 'double negation', c: { not: { not: 'CONFIG_A' } }, says: 'Only when QEMU is built with CONFIG_A.' },
  ];
  it.each(cases)('$name', ({ c, says }) => {
    expect(words(c)).toBe(says);
  });

  it('a symbol is inline code, even a hostile one', () => {
    const hostile = 'CONFIG_`X` | <b>*y*</b> [l](javascript:x)';
    const md = serialize({ type: 'root', children: [paragraph(...conditionPhrasing(hostile))] });
    const back = parseMarkdown(md);
    expect(nodesOf(back, 'inlineCode').map((n) => (n as { value: string }).value)).toEqual([hostile]);
    expect([...nodesOf(back, 'html'), ...nodesOf(back, 'link'), ...nodesOf(back, 'emphasis')]).toEqual([]);
  });
});

describe('where conditions appear', () => {
  const m = model({
    commands: [
      command('spin-gizmo', {
        summary: 'Spin.',
        if: 'CONFIG_GIZMO',
        arguments: { kind: 'object', open: false, members: [member('turbo', { kind: 'bool' }, { description: 'Faster.', if: 'TARGET_GIZMO64' })] },
      }),
      command('plain-gizmo', { summary: 'Plain.' }),
    ],
    events: [event('GIZMO_SPUN', { summary: 'Spun.', if: { not: 'CONFIG_TINY' }, features: [{ name: 'odd', if: 'CONFIG_ODD' }] })],
  });
  const files = emitMarkdown(m, context());
  const page = (p: string): Root => parseMarkdown(files.find((f) => f.path === p)!.contents);
  const lines = (p: string) =>
    [...nodesOf(page(p), 'paragraph'), ...nodesOf(page(p), 'tableCell')].map((n) => plainText(n)).filter((l) => l.includes('Only when'));

  it.each([
    { path: 'docs/commands/spin-gizmo.md', says: ['Only when QEMU is built with CONFIG_GIZMO.', 'Faster. Only when QEMU is built for the target TARGET_GIZMO64.'] },
    { path: 'docs/commands/plain-gizmo.md', says: [] },
    { path: 'docs/events/GIZMO_SPUN.md', says: ['Only when QEMU is built without CONFIG_TINY.', 'Feature odd: Only when QEMU is built with CONFIG_ODD.'] },
  ])('$path', ({ path, says }) => {
    expect(lines(path).map((l) => l.trim())).toEqual(says);
  });
});
