import { describe, expect, it } from 'vitest';
import { bracketEnum, inlineEnum, possibleValues, valueLine } from '../../generator/read/legacy/enums.js';
import { parseList, type ListItem } from '../../generator/read/legacy/members.js';
import type { DocText } from '../../generator/read/legacy/source.js';
import { readTypeWord } from '../../generator/read/legacy/types.js';
import { command, doc, only, parse, shape } from './helpers.js';

describe('type words', () => {
  const cases: [string, unknown, boolean?][] = [
    ['json-string', 'string'],
    ['json-int', 'int'],
    ['json-bool', 'bool'],
    ['json-number', 'number'],
    ['json-double', 'number'],
    ['json-value', 'any'],
    ['json-object', { object: {}, open: true }],
    ['json-dict', { object: {}, open: true }],
    ['json-array', ['any']],
    ['json-array of json-objects', [{ object: {}, open: true }]],
    ['a json-array of strings', ['string']],
    ['json_string', 'string', true],
    ['josn-string', 'string', true],
    ['json-str', 'string', true],
    ['int', 'int', true],
    ['string', 'string', true],
    ['bool', 'bool', true],
    ['NewImageMode', { ref: 'NewImageMode' }],
    ['MirrorSyncMode.', { ref: 'MirrorSyncMode' }],
  ];
  for (const [word, want, loose] of cases) {
    it(word, () => {
      const r = readTypeWord(word);
      expect(r && shape(r.type)).toEqual(want);
      expect(Boolean(r?.nonCanonical)).toBe(Boolean(loose));
    });
  }
  it('keeps unknown QAPI names as any, with their spelling', () => {
    expect(readTypeWord('WidgetInfo')).toEqual({ type: { kind: 'any', docType: 'WidgetInfo' }, unknownName: 'WidgetInfo' });
  });
  it('is not fooled by prose', () => {
    expect(readTypeWord('device tree path')).toBeUndefined();
    expect(readTypeWord('optional')).toBeUndefined();
  });
});

describe('inline enumerations', () => {
  const cases: [string, string[] | undefined][] = [
    ['[ on | off | auto ]', ['on', 'off', 'auto']],
    ['mode [ a-b | c ]', ['a-b', 'c']],
    ['Possible values: "x", "y", "z"', ['x', 'y', 'z']],
    ["one of 'up', 'down' or 'sideways'", ['up', 'down', 'sideways']],
    ['one of the following (json-string): "a", "b", or "c"', ['a', 'b', 'c']],
    ['one of the following values', undefined],
    ['[ not an | enum with spaces ]', undefined],
  ];
  for (const [text, want] of cases) {
    it(text, () => expect(inlineEnum(text)?.values.map((v) => v.name)).toEqual(want));
  }
  it('marks the (default) value', () => {
    expect(possibleValues('Possible values: "slow", "fast" (default)')).toEqual({ values: [{ name: 'slow' }, { name: 'fast' }], default: 'fast' });
  });
  it('reads value lines in both spellings', () => {
    expect(valueLine('"idle" - doing nothing')).toEqual({ name: 'idle', description: 'doing nothing' });
    expect(valueLine('"busy": doing something')).toEqual({ name: 'busy', description: 'doing something' });
    expect(valueLine('"n": count (json-int)')).toBeUndefined();
    expect(bracketEnum('no brackets')).toBeUndefined();
  });
});

describe('member list nesting', () => {
  function tree(lines: string[]): unknown {
    const d: DocText = { path: 'x', format: 'txt', role: 'commands', lines: lines.map((text, i) => ({ text, line: i + 1 })) };
    const show = (items: ListItem[]): unknown[] =>
      items.map((it) => (it.children.length ? { [it.arrayHeading ?? it.lines[0]!.text]: show(it.children) } : (it.arrayHeading ?? it.lines[0]!.text)));
    return show(parseList(d, lines.map((_, i) => i)).items);
  }
  const cases: { name: string; lines: string[]; want: unknown }[] = [
    { name: 'flat', lines: ['- a', '- b'], want: ['a', 'b'] },
    { name: 'irregular nesting', lines: ['- a', '   text', '         - a1', '         - a2', '             - a21', '- b'], want: [{ a: ['a1', { a2: ['a21'] }] }, 'b'] },
    { name: 'blank line inside, indented text continues', lines: ['- a', '', '     more about a', '- b'], want: ['a', 'b'] },
    { name: 'array sub-heading', lines: ['parts array:', '    - p1', '- b'], want: [{ parts: ['p1'] }, 'b'] },
  ];
  for (const c of cases) it(c.name, () => expect(tree(c.lines)).toEqual(c.want));
  it('keeps continuation lines with their item', () => {
    const d: DocText = { path: 'x', format: 'txt', role: 'commands', lines: ['- a first', '  second', 'lazy third'].map((text, i) => ({ text, line: i + 1 })) };
    expect(parseList(d, [0, 1, 2]).items[0]!.lines.map((l) => l.text)).toEqual(['a first', 'second', 'lazy third']);
  });
});

describe('enumerations checked against the examples', () => {
  it('an example value outside the documented values makes it a plain string', () => {
    const r = parse(
      doc('set-timer', '---------', '', 'Set it.', '', 'Arguments:', '', '- "when": [ now | later | +n ] (json-string)', '', 'Example:', '', '-> { "execute": "set-timer", "arguments": { "when": "+5" } }', '<- { "return": {} }'),
    );
    expect(shape(command(r.model, 'set-timer').arguments)).toEqual({ object: { when: 'string' } });
    expect(only(r.diags, 'enum-value-unlisted')).toEqual(['8:3 enum-value-unlisted']);
  });
  it('a note stating a default sets it', () => {
    const r = parse(doc('set-timer', '---------', '', 'Arguments:', '', '- "loud": ring loudly (json-bool, optional)', '', 'Note: The "loud" argument defaults to true.'));
    expect(command(r.model, 'set-timer').arguments.members[0]!.default).toBe(true);
  });
  it('a note on all boolean arguments sets their default and makes them optional', () => {
    const r = parse(doc('set-timer', '---------', '', 'Arguments:', '', '- "loud": ring loudly (json-bool)', '- "when": when (json-int)', '', 'Notes:', '', '(1) All boolean arguments default to false'));
    const [loud, when] = command(r.model, 'set-timer').arguments.members;
    expect(loud).toMatchObject({ default: false, optional: true });
    expect(when).toMatchObject({ optional: false });
    expect(when!.default).toBeUndefined();
  });
});
