/** The shell's line handling: words, `name=value` arguments, completion, endpoints. */
import { describe, expect, it } from 'vitest';
import { complete, endpointOf, parseArguments, splitWords } from '../../templates/runtime/shell.js';

describe('splitWords', () => {
  it.each([
    ['stop', ['stop']],
    ['  a   b  ', ['a', 'b']],
    [`hmp command-line="info version"`, ['hmp', 'command-line=info version']],
    [`x a='b c' d=""`, ['x', 'a=b c', 'd=']],
  ])('%s', (line, words) => expect(splitWords(line)).toEqual(words));
});

describe('parseArguments', () => {
  it.each([
    [[], undefined],
    [['device=disk0', 'size=1024'], { device: 'disk0', size: 1024 }],
    [['on=true', 'list=[1,2]', 'obj={"a":1}', 'text=007x'], { on: true, list: [1, 2], obj: { a: 1 }, text: '007x' }],
    [['a.b=1', 'a.c=x'], { a: { b: 1, c: 'x' } }],
    [['quoted="1"'], { quoted: '1' }],
  ])('%j', (tokens, args) => expect(parseArguments(tokens)).toEqual(args));

  it.each([['noequals'], ['=value']])('rejects %s', (token) => {
    expect(() => parseArguments([token])).toThrow(/Expected name=value/);
  });
});

describe('complete', () => {
  const commands = ['query-status', 'query-version', 'stop', 'block_resize'];
  const args = { block_resize: ['device', 'node-name', 'size'] };
  it.each([
    ['query-s', [['query-status '], 'query-s']],
    ['query-', [['query-status', 'query-version'], 'query-']],
    ['', [['block_resize', 'exit', 'help', 'query-status', 'query-version', 'stop'], '']],
    ['block_resize ', [['device=', 'node-name=', 'size='], '']],
    ['block_resize device=x s', [['size='], 's']],
    ['block_resize device=x ', [['node-name=', 'size='], '']],
    ['block_resize size=1', [[], 'size=1']],
    ['stop ', [[], '']],
    ['help query-v', [['query-version'], 'query-v']],
  ])('%j', (line, expected) => expect(complete(line, commands, args)).toEqual(expected));
});

describe('endpointOf', () => {
  it.each([
    ['/run/vm.qmp', { path: '/run/vm.qmp' }],
    ['vm.qmp', { path: 'vm.qmp' }],
    ['localhost:4444', { host: 'localhost', port: 4444 }],
    [':4444', { host: 'localhost', port: 4444 }],
    ['./dir:1/x', { path: './dir:1/x' }],
  ])('%s', (target, endpoint) => expect(endpointOf(target)).toEqual(endpoint));
});
