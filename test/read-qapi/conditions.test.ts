import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { applyTarget, evaluate, targetSymbols } from '../../generator/assemble/target.js';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import type { Condition } from '../../generator/model/types.js';
import { conditionText, parseCCondition, readCondition } from '../../generator/read/qapi/conditions.js';
import { parseSchemaText } from '../../generator/read/qapi/parser.js';
import { readText } from './unit.js';

describe('if conditions', () => {
  it.each<[string, Condition]>([
    ['defined(CONFIG_A)', 'CONFIG_A'],
    ['defined CONFIG_A', 'CONFIG_A'],
    ['!defined(CONFIG_A)', { not: 'CONFIG_A' }],
    ['defined(TARGET_A) || defined(TARGET_B) || defined(TARGET_C)', { any: ['TARGET_A', 'TARGET_B', 'TARGET_C'] }],
    ['defined(CONFIG_A) && (defined(TARGET_B) || !defined(TARGET_C))', { all: ['CONFIG_A', { any: ['TARGET_B', { not: 'TARGET_C' }] }] }],
    ['defined(A) || defined(B) && defined(C)', { any: ['A', { all: ['B', 'C'] }] }],
  ])('reads the C form %s', (text, want) => {
    expect(parseCCondition(text)).toEqual(want);
  });

  it.each(['defined(', 'CONFIG_A &&', '(CONFIG_A', 'a + b', ''])('rejects %j', (text) => {
    expect(parseCCondition(text)).toBeUndefined();
  });

  function condOf(source: string): { cond: Condition | undefined; diags: string[] } {
    const file = new VFile({ path: 'c.json', value: source });
    const reporter = reporterFor(file);
    const p = parseSchemaText(`{ 'if': ${source} }`, 'c.json', reporter);
    const v = p.exprs[0]!.value.entries[0]!.value;
    return { cond: readCondition(v, 'c.json', reporter), diags: file.messages.map((m) => `${m.column} ${m.ruleId}`) };
  }

  it.each<[string, Condition | undefined, string[]]>([
    ["'CONFIG_A'", 'CONFIG_A', []],
    ["{ 'not': 'CONFIG_A' }", { not: 'CONFIG_A' }, []],
    ["{ 'all': [ 'A', { 'any': [ 'B', 'C' ] } ] }", { all: ['A', { any: ['B', 'C'] }] }, []],
    ["[ 'defined(A)', 'defined(B)' ]", { all: ['A', 'B'] }, []],
    ["'defined(A) &&'", 'defined(A) &&', ['9 qapi-condition']],
    ["{ 'some': [ 'A' ] }", undefined, ['9 qapi-condition']],
    ["{ 'all': [ 'A' ], 'any': [ 'B' ] }", undefined, ['9 qapi-condition']],
  ])('reads %s (6.2+ and 3.0–6.1 forms)', (source, want, diags) => {
    const r = condOf(source);
    expect(r.cond).toEqual(want);
    expect(r.diags).toEqual(diags);
  });

  it('writes conditions as QEMU docs do', () => {
    expect(conditionText({ all: ['A', { any: ['B', { not: 'C' }] }] })).toBe('A and (B or not C)');
    expect(conditionText({ any: [{ all: ['A'] }, 'B'] })).toBe('(A) or B');
  });
});

describe('--target', () => {
  it('defines the target and its base architecture, as the QEMU build does', () => {
    expect([...targetSymbols('x86_64')].sort()).toEqual(['TARGET_I386', 'TARGET_X86_64']);
    expect([...targetSymbols('aarch64')].sort()).toEqual(['TARGET_AARCH64', 'TARGET_ARM']);
    expect([...targetSymbols('s390x')]).toEqual(['TARGET_S390X']);
  });

  const x86 = targetSymbols('x86_64');
  it.each<[Condition, boolean | Condition]>([
    ['TARGET_I386', true],
    ['TARGET_S390X', false],
    ['CONFIG_KVM', 'CONFIG_KVM'],
    [{ not: 'TARGET_S390X' }, true],
    [{ any: ['TARGET_ARM', 'TARGET_X86_64'] }, true],
    [{ all: ['TARGET_I386', 'CONFIG_KVM'] }, 'CONFIG_KVM'],
    [{ all: ['TARGET_ARM', 'CONFIG_KVM'] }, false],
    [{ any: ['TARGET_ARM', 'CONFIG_A', 'CONFIG_B'] }, { any: ['CONFIG_A', 'CONFIG_B'] }],
    [{ not: 'CONFIG_A' }, { not: 'CONFIG_A' }],
  ])('evaluates %j for x86_64', (c, want) => {
    expect(evaluate(c, x86)).toEqual(want);
  });

  it('keeps only what an x86_64 build has, at every level; CONFIG_* conditions stay', () => {
    const schema =
      "{ 'enum': 'E', 'data': [ 'a', { 'name': 's390', 'if': 'TARGET_S390X' }, { 'name': 'pc', 'if': 'TARGET_I386' } ] }\n" +
      "{ 'struct': 'S', 'data': { 'm': { 'type': 'str', 'if': 'TARGET_ARM' }, 'k': { 'type': 'int', 'if': 'CONFIG_KVM' } } }\n" +
      "{ 'union': 'U', 'base': { 'kind': 'E' }, 'discriminator': 'kind', 'data': { 'a': 'S', 's390': { 'type': 'S', 'if': 'TARGET_S390X' } } }\n" +
      "{ 'command': 'arm-only', 'if': 'TARGET_ARM' }\n{ 'command': 'pc-only', 'if': 'TARGET_I386' }\n" +
      "{ 'command': 'kvm-pc', 'if': { 'all': [ 'TARGET_I386', 'CONFIG_KVM' ] }, 'data': { 'x': { 'type': 'str', 'if': 'TARGET_PPC' } }, 'features': [ { 'name': 'f', 'if': 'TARGET_ARM' } ] }\n" +
      "{ 'event': 'EV', 'if': 'TARGET_S390X' }";
    const whole = readText(schema).part;
    const { part } = readText(schema, { target: 'x86_64' });
    expect(part.release).toEqual({ target: 'x86_64' });
    expect(part.commands.map((c) => c.name)).toEqual(['pc-only', 'kvm-pc']);
    expect(part.commands[0]!.if).toBeUndefined();
    expect(part.commands[1]).toMatchObject({ if: 'CONFIG_KVM', arguments: { members: [] } });
    expect(part.commands[1]!.features).toBeUndefined();
    expect(part.events).toEqual([]);
    const e = part.types.find((t) => t.name === 'E')!;
    expect(e.kind === 'enum' && e.values).toEqual([{ name: 'a' }, { name: 'pc' }]);
    const s = part.types.find((t) => t.name === 'S')!;
    expect(s.kind === 'struct' && s.members.map((m) => [m.name, m.if])).toEqual([['k', 'CONFIG_KVM']]);
    const u = part.types.find((t) => t.name === 'U')!;
    expect(u.kind === 'union' && u.variants.map((v) => v.value)).toEqual(['a']);
    // pure: the unfiltered part is untouched by a second filtering
    expect(applyTarget(whole, 's390x').events.map((x) => x.name)).toEqual(['EV']);
    expect(whole.events.map((x) => x.name)).toEqual(['EV']);
  });
});
