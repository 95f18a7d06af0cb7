/**
 * build/prebuilt.json (written by `npm run build`, generator/emit/typescript/prebuilt.ts) may
 * only save time. For the templates of this checkout, every runtime file has an entry under the
 * key the emitter looks up, holding exactly what compiling it now gives, and the runtime's names
 * are there too, and so is the README template's tree. (That the package emitted with it is the committed one: the drift test, whose
 * CLI run finds this file.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compilerOptions, compileToDist, distKey } from '../../generator/emit/typescript/compile.js';
import type { Prebuilt } from '../../generator/emit/types.js';
import { parseReadmeTemplate, readmeTreeKey } from '../../generator/emit/typescript/package.js';
import { runtimeNames, runtimeNamesKey, runtimeSources } from '../../generator/layout/runtime.js';
import { ROOT, templatesOnce } from './helpers.js';

let shipped: Prebuilt;
beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--if-stale'], { cwd: ROOT, stdio: 'pipe' });
  shipped = JSON.parse(readFileSync(path.join(ROOT, 'build/prebuilt.json'), 'utf8')) as Prebuilt;
});

describe('build/prebuilt.json', () => {
  it('holds each runtime file, under the emitter\'s key, as compiling it now gives it', async () => {
    const templates = await templatesOnce();
    const options = compilerOptions(templates['package/tsconfig.json']!);
    const runtime = runtimeSources(templates);
    expect(runtime.length).toBeGreaterThan(5);
    for (const [file, contents] of runtime) {
      const entry = shipped.dist[distKey(options, `src/${file}`, contents)];
      expect(entry, file).toBeDefined();
      const fresh = compileToDist([{ path: `src/${file}`, contents }], options);
      expect(entry!.js, file).toBe(fresh.files.find((f) => f.path.endsWith('.js'))!.contents);
      expect(entry!.dts, file).toBe(fresh.files.find((f) => f.path.endsWith('.d.ts'))!.contents);
      expect(entry!.problems, file).toEqual(fresh.problems);
    }
  });

  it('holds the runtime\'s names as parsing it gives them', async () => {
    const runtime = runtimeSources(await templatesOnce());
    const entry = shipped.runtimeNames[runtimeNamesKey(runtime)];
    expect(entry).toBeDefined();
    const parsed = runtimeNames(runtime);
    expect(entry!.exports).toEqual([...parsed.exports]);
    expect(entry!.clientMembers).toEqual([...parsed.clientMembers]);
    expect(entry!.clientMembers).toContain('execute');
  });

  it("holds the README template's tree as parsing it gives it", async () => {
    const template = (await templatesOnce())['package/README.md']!;
    const entry = shipped.readmeTrees?.[readmeTreeKey(template)];
    expect(entry).toBeDefined();
    // the JSON file holds the tree as JSON: the same tree, less properties that are undefined
    expect(entry).toStrictEqual(JSON.parse(JSON.stringify(parseReadmeTemplate(template))));
    expect(JSON.stringify(entry)).toContain('qmp-codegen:');
  });
});
