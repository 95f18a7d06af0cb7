import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
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
