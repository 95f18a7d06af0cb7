/**
 * A failing emitter must leave the output folder as it was: everything is produced in memory
 * before generator/write/ touches the disk. The markdown emitter is replaced (module mock)
 * by one that throws once the switch is on.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({ fail: false }));
vi.mock('../../generator/emit/markdown/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../generator/emit/markdown/index.js')>();
  return {
    ...real,
    emitMarkdown: (...args: Parameters<typeof real.emitMarkdown>) => {
      if (state.fail) throw new Error('simulated emitter failure');
      return real.emitMarkdown(...args);
    },
  };
});

const { main } = await import('../../generator/cli.js');

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    out.set(path.relative(dir, abs), `${statSync(abs).mtimeMs} ${readFileSync(abs, 'utf8')}`);
  }
  return out;
}

const dir = mkdtempSync(path.join(tmpdir(), 'qmp-rel-emitfail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const io = { cwd: dir, stdout: () => {}, stderr: () => {} };
const ROOT = path.resolve(import.meta.dirname, '../..');
const args = (emit: string) => ['-c', path.join(ROOT, 'docs-input/qmp-commands.txt'), '-e', path.join(ROOT, 'docs-input/qmp-events.txt'), '-o', 'out', '--emit', emit];

describe('an emitter that throws', () => {
  it('writes nothing: the previous output stays byte for byte, mtimes unchanged', async () => {
    expect(await main(args('schema,markdown'), io)).toBe(0);
    const before = snapshot(path.join(dir, 'out'));
    expect([...before.keys()].some((f) => f.endsWith('.md'))).toBe(true);
    state.fail = true;
    try {
      await expect(main(args('schema,markdown,model'), io)).rejects.toThrow('simulated emitter failure');
    } finally {
      state.fail = false;
    }
    expect(snapshot(path.join(dir, 'out'))).toEqual(before);
  }, 120_000);

  it('a run with unchanged output rewrites nothing (mtimes kept)', async () => {
    const before = snapshot(path.join(dir, 'out'));
    let stderr = '';
    expect(await main(args('schema,markdown'), { ...io, stderr: (t) => (stderr += t) })).toBe(0);
    expect(stderr).toMatch(/: 0 written, \d+ unchanged, 0 removed/);
    expect(snapshot(path.join(dir, 'out'))).toEqual(before);
  }, 120_000);
});
