import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignNames,
  camelCase,
  CLIENT_MEMBERS,
  isPlainIdentifier,
  JS_RESERVED,
  type NameRequest,
  needsQuotes,
  OBJECT_MEMBERS,
  pascalCase,
  splitWords,
} from '../../generator/model/names.js';

describe('casing', () => {
  it.each([
    // wire                      camel                    Pascal
    ['frob-widget', 'frobWidget', 'FrobWidget'],
    ['reset_gizmo', 'resetGizmo', 'ResetGizmo'],
    ['WIDGET_IO_FAULT', 'widgetIoFault', 'WidgetIoFault'],
    ['x-frob-widget', 'xFrobWidget', 'XFrobWidget'],
    ['__org.example_frob', 'orgExampleFrob', 'OrgExampleFrob'],
    ['GizmoInfo', 'gizmoInfo', 'GizmoInfo'],
    ['query-gizmo2', 'queryGizmo2', 'QueryGizmo2'],
    ['frob', 'frob', 'Frob'],
    ['IO', 'io', 'Io'],
    ['../../etc/passwd', 'etcPasswd', 'EtcPasswd'],
    ['a b\tc\nd', 'aBCD', 'ABCD'],
    ['fr\u043Ebnicate', 'frU43eBnicate', 'FrU43eBnicate'], // Cyrillic o look-alike stays visible
    ['caf\u00E9', 'cafUe9', 'CafUe9'],
    ['', '', ''],
    ['--', '', ''],
    ['x\u0000y', 'xY', 'XY'],
    ['a*/b', 'aB', 'AB'],
  ])('%j → %s / %s', (wire, camel, pascal) => {
    expect(camelCase(wire)).toBe(camel);
    expect(pascalCase(wire)).toBe(pascal);
  });

  it('splits into ASCII words and spells out non-ASCII letters', () => {
    expect(splitWords('frob-\u0430widget')).toEqual(['frob', 'U430', 'widget']);
    expect(splitWords('\u{1D7D8}x')).toEqual(['U1d7d8', 'x']); // mathematical digit: a \p{N}
  });

  it('splits as character by character would (the ASCII shortcut included), on random names', () => {
    /** The walk splitWords makes of a name that is not all ASCII. */
    const byCharacter = (wire: string): string[] => {
      const words: string[] = [];
      let current = '';
      for (const ch of wire) {
        if (/[A-Za-z0-9]/.test(ch)) current += ch;
        else {
          if (current) words.push(current);
          current = '';
          if (/[\p{L}\p{N}]/u.test(ch)) words.push(`U${ch.codePointAt(0)!.toString(16)}`);
        }
      }
      if (current) words.push(current);
      return words;
    };
    const char = fc.oneof(fc.constantFrom('a', 'Z', '0', '9', '-', '_', '.', ' ', '\u0000', '\u007f', 'é', '\u0430', '\u00a0', '\u{1D7D8}'), fc.string({ maxLength: 1 }));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 10 }).map((cs) => cs.join('')), (wire) => {
        expect(splitWords(wire)).toEqual(byCharacter(wire));
      }),
      { numRuns: 1000 },
    );
    for (const wire of ['', '---', 'query-block', 'x-frob_widget2', '__org.example_frob']) expect(splitWords(wire)).toEqual(byCharacter(wire));
  });

  it('produces only ASCII identifier characters for any input', () => {
    const hostile = ['`${process.exit(1)}`', "a'b\"c", '\u2028x\u2029', 'constructor', '𝕩y', '1st', '$$', 'é'];
    for (const h of hostile) {
      expect(camelCase(h)).toMatch(/^[A-Za-z0-9]*$/);
      expect(pascalCase(h)).toMatch(/^[A-Za-z0-9]*$/);
    }
  });
});

describe('property keys', () => {
  it.each([
    ['device', false],
    ['cpu-index', true],
    ['tray_open', false],
    ['$ref', false],
    ['1st', true],
    ['', true],
    ['caf\u00E9', true],
    ["a'b", true],
  ])('%j needs quotes: %s', (name, quoted) => {
    expect(needsQuotes(name)).toBe(quoted);
    expect(isPlainIdentifier(name)).toBe(!quoted);
  });
});

const req = (key: string, ...parts: string[]): NameRequest => ({ key, parts, label: `command ${JSON.stringify(key)}` });

/** `key → name [rule, rule]` lines: easy to read and to diff. */
function table(results: ReturnType<typeof assignNames>): string[] {
  return results.map((r) => `${r.key} → ${r.name}${r.issues.length ? ` [${r.issues.map((i) => i.ruleId).join(', ')}]` : ''}`);
}

