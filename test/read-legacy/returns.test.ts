import { describe, expect, it } from 'vitest';
import { command, doc, only, parse, shape } from './helpers.js';

const RETURN_RULES = ['returns-inferred', 'returns-array-from-example', 'returns-conflict', 'return-members-unattached', 'members-unlabelled', 'members-variant', 'argument-type-inferred', 'arguments-inferred'];

function cmd(name: string, ...body: string[]) {
  return doc(name, '-'.repeat(name.length), '', ...body);
}

describe('return values', () => {
  const cases: { name: string; text: string; returns: unknown; diags?: string[] }[] = [
    {
      name: 'Return a json-object with the following information',
      text: cmd('query-top', 'Describe the top.', '', 'Return a json-object with the following information:', '', '- "rpm": turns per minute (json-int)', '- "colour": its colour (json-string, optional)'),
      returns: { object: { rpm: 'int', 'colour?': 'string' } },
    },
    {
      name: 'the returned value is a json-array + Each json-object contains',
      text: cmd(
        'query-tops',
        'List the tops.',
        '',
        'Each top is described by a json-object, the returned value is a json-array',
        'of all tops.',
        '',
        'Each json-object contains the following:',
        '',
        '- "name": its name (json-string)',
        '- "parts": a json-array of its parts',
        '',
        'Parts are described by a json-object, each one contains the following:',
        '',
        '- "kind": kind of part (json-string)',
      ),
      returns: [{ object: { name: 'string', parts: [{ object: { kind: 'string' } }] } }],
    },
    {
      name: 'nested object by indentation only',
      text: cmd(
        'query-top',
        'Return a json-object with the following information:',
        '',
        '- "axis": only present if it tilts, it is a json-object',
        '   containing the following:',
        '         - "x": x part (json-number)',
        '         - "y": y part (json-number)',
        '- "rpm": turns (json-int)',
      ),
      returns: { object: { 'axis?': { object: { x: 'number', y: 'number' } }, rpm: 'int' } },
    },
    {
      name: 'enumerated values under a member',
      text: cmd('query-top', 'Return a json-object with the following information:', '', '- "state": one of the following values (json-string)', '    "spinning" - it spins', '    "wobbling" - it wobbles', '    and is about to fall', '    "still" - it lies still'),
      returns: { object: { state: { enum: ['spinning', 'wobbling', 'still'] } } },
    },
    {
      name: 'Returns: Nothing on success',
      text: cmd('spin-top', 'Spin it.', '', 'Arguments: None.', '', 'Returns: Nothing on success', '', 'Example:', '', '-> { "execute": "spin-top" }', '<- { "return": {} }'),
      returns: undefined,
    },
    {
      name: 'return described only by the example',
      text: cmd('query-top', 'Describe the top.', '', 'Example:', '', '-> { "execute": "query-top" }', '<- { "return": [ { "rpm": 3 }, { "rpm": 4, "tilt": 0.5 } ] }'),
      // known only from the example: nothing required, further members allowed
      returns: [{ object: { 'rpm?': 'int', 'tilt?': 'number' }, open: true }],
      diags: ['9:4 returns-inferred'],
    },
    {
      name: 'one object described, the example returns an array of them',
      text: cmd('query-tops', 'Each json-object contains the following:', '', '- "rpm": turns (json-int)', '', 'Example:', '', '-> { "execute": "query-tops" }', '<- { "return": [ { "rpm": 3 } ] }'),
      returns: [{ object: { rpm: 'int' } }],
      diags: ['11:4 returns-array-from-example'],
    },
    {
      name: 'an object described, the example returns a number',
      text: cmd('query-size', 'Return a json-object with the following information:', '- "size" : json-int', '', 'Example:', '', '-> { "execute": "query-size" }', '<- { "return": 42 }'),
      returns: 'int',
      diags: ['10:4 returns-conflict'],
    },
    {
      name: 'machine-dependent members under a nameless item',
      text: cmd('query-cores', 'Return a json-object with the following information:', '', '- "id": core id (json-int)', '- The register holding the position depends on the machine:', '     "ip": machine A (json-int)', '     "pc" and "npc": machine B (json-int)'),
      returns: { object: { id: 'int', 'ip?': 'int', 'pc?': 'int', 'npc?': 'int' } },
      diags: ['7:3 members-variant'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = parse(c.text);
      const name = r.model.commands[0]!.name;
      const ret = command(r.model, name).returns;
      expect(ret ? shape(ret) : undefined).toEqual(c.returns);
      expect(only(r.diags, ...RETURN_RULES)).toEqual(c.diags ?? []);
    });
  }
});

