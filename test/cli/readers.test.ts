/**
 * CLI wiring of the readers: --qapi / --introspection / --target, and the edge's loading of
 * included files (paths relative to the including file, each file once, shown relative to cwd).
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, readWithDependencies } from '../../generator/cli.js';
import { readerById } from '../../generator/read/index.js';
import type { Reader } from '../../generator/read/types.js';

async function run(argv: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('reader options', () => {
  it('--help lists --qapi, --introspection and --target', async () => {
    const { stdout } = await run(['--help']);
    for (const opt of ['--qapi <file>', '--introspection <file>', '--target <name>']) expect(stdout).toContain(opt);
  });

  it.each([['--qapi', 'qapi'], ['--introspection', 'introspection']] as const)(
    '%s: a usage error (exit 2) when its reader is not registered, accepted when it is',
    async (flag, id) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'qmp-readers-'));
      await writeFile(path.join(dir, 'in.json'), '{}\n');
      const { code, stderr } = await run([flag, 'in.json', '--out', 'out', '--emit', 'model'], dir);
      if (readerById(id)) {
        expect(stderr).not.toMatch(/does not have/);
        expect(code).not.toBe(2);
      } else {
        expect(code).toBe(2);
        expect(stderr).toContain(`${flag} needs the ${id} reader`);
      }
    },
  );

  it.each([['X86_64'], ['x86-64'], ['../x']])('--target %s is a usage error', async (target) => {
    const { code, stderr } = await run(['--target', target, '--commands', 'x.txt', '--out', 'o']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/not a QEMU target name/);
  });
});

describe('readWithDependencies', () => {
  /** Pulls in every path named on an `include NAME` line. */
  const including: Reader = {
    id: 'qapi',
    sniff: () => false,
    dependencies: (file) => [...String(file.value).matchAll(/^include (.+)$/gm)].map((m) => m[1]!),
    read: () => ({ reader: 'qapi', sources: [], commands: [], events: [], types: [] }),
  };

  it('reads includes depth first, relative to the including file, each once, paths relative to cwd', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'qmp-includes-'));
    await mkdir(path.join(dir, 'schema', 'sub'), { recursive: true });
    await writeFile(path.join(dir, 'schema', 'root.txt'), 'include sub/a.txt\ninclude b.txt\n');
    await writeFile(path.join(dir, 'schema', 'sub', 'a.txt'), 'include ../b.txt\ninclude ../root.txt\n');
    await writeFile(path.join(dir, 'schema', 'b.txt'), 'include gone.txt\n');
    const files = await readWithDependencies({ path: 'schema/root.txt', reader: 'qapi' }, dir, including);
    expect(files.map((f) => f.path)).toEqual(['schema/root.txt', 'schema/sub/a.txt', 'schema/b.txt', 'schema/gone.txt']);
    expect(files.map((f) => (f.data as { reader?: string }).reader)).toEqual(['qapi', 'qapi', 'qapi', 'qapi']);
    // a missing include is the missing file's own diagnostic; the others are clean
    expect(files.map((f) => f.messages.map((m) => m.ruleId))).toEqual([[], [], [], ['input-unreadable']]);
  });

  it('a reader without dependencies reads just the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'qmp-includes-'));
    await writeFile(path.join(dir, 'one.txt'), 'include two.txt\n');
    const files = await readWithDependencies({ path: 'one.txt' }, dir, undefined);
    expect(files.map((f) => f.path)).toEqual(['one.txt']);
  });
});
