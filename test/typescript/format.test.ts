/**
 * The format stage passes `preformatted` files through without prettier. That is only sound
 * while each such file is exactly what prettier would make of it, which this test checks for
 * every file the emitter marks (the runtime copied from templates/runtime/, the package's
 * tsconfig.json from templates/package/). If it fails, run prettier over them with the
 * project's options (generator/format/prettier.ts).
 */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { emitTypescript } from '../../generator/emit/typescript/index.js';
import { formatFiles, formatText } from '../../generator/format/prettier.js';
import { templatesOnce } from './helpers.js';
import { widgetModel } from './models.js';

async function emitted() {
  const reporter = new Reporter([new VFile({ path: 'widgets.txt' })], new VFile({ path: 'qmp-codegen' }));
  return emitTypescript(widgetModel(), { reporter, packageName: 'widget-qmp', generatorVersion: '0.0.0-test', templates: await templatesOnce() });
}

describe('preformatted files', () => {
  it('are the runtime sources and the tsconfig.json, copied verbatim from templates/', async () => {
    const templates = await templatesOnce();
    const marked = (await emitted()).filter((f) => f.preformatted);
    expect(marked.map((f) => f.path)).toEqual(expect.arrayContaining(['src/runtime/client.ts', 'tsconfig.json']));
    for (const f of marked) {
      const template = f.path === 'tsconfig.json' ? 'package/tsconfig.json' : f.path.slice('src/'.length);
      expect(f.path === 'tsconfig.json' || f.path.startsWith('src/runtime/'), f.path).toBe(true);
      expect(f.contents, f.path).toBe(templates[template]);
    }
  });

  it('are already what prettier makes of them, so skipping prettier changes nothing', async () => {
    const marked = (await emitted()).filter((f) => f.preformatted);
    expect(marked.length).toBeGreaterThan(0);
    for (const f of marked) expect(await formatText(f.path, f.contents), f.path).toBe(f.contents);
  });

  it('pass through the format stage unchanged, while other sources are formatted', async () => {
    const files = [
      { path: 'src/a.ts', contents: 'export const a = "x"\n', preformatted: true as const },
      { path: 'src/b.ts', contents: 'export const b = "x"\n' },
      { path: 'dist/b.js', contents: 'export const b = "x"\n' },
    ];
    expect(await formatFiles(files)).toEqual([
      { path: 'src/a.ts', contents: 'export const a = "x"\n' },
      { path: 'src/b.ts', contents: "export const b = 'x';\n" },
      { path: 'dist/b.js', contents: 'export const b = "x"\n' },
    ]);
  });
});
