/**
 * The write plan's and --check's comparison (`OutputReader`) and path check (`outputPath`), held
 * to what they replace: `inspect` (lstat of every segment) then the whole file read and compared
 * with `Buffer.from(contents, 'utf8')`, and `path.resolve` with its prefix test.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputPath, inspect, MANIFEST, MAX_NAME_BYTES, OutputReader, outputPath, WriteError, writeOutput } from '../../generator/write/atomic.js';
import { diffOutput } from '../../generator/write/check.js';

const RUNS = Number(process.env.WRITE_RUNS ?? 300);
const parent = mkdtempSync(path.join(tmpdir(), 'qmp-codegen-reader-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));
let serial = 0;
function fresh(): string {
  const dir = path.join(parent, `t${serial++}`);
  mkdirSync(dir);
  return dir;
}

/** checkOutputPath as it was before `outputPath` (the reference). */
function referencePath(outDir: string, rel: string): string {
  if (rel === '' || rel.includes('\0') || path.isAbsolute(rel) || rel.split(/[\\/]/).some((s) => s === '..' || s === '' || s === '.')) {
    throw new WriteError('output-unsafe-path', `refusing to write unsafe output path ${JSON.stringify(rel)}`);
  }
  const long = rel.split('/').find((s) => Buffer.byteLength(s, 'utf8') > MAX_NAME_BYTES);
  if (long !== undefined) {
    throw new WriteError(
      'output-unsafe-path',
      `refusing to write output path ${JSON.stringify(rel)}: the name ${JSON.stringify(long.slice(0, 40))}… is ${Buffer.byteLength(long, 'utf8')} bytes, over the ${MAX_NAME_BYTES}-byte limit of common file systems`,
    );
  }
  const abs = path.resolve(outDir, rel);
  const root = path.resolve(outDir);
  if (!abs.startsWith(root + path.sep)) throw new WriteError('output-unsafe-path', `refusing to write outside ${root}: ${rel}`);
  return abs;
}

function outcome(run: () => string): string {
  try {
    return `ok ${run()}`;
  } catch (error) {
    return `${(error as WriteError).ruleId} ${(error as Error).message}`;
  }
}

describe('outputPath', () => {
  const segment = fc.oneof(
    fc.constantFrom('', '.', '..', '...', '.a', 'a.', 'docs', 'x\\y', '\\', 'a\0b', '命令', 'ü'),
    fc.string({ unit: fc.constantFrom('a', '.', '\\', '-', 'é', '命', '\u{1F600}'), maxLength: 12 }),
    fc.integer({ min: 80, max: 300 }).chain((n) => fc.constantFrom('x'.repeat(n), '命'.repeat(Math.ceil(n / 3)), 'é'.repeat(Math.ceil(n / 2)))),
  );
  const rel = fc.oneof(
    fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('/')),
    fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `/${s.join('/')}`),
    fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `${s.join('/')}/`),
  );
  const roots = ['/tmp/out', '/', '/a/b/../c', 'relative/out', '/tmp/out/'];

  it('is checkOutputPath as it was, on random paths and roots', () => {
    fc.assert(
      fc.property(fc.constantFrom(...roots), rel, (outDir, r) => {
        expect(outcome(() => checkOutputPath(outDir, r))).toBe(outcome(() => referencePath(outDir, r)));
        expect(outcome(() => outputPath(path.resolve(outDir), r))).toBe(outcome(() => referencePath(outDir, r)));
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it.each([
    ['a/b.md', 'ok /tmp/out/a/b.md'],
    ['..', 'output-unsafe-path'],
    ['a/./b', 'output-unsafe-path'],
    ['a\\..\\b', 'output-unsafe-path'],
    ['..a/b', 'ok /tmp/out/..a/b'],
    [`${'x'.repeat(255)}/y`, 'ok'],
    [`${'x'.repeat(256)}/y`, 'output-unsafe-path'],
    [`${'é'.repeat(128)}`, 'output-unsafe-path'],
  ])('%j', (r, expected) => {
    expect(outcome(() => outputPath('/tmp/out', r)).startsWith(expected)).toBe(true);
  });

  it('refuses every path under the root "/", as before', () => {
    expect(outcome(() => outputPath('/', 'a.md'))).toBe('output-unsafe-path refusing to write outside /: a.md');
  });
});

/** What the plan found before OutputReader: inspect, then read whole and compare bytes. */
function referenceCompare(root: string, rel: string, contents: string): string {
  let kind;
  try {
    kind = inspect(root, rel, new Set());
  } catch (error) {
    return `${(error as WriteError).ruleId} ${(error as Error).message}`;
  }
  if (kind !== 'file') return kind;
  let before;
  try {
    before = readFileSync(path.join(root, rel));
  } catch {
    return 'unreadable';
  }
  return before.equals(Buffer.from(contents, 'utf8')) ? 'same' : 'changed';
}

function found(reader: OutputReader, root: string, rel: string, contents: string): string {
  try {
    return reader.compare(rel, outputPath(root, rel), contents);
  } catch (error) {
    return `${(error as WriteError).ruleId} ${(error as Error).message}`;
  }
}

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('a', '\n', 'é', '命', '\u{1F600}', '\uFFFD', '\uFEFF', '\uD800', '\uDC00'), maxLength: 40 }),
  fc.string({ maxLength: 3000 }),
  fc.constant(''),
);

