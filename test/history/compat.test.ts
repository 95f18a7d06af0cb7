import { describe, expect, it } from 'vitest';
import { compat, formatBreaks } from '../../generator/history/compat.js';
import { cmd, enumT, evt, int, m, model, ref, struct, union } from './models.js';

const summary = (bs: ReturnType<typeof compat>) => bs.map((b) => `${b.kind} ${b.item}${b.member ? `.${b.member}` : ''}${b.values ? ` [${b.values.join(',')}]` : ''}`);

describe('compat', () => {
  const before = model({
    commands: [
      cmd('stop'),
      cmd('gone'),
      cmd('set-mode', [m('mode', ref('Mode')), m('*force', { kind: 'bool' })]),
      cmd('query-info', [], { returns: ref('Info') }),
      cmd('add-dev', [m('dev', ref('Dev'))]),
    ],
    events: [evt('DONE', [m('id'), m('*extra')]), evt('LOST')],
    types: [
      enumT('Mode', ['fast', 'slow', 'legacy']),
      enumT('State', ['on', 'off', 'old']),
      struct('Info', [m('name'), m('state', ref('State')), m('size', int)]),
      union('Dev', [m('type')], { disk: 'DiskDev', net: 'NetDev' }),
      struct('DiskDev', [m('path')]),
      struct('NetDev', [m('mac')]),
      struct('Unused', [m('a')]),
    ],
  });
  const after = model({
    commands: [
      cmd('stop'),
      cmd('set-mode', [m('mode', ref('Mode')), m('force', { kind: 'bool' }), m('target')]),
      cmd('query-info', [], { returns: ref('Info') }),
      cmd('add-dev', [m('dev', ref('Dev'))]),
    ],
    events: [evt('DONE', [m('*id'), m('extra')])],
    types: [
      enumT('Mode', ['fast', 'slow']),
      enumT('State', ['on', 'off']),
      struct('Info', [m('*name'), m('state', ref('State')), m('size', { kind: 'int', width: 'uint64' })]),
      union('Dev', [m('type')], { disk: 'DiskDev' }),
      struct('DiskDev', [m('path')]),
      struct('Unused', [m('b')]),
    ],
  });

  it('finds what code for the older release would break on the newer', () => {
    expect(summary(compat(before, after))).toEqual([
      'command-removed gone',
      'member-turned-required set-mode.force',
      'required-member-added set-mode.target',
      'event-member-turned-optional DONE.id'.replace('event-', ''),
      'event-removed LOST',
      'variant-removed Dev [net]',
      // output-only: a value that went away cannot break a reader; a member that may now be missing does
      'member-turned-optional Info.name',
      'enum-narrowed Mode [legacy]',
    ]);
  });

  it('is directional: the newer release read by code for the older one', () => {
    const back = summary(compat(after, before));
    expect(back).toContain('member-removed set-mode.target');
    expect(back).toContain('member-turned-optional DONE.extra');
    // optional → required in an event is no problem for a reader
    expect(back.some((b) => b.includes('DONE.id'))).toBe(false);
  });

  it('does not call a new union branch a type change of the members it shares with the old ones', () => {
    const wrap = (t: string) => ({ kind: 'object' as const, open: false, members: [m('data', ref(t))] });
    const simple = (branches: Record<string, string>) => ({
      kind: 'union' as const,
      name: 'Ev',
      description: '',
      origin: 'qapi' as const,
      members: [m('type')],
      variants: Object.entries(branches).map(([value, t]) => ({ value, type: wrap(t) })),
    });
    const a = model({ commands: [cmd('send', [m('ev', ref('Ev'))])], types: [simple({ key: 'KeyEv', btn: 'BtnEv' })] });
    const b = model({ commands: [cmd('send', [m('ev', ref('Ev'))])], types: [simple({ key: 'KeyEv', btn: 'BtnEv', touch: 'TouchEv' })] });
    expect(compat(a, b)).toEqual([]);
    const c = model({ commands: [cmd('send', [m('ev', ref('Ev'))])], types: [simple({ key: 'OtherKeyEv', btn: 'BtnEv' })] });
    expect(summary(compat(a, c))).toEqual(['type-changed Ev.data']);
    // a struct that became a union keeps its members
    const s1 = model({ commands: [cmd('q', [], { returns: ref('Job') })], types: [struct('Job', [m('id'), m('type')])] });
    const s2 = model({ commands: [cmd('q', [], { returns: ref('Job') })], types: [union('Job', [m('id'), m('type')], { mirror: 'MirrorJob' }), struct('MirrorJob', [m('target')])] });
    expect(compat(s1, s2)).toEqual([]);
  });

  it('ignores integer widths and renamed types of the same shape', () => {
    const a = model({ commands: [cmd('c', [m('x', ref('OldName'))])], types: [struct('OldName', [m('n', int)])] });
    const b = model({ commands: [cmd('c', [m('x', ref('NewName'))])], types: [struct('NewName', [m('n', int)])] });
    expect(compat(a, b)).toEqual([]);
    const c = model({ commands: [cmd('c', [m('x', ref('NewName'))])], types: [struct('NewName', [m('n')])] });
    expect(summary(compat(a, c))).toEqual(['type-changed c.x']);
  });

  it('prints one quoted line per break, control characters escaped', () => {
    const a = model({ commands: [cmd('evil\u001b[2Jname\u009b')] });
    const text = formatBreaks(compat(a, model({})), '1.0', '2.0');
    expect(text).toContain('command "evil\\u001b[2Jname\\u009b": command removed');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(formatBreaks([], '1.0', '2.0')).toMatch(/breaks on nothing/);
  });
});
