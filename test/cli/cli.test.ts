import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstReplacement, main } from '../../generator/cli.js';
import { RULES } from '../../generator/diagnostics/rules.js';

/** A tiny commands document in the legacy format (the project's own words). */
const DOC = [
  '1. Regular Commands',
  '===================',
  '',
  'frob-widget',
  '-----------',
  '',
  'Frob the widget once.',
  '',
  'Arguments: None.',
  '',
  'Example:',
  '',
  '-> { "execute": "frob-widget" }',
  '<- { "return": {} }',
  '',
].join('\n');

async function run(argv: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('cli usage', () => {
  it('--help documents every option and the exit codes', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const opt of ['--commands', '--events', '--out', '--emit', '--package-name', '--format', '--frail', '--quiet', '--check', '--list-rules', '--version']) {
      expect(stdout).toContain(opt);
    }
    expect(stdout).toMatch(/Exit codes: 0 .*1 .*2 usage/);
  });

  it.each([
    [['--emit', 'pdf', '--commands', 'x', '--out', 'o'], /unknown output kind "pdf"/],
    [['--format', 'xml'], /Allowed choices are text, json/],
    [['--no-such-option'], /unknown option/],
    [['--commands', 'x.txt'], /--out <dir> is required/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('--list-rules prints the whole catalogue', async () => {
    const { code, stdout } = await run(['--list-rules']);
    expect(code).toBe(0);
    for (const id of Object.keys(RULES)) expect(stdout).toMatch(new RegExp(`^${id} +(error|warning|info) `, 'm'));
  });
});

describe('cli diagnostics', () => {
  it('an unreadable input is an error with a rule id, and nothing is written', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'qmp-cli-'));
    const { code, stderr } = await run(['--commands', 'missing.txt', '--out', 'out'], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/missing\.txt/);
    expect(stderr).toMatch(/error +Cannot read input.*input-unreadable/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('--format json reports machine-readable rows', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'qmp-cli-'));
    const { code, stdout } = await run(['--commands', 'missing.txt', '--out', 'out', '--format', 'json'], dir);
    expect(code).toBe(1);
    const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      expect.objectContaining({ file: 'missing.txt', severity: 'error', ruleId: 'input-unreadable', source: 'qmp-codegen' }),
    ]);
  });

  it('invalid UTF-8 is a warning, not a crash; --frail turns it into exit 1', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'qmp-cli-'));
    await writeFile(path.join(dir, 'cmds.txt'), Buffer.concat([Buffer.from(DOC), Buffer.from([0x0a, 0xff, 0xfe, 0x0a])]));
    const ok = await run(['--commands', 'cmds.txt', '--out', 'out', '--emit', 'model', '--format', 'json'], dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toContainEqual(expect.objectContaining({ ruleId: 'input-encoding', severity: 'warning' }));
    const frail = await run(['--commands', 'cmds.txt', '--out', 'out2', '--emit', 'model', '--frail', '--quiet'], dir);
    expect(frail.code).toBe(1);
  });

  it('--check reports drift without writing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'qmp-cli-'));
    await writeFile(path.join(dir, 'cmds.txt'), DOC);
    const before = await run(['--commands', 'cmds.txt', '--out', 'out', '--emit', 'model', '--check', '--quiet'], dir);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/model\.json \(missing\)/);
    expect(await readdir(dir)).toEqual(['cmds.txt']);
    expect((await run(['--commands', 'cmds.txt', '--out', 'out', '--emit', 'model', '--quiet'], dir)).code).toBe(0);
    expect((await run(['--commands', 'cmds.txt', '--out', 'out', '--emit', 'model', '--check', '--quiet'], dir)).code).toBe(0);
  });
});

describe('firstReplacement: where invalid UTF-8 first is, as line:col of the decoded text', () => {
  const cases: Array<[string, number[], { line: number; column: number } | undefined]> = [
    ['a stray byte', [0x61, 0x62, 0xff, 0x63], { line: 1, column: 3 }],
    ['on the second line', [0x61, 0x0a, 0xfe], { line: 2, column: 1 }],
    ['after CRLF and a lone CR', [0x61, 0x0d, 0x0a, 0x62, 0x0d, 0x63, 0x64, 0x80], { line: 3, column: 3 }],
    ['after a two-byte character', [0xc3, 0xa9, 0xff], { line: 1, column: 2 }],
    ['after a character outside the BMP (two UTF-16 units)', [0xf0, 0x9f, 0x98, 0x80, 0xff], { line: 1, column: 3 }],
    ['a truncated sequence at the end', [0x61, 0xc3], { line: 1, column: 2 }],
    ['a U+FFFD spelled correctly is skipped', [0xef, 0xbf, 0xbd, 0x0a, 0x78, 0xef, 0xbf, 0xbd, 0xff], { line: 2, column: 3 }],
    ['only correct U+FFFDs', [0xef, 0xbf, 0xbd, 0x61], undefined],
    ['valid text', [0x61, 0x62], undefined],
  ];
  it.each(cases)('%s', (_, bytes, expected) => {
    const buf = Uint8Array.from(bytes);
    expect(firstReplacement(new TextDecoder('utf-8').decode(buf), buf)).toEqual(expected);
  });
});
