/**
 * Second pass on the output folder, through the real CLI: symlinks below --out, a project
 * folder qmp-codegen did not make, names too long for the file system, a full disk, two runs
 * at once, the current folder, and the one-line reason of every failing exit.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main, userCwd } from '../../generator/cli.js';
import { MANIFEST } from '../../generator/write/atomic.js';
import { ROOT } from './harness.js';

const parent = mkdtempSync(path.join(tmpdir(), 'qmp-rel-outdir-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** A commands document in our own words; `names` are the commands. */
function doc(names: readonly string[], note = 'Frob it once.'): string {
  const out = ['1. Regular Commands', '===================', ''];
  for (const name of names) {
    out.push(name, '-'.repeat(Math.max(3, name.length)), '', note, '', 'Arguments: None.', '', 'Example:', '', `-> { "execute": ${JSON.stringify(name)} }`, '<- { "return": {} }', '');
  }
  return out.join('\n');
}

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function tree(d: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(d, { recursive: true, withFileTypes: true })) {
    const abs = path.join(e.parentPath, e.name);
    if (e.isFile()) out[path.relative(d, abs)] = readFileSync(abs, 'utf8');
  }
  return out;
}

function fresh(name: string, files: Record<string, string> = {}): string {
  const dir = path.join(parent, name);
  mkdirSync(dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('output folder (CLI)', () => {
  it('a symlink below --out: refused with output-symlink, nothing written outside', async () => {
    const dir = fresh('symlink', { 'cmds.txt': doc(['frob-widget']) });
    expect((await run(['-c', 'cmds.txt', '-o', 'out', '--emit', 'markdown,model', '-q'], dir)).code).toBe(0);
    mkdirSync(path.join(dir, 'elsewhere'));
    rmSync(path.join(dir, 'out/docs'), { recursive: true });
    symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'out/docs'));
    writeFileSync(path.join(dir, 'cmds.txt'), doc(['frob-widget', 'halt-all']));
    const r = await run(['-c', 'cmds.txt', '-o', 'out', '--emit', 'markdown,model', '-q'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/symbolic link.*output-symlink/);
    expect(r.stderr).toMatch(/^qmp-codegen: 1 error\(s\); nothing was written$/m);
    expect(readdirSync(path.join(dir, 'elsewhere'))).toEqual([]);
  }, 120_000);

  it('a project folder with files and no manifest: refused unless --force; its own files survive', async () => {
    const project = { 'package.json': '{"name":"my-app"}', 'README.md': '# mine', 'src/index.ts': 'export const mine = 1;\n' };
    const dir = fresh('foreign', { 'cmds.txt': doc(['frob-widget']) });
    fresh('foreign/app', project);
    const r = await run(['-c', 'cmds.txt', '-o', 'app', '-q'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no \.qmp-codegen-manifest\.json.*--force.*output-foreign/);
    expect(tree(path.join(dir, 'app'))).toEqual(Object.fromEntries(Object.entries(project).map(([k, v]) => [path.normalize(k), v])));
    const forced = await run(['-c', 'cmds.txt', '-o', 'app', '--emit', 'model', '--force', '-q'], dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, 'app/src/index.ts'), 'utf8')).toBe(project['src/index.ts']);
    expect(readdirSync(path.join(dir, 'app'))).toContain(MANIFEST);
  }, 120_000);

  it('a 300-character name and 30 CJK characters: every file written, every name ≤ 255 bytes', async () => {
    const names = [`frob-${'x'.repeat(300)}`, '命令'.repeat(15), 'frob-widget'];
    const dir = fresh('long', { 'cmds.txt': doc(names) });
    const r = await run(['-c', 'cmds.txt', '-o', 'out', '-q'], dir);
    expect(r.stderr).not.toMatch(/ENAMETOOLONG|internal error/);
    expect(r.code).toBe(0);
    const files = Object.keys(tree(path.join(dir, 'out')));
    for (const f of files) for (const seg of f.split(path.sep)) expect(Buffer.byteLength(seg), f).toBeLessThanOrEqual(255);
    expect(files.filter((f) => f.startsWith(`schema${path.sep}commands${path.sep}`)).length).toBe(6);
    expect(files.filter((f) => f.startsWith(`docs${path.sep}commands${path.sep}`)).length).toBe(3);
  }, 300_000);

  it('output does not depend on the current folder (two cwds, byte for byte)', async () => {
    const dir = fresh('cwd', { 'in/cmds.txt': doc(['frob-widget', 'halt-all']) });
    fresh('cwd/sub/deeper');
    const a = await run(['-c', 'in/cmds.txt', '-o', 'out-a', '-q'], dir);
    const b = await run(['-c', '../../in/cmds.txt', '-o', '../../out-b', '-q'], path.join(dir, 'sub/deeper'));
    expect([a.code, b.code]).toEqual([0, 0]);
    const ta = tree(path.join(dir, 'out-a'));
    const tb = tree(path.join(dir, 'out-b'));
    expect(Object.keys(ta).length).toBeGreaterThan(10);
    expect(tb).toEqual(ta);
    expect(ta[path.join('src', 'client.ts')]).toContain('../in/cmds.txt');
  }, 300_000);

  it('diagnostics name an input as the user typed it, not as recorded relative to --out (text and JSON)', async () => {
    const dir = fresh('shown');
    mkdirSync(path.join(dir, 'in'));
    writeFileSync(path.join(dir, 'in/cmds.txt'), Buffer.concat([Buffer.from(doc(['frob-widget'])), Buffer.from([0xff, 0x0a])]));
    const text = await run(['-c', 'in/cmds.txt', '-o', 'out/deep', '--emit', 'model'], dir);
    expect(text.code).toBe(0);
    const lines = text.stderr.split('\n');
    expect(lines).toContain('in/cmds.txt'); // the file heading of vfile-reporter's block
    expect(lines.filter((l) => l.includes('cmds.txt'))).toEqual(['in/cmds.txt']);
    expect(text.stderr).toMatch(/^ *15:1 +warning .*input-encoding/m);
    const json = await run(['-c', 'in/cmds.txt', '-o', 'out/deep', '--emit', 'model', '--format', 'json'], dir);
    const rows = JSON.parse(json.stdout) as Array<{ file: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.file))).toEqual(new Set(['in/cmds.txt']));
    // while what the output records stays relative to the output folder
    expect(readFileSync(path.join(dir, 'out/deep/model.json'), 'utf8')).toContain('"../../in/cmds.txt"');
  }, 120_000);

  it('relative paths are the user\'s: npm --prefix passes INIT_CWD, used only for our own script in our folder', () => {
    expect(userCwd({ INIT_CWD: '/home/me/vm', npm_lifecycle_event: 'generate' }, ROOT)).toBe('/home/me/vm');
    expect(userCwd({ INIT_CWD: '/home/me/vm', npm_lifecycle_event: 'gen' }, '/elsewhere')).toBe('/elsewhere');
    expect(userCwd({ INIT_CWD: '/home/me/vm' }, ROOT)).toBe(ROOT);
    expect(userCwd({}, '/x')).toBe('/x');
  });

  it('every failing exit says why in one line, even under -q; --check on a clean tree says so', async () => {
    const dir = fresh('exits', { 'cmds.txt': `${doc(['frob-widget'])}\nlonely-heading\n\nno underline and a body\n` });
    writeFileSync(path.join(dir, 'warn.txt'), Buffer.concat([Buffer.from(doc(['frob-widget'])), Buffer.from([0xff, 0x0a])]));
    const frail = await run(['-c', 'warn.txt', '-o', 'out', '--emit', 'model', '--frail', '-q'], dir);
    expect(frail.code).toBe(1);
    expect(frail.stderr).toMatch(/^qmp-codegen: --frail: \d+ warning\(s\) treated as errors \(run without -q to see them\); nothing was written\n$/);
    expect(readdirSync(dir)).not.toContain('out');
    expect((await run(['-c', 'cmds.txt', '-o', 'out', '--emit', 'model', '-q'], dir)).code).toBe(0);
    const clean = await run(['-c', 'cmds.txt', '-o', 'out', '--emit', 'model', '--check'], dir);
    expect(clean.code).toBe(0);
    expect(clean.stderr).toMatch(/out is up to date \(1 file\(s\) checked\)/);
    const missing = await run(['-c', 'nope.txt', '-o', 'out', '-q'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n').at(-1)).toBe('qmp-codegen: 1 error(s); nothing was written');
  }, 120_000);
});

