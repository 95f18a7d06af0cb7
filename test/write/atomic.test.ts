import { mkdtemp, readFile, readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputPath, MANIFEST, writeOutput } from '../../generator/write/atomic.js';
import { diffOutput } from '../../generator/write/check.js';

async function tmp(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'qmp-codegen-write-'));
}

describe('checkOutputPath', () => {
  it.each([
    ['../x', false],
    ['a/../../x', false],
    ['/etc/passwd', false],
    ['', false],
    ['a//b', false],
    ['a\0b', false],
    ['schema/commands/query-block.request.json', true],
    ['docs/index.md', true],
  ])('%j allowed: %s', (rel, ok) => {
    const run = () => checkOutputPath('/tmp/out', rel);
    if (ok) expect(run()).toBe(path.join('/tmp/out', rel));
    else expect(run).toThrow(/refusing/);
  });
});

describe('writeOutput', () => {
  it('writes files, keeps unchanged ones untouched, removes only its own stale files', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'user-notes.txt'), 'mine');
    // a folder with a file of the user's and no manifest: only with force
    const first = await writeOutput(
      dir,
      [
        { path: 'a.txt', contents: 'A' },
        { path: 'sub/b.txt', contents: 'B' },
      ],
      { force: true },
    );
    expect(first.written.sort()).toEqual(['a.txt', 'sub/b.txt']);
    const mtime = (await stat(path.join(dir, 'a.txt'))).mtimeMs;

    await new Promise((r) => setTimeout(r, 20));
    const second = await writeOutput(dir, [{ path: 'a.txt', contents: 'A' }, { path: 'c.txt', contents: 'C' }]);
    expect(second).toEqual({ written: ['c.txt'], unchanged: ['a.txt'], removed: ['sub/b.txt'], warnings: [] });
    expect((await stat(path.join(dir, 'a.txt'))).mtimeMs).toBe(mtime);
    expect(await readFile(path.join(dir, 'user-notes.txt'), 'utf8')).toBe('mine');
    expect((await readdir(dir)).sort()).toEqual([MANIFEST, 'a.txt', 'c.txt', 'user-notes.txt'].sort());
  });

  it('refuses an unsafe path before writing anything', async () => {
    const dir = await tmp();
    await expect(
      writeOutput(dir, [{ path: 'ok.txt', contents: 'x' }, { path: '../escape.txt', contents: 'x' }]),
    ).rejects.toThrow(/refusing/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('never deletes outside the folder through a tampered manifest', async () => {
    const parent = await tmp();
    const dir = path.join(parent, 'out');
    await mkdir(dir);
    await writeFile(path.join(parent, 'precious.txt'), 'keep');
    await writeFile(path.join(dir, MANIFEST), JSON.stringify({ files: ['../precious.txt', '/etc/hostname'] }));
    await writeOutput(dir, [{ path: 'a.txt', contents: 'A' }]);
    expect(await readFile(path.join(parent, 'precious.txt'), 'utf8')).toBe('keep');
  });
});

describe('diffOutput', () => {
  it('names missing, changed and stale files', async () => {
    const dir = await tmp();
    await writeOutput(dir, [{ path: 'a.txt', contents: 'A' }, { path: 'b.txt', contents: 'B' }]);
    const diff = await diffOutput(dir, [{ path: 'a.txt', contents: 'A2' }, { path: 'c.txt', contents: 'C' }]);
    expect(diff).toEqual(['a.txt (changed)', 'b.txt (stale)', 'c.txt (missing)']);
    expect(await diffOutput(dir, [{ path: 'a.txt', contents: 'A' }, { path: 'b.txt', contents: 'B' }])).toEqual([]);
  });
});