/** What is on disk for a text: its bytes, or bytes near them (a prefix, a suffix, one changed, invalid UTF-8...). */
function onDisk(contents: string) {
  const bytes = Buffer.from(contents, 'utf8');
  return fc.oneof(
    fc.constant<['bytes', Buffer]>(['bytes', bytes]),
    fc.nat({ max: bytes.length }).map((k): ['bytes', Buffer] => ['bytes', bytes.subarray(0, k)]),
    fc.uint8Array({ minLength: 1, maxLength: 4 }).map((extra): ['bytes', Buffer] => ['bytes', Buffer.concat([bytes, extra])]),
    fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, b]): ['bytes', Buffer] => {
      const copy = Buffer.from(bytes);
      if (copy.length > 0) copy[at % copy.length] = b;
      return ['bytes', copy];
    }),
    fc.constant<['bytes', Buffer]>(['bytes', Buffer.from(contents.replace(/[^\0-\x7f]/g, '?'), 'latin1')]),
    fc.constant<['bytes', Buffer]>(['bytes', Buffer.from(contents, 'latin1')]),
    fc.constant<['bytes', Buffer]>(['bytes', Buffer.from(contents, 'utf16le')]),
    fc.constantFrom<[string]>(['missing'], ['dir'], ['link-file'], ['link-dir'], ['dangling'], ['folder-is-file'], ['linked-folder'], ['missing-folder']),
  );
}

/** Puts `state` at `root/rel` (rel is `sub/name` or `name`). */
function place(root: string, rel: string, state: [string, Buffer?]): void {
  const abs = path.join(root, rel);
  const dir = path.dirname(abs);
  const [kind, bytes] = state;
  if (kind === 'missing-folder') return;
  if (kind === 'folder-is-file' && dir !== root) {
    writeFileSync(dir, 'x');
    return;
  }
  if (kind === 'linked-folder' && dir !== root) {
    const elsewhere = `${dir}-elsewhere`;
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(path.join(elsewhere, path.basename(abs)), 'x');
    symlinkSync(elsewhere, dir);
    return;
  }
  mkdirSync(dir, { recursive: true });
  if (kind === 'bytes') writeFileSync(abs, bytes!);
  else if (kind === 'dir') mkdirSync(abs);
  else if (kind === 'link-file') {
    writeFileSync(`${abs}.target`, 'x');
    symlinkSync(`${abs}.target`, abs);
  } else if (kind === 'link-dir') symlinkSync(dir, abs);
  else if (kind === 'dangling') symlinkSync(`${abs}.nowhere`, abs);
}

