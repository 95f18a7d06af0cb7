/**
 * Second pass on text and names, through the real CLI: terminal control and bidi characters
 * from the input never reach the terminal or the Markdown raw; argument names that are
 * Object.prototype members give a client that type-checks (or a clear diagnostic), and a
 * U+2028 in the input is reported where it is.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { terminalSafe } from '../../generator/diagnostics/terminal.js';
import { packageCompilerOptions, typecheck } from '../typescript/helpers.js';

const parent = mkdtempSync(path.join(tmpdir(), 'qmp-rel-escape-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd: parent, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

describe('terminal and Markdown escaping', () => {
  it.each([
    ['\u001b]0;owned\u0007', '\\u{1b}]0;owned\\u{7}'],
    ['\u001b[2J\u001b[H', '\\u{1b}[2J\\u{1b}[H'],
    ['a\u202Eb\u2066c', 'a\\u{202e}b\\u{2066}c'],
    ['\u0085\u009b31m', '\\u{85}\\u{9b}31m'],
    ['tab\tnew\nline', 'tab\\u{9}new\\u{a}line'],
    ['plain ü 命', 'plain ü 命'],
  ])('terminalSafe(%j) = %j', (raw, shown) => {
    expect(terminalSafe(raw)).toBe(shown);
  });

  it('a heading with ESC/BEL sequences and bidi overrides: diagnostics and pages carry none raw', async () => {
    const hostile = 'Frob \u001b]0;owned\u0007\u001b[2J the \u202Ewidget\u202C';
    const doc = [
      '1. Regular Commands', '===================', '',
      hostile, '-'.repeat(20), '',
      `Frobs it, says \u001b[31mred\u001b[0m and \u2067reversed\u2069.`, '',
      'Arguments: None.', '',
      'Example:', '',
      '-> { "execute": "frob-widget" }', '<- { "return": {} }', '',
    ].join('\n');
    writeFileSync(path.join(parent, 'esc.txt'), doc);
    for (const format of ['text', 'json']) {
      const r = await run(['-c', 'esc.txt', '-o', `esc-${format}`, '--format', format]);
      expect(r.code).toBe(0);
      // JSON: the messages as a tool reads them (JSON.parse undoes JSON's own escaping)
      const all = format === 'json' ? (JSON.parse(r.stdout) as Array<{ message: string }>).map((m) => m.message).join('\n') + r.stderr : r.stdout + r.stderr;
      expect(all).toMatch(/\\u\{1b\}\]0;owned\\u\{7\}/); // the heading is quoted, visibly
      expect(all).not.toMatch(RAW);
    }
    const pages = readdirSync(path.join(parent, 'esc-text/docs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    let sawEscape = false;
    for (const e of pages) {
      const text = readFileSync(path.join(e.parentPath, e.name), 'utf8');
      expect(text, e.name).not.toMatch(RAW);
      if (/\\u\{1b\}\\?\[31mred/.test(text)) sawEscape = true;
    }
    expect(sawEscape).toBe(true);
  }, 120_000);
});

describe('usage errors quote what was typed, escaped', () => {
  it.each([
    [['--emit', 'schema,\u001b]0;owned\u0007']],
    [['--format', '\u001b[2J']],
    [['--package-name', 'x\u202Ey']],
  ])('%j', async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(RAW);
  });
});

describe('argument names that are Object.prototype members, and U+2028', () => {
  it('optional toString/valueOf, required constructor: the client type-checks with plain object literals; __proto__ is diagnosed', async () => {
    const doc = [
      '1. Regular Commands', '===================', '',
      'frob-widget', '-----------', '',
      'Frobs it.', '',
      'Arguments:', '',
      '- "constructor": who builds it (json-string)',
      '- "toString": how it reads (json-int, optional)',
      '- "valueOf": what it is worth (json-int, optional)',
      '- "__proto__": its ancestor (json-string, optional)', '',
      'Example:', '',
      '-> { "execute": "frob-widget", "arguments": { "constructor": "me" } }', '<- { "return": {} }', '',
    ].join('\n');
    writeFileSync(path.join(parent, 'proto.txt'), doc);
    const r = await run(['-c', 'proto.txt', '-o', 'proto', '--emit', 'typescript']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/member "__proto__" of .*computed key.*name-proto-member/);
    const out = path.join(parent, 'proto');
    writeFileSync(
      path.join(out, 'src', 'use.ts'),
      [
        "import type { Qmp, FrobWidgetArgs } from './index.js';",
        "export const a: FrobWidgetArgs = { constructor: 'me' };",
        "export const b: FrobWidgetArgs = { constructor: 'me', toString: 1, valueOf: 2 };",
        "export const c: FrobWidgetArgs = { constructor: 'me', ['__proto__']: 'x' };",
        "export const wire: string = JSON.stringify(c);",
        "export async function go(qmp: Qmp): Promise<void> { await qmp.frobWidget({ constructor: 'me' }); }",
        '',
      ].join('\n'),
    );
    const options = { ...packageCompilerOptions(readFileSync(path.join(out, 'tsconfig.json'), 'utf8')), strict: true, noEmit: true };
    expect(typecheck([path.join(out, 'src', 'use.ts')], options, out)).toEqual([]);
    expect(JSON.stringify({ constructor: 'me', ['__proto__']: 'x' })).toBe('{"constructor":"me","__proto__":"x"}');
  }, 120_000);

  it('U+2028 in an argument name is reported at its line and column, not lost silently', async () => {
    const doc = ['1. Regular Commands', '===================', '', 'frob-widget', '-----------', '', 'Frobs it.', '', 'Arguments:', '', '- "odd\u2028name": a name (json-string)', ''].join('\n');
    writeFileSync(path.join(parent, 'ls.txt'), doc);
    const r = await run(['-c', 'ls.txt', '-o', 'ls', '--emit', 'model', '--format', 'json']);
    const rows = JSON.parse(r.stdout) as Array<{ ruleId: string; line: number; column: number; message: string }>;
    expect(rows).toContainEqual(expect.objectContaining({ ruleId: 'input-line-separator', line: 11, column: 7 }));
  }, 60_000);
});
