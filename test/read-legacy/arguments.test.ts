import { describe, expect, it } from 'vitest';
import { command, doc, only, parse, shape } from './helpers.js';

/** One command whose Arguments: block is `lines`; the example passes nothing. */
function withArgs(...lines: string[]) {
  return parse(
    doc(
      'frob-widget',
      '-----------',
      '',
      'Frobnicate the widget.',
      '',
      'Arguments:',
      '',
      ...lines,
      '',
      'Example:',
      '',
      '-> { "execute": "frob-widget" }',
      '<- { "return": {} }',
    ),
  );
}

describe('argument line shapes', () => {
  const cases: { name: string; lines: string[]; expect: Record<string, unknown>; extra?: (m: ReturnType<typeof withArgs>) => void }[] = [
    { name: 'quoted name, type group with optional', lines: ['- "knob": which knob to turn (json-string, optional)'], expect: { 'knob?': 'string' } },
    { name: 'type on a continuation line', lines: ['- "count": how many times to turn it, which can be', '           rather large (json-int)'], expect: { count: 'int' } },
    { name: 'unquoted name', lines: ['- speed: turning speed (json-number)'], expect: { speed: 'number' } },
    { name: 'unquoted name, type on the next line', lines: ['- dry-run: only pretend', '           (json-bool, optional)'], expect: { 'dry-run?': 'bool' } },
    { name: '(optional) before the text', lines: ['- "label": (optional) a label to stick on it'], expect: { 'label?': 'any' } },
    { name: 'optional as the first word', lines: ['- "colour": optional paint colour (json-string)'], expect: { 'colour?': 'string' } },
    { name: 'type group among prose groups', lines: ['- "path": where it sits (tree path, json-string, optional)'], expect: { 'path?': 'string' } },
    { name: 'typo json_string', lines: ['- "owner": who owns it (json_string)'], expect: { owner: 'string' } },
    { name: 'bare int', lines: ['- "step": step size (int, optional)'], expect: { 'step?': 'int' } },
    { name: 'json-dict', lines: ['- "extras": more settings (optional, json-dict)'], expect: { 'extras?': { object: {}, open: true } } },
    { name: 'json-array of json-objects', lines: ['- "parts": the parts (json-array of json-objects)'], expect: { parts: [{ object: {}, open: true }] } },
    { name: 'bracket enum', lines: ['- "mode": [ gentle | firm | brutal ] (json-string)'], expect: { mode: { enum: ['gentle', 'firm', 'brutal'] } } },
    { name: 'alternatives in the type group', lines: ['- "side": which side (json-string, "left" or "right")'], expect: { side: { enum: ['left', 'right'] } } },
    { name: 'one of quoted values', lines: ['- "grip": grip style (one of \'loose\', \'tight\')'], expect: { grip: { enum: ['loose', 'tight'] } } },
    {
      name: 'Possible values sub-item with a default',
      lines: ['- "finish": surface finish (json-string, optional)', '            - Possible values: "matte" (default), "gloss"'],
      expect: { 'finish?': { enum: ['matte', 'gloss'] } },
      extra: (r) => expect(command(r.model, 'frob-widget').arguments.members[0]!.default).toBe('matte'),
    },
    {
      name: 'default in the type group makes it optional',
      lines: ['- "retries": how often to retry (json-int, default 3)'],
      expect: { 'retries?': 'int' },
      extra: (r) => expect(command(r.model, 'frob-widget').arguments.members[0]!.default).toBe(3),
    },
    {
      name: 'known QAPI type name with a quoted default',
      lines: ['- "on-error": what to do on failure', '              (BlockdevOnError, optional, default \'report\')'],
      expect: { 'on-error?': { ref: 'BlockdevOnError' } },
      extra: (r) => {
        expect(command(r.model, 'frob-widget').arguments.members[0]!.default).toBe('report');
        expect(r.model.types.map((t) => `${t.kind} ${t.name}`)).toEqual(['enum BlockdevOnError']);
      },
    },
    {
      name: 'since and deprecated groups',
      lines: ['- "old-knob": the previous knob (deprecated, use knob instead)', '              (json-string, optional) (Since 1.5)'],
      expect: { 'old-knob?': 'string' },
      extra: (r) => {
        const m = command(r.model, 'frob-widget').arguments.members[0]!;
        expect(m.deprecated).toBe(true);
        expect(m.since).toBe('1.5');
        expect(m.description).toBe('the previous knob');
      },
    },
    { name: 'bare type after the colon', lines: ['- "size" : json-int'], expect: { size: 'int' } },
    { name: 'device properties line opens the object', lines: ['- "driver": which driver (json-string)', '- device properties'], expect: { driver: 'string' } },
    {
      name: 'array sub-heading',
      lines: ['parts array:', '    - "part": one part (json-string)', '', '- "glue": glue to use (json-string, optional)'],
      expect: { parts: [{ object: { part: 'string' } }], 'glue?': 'string' },
    },
    {
      name: 'lazy continuation at column 1 joins the description',
      lines: ['- "file": where to write the', 'result, see the manual (json-string)'],
      expect: { file: 'string' },
      extra: (r) => expect(command(r.model, 'frob-widget').arguments.members[0]!.description).toBe('where to write the result, see the manual'),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = withArgs(...c.lines);
      const cmd = command(r.model, 'frob-widget');
      expect(shape(cmd.arguments)).toMatchObject({ object: c.expect });
      expect(Object.keys((shape(cmd.arguments) as { object: object }).object)).toEqual(Object.keys(c.expect));
      c.extra?.(r);
    });
  }

  it('records open objects', () => {
    const r = withArgs('- "driver": which driver (json-string)', '- device properties');
    expect(command(r.model, 'frob-widget').arguments.open).toBe(true);
  });

  it('Arguments: None. is stated and empty; no Arguments: is not stated', () => {
    const r = parse(doc('a-cmd', '-----', '', 'Do a.', '', 'Arguments: None.', '', 'b-cmd', '-----', '', 'Do b.'));
    expect(command(r.model, 'a-cmd').argumentsStated).toBe(true);
    expect(command(r.model, 'b-cmd').argumentsStated).toBe(false);
    expect(command(r.model, 'b-cmd').arguments).toEqual({ kind: 'object', members: [], open: false });
  });
});

