/**
 * The output folder is sacred: symlinks below --out, folders we did not create, failures of
 * any file operation (ENOSPC, ENAMETOOLONG, ...) at any step, concurrent runs and crashed runs
 * never leave a torn output or touch anything outside --out.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { cpSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FaultOp, LOCK, MANIFEST, STAGING, WriteError, writeOutput } from '../../generator/write/atomic.js';
import { diffOutput } from '../../generator/write/check.js';

async function tmp(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'qmp-codegen-safety-'));
}

/** Every file under `dir` (relative path → contents), symlinks not followed. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const abs = path.join(e.parentPath, e.name);
    if (e.isFile()) out[path.relative(dir, abs)] = await readFile(abs, 'utf8');
    else if (e.isSymbolicLink()) out[path.relative(dir, abs)] = '<symlink>';
  }
  return out;
}

const OLD = [
  { path: 'a.txt', contents: 'A1' },
  { path: 'sub/b.txt', contents: 'B1' },
  { path: 'gone.txt', contents: 'G1' },
];
const NEW = [
  { path: 'a.txt', contents: 'A2' },
  { path: 'sub/b.txt', contents: 'B2' },
  { path: 'sub/deeper/c.txt', contents: 'C2' },
  { path: 'z.txt', contents: 'Z2' },
];

describe('symbolic links below --out', () => {
  it('refuses to write through a linked folder; nothing is written outside', async () => {
    const parent = await tmp();
    const out = path.join(parent, 'out');
    const elsewhere = path.join(parent, 'elsewhere');
    await mkdir(elsewhere);
    await writeOutput(out, [{ path: 'x.txt', contents: 'x' }]);
    await symlink(elsewhere, path.join(out, 'docs'));
    const err = await writeOutput(out, [{ path: 'x.txt', contents: 'y' }, { path: 'docs/index.md', contents: '# hi' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect((err as WriteError).ruleId).toBe('output-symlink');
    expect((err as Error).message).toMatch(/docs in the output folder is a symbolic link/);
    expect(await readdir(elsewhere)).toEqual([]);
    expect(await readFile(path.join(out, 'x.txt'), 'utf8')).toBe('x');
  });

  it('refuses a linked file in place of an output file', async () => {
    const parent = await tmp();
    const out = path.join(parent, 'out');
    await writeOutput(out, [{ path: 'x.txt', contents: 'x' }]);
    await writeFile(path.join(parent, 'target.txt'), 'precious');
    await symlink(path.join(parent, 'target.txt'), path.join(out, 'y.txt'));
    await expect(writeOutput(out, [{ path: 'x.txt', contents: 'x' }, { path: 'y.txt', contents: 'overwritten' }])).rejects.toThrow(/symbolic link/);
    expect(await readFile(path.join(parent, 'target.txt'), 'utf8')).toBe('precious');
  });

  it('never deletes through a linked folder named by the manifest; warns instead', async () => {
    const parent = await tmp();
    const out = path.join(parent, 'out');
    const elsewhere = path.join(parent, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(path.join(elsewhere, 'victim.md'), 'keep');
    await writeOutput(out, [{ path: 'x.txt', contents: 'x' }]);
    await symlink(elsewhere, path.join(out, 'docs'));
    await writeFile(path.join(out, MANIFEST), JSON.stringify({ files: ['x.txt', 'docs/victim.md'] }));
    const result = await writeOutput(out, [{ path: 'x.txt', contents: 'x' }]);
    expect(await readFile(path.join(elsewhere, 'victim.md'), 'utf8')).toBe('keep');
    expect(result.removed).toEqual([]);
    expect(result.warnings.map((w) => w.ruleId)).toEqual(['output-manifest-entry']);
  });

  it('a manifest entry that is a folder is skipped with a warning, not a crash', async () => {
    const out = await tmp();
    await writeOutput(out, [{ path: 'x.txt', contents: 'x' }]);
    await mkdir(path.join(out, 'dir'));
    await writeFile(path.join(out, 'dir', 'user.txt'), 'mine');
    await writeFile(path.join(out, MANIFEST), JSON.stringify({ files: ['x.txt', 'dir'] }));
    const result = await writeOutput(out, [{ path: 'x.txt', contents: 'x' }]);
    expect(result.warnings[0]?.message).toMatch(/"dir", which is a folder/);
    expect(await readFile(path.join(out, 'dir', 'user.txt'), 'utf8')).toBe('mine');
  });
});

describe('--check (diffOutput) reads nothing through a symlink', () => {
  it('reports a linked path instead of reading through it, and an interrupted write', async () => {
    const parent = await tmp();
    const out = path.join(parent, 'out');
    const elsewhere = path.join(parent, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(path.join(elsewhere, 'index.md'), '# same');
    await writeOutput(out, [{ path: 'x.txt', contents: 'x' }]);
    await symlink(elsewhere, path.join(out, 'docs'));
    await mkdir(path.join(out, STAGING));
    expect(await diffOutput(out, [{ path: 'x.txt', contents: 'x' }, { path: 'docs/index.md', contents: '# same' }])).toEqual([
      `${STAGING} (a write was interrupted; run again to undo or finish it)`,
      'docs/index.md (symbolic link on its path)',
    ]);
  });
});

describe('a folder qmp-codegen did not create', () => {
  it('is refused when it has files and no manifest, unless forced; foreign files are never deleted', async () => {
    const out = await tmp();
    await writeFile(path.join(out, 'package.json'), '{"name":"mine"}');
    await mkdir(path.join(out, 'src'));
    await writeFile(path.join(out, 'src', 'index.ts'), 'export {}');
    const before = await tree(out);
    const err = await writeOutput(out, [{ path: 'package.json', contents: '{}' }]).catch((e: unknown) => e);
    expect((err as WriteError).ruleId).toBe('output-foreign');
    expect((err as Error).message).toMatch(/--force/);
    expect(await tree(out)).toEqual(before);

    const forced = await writeOutput(out, [{ path: 'package.json', contents: '{}' }], { force: true });
    expect(forced.written).toEqual(['package.json']);
    expect(await readFile(path.join(out, 'src', 'index.ts'), 'utf8')).toBe('export {}');
  });

  it('an empty folder, or one with only our manifest, is fine', async () => {
    const out = await tmp();
    await expect(writeOutput(out, [{ path: 'a', contents: 'a' }])).resolves.toMatchObject({ written: ['a'] });
  });
});

describe('any failing file operation leaves the previous output intact', () => {
  const ops: FaultOp[] = ['stage', 'mkdir', 'journal', 'link', 'rename', 'remove'];
  const errors = ['ENOSPC', 'ENAMETOOLONG', 'EIO'];
  // every operation kind, failing at its 1st, 2nd and 3rd occurrence
  const cases = ops.flatMap((op) => [1, 2, 3].map((nth) => ({ op, nth, errno: errors[(ops.indexOf(op) + nth) % errors.length]! })));
  it.each(cases)('$errno at $op #$nth', async ({ op, nth, errno }) => {
    const out = await tmp();
    await writeOutput(out, OLD);
    const before = await tree(out);
    let seen = 0;
    const faults = (kind: FaultOp) => {
      if (kind === op && ++seen === nth) throw Object.assign(new Error(`${errno}: injected`), { code: errno });
    };
    const outcome = await writeOutput(out, NEW, { faults }).then(
      () => 'written',
      (e: unknown) => e,
    );
    const after = await tree(out);
    if (seen < nth) {
      // the operation did not happen that often: the run succeeded
      expect(outcome).toBe('written');
    } else {
      expect(outcome).toBeInstanceOf(WriteError);
      expect((outcome as Error).message).toMatch(/previous output is intact/);
      if (errno === 'ENOSPC') expect((outcome as Error).message).toMatch(/disk is full/);
      expect(after).toEqual(before);
    }
    expect((await readdir(out)).filter((n) => n === STAGING || n === LOCK || n.endsWith('.tmp'))).toEqual([]);
  });

  it('a real over-long name fails before anything changes', async () => {
    const out = await tmp();
    await writeOutput(out, OLD);
    const before = await tree(out);
    await expect(writeOutput(out, [...NEW, { path: `docs/${'x'.repeat(300)}.md`, contents: 'x' }])).rejects.toThrow(/over the 255-byte limit/);
    // 30 CJK characters are 90 bytes: fine; 90 of them (and .md) are 273 bytes: refused
    await expect(writeOutput(out, [...NEW, { path: `${'命'.repeat(90)}.md`, contents: 'x' }])).rejects.toThrow(/273 bytes/);
    expect(await tree(out)).toEqual(before);
  });

  it('a crash mid-commit is undone by the next run (journal)', async () => {
    const out = await tmp();
    await writeOutput(out, OLD);
    const before = await tree(out);
    const snapshot = path.join(await tmp(), 'snap');
    let renames = 0;
    await writeOutput(out, NEW, {
      faults: (kind) => {
        // before the 3rd rename, copy the folder as a kill -9 at that moment would leave it
        if (kind === 'rename' && ++renames === 3) cpSync(out, snapshot, { recursive: true, verbatimSymlinks: true });
      },
    });
    expect(renames).toBeGreaterThan(3);
    const torn = await tree(snapshot);
    expect(torn['a.txt']).toBe('A2'); // torn: some files new, some old, staging and lock left
    expect(torn['z.txt']).toBeUndefined();
    expect(Object.keys(torn)).toContain(LOCK);
    // the dead run's lock names this process: make it a pid that is gone
    await writeFile(path.join(snapshot, LOCK), JSON.stringify({ pid: await deadPid(), host: hostname() }));
    const result = await writeOutput(snapshot, OLD);
    expect(result.written).toEqual([]); // the journal undid the partial commit: OLD is what is there
    expect(await tree(snapshot)).toEqual(before);
  });
});

async function deadPid(): Promise<number> {
  const child = spawn('true', { stdio: 'ignore' });
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

describe('concurrent runs', () => {
  it('a live lock is refused with a message naming the other process', async () => {
    const out = await tmp();
    await writeOutput(out, OLD);
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      await writeFile(path.join(out, LOCK), JSON.stringify({ pid: sleeper.pid, host: hostname(), started: 'then' }));
      const err = await writeOutput(out, NEW).catch((e: unknown) => e);
      expect((err as WriteError).ruleId).toBe('output-locked');
      expect((err as Error).message).toContain(`process ${sleeper.pid}`);
      expect(await readFile(path.join(out, 'a.txt'), 'utf8')).toBe('A1');
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('a stale lock (its process is gone) is taken over', async () => {
    const out = await tmp();
    await writeOutput(out, OLD);
    await writeFile(path.join(out, LOCK), JSON.stringify({ pid: await deadPid(), host: hostname() }));
    await writeOutput(out, NEW);
    expect(await readFile(path.join(out, 'a.txt'), 'utf8')).toBe('A2');
    expect(await readdir(out)).not.toContain(LOCK);
  });

  it('two writes at once in one process: one of them refused or both whole, never mixed', async () => {
    const out = await tmp();
    await writeOutput(out, OLD);
    const results = await Promise.allSettled([writeOutput(out, NEW), writeOutput(out, OLD)]);
    const finalTree = await tree(out);
    const asNew = Object.fromEntries([...NEW.map((f) => [f.path, f.contents])]);
    const asOld = Object.fromEntries([...OLD.map((f) => [f.path, f.contents])]);
    const files = Object.fromEntries(Object.entries(finalTree).filter(([k]) => k !== MANIFEST));
    expect([asNew, asOld]).toContainEqual(files);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as WriteError).ruleId).toBe('output-locked');
    // sequential calls in one process work (temp names are not keyed on the pid alone)
    await writeOutput(out, NEW);
    await writeOutput(out, OLD);
    expect((await tree(out))['a.txt']).toBe('A1');
  });
});

describe('unchanged output', () => {
  it('rewrites nothing and stages nothing', async () => {
    const out = await tmp();
    await writeOutput(out, NEW);
    const mtime = (await stat(path.join(out, 'a.txt'))).mtimeMs;
    const ops: string[] = [];
    const result = await writeOutput(out, NEW, { faults: (op) => void ops.push(op) });
    expect(ops).toEqual([]);
    expect(result.written).toEqual([]);
    expect((await stat(path.join(out, 'a.txt'))).mtimeMs).toBe(mtime);
  });
});
