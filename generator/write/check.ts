import { access, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OutputFile } from '../emit/types.js';
import { checkOutputPath, inspect, MANIFEST, STAGING } from './atomic.js';

/**
 * Paths (relative to outDir) whose bytes differ from `files`, or that are stale. Reads only,
 * and never through a symbolic link below outDir (such a path is reported: a write would
 * refuse it); an interrupted write (staging folder left) is reported too.
 */
export async function diffOutput(outDir: string, files: readonly OutputFile[]): Promise<string[]> {
  const root = path.resolve(outDir);
  const diff: string[] = [];
  const folders = new Set<string>();
  for (const f of files) {
    let current: string | undefined;
    try {
      const abs = checkOutputPath(root, f.path);
      current = inspect(root, f.path, folders) === 'file' ? readFileSync(abs, 'utf8') : undefined;
    } catch (error) {
      diff.push(`${f.path} (${error instanceof Error && /symbolic link/.test(error.message) ? 'symbolic link on its path' : 'unreadable'})`);
      continue;
    }
    if (current === undefined) diff.push(`${f.path} (missing)`);
    else if (current !== f.contents) diff.push(`${f.path} (changed)`);
  }
  try {
    const manifest = JSON.parse(await readFile(checkOutputPath(root, MANIFEST), 'utf8')) as { files?: unknown };
    const produced = new Set(files.map((f) => f.path));
    if (Array.isArray(manifest.files)) {
      for (const p of manifest.files) if (typeof p === 'string' && !produced.has(p)) diff.push(`${p} (stale)`);
    }
  } catch {
    // no manifest: nothing known to be stale
  }
  if (await access(path.join(root, STAGING)).then(() => true, () => false)) diff.push(`${STAGING} (a write was interrupted; run again to undo or finish it)`);
  return diff.sort();
}
