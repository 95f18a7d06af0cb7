/**
 * Writing output: the only stage that touches the output folder.
 *
 * Everything is produced in memory first, so a failing emitter never reaches the disk. Then:
 * - every path is checked to stay inside `outDir` (input text can reach file names);
 * - a file whose bytes did not change is not rewritten (mtimes stay, watchers stay quiet);
 * - a changed file is written beside its target and renamed over it (atomic per file);
 * - files that a previous run wrote (listed in the manifest) and this run did not are removed;
 *   nothing else in `outDir` is ever deleted, so pointing `--out` at a busy folder is safe;
 * - SIGINT/SIGTERM during the apply phase are held until it finishes, so an interrupted run
 *   leaves either the previous output or the new one for each file, never a torn file.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile } from '../emit/types.js';

export const MANIFEST = '.qmp-codegen-manifest.json';

export interface WriteResult {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/** Throws when `rel` would land outside the output folder or is not a plain relative path. */
export function checkOutputPath(outDir: string, rel: string): string {
  if (rel === '' || rel.includes('\0') || path.isAbsolute(rel) || rel.split(/[\\/]/).some((s) => s === '..' || s === '')) {
    throw new Error(`refusing to write unsafe output path ${JSON.stringify(rel)}`);
  }
  const abs = path.resolve(outDir, rel);
  const root = path.resolve(outDir);
  if (!abs.startsWith(root + path.sep)) throw new Error(`refusing to write outside ${root}: ${rel}`);
  return abs;
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

async function previousManifest(outDir: string): Promise<string[]> {
  const buf = await readIfExists(path.join(outDir, MANIFEST));
  if (!buf) return [];
  try {
    const data: unknown = JSON.parse(buf.toString('utf8'));
    const files = (data as { files?: unknown }).files;
    return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

/** Write `files` into `outDir` as described above. */
export async function writeOutput(outDir: string, files: readonly OutputFile[]): Promise<WriteResult> {
  const targets = files.map((f) => ({ ...f, abs: checkOutputPath(outDir, f.path) }));
  const manifest: OutputFile = {
    path: MANIFEST,
    contents: `${JSON.stringify({ generator: 'qmp-codegen', files: files.map((f) => f.path).sort() }, null, 2)}\n`,
  };
  targets.push({ ...manifest, abs: path.join(path.resolve(outDir), MANIFEST) });
  const produced = new Set(files.map((f) => f.path));
  const stale = (await previousManifest(outDir)).filter((p) => !produced.has(p));

  const result: WriteResult = { written: [], unchanged: [], removed: [] };
  const held: NodeJS.Signals[] = [];
  const hold = (sig: NodeJS.Signals) => held.push(sig);
  process.on('SIGINT', hold);
  process.on('SIGTERM', hold);
  try {
    for (const t of targets) {
      const before = await readIfExists(t.abs);
      const bytes = Buffer.from(t.contents, 'utf8');
      if (before && before.equals(bytes)) {
        if (t.path !== MANIFEST) result.unchanged.push(t.path);
        continue;
      }
      await mkdir(path.dirname(t.abs), { recursive: true });
      const tmp = `${t.abs}.${process.pid}.${createHash('sha1').update(t.path).digest('hex').slice(0, 8)}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, t.abs);
      if (t.path !== MANIFEST) result.written.push(t.path);
    }
    for (const rel of stale) {
      let abs: string;
      try {
        abs = checkOutputPath(outDir, rel);
      } catch {
        continue; // a tampered manifest never makes us delete outside outDir
      }
      await rm(abs, { force: true });
      result.removed.push(rel);
      // prune folders that became empty, up to outDir
      for (let dir = path.dirname(abs); dir.startsWith(path.resolve(outDir) + path.sep); dir = path.dirname(dir)) {
        try {
          await rmdir(dir);
        } catch {
          break;
        }
      }
    }
  } finally {
    process.off('SIGINT', hold);
    process.off('SIGTERM', hold);
  }
  if (held.length > 0) process.kill(process.pid, held[0]);
  return result;
}
