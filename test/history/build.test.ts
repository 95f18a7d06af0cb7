import { describe, expect, it } from 'vitest';
import { buildHistory, nameSimilarity, orderReleases } from '../../generator/history/build.js';
import { compareVersions, shortVersion, versionInNote, versionMatches } from '../../generator/history/version.js';
import { cmd, enumT, evt, int, m, model, ref, struct, union } from './models.js';

describe('versions', () => {
  it.each([
    ['2.9.0', '2.10.0', -1],
    ['1.0', '1.0.0', 0],
    ['9.1.0', '10.0.0', -1],
    ['2.8.0', '2.8.50-eaea2bf7', -1],
    ['0.15.0', '1.0', -1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
    expect(Math.sign(compareVersions(b, a))).toBe(-sign || 0);
  });
  it('matches short forms and reads notes', () => {
    expect(versionMatches('6.2.0', '6.2')).toBe(true);
    expect(versionMatches('6.2.0', '6.20')).toBe(false);
    expect(shortVersion('2.12.0')).toBe('2.12');
    expect(shortVersion('1.0')).toBe('1.0');
    expect(shortVersion('6.2.1')).toBe('6.2.1');
    expect(versionInNote('2.5 (replaces the old form)')).toBe('2.5');
    expect(versionInNote('never')).toBeUndefined();
  });
  it('orders releases by number, not by the order given, and drops duplicates', () => {
    const order = orderReleases([{ version: '2.10.0' }, { version: '2.9.0' }, { version: '10.0' }, { version: '2.9' }]);
    expect(order.map((r) => r.version)).toEqual(['2.9.0', '2.10.0', '10.0']);
  });
});

describe('buildHistory', () => {
  const r1 = model({
    commands: [cmd('ping'), cmd('old-thing', [m('id')]), cmd('set-speed', [m('speed', int), m('*unit')])],
    types: [enumT('Colour', ['red', 'green']), struct('Info', [m('name'), m('*size', int)])],
  });
  const r2 = model({
    commands: [cmd('ping'), cmd('set-speed', [m('speed', { kind: 'number' }), m('unit')])],
    types: [enumT('Colour', ['red', 'green', 'blue']), struct('Info', [m('name!'), m('*size', int)])],
  });
  const r3 = model({
    commands: [cmd('ping', [], { features: [{ name: 'deprecated' }] }), cmd('old-thing', [m('id')]), cmd('set-speed', [m('speed', { kind: 'number' })])],
    types: [enumT('Colour', ['red', 'blue'])],
  });
  // given out of order on purpose
  const h = buildHistory([
    { version: '3.0.0', model: r3 },
    { version: '1.0', model: r1 },
    { version: '2.10.0', model: r2 },
  ]);

  it('records ranges, gaps and until', () => {
    expect(h.releases).toEqual(['1.0', '2.10.0', '3.0.0']);
    expect(h.commands['ping']).toMatchObject({ since: '1.0', sinceOrEarlier: true, lastSeen: '3.0.0', until: null, gaps: [] });
    expect(h.commands['old-thing']).toMatchObject({ since: '1.0', until: null, gaps: [{ removedIn: '2.10.0', returnedIn: '3.0.0' }] });
    expect(h.types['Info']).toMatchObject({ since: '1.0', lastSeen: '2.10.0', until: '3.0.0' });
    expect(h.types['Colour']!.values!['blue']).toMatchObject({ since: '2.10.0', until: null });
    expect(h.types['Colour']!.values!['blue']!.sinceOrEarlier).toBeUndefined();
    expect(h.types['Colour']!.values!['green']).toMatchObject({ since: '1.0', lastSeen: '2.10.0', until: '3.0.0' });
    expect(h.commands['set-speed']!.members['unit']).toMatchObject({ since: '1.0', lastSeen: '2.10.0', until: '3.0.0' });
    expect(h.commands['set-speed']!.members['speed']!.types.map((t) => t.type)).toEqual(['int', 'number']);
  });

  it('records the changes between consecutive releases', () => {
    const kinds = (name: string, cat: 'commands' | 'types' = 'commands') =>
      h[cat][name]!.changes.map((c) => [c.release, c.kind, c.member ?? c.value ?? ''].join(' '));
    expect(kinds('set-speed')).toEqual(['2.10.0 type-changed speed', '2.10.0 became-required unit', '3.0.0 member-removed unit']);
    expect(kinds('ping')).toEqual(['3.0.0 became-deprecated ']);
    expect(kinds('Info', 'types')).toEqual(['2.10.0 became-deprecated name']);
    expect(kinds('Colour', 'types')).toEqual(['2.10.0 value-added blue', '3.0.0 value-removed green']);
    // across a gap the item is compared with the last release that had it
    expect(h.commands['old-thing']!.changes).toEqual([]);
  });

  it('sees members move into and out of union branches, and flattens bases', () => {
    const u1 = model({
      types: [struct('Base', [m('type')]), union('Dev', [m('type'), m('label')], { disk: 'DiskOpts' }), struct('DiskOpts', [m('path')]), struct('Sub', [m('x')], 'Base')],
    });
    const u2 = model({
      types: [struct('Base', [m('type'), m('x')]), union('Dev', [m('type')], { disk: 'DiskOpts', net: 'NetOpts' }), struct('DiskOpts', [m('path'), m('label')]), struct('NetOpts', [m('label'), m('path')]), struct('Sub', [], 'Base')],
    });
    const uh = buildHistory([{ version: '5.0', model: u1 }, { version: '5.1', model: u2 }]);
    const changes = uh.types['Dev']!.changes.map((c) => `${c.kind} ${c.member ?? c.variant} ${c.to ?? ''}`.trim());
    expect(changes).toContain('moved-into-branch label disk, net');
    expect(changes).toContain('variant-added net NetOpts');
    expect(uh.types['Dev']!.members['path']).toMatchObject({ since: '5.0' });
    // x moved from Sub into its base: Sub's flattened members did not change
    expect(uh.types['Sub']!.changes).toEqual([]);
    const back = buildHistory([{ version: '5.1', model: u2 }, { version: '5.2', model: u1 }]);
    expect(back.types['Dev']!.changes.map((c) => c.kind)).toContain('moved-out-of-branch');
  });

  it('skips a release that has no item of a category instead of calling everything removed', () => {
    const legacy = model({ commands: [cmd('quit')], events: [evt('STOP')] });
    const early = model({ commands: [cmd('quit')], types: [enumT('E', ['a'])] });
    const later = model({ commands: [cmd('quit')], events: [evt('STOP'), evt('RESUME')], types: [enumT('E', ['a'])] });
    const eh = buildHistory([
      { version: '0.15.0', model: legacy },
      { version: '1.0', model: early },
      { version: '2.1.0', model: later },
    ]);
    expect(eh.coverage).toEqual({ command: '0.15.0', event: '0.15.0', type: '1.0' });
    expect(eh.events['STOP']).toMatchObject({ since: '0.15.0', until: null, gaps: [] });
    // 1.0 says nothing about events, so RESUME may be older than 2.1
    expect(eh.events['RESUME']).toMatchObject({ since: '2.1.0', sinceOrEarlier: true });
    expect(eh.types['E']).toMatchObject({ since: '1.0', sinceOrEarlier: true });
  });

  it('reports same-shape removal + addition as a probable rename, never merging them', () => {
    const a = model({ commands: [cmd('x-reopen', [m('options', ref('Opts'))]), cmd('gone')], types: [struct('Opts', [m('node')])] });
    const b = model({ commands: [cmd('reopen', [m('options', ref('Opts'))])], types: [struct('Opts', [m('node')])] });
    const rh = buildHistory([{ version: '6.0', model: a }, { version: '6.1', model: b }]);
    expect(rh.renames).toEqual([{ category: 'command', from: 'x-reopen', to: 'reopen', release: '6.1', confidence: 'probable' }]);
    expect(rh.commands['x-reopen']).toMatchObject({ until: '6.1' });
    expect(rh.commands['reopen']).toMatchObject({ since: '6.1' });
  });

  it('does not pair same-shape items whose names have little in common', () => {
    const a = model({ commands: [cmd('query-rdma-state', [m('id')])] });
    const b = model({ commands: [cmd('list-interrupt-controllers', [m('id')])] });
    expect(buildHistory([{ version: '1.0', model: a }, { version: '1.1', model: b }]).renames).toEqual([]);
    expect(nameSimilarity('x-blockdev-del', 'blockdev-del')).toBeGreaterThan(0.9);
    expect(nameSimilarity('abc', 'abc')).toBe(1);
    expect(nameSimilarity('ab', 'cd')).toBe(0);
  });

  it('does not pair removals and additions whose shape is ambiguous or empty', () => {
    const a = model({ commands: [cmd('a', [m('id')]), cmd('b', [m('id')]), cmd('c')] });
    const b = model({ commands: [cmd('d', [m('id')]), cmd('e', [m('id')]), cmd('f')] });
    expect(buildHistory([{ version: '1.0', model: a }, { version: '1.1', model: b }]).renames).toEqual([]);
  });

  it('keeps the latest doc comment Since: of each item', () => {
    const a = model({ commands: [cmd('q', [], { since: '0.14' })] });
    const b = model({ commands: [cmd('q', [], { since: '0.14.0' })] });
    expect(buildHistory([{ version: '1.0', model: a }, { version: '1.1', model: b }]).commands['q']!.docSince).toBe('0.14.0');
  });
});
