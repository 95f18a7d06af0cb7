/**
 * qmp-codegen itself as a user gets it: compiled (scripts/build.mjs), packed with `npm pack`,
 * installed from the tarball into an empty folder offline, then run with plain Node from
 * another folder, through `npx`, through a symlink, as `init`, and as an API — each compared
 * with what this checkout generates in-process for the same inputs.
 *
 * Offline install: the tarball's dependencies are pinned by a package-lock.json written for
 * the consumer from this repository's own lock (the production entries, same versions,
 * `resolved` and `integrity`), so `npm ci --offline` takes every tarball from npm's cache,
 * which this repository's `npm ci` filled. When the cache lacks them, the suite is skipped
 * with a warning (and fails under CI=true).
 */
import { execFile as execFileCb, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { ROOT, tempDir } from '../typescript/helpers.js';

const execFile = promisify(execFileCb);
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

interface LockEntry {
  dev?: boolean;
  [key: string]: unknown;
}

let tmp: ReturnType<typeof tempDir>;
let tarball = '';
let packedFiles: string[] = [];
let consumer = '';
let elsewhere = '';
let installError: string | undefined;

/** Every file under `dir` → contents, relative POSIX paths. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    out.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
  }
  return out;
}

function expectSameTree(actual: string, expected: string): void {
  const a = tree(actual);
  const e = tree(expected);
  expect([...a.keys()].sort()).toEqual([...e.keys()].sort());
  const differ = [...e.keys()].filter((k) => a.get(k) !== e.get(k));
  expect(differ).toEqual([]);
}

const ARGS = ['--commands', '../docs/qmp-commands.txt', '--events', '../docs/qmp-events.txt'];

beforeAll(async () => {
  tmp = tempDir('qmp-codegen-pack-');
  // the build the tarball carries (npm's prepare does the same on `npm pack` without --ignore-scripts)
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--if-stale'], { cwd: ROOT, stdio: 'pipe' });
  const { stdout } = await execFile('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp.dir], { cwd: ROOT, env: npmEnv });
  const packed = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(tmp.dir, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((f) => f.path).sort();

  // the consumer: depends on the tarball, every other package pinned as in this repository
  consumer = path.join(tmp.dir, 'consumer');
  mkdirSync(consumer);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const spec = `file:../${path.basename(tarball)}`;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies: { 'qmp-codegen': spec } },
    'node_modules/qmp-codegen': {
      version: pkg.version,
      resolved: spec,
      integrity,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [key, entry] of Object.entries(lock.packages)) if (key.startsWith('node_modules/') && !entry.dev) packages[key] = entry;
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { 'qmp-codegen': spec } }));
  writeFileSync(path.join(consumer, 'package-lock.json'), JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }));
  try {
    await execFile('npm', ['ci', '--offline', '--ignore-scripts'], { cwd: consumer, env: npmEnv });
  } catch (error) {
    installError = `npm ci --offline of the packed generator failed (are its dependencies in npm's cache? run npm ci once): ${String((error as { stderr?: string }).stderr ?? error).slice(0, 400)}`;
    if (process.env.CI === 'true') throw new Error(installError);
    console.warn(`SKIP installed-generator tests: ${installError}`);
    return;
  }

  // inputs in a folder of their own; every run starts from a third folder, with the same relative paths
  const docs = path.join(tmp.dir, 'docs');
  mkdirSync(docs);
  for (const f of ['qmp-commands.txt', 'qmp-events.txt']) copyFileSync(path.join(ROOT, 'docs-input', f), path.join(docs, f));
  elsewhere = path.join(tmp.dir, 'elsewhere');
  mkdirSync(elsewhere);
  const code = await main([...ARGS, '--out', 'expected', '-q'], { cwd: elsewhere, stdout: () => {}, stderr: () => {} });
  if (code !== 0) throw new Error(`in-repo generation failed (exit ${code})`);
}, 600_000);

afterAll(() => tmp?.remove());

const bin = () => path.join(consumer, 'node_modules/.bin/qmp-codegen');

describe('the packed generator', () => {
  it('contains the compiled code, its declarations and the templates, no TypeScript sources or tests', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'README.md', 'build/cli.js', 'build/index.js', 'build/index.d.ts', 'build/templates.json', 'build/prebuilt.json']));
    for (const f of packedFiles) expect(f).toMatch(/^(package\.json|README\.md|build\/.+\.(js|d\.ts)|build\/(templates|prebuilt)\.json)$/);
    const templates = JSON.parse(readFileSync(path.join(ROOT, 'build/templates.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(templates)).toEqual(expect.arrayContaining(['package/package.json', 'runtime/client.ts']));
  });

  it('passes publint (strict) on the tarball', async () => {
    const { stdout } = await execFile(path.join(ROOT, 'node_modules/.bin/publint'), ['run', tarball, '--strict'], { cwd: tmp.dir });
    expect(stdout).toContain('All good!');
  });
});

describe('the installed generator', () => {
  it('runs from another folder through node_modules/.bin (a symlink) and writes what this checkout writes', async (ctx) => {
    if (installError) return ctx.skip();
    await execFile(bin(), [...ARGS, '--out', 'via-bin', '-q'], { cwd: elsewhere });
    expectSameTree(path.join(elsewhere, 'via-bin'), path.join(elsewhere, 'expected'));
  }, 300_000);

  it('runs as `npx qmp-codegen` and through a symlink of its own, and --check fails on drift (exit 1)', async (ctx) => {
    if (installError) return ctx.skip();
    await execFile('npx', ['--no-install', '--prefix', consumer, 'qmp-codegen', ...ARGS, '--out', 'via-npx', '-q'], { cwd: elsewhere, env: npmEnv });
    expectSameTree(path.join(elsewhere, 'via-npx'), path.join(elsewhere, 'expected'));

    const links = path.join(tmp.dir, 'links');
    mkdirSync(links);
    symlinkSync(bin(), path.join(links, 'qmpc')); // a link to npm's link to build/cli.js
    const qmpc = path.join(links, 'qmpc');
    const clean = await execFile(qmpc, [...ARGS, '--out', 'expected', '--check'], { cwd: elsewhere });
    expect(clean.stderr).toMatch(/^qmp-codegen: expected is up to date \(\d+ file\(s\) checked\)\n$/);
    writeFileSync(path.join(elsewhere, 'expected/src/types.ts'), '// edited by hand\n');
    const drift = await execFile(qmpc, [...ARGS, '--out', 'expected', '--check'], { cwd: elsewhere }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(drift.code).toBe(1);
    expect(drift.stderr).toMatch(/expected is out of date \(1 file\(s\) differ\):\n {2}.*src\/types\.ts/);
    // and the default job, which exists only in qmp-codegen's repository, is a usage error
    const bare = await execFile(qmpc, [], { cwd: elsewhere }).then(() => ({ code: 0, stderr: '' }), (error: { code: number; stderr: string }) => error);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/no input documents given/);
  }, 300_000);

  it('a reader that goes away (`qmp-codegen --help | head -1`) ends the run quietly, and a run whose output pipes are closed still writes its files', async (ctx) => {
    if (installError) return ctx.skip();
    /** Runs the installed bin with stdout (and with `both`, stderr) closed by the reader before anything is printed. */
    const closedPipes = (args: string[], both: boolean) =>
      new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(bin(), args, { cwd: elsewhere, stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.destroy();
        let stderr = '';
        if (both) child.stderr.destroy();
        else child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const help = await closedPipes(['--help'], false);
    expect(help).toEqual({ code: 0, stderr: '' });
    const listed = await closedPipes(['--list-rules'], false);
    expect(listed).toEqual({ code: 0, stderr: '' });
    // diagnostics as JSON on stdout, which nobody reads: the files are written all the same
    const run = await closedPipes([...ARGS, '--out', 'via-closed-pipes', '--format', 'json'], true);
    expect(run.code).toBe(0);
    expectSameTree(path.join(elsewhere, 'via-closed-pipes'), path.join(elsewhere, 'via-bin')); // (expected/ was edited by the test above)
  }, 300_000);

  it('exports generate(): the same files, and diagnostics as data', async (ctx) => {
    if (installError) return ctx.skip();
    const script = `
      import { generate } from 'qmp-codegen';
      const r = await generate({ commands: '../docs/qmp-commands.txt', events: '../docs/qmp-events.txt', cwd: ${JSON.stringify(elsewhere)}, outDir: 'via-bin' });
      const bad = await generate({ inputs: [{ path: 'inline.txt', role: 'commands', text: 'no-such\\n=======\\n' }] });
      console.log(JSON.stringify({ ok: r.ok, files: Object.fromEntries(r.files.map((f) => [f.path, f.contents])), diagnostics: r.diagnostics.length, badOk: bad.ok, bad: bad.diagnostics.map((d) => [d.file, d.severity, typeof d.ruleId]) }));
    `;
    const { stdout } = await execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer, maxBuffer: 64 * 1024 * 1024 });
    const got = JSON.parse(stdout) as { ok: boolean; files: Record<string, string>; badOk: boolean; bad: unknown[][] };
    expect(got.ok).toBe(true);
    const expected = tree(path.join(elsewhere, 'via-bin'));
    expected.delete('.qmp-codegen-manifest.json'); // written by the write stage, not generated
    expect(Object.keys(got.files).sort()).toEqual([...expected.keys()].sort());
    for (const [k, v] of expected) expect(got.files[k], k).toBe(v);
    expect(got.bad.length).toBeGreaterThan(0);
    for (const d of got.bad) expect(d).toEqual(['inline.txt', expect.stringMatching(/^(error|warning|info)$/), 'string']);
  }, 300_000);

  it('`qmp-codegen init` scaffolds a project whose `npm run generate` and `npm run check` work', async (ctx) => {
    if (installError) return ctx.skip();
    // inside the consumer, so that npm finds the installed qmp-codegen in a parent node_modules/.bin
    await execFile(bin(), ['init', 'proj', '--commands', '../docs/qmp-commands.txt', '--events', '../docs/qmp-events.txt'], { cwd: consumer });
    const proj = path.join(consumer, 'proj');
    await execFile('npm', ['run', 'generate'], { cwd: proj, env: npmEnv });
    const client = tree(path.join(proj, 'client'));
    expect(JSON.parse(client.get('package.json')!).name).toBe('proj');
    expect(client.has('dist/index.js')).toBe(true);
    await execFile('npm', ['run', 'check'], { cwd: proj, env: npmEnv });
  }, 300_000);
});
