/**
 * Writing output: the only stage that touches the output folder.
 *
 * Everything is produced in memory first, so a failing emitter never reaches the disk. Then,
 * under a lock file (`.qmp-codegen.lock`, naming the pid of the run that holds it):
 * - every path is checked to stay inside `outDir`, to fit the file system's name limit, and
 *   to pass through no symbolic link below `outDir` (refused, never followed);
 * - a folder that has files but no manifest of ours is refused unless `force` is set;
 * - a file whose bytes did not change is not rewritten (mtimes stay, watchers stay quiet);
 * - every changed file is first STAGED (written and fsynced) in `outDir/.qmp-codegen-staging/`:
 *   a full disk, a name the file system refuses or any other failure stops here and leaves the
 *   previous output untouched;
 * - then a journal is written and the staged files are renamed over their targets one by one,
 *   each previous version kept as a hard link in the staging folder. If a step fails, every
 *   step before it is undone; if the process dies, the next run finds the journal and undoes
 *   the interrupted commit first. Either way the folder holds the previous output or the new
 *   one, as a whole;
 * - files that a previous run wrote (listed in the manifest) and this run did not are removed;
 *   nothing else in `outDir` is ever deleted;
 * - SIGINT/SIGTERM during the commit are held until it finishes (during staging they stop the
 *   run, which cleans up), then re-raised.
 */
import { hostname } from 'node:os';
import { closeSync, constants as fsConstants, copyFileSync, fstatSync, fsync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile } from '../emit/types.js';

export const MANIFEST = '.qmp-codegen-manifest.json';
export const LOCK = '.qmp-codegen.lock';
export const STAGING = '.qmp-codegen-staging';
/** Names in `outDir` that belong to the write stage itself, not to the output. */
const OWN_NAMES = new Set([MANIFEST, LOCK, STAGING]);
/** The longest file name (one path segment) ext4, XFS, btrfs, APFS and NTFS all accept, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 255;

/** Rule ids of the write stage (catalogued in generator/diagnostics/rules.ts). */
export type WriteRuleId =
  | 'output-unsafe-path'
  | 'output-symlink'
  | 'output-foreign'
  | 'output-locked'
  | 'output-failed'
  | 'output-manifest-entry';

/** A problem that stops the write stage before anything changed (or after undoing it). */
export class WriteError extends Error {
  readonly ruleId: WriteRuleId;
  constructor(ruleId: WriteRuleId, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WriteError';
    this.ruleId = ruleId;
  }
}

export interface WriteWarning {
  ruleId: WriteRuleId;
  message: string;
}

export interface WriteResult {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Stale manifest entries that were not removed, and why. */
  warnings: WriteWarning[];
}

/** The file operations the write stage performs, for fault injection in tests. */
export type FaultOp = 'stage' | 'journal' | 'link' | 'rename' | 'remove' | 'mkdir';

export interface WriteOptions {
  /** Write into a non-empty folder that has no manifest of ours. */
  force?: boolean;
  /**
   * Called before each file operation with its kind and absolute path; throwing from it makes
   * that operation fail (tests inject ENOSPC, ENAMETOOLONG, ... here).
   */
  faults?: (op: FaultOp, file: string) => void;
}

/** Throws (`output-unsafe-path`) when `rel` would land outside the output folder, is not a plain relative path, or has a segment too long for common file systems. */
export function checkOutputPath(outDir: string, rel: string): string {
  return outputPath(path.resolve(outDir), rel);
}

/**
 * `checkOutputPath` for a `root` already resolved (absolute, normalised): the write stage
 * checks every path of a run against one root, and resolves it once. On POSIX a path that
 * passes the segment checks is `root/rel` exactly as `path.resolve` would give it, so it is
 * put together by hand; elsewhere (and for the root `/`, where every path is refused, as
 * `root + sep` is `//`) `path.resolve` and the prefix test decide, as they always did.
 */
