/**
 * The compiled CLI runs the TypeScript emitter on a second thread (generator/emit-worker.ts).
 * That must change nothing but the time: for docs-input/ and for real QEMU docs with many
 * warnings, every output file and every diagnostic (in order) is the same as on one thread
 * (QMP_CODEGEN_THREADS=0), and the process ends on its own. The threaded runs use
 * QMP_CODEGEN_THREADS=require, so that a thread that fails to start is an error here instead of
 * the silent fallback to one thread (which would make the comparison prove nothing).
 */
import { execFile as execFileCb, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusAvailable, corpusVersions } from '../helpers/corpus.js';

const execFile = promisify(execFileCb);
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'build/cli.js');
let scratch: string;

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--if-stale'], { cwd: ROOT, stdio: 'pipe' });
  scratch = mkdtempSync(path.join(tmpdir(), 'qmp-emit-worker-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file under `dir` (relative path → contents), the write stage's own files aside. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const rel = path.relative(dir, path.join(e.parentPath, e.name));
    out.set(rel, readFileSync(path.join(dir, rel), 'utf8'));
  }
  return out;
}

async function run(threads: '0' | 'require', inputs: string[], out: string) {
  const { stdout } = await execFile(process.execPath, [CLI, ...inputs, '--out', out, '-q', '--format', 'json'], {
    cwd: scratch,
    env: { ...process.env, QMP_CODEGEN_THREADS: threads },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((e: { stdout?: string; code?: number }) => ({ stdout: e.stdout ?? `exit ${e.code}` }));
  return { diagnostics: stdout, files: tree(path.join(scratch, out)) };
}

/** Invented commands whose names the TypeScript emitter must rename (reported from the worker). */
const CLASHING = ['frob-widget', 'frob_widget', 'execute', 'constructor']
  .map((name) => `${name}\n${'-'.repeat(name.length)}\n\nDo a thing.\n\nArguments: None\n\nExample:\n\n-> { "execute": "${name}" }\n<- { "return": {} }\n`)
  .join('\n');

const cases: Array<[string, string[]]> = [['docs-input', [path.join(ROOT, 'docs-input/qmp-commands.txt'), path.join(ROOT, 'docs-input/qmp-events.txt')]]];
const v = corpusVersions().find((c) => c.version === '2.5.0');
if (corpusAvailable && v) cases.push([`qemu-${v.version}`, [v.commandsTxt, ...(v.events ? [v.events] : [])]]);

describe('the TypeScript emitter thread', () => {
  it('replays the TypeScript emitter\'s own diagnostics, in order', async () => {
    writeFileSync(path.join(scratch, 'clash.txt'), CLASHING);
    const one = await run('0', ['clash.txt'], 'clash-one');
    const two = await run('require', ['clash.txt'], 'clash-two');
    expect(one.diagnostics).toMatch(/name-collision/);
    expect(one.diagnostics).toMatch(/name-reserved/);
    expect(two.diagnostics).toBe(one.diagnostics);
    expect(two.files.get('src/client.ts')).toBe(one.files.get('src/client.ts'));
  });

  it.each(cases)('%s: the same files and diagnostics as on one thread', async (name, inputs) => {
    const one = await run('0', inputs, `${name}-one`);
    const two = await run('require', inputs, `${name}-two`);
    expect(one.files.size).toBeGreaterThan(10);
    expect([...two.files.keys()].filter((k) => k.startsWith('dist/')).length).toBeGreaterThan(0);
    expect(two.diagnostics).toBe(one.diagnostics);
    expect([...two.files.keys()].sort()).toEqual([...one.files.keys()].sort());
    for (const [file, contents] of one.files) expect(two.files.get(file), file).toBe(contents);
  });
});
