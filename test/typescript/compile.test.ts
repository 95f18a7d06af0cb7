/**
 * compile.ts's shortcut for files of type declarations only: their JavaScript, taken as the
 * empty module without parsing them, is what the compiler writes for them.
 */
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { compileToDist, distOptions, type PackageOptions } from '../../generator/emit/typescript/compile.js';
import { emitPackage } from './helpers.js';
import { widgetModel } from './models.js';

/** As a tsconfig.json writes them. */
const options: PackageOptions = { target: 'ES2022', module: 'NodeNext', strict: true, declaration: true };

describe('types-only files', () => {
  it.each([
    ['an interface', 'export interface A { x: string }\n'],
    [
      'a header and JSDoc',
      '// Generated. Do not edit.\n// Inputs: none\n/** Doc. */\nexport interface A {\n    /** m */\n    "odd-name"?: number;\n}\n',
    ],
    [
      'type aliases, unions, intersections',
      "export type K = 'a' | 'b';\nexport type U = { t: 'x' } & A;\nexport interface A { [key: string]: unknown }\n",
    ],
    [
      'an exported type beside a local one',
      'type Local = number;\nexport interface A { n: Local }\n',
    ],
  ])('%s: the same JavaScript as the compiler', (_what, contents) => {
    const src = [{ path: 'src/t.ts', contents }];
    const fast = compileToDist(src, options, undefined, new Set(['src/t.ts']));
    const slow = compileToDist(src, options);
    expect(fast).toEqual(slow);
    expect(fast.files.find((f) => f.path === 'dist/t.js')!.contents).toMatch(/export \{\};\n$/);
  });

  it("the emitter's src/types.ts compiles to what dist/types.js holds", async () => {
    const pkg = await emitPackage(widgetModel());
    const raw = ts.transpileModule(pkg.byPath.get('src/types.ts')!, {
      fileName: 'src/types.ts',
      compilerOptions: distOptions({ target: 'ES2022' }).jsOptions,
    }).outputText;
    expect(pkg.byPath.get('dist/types.js')).toBe(raw);
    expect(raw).toMatch(/^\/\/ Types of the QMP commands and events\.[^]*\nexport \{\};\n$/);
  });
});