describe('argument diagnostics', () => {
  const cases: { name: string; lines: string[]; example?: string; diags: string[]; type?: unknown }[] = [
    {
      name: 'missing type, shown by the example',
      lines: ['- "level": how far to turn it'],
      example: '-> { "execute": "frob-widget", "arguments": { "level": 7 } }',
      diags: ['8:3 argument-type-inferred'],
      type: { level: 'int' },
    },
    { name: 'missing type, no example value', lines: ['- "level": how far to turn it'], diags: ['8:3 argument-type-missing'], type: { level: 'any' } },
    { name: 'item naming nothing', lines: ['- "a": first (json-int)', '- remember to oil it first'], diags: ['9:3 argument-unparsed'], type: { a: 'int' } },
    { name: 'unknown QAPI type', lines: ['- "shape": the outline (WidgetShape)'], diags: ['8:3 type-unknown'], type: { shape: 'any' } },
    { name: 'loose spelling', lines: ['- "shape": the outline (josn-string)'], diags: ['8:3 type-spelling'], type: { shape: 'string' } },
    {
      name: 'required argument left out by the example',
      lines: ['- "a": first (json-int)', '- "b": second (json-int)'],
      example: '-> { "execute": "frob-widget", "arguments": { "a": 1 } }',
      diags: ['9:3 argument-optional-from-example'],
      type: { a: 'int', 'b?': 'int' },
    },
    { name: 'duplicate member', lines: ['- "a": first (json-int)', '- "a": again (json-int)'], diags: ['9:3 member-duplicate'], type: { a: 'int' } },
    {
      name: 'device and node-name both required, the example passes only device: both optional',
      lines: ['- "device": the disk (json-string)', '- "node-name": the node of the disk (json-string)', '- "size": how big (json-int)'],
      example: '-> { "execute": "frob-widget", "arguments": { "device": "d0", "size": 1 } }',
      diags: ['9:3 argument-optional-from-example', '8:3 arguments-alternatives'],
      type: { 'device?': 'string', 'node-name?': 'string', size: 'int' },
    },
    {
      name: 'the example passes only node-name: device optional too',
      lines: ['- "device": the disk (json-string)', '- "node-name": the node of the disk (json-string)'],
      example: '-> { "execute": "frob-widget", "arguments": { "node-name": "n0" } }',
      diags: ['8:3 argument-optional-from-example', '9:3 arguments-alternatives'],
      type: { 'device?': 'string', 'node-name?': 'string' },
    },
    {
      name: 'node-name marked optional by the text (another meaning): device stays required',
      lines: ['- "device": the disk (json-string)', '- "node-name": the name of a new node (json-string, optional)'],
      example: '-> { "execute": "frob-widget", "arguments": { "device": "d0" } }',
      diags: [],
      type: { device: 'string', 'node-name?': 'string' },
    },
    {
      name: 'the example passes both: both stay required',
      lines: ['- "device": the disk (json-string)', '- "node-name": the node of the disk (json-string)'],
      example: '-> { "execute": "frob-widget", "arguments": { "device": "d0", "node-name": "n0" } }',
      diags: [],
      type: { device: 'string', 'node-name': 'string' },
    },
    {
      name: 'other names are not alternatives',
      lines: ['- "disk": the disk (json-string)', '- "node-name": the node of the disk (json-string)'],
      example: '-> { "execute": "frob-widget", "arguments": { "disk": "d0" } }',
      diags: ['9:3 argument-optional-from-example'],
      type: { disk: 'string', 'node-name?': 'string' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = parse(
        doc('frob-widget', '-----------', '', 'Frobnicate.', '', 'Arguments:', '', ...c.lines, '', 'Example:', '', c.example ?? '-> { "execute": "frob-widget" }', '<- { "return": {} }'),
      );
      expect(only(r.diags, 'argument-type-inferred', 'argument-type-missing', 'argument-unparsed', 'type-unknown', 'type-spelling', 'member-duplicate', 'argument-optional-from-example', 'arguments-alternatives')).toEqual(c.diags);
      expect((shape(command(r.model, 'frob-widget').arguments) as { object: unknown }).object).toEqual(c.type);
    });
  }
});
