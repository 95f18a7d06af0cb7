import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import { parseSchemaText, plain } from '../../generator/read/qapi/parser.js';

function parse(text: string) {
  const file = new VFile({ path: 's.json', value: text });
  const out = parseSchemaText(text, 's.json', reporterFor(file));
  return { out, values: out.exprs.map((x) => plain(x.value)), diags: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) };
}

describe('QAPI schema language', () => {
  it.each([
    ['one expression', "{ 'command': 'ping' }", [{ command: 'ping' }], []],
    ['two expressions and comments', "# a comment\n{ 'enum': 'Colour', 'data': [ 'red', 'blue' ] } # trailing\n{ 'command': 'x', 'gen': false }", [{ enum: 'Colour', data: ['red', 'blue'] }, { command: 'x', gen: false }], []],
    ['missing comma between list items', "{ 'enum': 'E',\n  'data': [ 'a'\n            'b' ] }", [{ enum: 'E', data: ['a', 'b'] }], ['3:13 qapi-missing-comma']],
    ['missing comma between members', "{ 'struct': 'S', 'data': { 'a': 'str'\n 'b': 'int' } }", [{ struct: 'S', data: { a: 'str', b: 'int' } }], ['2:2 qapi-missing-comma']],
    ['trailing comma', "{ 'struct': 'S', 'data': { 'a': 'str', } }", [{ struct: 'S', data: { a: 'str' } }], ['1:38 qapi-trailing-comma']],
    ['tab between tokens (reported once)', "{\t'command':\t'a' }", [{ command: 'a' }], ['1:2 qapi-tab']],
    ['duplicate key', "{ 'command': 'a', 'command': 'b' }", [{ command: 'a' }], ['1:19 qapi-duplicate-key']],
    ['escaped quote in a string', "{ 'command': 'it\\'s' }", [{ command: "it's" }], []],
  ])('%s', (_name, text, values, diags) => {
    const r = parse(text);
    expect(r.values).toEqual(values);
    expect(r.diags).toEqual(diags);
  });

  it.each([
    ['unterminated string', "{ 'command': 'ping }\n{ 'command': 'ok' }", ['1:14 qapi-syntax'], [{ command: 'ok' }]],
    ['stray character, next expression still read', "{ 'command': 'a', 'data': { 'x': 12 } }\n{ 'command': 'b' }", ['1:34 qapi-syntax'], [{ command: 'b' }]],
    ['unclosed expression before the next one', "{ 'command': 'a',\n  'data': { 'x': 'str'\n{ 'command': 'b' }", ['3:1 qapi-syntax'], [{ command: 'b' }]],
    ['unclosed expression at the end', "{ 'command': 'a',\n  'data': {", ['2:12 qapi-syntax'], []],
    ['a bare word', "{ 'command': yes }", ['1:14 qapi-syntax'], []],
    ['a comma between expressions', "{ 'command': 'a' },\n{ 'command': 'b' }", ['1:19 qapi-syntax'], [{ command: 'a' }, { command: 'b' }]],
    ['deep nesting is bounded', `{ 'command': 'a', 'data': ${'['.repeat(100)}${']'.repeat(100)} }\n{ 'command': 'b' }`, ['1:90 qapi-syntax'], [{ command: 'b' }]],
  ])('broken input: %s → positioned error, never a throw', (_name, text, diags, values) => {
    const r = parse(text);
    expect(r.diags).toEqual(diags);
    expect(r.values).toEqual(values);
  });

  it('attaches the doc comment before an expression, and keeps free ones apart', () => {
    const r = parse("##\n# = A section\n##\n\n##\n# @ping:\n#\n# Checks.\n##\n{ 'command': 'ping' }\n");
    expect(r.out.exprs[0]!.doc!.lines.map((l) => l.text)).toEqual(['@ping:', '', 'Checks.']);
    expect(r.out.exprs[0]!.doc!.lines[0]).toMatchObject({ line: 6, column: 3 });
    expect(r.out.freeDocs.map((d) => d.lines[0]!.text)).toEqual(['= A section']);
  });

  it('keeps positions of keys and values', () => {
    const r = parse("\n  { 'struct': 'S',\n    'data': { '*opt': 'str' } }");
    const d = r.out.exprs[0]!.value;
    expect(d.pos).toEqual({ line: 2, column: 3 });
    const data = d.entries[1]!.value;
    expect(data.kind === 'dict' && data.entries[0]!.keyPos).toEqual({ line: 3, column: 15 });
  });
});