function child(cwd: string, out: string, input: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, path.join(ROOT, 'generator/cli.ts'), '-c', input, '-o', out, '--emit', 'schema,markdown,model', '-q'], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('two runs into one --out at once (child processes)', () => {
  it('never mix: the folder is one run\'s whole output; a refused run names the other process', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `frob-${i}`);
    const dir = fresh('concurrent', { 'a.txt': doc(many, 'First wording.'), 'b.txt': doc(many, 'Second wording.') });
    expect((await run(['-c', 'a.txt', '-o', 'ref-a', '--emit', 'schema,markdown,model', '-q'], dir)).code).toBe(0);
    expect((await run(['-c', 'b.txt', '-o', 'ref-b', '--emit', 'schema,markdown,model', '-q'], dir)).code).toBe(0);
    const refA = tree(path.join(dir, 'ref-a'));
    const refB = tree(path.join(dir, 'ref-b'));
    const [ra, rb] = await Promise.all([child(dir, 'out', 'a.txt'), child(dir, 'out', 'b.txt')]);
    for (const r of [ra, rb]) {
      if (r.code !== 0) expect(r.stderr).toMatch(/being written by another qmp-codegen run \(process \d+/);
    }
    expect([ra.code, rb.code]).toContain(0);
    const got = tree(path.join(dir, 'out'));
    expect([refA, refB]).toContainEqual(got);
  }, 300_000);
});