export function outputPath(root: string, rel: string): string {
  if (rel === '' || rel.includes('\0') || path.isAbsolute(rel)) throw unsafe(rel);
  let start = 0;
  for (;;) {
    let end = start;
    while (end < rel.length && rel[end] !== '/' && rel[end] !== '\\') end++;
    const length = end - start;
    if (length === 0 || (length <= 2 && (rel.startsWith('.', start) && (length === 1 || rel[start + 1] === '.')))) throw unsafe(rel);
    if (end === rel.length) break;
    start = end + 1;
  }
  // a segment's UTF-8 bytes are at most 3 per UTF-16 unit: only long segments are measured
  // (split on "/" alone, as before: a backslash is part of a POSIX name)
  if (rel.length * 3 > MAX_NAME_BYTES) {
    const long = rel.split('/').find((s) => s.length * 3 > MAX_NAME_BYTES && Buffer.byteLength(s, 'utf8') > MAX_NAME_BYTES);
    if (long !== undefined) {
      throw new WriteError(
        'output-unsafe-path',
        `refusing to write output path ${JSON.stringify(rel)}: the name ${JSON.stringify(long.slice(0, 40))}… is ${Buffer.byteLength(long, 'utf8')} bytes, over the ${MAX_NAME_BYTES}-byte limit of common file systems`,
      );
    }
  }
  if (path.sep === '/' && root !== '/') return `${root}/${rel}`;
  const abs = path.resolve(root, rel);
  if (!abs.startsWith(root + path.sep)) throw new WriteError('output-unsafe-path', `refusing to write outside ${root}: ${rel}`);
  return abs;
}

