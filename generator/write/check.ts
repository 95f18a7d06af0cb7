import { readFile } from 'node:fs/promises';
import type { OutputFile } from '../emit/types.js';
import { checkOutputPath, MANIFEST } from './atomic.js';

/** Paths (relative to outDir) whose bytes differ from `files`, or that are stale. Reads only. */
export async function diffOutput(outDir: string, files: readonly OutputFile[]): Promise<string[]> {
  const diff: string[] = [];
  for (const f of files) {
    let current: string | undefined;
    try {
      current = await readFile(checkOutputPath(outDir, f.path), 'utf8');
    } catch {
      current = undefined;
    }
    if (current === undefined) diff.push(`${f.path} (missing)`);
    else if (current !== f.contents) diff.push(`${f.path} (changed)`);
  }
  try {
    const manifest = JSON.parse(await readFile(checkOutputPath(outDir, MANIFEST), 'utf8')) as { files?: unknown };
    const produced = new Set(files.map((f) => f.path));
    if (Array.isArray(manifest.files)) {
      for (const p of manifest.files) if (typeof p === 'string' && !produced.has(p)) diff.push(`${p} (stale)`);
    }
  } catch {
    // no manifest: nothing known to be stale
  }
  return diff.sort();
}