describe('OutputReader', () => {
  it('finds what inspect and a whole read found, on random texts and what is on disk (one reader for many files)', () => {
    fc.assert(
      fc.property(
        fc.array(
          text.chain((contents) => fc.tuple(fc.constant(contents), onDisk(contents), fc.constantFrom('', 'sub/', 'sub/deeper/', 'other/'))),
          { minLength: 1, maxLength: 8 },
        ),
        (cases) => {
          const root = fresh();
          // distinct names; each case in its own folder when it plays with folders
          const rels = cases.map(([, state, folder], i) => (['folder-is-file', 'linked-folder', 'missing-folder'].includes(state[0]) ? `f${i}/n${i}` : `${folder}n${i}`));
          cases.forEach(([, state], i) => place(root, rels[i]!, state as [string, Buffer?]));
          const reader = new OutputReader(root);
          for (const [i, [contents]] of cases.entries()) {
            expect(found(reader, root, rels[i]!, contents), `${rels[i]} ${JSON.stringify(cases[i]![1][0])}`).toBe(referenceCompare(root, rels[i]!, contents));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('grows its buffers: a large file after small ones and small ones after it', () => {
    const root = fresh();
    const sizes = [0, 1, 10, 70_000, 5, 200_000, 3, 140_001];
    const texts = sizes.map((n, i) => `${'é命a'.repeat(Math.ceil(n / 3)).slice(0, n)}${i}`);
    texts.forEach((t, i) => writeFileSync(path.join(root, `f${i}`), t));
    const reader = new OutputReader(root);
    expect(texts.map((t, i) => reader.compare(`f${i}`, path.join(root, `f${i}`), t))).toEqual(texts.map(() => 'same'));
    const changed = texts.map((t, i) => reader.compare(`f${i}`, path.join(root, `f${i}`), `${t.slice(0, -1)}x`));
    expect(changed).toEqual(texts.map(() => 'changed'));
  });

  it.skipIf(process.platform === 'win32')('a FIFO in place of a file is changed (not read: the plan does not hang) and is replaced by the write', async () => {
    const root = fresh();
    await writeOutput(root, [{ path: 'a.txt', contents: 'A' }]);
    rmSync(path.join(root, 'a.txt'));
    execFileSync('mkfifo', [path.join(root, 'a.txt')]);
    expect(new OutputReader(root).compare('a.txt', path.join(root, 'a.txt'), '')).toBe('changed');
    expect(await diffOutput(root, [{ path: 'a.txt', contents: 'A' }])).toEqual(['a.txt (changed)']);
    expect((await writeOutput(root, [{ path: 'a.txt', contents: 'A' }])).written).toEqual(['a.txt']);
    expect(lstatSync(path.join(root, 'a.txt')).isFile()).toBe(true);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('a file it may not read is unreadable (--check), changed (write)', async () => {
    const root = fresh();
    writeFileSync(path.join(root, 'a.txt'), 'A');
    chmodSync(path.join(root, 'a.txt'), 0);
    expect(new OutputReader(root).compare('a.txt', path.join(root, 'a.txt'), 'A')).toBe('unreadable');
    expect(await diffOutput(root, [{ path: 'a.txt', contents: 'A' }])).toEqual(['a.txt (unreadable)']);
  });
});

describe('--check compares as the write does', () => {
  // bytes that are not UTF-8 read as U+FFFD: the old check decoded the file and compared text
  // (up to date), while the write compares bytes (and rewrites); both say changed now
  it.each([
    ['invalid UTF-8 where the text has U+FFFD', Buffer.from([0x61, 0xff, 0x62]), 'a\uFFFDb', true],
    ['a lone surrogate, written as EF BF BD', Buffer.from('a\uFFFDb', 'utf8'), 'a\uD800b', false],
    ['a byte-order mark kept', Buffer.from('\uFEFFx', 'utf8'), '\uFEFFx', false],
    ['a byte-order mark added', Buffer.from('x', 'utf8'), '\uFEFFx', true],
  ])('%s', async (_, bytes, contents, differs) => {
    const root = fresh();
    await writeOutput(root, [{ path: 'a.txt', contents: 'seed' }]);
    writeFileSync(path.join(root, 'a.txt'), bytes);
    expect(await diffOutput(root, [{ path: 'a.txt', contents }])).toEqual(differs ? ['a.txt (changed)'] : []);
    const result = await writeOutput(root, [{ path: 'a.txt', contents }]);
    expect(result.written).toEqual(differs ? ['a.txt'] : []);
    expect(readFileSync(path.join(root, 'a.txt')).equals(Buffer.from(contents, 'utf8'))).toBe(true);
    expect(await diffOutput(root, [{ path: 'a.txt', contents }])).toEqual([]);
  });

  it('up to date exactly when a write changes nothing (random texts and what is on disk)', async () => {
    await fc.assert(
      fc.asyncProperty(text.chain((contents) => fc.tuple(fc.constant(contents), onDisk(contents))), async ([contents, state]) => {
        if (!['bytes', 'missing', 'dir'].includes(state[0])) return;
        const root = fresh();
        writeFileSync(path.join(root, MANIFEST), JSON.stringify({ files: ['n'] }));
        place(root, 'n', state as [string, Buffer?]);
        const diff = await diffOutput(root, [{ path: 'n', contents }]);
        const result = await writeOutput(root, [{ path: 'n', contents }]).catch((e: unknown) => e);
        if (state[0] === 'dir') {
          expect(diff).toEqual(['n (missing)']);
          expect((result as WriteError).ruleId).toBe('output-failed');
        } else {
          expect(diff.length === 0).toBe((result as { written: string[] }).written.length === 0);
        }
      }),
      { numRuns: RUNS / 3 },
    );
  });
});