function unsafe(rel: string): WriteError {
  return new WriteError('output-unsafe-path', `refusing to write unsafe output path ${JSON.stringify(rel)}`);
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

async function readIfFile(file: string): Promise<Buffer | undefined> {
  try {
    return await fsp.readFile(file);
  } catch {
    return undefined;
  }
}

/**
 * What is at `root/rel`, checking every segment with lstat: throws `output-symlink` when one is
 * a symbolic link, `output-failed` when a folder is needed where a file is (or the reverse).
 *
 * `folders` remembers the segments already found to be plain folders, so that the hundreds
 * of files of one output, which share a handful of folders, lstat each folder once per pass
 * rather than once per file. Synchronous: the plan is reads only, with nothing to overlap them
 * with, and a read through the thread pool cost more in round trips than the read itself.
 */
export function inspect(root: string, rel: string, folders: Set<string> = new Set()): 'missing' | 'file' | 'dir' {
  const segments = rel.split('/');
  let at = root;
  for (let i = 0; i < segments.length; i++) {
    at = path.join(at, segments[i]!);
    const last = i === segments.length - 1;
    if (!last && folders.has(at)) continue;
    const shown = segments.slice(0, i + 1).join('/');
    let info;
    try {
      info = lstatSync(at);
    } catch (error) {
      if (code(error) === 'ENOENT') return 'missing';
      throw error;
    }
    if (info.isSymbolicLink()) {
      throw new WriteError('output-symlink', `${shown} in the output folder is a symbolic link; refusing to write or delete through it (${rel})`);
    }
    if (last) return info.isDirectory() ? 'dir' : 'file';
    if (!info.isDirectory()) throw new WriteError('output-failed', `${shown} in the output folder is a file, but ${rel} needs it to be a folder`);
    folders.add(at);
  }
  return 'missing';
}

/** The bytes of `file`, or undefined when it cannot be read (synchronous, as `inspect`). */
function readIfFileSync(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** What `OutputReader.compare` found at an output path. */
export type Found = 'missing' | 'dir' | 'same' | 'changed' | 'unreadable';

/** Opening for a read, never through a symbolic link as the last segment; a FIFO does not block. */
const NOFOLLOW = fsConstants.O_NOFOLLOW === undefined ? undefined : fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | (fsConstants.O_NONBLOCK ?? 0);

/**
 * Compares output files with what is on disk under `root`, for the write plan and `--check`:
 * the same answers as `inspect` then reading the file and comparing its bytes with the UTF-8
 * of the new text, with fewer system calls and no allocation per file.
 * - The folders of a path are looked at (lstat, refusing symbolic links and files where a
 *   folder is needed) once per pass: a folder found plain, or missing, is remembered (nothing
 *   is created while a pass runs), so a file in a known folder costs one Set lookup.
 * - The file itself is opened with O_NOFOLLOW (a symbolic link fails with ELOOP instead of
 *   being followed) in place of an lstat, then fstat'ed: a folder or anything not a plain file
 *   is told apart there, and a file whose size is not the new text's byte length is changed
 *   without reading it.
 * - The new text is encoded into a buffer kept from file to file, only up to the old size and
 *   4 bytes more (a longer text cannot be equal), and the old bytes are read into another.
 * Any other failure to open (EACCES, ELOOP, ...), and a platform without O_NOFOLLOW, take
 * the old way for that file: lstat (the same refusals, the same messages), then read it whole.
 */
export class OutputReader {
  readonly #root: string;
  /** Relative folders found to be plain folders in this pass ('' is the root). */
  readonly #plain = new Set<string>(['']);
  /** Relative folders found missing in this pass. */
  readonly #missing = new Set<string>();
  /** For the old way: absolute folders found plain, as `inspect` keeps them. */
  readonly #folders = new Set<string>();
  #encoded = Buffer.allocUnsafeSlow(1 << 16);
  #read = Buffer.allocUnsafeSlow(1 << 16);

  /** `root` resolved (absolute, normalised). */
  constructor(root: string) {
    this.#root = root;
  }

  /**
   * What is at `rel` (`abs` is `outputPath(root, rel)`) compared with `contents`. Throws as
   * `inspect` does: `output-symlink` for a symbolic link on the path, `output-failed` for a
   * file where a folder is needed.
   */
  compare(rel: string, abs: string, contents: string): Found {
    const slash = rel.lastIndexOf('/');
    const folder = slash < 0 ? '' : rel.slice(0, slash);
    if (!this.#plain.has(folder) && !this.#walk(rel, folder)) return 'missing';
    if (NOFOLLOW === undefined) return this.#slow(rel, abs, contents);
    let fd: number;
    try {
      fd = openSync(abs, NOFOLLOW);
    } catch (error) {
      if (code(error) === 'ENOENT') return 'missing';
      return this.#slow(rel, abs, contents);
    }
    try {
      return this.#same(fd, contents);
    } catch {
      return 'unreadable';
    } finally {
      closeSync(fd);
    }
  }

  /** Looks at each folder of `rel` not yet known; false when one is missing. */
  #walk(rel: string, folder: string): boolean {
    for (let end = rel.indexOf('/'); ; end = rel.indexOf('/', end + 1)) {
      const prefix = rel.slice(0, end);
      if (this.#missing.has(prefix)) return false;
      if (!this.#plain.has(prefix)) {
        let info;
        try {
          info = lstatSync(`${this.#root}${path.sep}${prefix}`);
        } catch (error) {
          if (code(error) !== 'ENOENT') throw error;
          this.#missing.add(prefix);
          return false;
        }
        if (info.isSymbolicLink()) {
          throw new WriteError('output-symlink', `${prefix} in the output folder is a symbolic link; refusing to write or delete through it (${rel})`);
        }
        if (!info.isDirectory()) throw new WriteError('output-failed', `${prefix} in the output folder is a file, but ${rel} needs it to be a folder`);
        this.#plain.add(prefix);
      }
      if (prefix === folder) return true;
    }
  }

  /** Whether the open file `fd` holds exactly the UTF-8 of `contents`. */
  #same(fd: number, contents: string): Found {
    const info = fstatSync(fd);
    if (info.isDirectory()) return 'dir';
    if (!info.isFile()) return 'changed';
    const size = info.size;
    // a UTF-16 unit is 1 to 3 bytes of UTF-8: sizes outside that cannot be equal
    if (size < contents.length || size > contents.length * 3) return 'changed';
    if (this.#encoded.length < size + 4) this.#encoded = Buffer.allocUnsafeSlow(Math.max(size + 4, this.#encoded.length * 2));
    // whole characters only: a text longer than size + 4 bytes stops past `size`
    const length = this.#encoded.write(contents, 0, size + 4, 'utf8');
    if (length !== size) return 'changed';
    if (this.#read.length < size) this.#read = Buffer.allocUnsafeSlow(Math.max(size, this.#read.length * 2));
    let got = 0;
    while (got < size) {
      const n = readSync(fd, this.#read, got, size - got, got);
      if (n === 0) return 'changed'; // shorter than fstat said: changed under us
      got += n;
    }
    return this.#encoded.compare(this.#read, 0, size, 0, size) === 0 ? 'same' : 'changed';
  }

  /** The old way: lstat of every segment (`inspect`), then the whole file read and compared. */
  #slow(rel: string, abs: string, contents: string): Found {
    const kind = inspect(this.#root, rel, this.#folders);
    if (kind !== 'file') return kind;
    const before = readIfFileSync(abs);
    if (before === undefined) return 'unreadable';
    return before.equals(Buffer.from(contents, 'utf8')) ? 'same' : 'changed';
  }
}

async function previousManifest(outDir: string): Promise<string[] | undefined> {
  const buf = await readIfFile(path.join(outDir, MANIFEST));
  if (!buf) return undefined;
  try {
    const data: unknown = JSON.parse(buf.toString('utf8'));
    const files = (data as { files?: unknown }).files;
    return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === 'EPERM';
  }
}

/** Takes `outDir/.qmp-codegen.lock`; a lock whose process is gone is taken over. Returns the release function. */
async function acquireLock(root: string): Promise<() => Promise<void>> {
  const file = path.join(root, LOCK);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() });
  for (let attempt = 0; ; attempt++) {
    try {
      await fsp.writeFile(file, mine, { flag: 'wx' });
      return async () => {
        // only our own lock is removed
        if ((await readIfFile(file))?.toString('utf8') === mine) await fsp.rm(file, { force: true });
      };
    } catch (error) {
      if (code(error) !== 'EEXIST') throw error;
    }
    const text = (await readIfFile(file))?.toString('utf8') ?? '';
    let holder: { pid?: unknown; host?: unknown; started?: unknown } = {};
    try {
      holder = JSON.parse(text) as typeof holder;
    } catch {
      // being written this very moment, or torn by a crash: judged by its age below
    }
    const pid = typeof holder.pid === 'number' ? holder.pid : undefined;
    const otherHost = typeof holder.host === 'string' && holder.host !== hostname();
    const info = await fsp.stat(file).catch(() => undefined);
    const young = info !== undefined && Date.now() - info.mtimeMs < 10_000;
    const alive = pid !== undefined ? otherHost || pidAlive(pid) : young;
    if (alive || attempt > 2) {
      const who = pid !== undefined ? `process ${pid}${typeof holder.host === 'string' ? ` on ${holder.host}` : ''}${typeof holder.started === 'string' ? `, started ${holder.started}` : ''}` : 'another process';
      throw new WriteError(
        'output-locked',
        `${root} is being written by another qmp-codegen run (${who}); nothing was written. Try again when it has finished, or delete ${file} if that process no longer exists`,
      );
    }
    // the process that held it is gone: take it over
    await fsp.rm(file, { force: true });
  }
}

interface Journal {
  state: 'committing' | 'done';
  /** Targets in commit order; `old`: a previous version was kept under `old/`. */
  files: Array<{ rel: string; old: boolean }>;
  /** Stale files moved under `gone/`. */
  removed: string[];
}

/** Undoes an interrupted commit found in `stage` (a previous run died mid-commit), then removes `stage`. */
async function recover(root: string, stage: string): Promise<void> {
  const journalText = await readIfFile(path.join(stage, 'journal.json'));
  if (journalText) {
    let journal: Journal | undefined;
    try {
      journal = JSON.parse(journalText.toString('utf8')) as Journal;
    } catch {
      journal = undefined;
    }
    if (journal && journal.state === 'committing') await rollback(root, stage, journal.files, journal.removed);
  }
  await fsp.rm(stage, { recursive: true, force: true });
}

async function exists(p: string): Promise<boolean> {
  return fsp.lstat(p).then(
    () => true,
    () => false,
  );
}

/** Puts back every previous version kept in `stage`, removes files that had none. Best effort, never throws. */
async function rollback(root: string, stage: string, files: Journal['files'], removed: string[]): Promise<void> {
  for (const f of [...files].reverse()) {
    const target = path.join(root, f.rel);
    try {
      if (f.old) {
        const old = path.join(stage, 'old', f.rel);
        if (await exists(old)) await fsp.rename(old, target);
      } else if (!(await exists(path.join(stage, 'new', f.rel)))) {
        // it was moved into place: it did not exist before
        await fsp.rm(target, { force: true });
        await pruneEmpty(root, path.dirname(target));
      }
    } catch {
      // keep undoing the rest
    }
  }
  for (const rel of removed) {
    const gone = path.join(stage, 'gone', rel);
    try {
      if (await exists(gone)) {
        await fsp.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
        await fsp.rename(gone, path.join(root, rel));
      }
    } catch {
      // keep undoing the rest
    }
  }
}

/** Removes folders that became empty, from `dir` up to (not including) `root`. */
async function pruneEmpty(root: string, dir: string): Promise<void> {
  for (let d = dir; d.startsWith(root + path.sep); d = path.dirname(d)) {
    try {
      await fsp.rmdir(d);
    } catch {
      break;
    }
  }
}

/** How many file operations the write stage keeps in flight at once. */
const CONCURRENCY = 16;

/**
 * `fn` over `items`, at most CONCURRENCY at a time; results in input order. On the first
 * failure no new item is started, and the failure is thrown once every started one has
 * settled, so nothing is still writing when the caller cleans up.
 */
async function inParallel<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}

/**
 * Writes `contents` (UTF-8) to the new file `file` and makes it durable: the open and the write
 * on this thread (a small file's write is quicker than a round trip to the thread pool), the
 * fsync, which waits for the disk, in the pool, where several overlap.
 */
async function stageFile(file: string, contents: string): Promise<void> {
  // 'wx': a staged name is new; one already there (or a link) is an error, never written through
  const fd = openSync(file, 'wx');
  try {
    writeFileSync(fd, contents);
    await new Promise<void>((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
  } finally {
    closeSync(fd);
  }
}

function describeFailure(error: unknown): string {
  const c = code(error);
  const reason = error instanceof Error ? error.message : String(error);
  if (c === 'ENOSPC') return `the disk is full (${reason})`;
  if (c === 'ENAMETOOLONG') return `a name is too long for the file system (${reason})`;
  return reason;
}

/** Write `files` into `outDir` as described above. Throws `WriteError` (with the previous output intact). */
export async function writeOutput(outDir: string, files: readonly OutputFile[], options: WriteOptions = {}): Promise<WriteResult> {
  const root = path.resolve(outDir);
  const faults = options.faults ?? (() => {});
  const targets = files.map((f) => ({ rel: f.path, contents: f.contents, abs: outputPath(root, f.path) }));
  const manifestText = `${JSON.stringify({ generator: 'qmp-codegen', files: files.map((f) => f.path).sort() }, null, 2)}\n`;
  targets.push({ rel: MANIFEST, contents: manifestText, abs: path.join(root, MANIFEST) });

  const rootInfo = await fsp.lstat(root).catch(() => undefined);
  if (rootInfo && !(await fsp.stat(root)).isDirectory()) {
    throw new WriteError('output-failed', `${root} exists and is not a folder; nothing was written`);
  }
  const createdRoot = rootInfo === undefined;
  await fsp.mkdir(root, { recursive: true });

  const held: NodeJS.Signals[] = [];
  const hold = (sig: NodeJS.Signals) => held.push(sig);
  process.on('SIGINT', hold);
  process.on('SIGTERM', hold);
  let release: (() => Promise<void>) | undefined;
  const stage = path.join(root, STAGING);
  try {
    release = await acquireLock(root);
    if (await exists(stage)) await recover(root, stage);

    const previous = await previousManifest(root);
    if (previous === undefined && !options.force) {
      const foreign = (await fsp.readdir(root)).filter((n) => !OWN_NAMES.has(n)).sort();
      if (foreign.length > 0) {
        const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, … (${foreign.length} entries)` : '');
        throw new WriteError(
          'output-foreign',
          `${root} already holds files (${shown}) but no ${MANIFEST}: qmp-codegen did not create it. Nothing was written; pass --force to write into it anyway (files qmp-codegen does not generate are never deleted)`,
        );
      }
    }

    // ---- plan: what changes (reads only) ----
    const result: WriteResult = { written: [], unchanged: [], removed: [], warnings: [] };
    const reader = new OutputReader(root);
    const same = targets.map((t) => {
      const found = reader.compare(t.rel, t.abs, t.contents);
      if (found === 'dir') throw new WriteError('output-failed', `${t.rel} in the output folder is a folder; it would be replaced by a file. Nothing was written`);
      return found === 'same';
    });
    const folders = new Set<string>();
    // results in input order, whatever order the reads finished in
    const changed = targets.filter((_, i) => !same[i]);
    for (const [i, t] of targets.entries()) if (same[i] && t.rel !== MANIFEST) result.unchanged.push(t.rel);
    const produced = new Set(files.map((f) => f.path));
    const stale: string[] = [];
    for (const rel of (previous ?? []).filter((p) => !produced.has(p))) {
      try {
        outputPath(root, rel);
        const kind = inspect(root, rel, folders);
        if (kind === 'dir') {
          result.warnings.push({ ruleId: 'output-manifest-entry', message: `The manifest lists ${JSON.stringify(rel)}, which is a folder; it was left alone` });
        } else if (kind === 'file') {
          stale.push(rel);
        }
      } catch (error) {
        result.warnings.push({ ruleId: 'output-manifest-entry', message: `The manifest lists ${JSON.stringify(rel)}, which was not removed: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
    if (changed.length === 0 && stale.length === 0) return result;

    // ---- stage: every new version on disk, synced, before anything in the output changes ----
    try {
      // folders first (each once, in order), then the files, several at a time: the fsyncs of
      // one batch share the file system's journal commits instead of waiting for one each
      const dirs = [...new Set(changed.map((t) => path.dirname(path.join(stage, 'new', t.rel))))];
      for (const dir of dirs) {
        faults('mkdir', dir);
        await fsp.mkdir(dir, { recursive: true });
      }
      await inParallel(changed, async (t) => {
        if (held.length > 0) throw new WriteError('output-failed', `interrupted by ${held[0]} before anything was changed; the previous output is intact`);
        const staged = path.join(stage, 'new', t.rel);
        faults('stage', staged);
        await stageFile(staged, t.contents);
      });
    } catch (error) {
      await fsp.rm(stage, { recursive: true, force: true });
      if (error instanceof WriteError) throw error;
      throw new WriteError('output-failed', `Cannot write the output: ${describeFailure(error)}. Nothing was changed; the previous output is intact`, { cause: error });
    }

    // ---- commit: journal, then rename file by file; undo everything on failure ----
    const journal: Journal = { state: 'committing', files: [], removed: stale };
    const journalFile = path.join(stage, 'journal.json');
    const done: Journal['files'] = [];
    const moved: string[] = [];
    try {
      const plan: Journal['files'] = [];
      const again = new Set<string>(); // a pass of its own: the folders are looked at afresh
      for (const t of changed) plan.push({ rel: t.rel, old: inspect(root, t.rel, again) === 'file' });
      journal.files = plan;
      faults('journal', journalFile);
      await stageFile(journalFile, JSON.stringify(journal));
      // one synchronous run, each folder made once: signals are held until it ends anyway,
      // and a rename is quicker than a round trip to the thread pool
      const made = new Set<string>();
      for (const entry of plan) {
        const target = path.join(root, entry.rel);
        if (entry.old) {
          const old = path.join(stage, 'old', entry.rel);
          const oldDir = path.dirname(old);
          if (!made.has(oldDir)) {
            mkdirSync(oldDir, { recursive: true });
            made.add(oldDir);
          }
          faults('link', old);
          try {
            linkSync(target, old);
          } catch (error) {
            if (code(error) === 'EXDEV' || code(error) === 'EPERM' || code(error) === 'ENOTSUP') copyFileSync(target, old);
            else throw error;
          }
        } else {
          const dir = path.dirname(target);
          if (!made.has(dir)) {
            faults('mkdir', dir);
            mkdirSync(dir, { recursive: true });
            made.add(dir);
          }
        }
        faults('rename', target);
        renameSync(path.join(stage, 'new', entry.rel), target);
        done.push(entry);
        if (entry.rel !== MANIFEST) result.written.push(entry.rel);
      }
      for (const rel of stale) {
        const gone = path.join(stage, 'gone', rel);
        await fsp.mkdir(path.dirname(gone), { recursive: true });
        faults('remove', path.join(root, rel));
        await fsp.rename(path.join(root, rel), gone);
        moved.push(rel);
        result.removed.push(rel);
        await pruneEmpty(root, path.dirname(path.join(root, rel)));
      }
      journal.state = 'done';
      await fsp.writeFile(journalFile, JSON.stringify(journal));
    } catch (error) {
      await rollback(root, stage, done, moved);
      await fsp.rm(stage, { recursive: true, force: true });
      throw new WriteError('output-failed', `Cannot write the output: ${describeFailure(error)}. Every change was undone; the previous output is intact`, { cause: error });
    }
    await fsp.rm(stage, { recursive: true, force: true });
    return result;
  } finally {
    await release?.().catch(() => {});
    if (createdRoot) await fsp.rmdir(root).catch(() => {}); // only if we left it empty
    process.off('SIGINT', hold);
    process.off('SIGTERM', hold);
    if (held.length > 0) process.kill(process.pid, held[0]);
  }
}