const METHOD_RESERVED = new Set([...JS_RESERVED, ...OBJECT_MEMBERS, ...CLIENT_MEMBERS]);

describe('assignNames', () => {
  it('cases and keeps distinct names as they are', () => {
    const out = assignNames([req('frob-widget', 'frob-widget'), req('reset_gizmo', 'reset_gizmo')], {
      case: 'camel',
      reserved: METHOD_RESERVED,
      fallback: 'unnamed',
    });
    expect(table(out)).toEqual(['frob-widget → frobWidget', 'reset_gizmo → resetGizmo']);
  });

  it.each([
    [['execute'], ['execute → execute_ [name-reserved]']],
    [['on'], ['on → on_ [name-reserved]']],
    [['constructor'], ['constructor → constructor_ [name-reserved]']],
    [['to-string'], ['to-string → toString_ [name-reserved]']],
    [['__proto__'], ['__proto__ → proto']],
    [['delete'], ['delete → delete_ [name-reserved]']],
    [['1frob'], ['1frob → _1frob [name-reserved]']],
    [['---'], ['--- → unnamed [name-reserved]']],
    [['fr\u043Eb'], ['fr\u043Eb → frU43eB [name-reserved]']],
  ])('adjusts %j', (wires, expected) => {
    const out = assignNames(
      wires.map((w) => req(w, w)),
      { case: 'camel', reserved: METHOD_RESERVED, fallback: 'unnamed' },
    );
    expect(table(out)).toEqual(expected);
  });

  it('makes colliding names unique with a numeric suffix, first one wins', () => {
    const out = assignNames([req('frob-widget', 'frob-widget'), req('frob_widget', 'frob_widget'), req('frob.widget', 'frob.widget')], {
      case: 'camel',
      reserved: METHOD_RESERVED,
      fallback: 'unnamed',
    });
    expect(table(out)).toEqual([
      'frob-widget → frobWidget',
      'frob_widget → frobWidget2 [name-collision]',
      'frob.widget → frobWidget3 [name-collision]',
    ]);
    expect(out[1]!.issues[0]!.reason).toContain('command "frob-widget"');
  });

  it('never gives a suffixed name that another request has as its own base', () => {
    // frob_widget would be frobWidget2, but that is frob-widget2's own name: it skips to 3
    const out = assignNames([req('a', 'frob-widget'), req('b', 'frob_widget'), req('c', 'frob-widget2')], {
      case: 'camel',
      reserved: new Set(),
      fallback: 'unnamed',
    });
    expect(table(out)).toEqual(['a → frobWidget', 'b → frobWidget3 [name-collision]', 'c → frobWidget2']);
  });

  it('treats names from an earlier batch as taken', () => {
    const out = assignNames([req('nested', 'frob-widget', 'Result')], {
      case: 'pascal',
      reserved: new Set(),
      taken: new Set(['FrobWidgetResult']),
      fallback: 'Unnamed',
    });
    expect(table(out)).toEqual(['nested → FrobWidgetResult2 [name-collision]']);
    expect(out[0]!.issues[0]!.reason).toContain('an earlier declaration');
  });

  it('composes parts: first part camel or Pascal, the rest Pascal', () => {
    const camel = assignNames([req('k', 'query-gizmo', 'x-y')], { case: 'camel', reserved: new Set(), fallback: 'u' });
    const pascal = assignNames([req('k', 'query-gizmo', 'Result', 'inner_thing')], { case: 'pascal', reserved: new Set(), fallback: 'U' });
    expect(camel[0]!.name).toBe('queryGizmoXY');
    expect(pascal[0]!.name).toBe('QueryGizmoResultInnerThing');
  });

  it('is independent of everything but request order, and deterministic', () => {
    const reqs = ['b', 'a', 'a', 'c', 'a'].map((w, i) => req(`${w}${i}`, w));
    const opts = { case: 'camel' as const, reserved: new Set<string>(), fallback: 'u' };
    expect(assignNames(reqs, opts)).toEqual(assignNames(reqs, opts));
    expect(table(assignNames(reqs, opts))).toEqual([
      'b0 → b',
      'a1 → a',
      'a2 → a2 [name-collision]',
      'c3 → c',
      'a4 → a3 [name-collision]',
    ]);
  });

  it('reports positions it was given', () => {
    const position = { file: 'cmds.txt', line: 12, column: 1 };
    const [r] = assignNames([{ key: 'k', parts: ['on'], label: 'command "on"', position }], {
      case: 'camel',
      reserved: METHOD_RESERVED,
      fallback: 'u',
    });
    expect(r!.position).toEqual(position);
  });
});
