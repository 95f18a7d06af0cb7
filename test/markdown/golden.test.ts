/**
 * Golden pages for the small invented model of models.ts, formatted as the pipeline formats
 * them. Refresh with UPDATE_GOLDEN=1 after an intended change, and review the diff.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emitMarkdown } from '../../generator/emit/markdown/index.js';
import { formatFiles } from '../../generator/format/prettier.js';
import { context } from './helpers.js';
import { widgetModel } from './models.js';

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

function listGolden(dir: string, base = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listGolden(path.join(dir, d.name), `${base}${d.name}/`) : [`${base}${d.name}`],
  );
}

describe('golden Markdown', async () => {
  const raw = emitMarkdown(widgetModel, context());
  const files = await formatFiles(raw);

  if (update) {
    rmSync(GOLDEN, { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(path.dirname(path.join(GOLDEN, f.path)), { recursive: true });
      writeFileSync(path.join(GOLDEN, f.path), f.contents);
    }
  }

  it('writes exactly the golden files', () => {
    expect(files.map((f) => f.path).sort()).toEqual(listGolden(GOLDEN).sort());
  });

  it.each(files.map((f) => [f.path, f.contents] as const))('%s matches its golden file', (p, contents) => {
    expect(contents).toBe(readFileSync(path.join(GOLDEN, p), 'utf8'));
  });

  it('needs nothing from prettier: the serialiser already writes its style', () => {
    expect(files).toEqual(raw);
  });
});