describe('documented members reconciled with the example values', () => {
  it('members a reply leaves out (even an empty reply) are optional', () => {
    const r = parse(
      cmd('query-top', 'Return a json-object with the following information:', '', '- "rpm": turns (json-int)', '- "axis": a json-object containing:', '    - "x": x part (json-number)', '    - "y": y part (json-number)', '', 'Example:', '', '-> { "execute": "query-top" }', '<- { "return": {} }', '-> { "execute": "query-top" }', '<- { "return": { "rpm": 1, "axis": { "x": 0.5 } } }'),
    );
    expect(shape(command(r.model, 'query-top').returns!)).toEqual({ object: { 'rpm?': 'int', 'axis?': { object: { x: 'number', 'y?': 'number' } } } });
    expect(only(r.diags, 'argument-optional-from-example')).toEqual(['6:3 argument-optional-from-example', '7:3 argument-optional-from-example', '9:7 argument-optional-from-example']);
  });

  it('a structure the example contradicts takes the example shape', () => {
    const r = parse(
      cmd('press-keys', 'Press keys.', '', 'Arguments:', '', 'keys array:', '    - "key": one key (json-string)', '', 'Example:', '', '-> { "execute": "press-keys", "arguments": { "keys": [ "a", "b" ] } }', '<- { "return": {} }'),
    );
    expect(shape(command(r.model, 'press-keys').arguments)).toEqual({ object: { keys: ['string'] } });
    expect(only(r.diags, 'member-type-from-example')).toEqual(['8:1 member-type-from-example']);
  });

  it('says how shapes differ when both are arrays of objects (never "X but the example shows X")', () => {
    const r = parse(
      cmd('press-keys', 'Press keys.', '', 'Arguments:', '', 'keys array:', '    - "key": one key (json-string)', '', 'Example:', '', '-> { "execute": "press-keys", "arguments": { "keys": [ { "kind": "letter", "value": "a" } ] } }', '<- { "return": {} }'),
    );
    expect(only(r.diags, 'member-type-from-example')).toEqual(['8:1 member-type-from-example']);
    const said = r.messages.find((m) => m.startsWith('member-type-from-example'))!;
    expect(said).toContain('documented as array of object with "key" but the example shows array of object with "kind", "value"');
    const [, a, b] = /documented as (.*) but the example shows (.*); /.exec(said)!;
    expect(a).not.toBe(b);
  });
});

describe('unlabelled member lists', () => {
  it('become the arguments of a non-query command', () => {
    const r = parse(cmd('set-top-params', 'Set parameters.', '', '- "rpm": target turns (json-int)', '', 'Arguments:', '', 'Example:', '', '-> { "execute": "set-top-params", "arguments": { "rpm": 5 } }', '<- { "return": {} }'));
    expect(shape(command(r.model, 'set-top-params').arguments)).toEqual({ object: { rpm: 'int' } });
    expect(only(r.diags, ...RETURN_RULES)).toEqual(['6:1 members-unlabelled']);
  });

  it('that contradict the example give way to it', () => {
    const r = parse(cmd('set-top-flags', 'Set flags.', '', '- "wobble": allow wobbling', '', 'Arguments:', '', 'Example:', '', '-> { "execute": "set-top-flags", "arguments": { "flags": [ "wobble" ] } }', '<- { "return": {} }'));
    expect(shape(command(r.model, 'set-top-flags').arguments)).toEqual({ object: { 'flags?': ['string'] }, open: true });
    expect(command(r.model, 'set-top-flags').arguments.members.map((m) => m.evidence)).toEqual(['example']);
    expect(only(r.diags, 'arguments-inferred')).toEqual(['12:4 arguments-inferred']);
  });

  it('undocumented arguments are taken from the example: optional, marked, the object open', () => {
    const some = parse(cmd('query-tops', 'Describe all tops (or only the given top).', '', 'Example:', '', '-> { "execute": "query-tops", "arguments": { "name": "t1" } }', '<- { "return": {} }'));
    expect(shape(command(some.model, 'query-tops').arguments)).toEqual({ object: { 'name?': 'string' }, open: true });
    expect(only(some.diags, 'arguments-inferred')).toEqual(['8:4 arguments-inferred']);
    // Two examples passing the same member still do not make it required.
    const two = parse(
      cmd('set-top', 'Set the top.', '', 'Example:', '', '-> { "execute": "set-top", "arguments": { "name": "t1", "spin": { "rpm": 3 } } }', '<- { "return": {} }', '', '-> { "execute": "set-top", "arguments": { "name": "t2" } }', '<- { "return": {} }'),
    );
    const args = command(two.model, 'set-top').arguments;
    expect(shape(args)).toEqual({ object: { 'name?': 'string', 'spin?': { object: { 'rpm?': 'int' }, open: true } }, open: true });
    expect(args.members.map((m) => m.evidence)).toEqual(['example', 'example']);
  });
});
