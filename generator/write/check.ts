import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile } from '../emit/types.js';
import { MANIFEST, OutputReader, outputPath, STAGING } from './atomic.js';

/**
 * Paths (relative to outDir) whose bytes differ from `files`, or that are stale. Reads only,
 * and never through a symbolic link below outDir (such a path is reported: a write would
 * refuse it); an interrupted write (staging folder left) is reported too. A file is compared
 * as the write stage compares it (`OutputReader`: its bytes with the UTF-8 of the new text),
 * so "up to date" means exactly that a write would change nothing.
 */
export async function diffOutput(outDir: string, files: readonly OutputFile[]): Promise<string[]> {
  const root = path.resolve(outDir);
  const diff: string[] = [];
  const reader = new OutputReader(root);
  for (const f of files) {
    let found;
    try {
      found = reader.compare(f.path, outputPath(root, f.path), f.contents);
    } catch (error) {
      diff.push(`${f.path} (${error instanceof Error && /symbolic link/.test(error.message) ? 'symbolic link on its path' : 'unreadable'})`);
      continue;
    }
    if (found === 'missing' || found === 'dir') diff.push(`${f.path} (missing)`);
    else if (found === 'unreadable') diff.push(`${f.path} (unreadable)`);
    else if (found === 'changed') diff.push(`${f.path} (changed)`);
  }
  try {
    const manifest = JSON.parse(await readFile(outputPath(root, MANIFEST), 'utf8')) as { files?: unknown };
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
