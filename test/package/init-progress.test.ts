/**
 * `qmp-codegen init` (the scaffold) and the progress line, through the CLI's main() with
 * captured output. The packed-tarball run of the same is in package.test.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { scaffold, shellWord } from '../../generator/init.js';
import { progressLine, terminalSafe } from '../../generator/progress.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'qmp-init-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[], io: { stderrIsTTY?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd: tmp, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), ...io });
  return { code, stdout, stderr };
}

const DOC = ['widget-poke', '-----------', '', 'Poke the widget.', '', 'Arguments: None.', '', 'Example:', '', '-> { "execute": "widget-poke" }', '<- { "return": {} }', ''].join('\n');

describe('shellWord', () => {
  it.each([
    ['docs/qmp-commands.txt', 'docs/qmp-commands.txt'],
    ['@me/qmp', '@me/qmp'],
    ['my docs/a.txt', "'my docs/a.txt'"],
    ["it's", `'it'\\''s'`],
    ['$(rm -rf ~)', "'$(rm -rf ~)'"],
    ['a;b', "'a;b'"],
  ])('%j → %s', (input, expected) => expect(shellWord(input)).toBe(expected));
});

describe('qmp-codegen init', () => {
  it('scaffolds package.json scripts that generate, check and release the client', async () => {
    writeFileSync(path.join(tmp, 'cmds.txt'), DOC);
    const { code, stderr } = await run(['init', 'proj', '--commands', 'cmds.txt', '--package-name', '@me/qmp']);
    expect(stderr).toContain('next: cd proj && npm install && npm run generate');
    expect(code).toBe(0);
    const dir = path.join(tmp, 'proj');
    expect(readdirSync(dir).sort()).toEqual(['.gitignore', 'README.md', 'package.json']);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.scripts).toEqual({
      generate: 'qmp-codegen --commands ../cmds.txt --out client --package-name @me/qmp',
      check: 'qmp-codegen --commands ../cmds.txt --out client --package-name @me/qmp --check',
      release: 'npm run check && npm publish ./client',
    });
    expect(pkg.private).toBe(true);
    expect(Object.keys(pkg.devDependencies)).toEqual(['qmp-codegen']);
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toMatch(/^# `@me\/qmp`\n/);
  });

  it('without inputs, points the scripts at qemu-docs/ and explains what goes there', () => {
    const files = scaffold({ packageName: 'qmp-client', generatorVersion: '1.2.3' });
    expect(files.map((f) => f.path)).toEqual(['.gitignore', 'README.md', 'package.json', 'qemu-docs/README.md']);
    const pkg = JSON.parse(files.find((f) => f.path === 'package.json')!.contents);
    expect(pkg.scripts.generate).toBe('qmp-codegen --commands qemu-docs/qmp-commands.txt --events qemu-docs/qmp-events.txt --out client --package-name qmp-client');
    expect(pkg.devDependencies['qmp-codegen']).toBe('^1.2.3');
  });

  it('quotes hostile paths for the shell and escapes them in Markdown', () => {
    const files = scaffold({ commands: "d o c's/`x`*.txt", packageName: 'qmp-client', generatorVersion: '1.0.0' });
    const pkg = JSON.parse(files.find((f) => f.path === 'package.json')!.contents);
    expect(pkg.scripts.generate).toContain(`--commands 'd o c'\\''s/\`x\`*.txt'`);
    const readme = files.find((f) => f.path === 'README.md')!.contents;
    // an inline code span that contains a backtick is fenced with more backticks
    expect(readme).toContain("``d o c's/`x`*.txt``");
  });

  it('refuses a folder that is not empty (exit 2, nothing written)', async () => {
    mkdirSync(path.join(tmp, 'full'));
    writeFileSync(path.join(tmp, 'full', 'keep.txt'), 'mine');
    const { code, stderr } = await run(['init', 'full']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/full exists and is not empty/);
    expect(readdirSync(path.join(tmp, 'full'))).toEqual(['keep.txt']);
  });

  it('rejects an invalid package name as a usage error', async () => {
    const { code, stderr } = await run(['init', 'x', '--package-name', 'Not Valid']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/not a valid npm package name/);
  });

  it('names the folder as the package when it is a valid name', async () => {
    expect((await run(['init', 'vm-client'])).code).toBe(0);
    const pkg = JSON.parse(readFileSync(path.join(tmp, 'vm-client', 'package.json'), 'utf8'));
    expect(pkg.scripts.generate).toMatch(/--package-name vm-client$/);
  });
});

describe('progress', () => {
  it('writes nothing when disabled', () => {
    let out = '';
    const p = progressLine((t) => (out += t), false);
    p.step('x');
    p.done();
    expect(out).toBe('');
  });

  it('rewrites one line in place, escapes control characters, fits the width and clears it', () => {
    const writes: string[] = [];
    let t = 0;
    const p = progressLine((s) => writes.push(s), true, 60, () => t);
    p.step('reading a\u001b[31mb');
    t = 1500;
    p.step('x'.repeat(100));
    p.done();
    p.done();
    expect(writes[0]).toBe('\r\u001b[2Kqmp-codegen: reading a\\u001b[31mb (0.0 s)');
    expect(writes[1]!.startsWith('\r\u001b[2Kqmp-codegen: xxx')).toBe(true);
    expect(writes[1]!.length - '\r\u001b[2K'.length).toBe(59);
    expect(writes[1]!.endsWith('…')).toBe(true);
    expect(writes.slice(2)).toEqual(['\r\u001b[2K']);
    expect(terminalSafe('a\u2028b\u009b')).toBe('a\\u2028b\\u009b');
  });

  it('the CLI shows progress only when stderr is a terminal, and clears it before its summary', async () => {
    writeFileSync(path.join(tmp, 'doc.txt'), DOC);
    const args = ['--commands', 'doc.txt', '--emit', 'schema', '--out', 'p-out'];
    const plain = await run(args);
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toContain('\r');
    const tty = await run([...args.slice(0, -1), 'p-out2'], { stderrIsTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('qmp-codegen: reading 1 input(s)');
    expect(tty.stderr).toContain('generating schema from doc.txt');
    expect(tty.stderr).toMatch(/\r\u001b\[2Kqmp-codegen: \d+ file\(s\) in p-out2/);
    const quiet = await run([...args.slice(0, -1), 'p-out3', '-q'], { stderrIsTTY: true });
    expect(quiet.stderr).toBe('');
  });
});
