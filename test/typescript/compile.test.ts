/**
 * compile.ts's shortcut for files of type declarations only: their JavaScript, taken as the
 * empty module without parsing them, is what the compiler writes for them. And its header
 * reader, its cache and its use of build/prebuilt.json.
 */
import fc from 'fast-check';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { compileToDist, distKey, distOptions, leadingLineComments, type PackageOptions } from '../../generator/emit/typescript/compile.js';
import type { Prebuilt } from '../../generator/emit/types.js';
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

describe('leadingLineComments', () => {
  /** What it was: the text split into lines, those up to the first that is no `//` comment (or is `///`). */
  const bySplitting = (text: string): string => {
    const lines: string[] = [];
    for (const line of text.split('\n')) {
      if (!line.startsWith('//') || line.startsWith('///')) break;
      lines.push(line);
    }
    return lines.join('\n');
  };

  it.each([
    ['', ''],
    ['// a', '// a'],
    ['// a\n', '// a'],
    ['// a\n// b\nexport {};\n', '// a\n// b'],
    ['// a\r\n// b\r\nx', '// a\r\n// b\r'],
    ['// a\n/// <reference />\n// b\n', '// a'],
    ['/// <reference />\n', ''],
    ['// a\n\n// b\n', '// a'],
    [' // a\n', ''],
  ])('%j → %j', (text, header) => {
    expect(leadingLineComments(text)).toBe(header);
    expect(bySplitting(text)).toBe(header);
  });

  it('is the lines split off the text, on random texts', () => {
    const piece = fc.constantFrom('//', '///', '/', ' ', 'a', '\n', '\r', '\r\n', '// x\n', 'export {};');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), (text) => leadingLineComments(text) === bySplitting(text)), { numRuns: 300 });
  });
});

describe('compileToDist: what it keeps and looks up', () => {
  const text = '// Generated.\nexport interface A {\n    /** m */\n    a: string;\n}\n';
  const src = [{ path: 'src/t.ts', contents: text }];
  const real = compileToDist(src, options, undefined, new Set(['src/t.ts']));

  it('gives the same result again (from its cache), and again for the same text in a new string', () => {
    expect(compileToDist(src, options, undefined, new Set(['src/t.ts']), new Set(['src/t.ts']))).toEqual(real);
    expect(compileToDist([{ path: 'src/t.ts', contents: `${text} `.slice(0, -1) }], options, undefined, new Set(['src/t.ts']))).toEqual(real);
    // another text, path or options is another entry
    const other = compileToDist([{ path: 'src/t.ts', contents: text.replace('a: string', 'b: number') }], options, undefined, new Set(['src/t.ts']));
    expect(other.files.find((f) => f.path === 'dist/t.d.ts')!.contents).toContain('b: number;');
    const moved = compileToDist([{ path: 'src/u.ts', contents: text }], options, undefined, new Set(['src/u.ts']));
    expect(moved.files.map((f) => f.path)).toEqual(['dist/u.js', 'dist/u.d.ts']);
    const stripped = compileToDist(src, { ...options, removeComments: true }, undefined, new Set(['src/t.ts']));
    expect(stripped.files.find((f) => f.path === 'dist/t.d.ts')!.contents).not.toContain('/** m */');
  });

  it('takes a file from prebuilt under its key, but never one the run made (fresh)', () => {
    const contents = `${text}export type B = 1;\n`; // not compiled yet in this process
    const forged: Prebuilt = { dist: { [distKey(options, 'src/p.ts', contents)]: { js: 'forged js', dts: 'forged dts', problems: [] } }, runtimeNames: {} };
    const fresh = compileToDist([{ path: 'src/p.ts', contents }], options, forged, new Set(['src/p.ts']), new Set(['src/p.ts']));
    expect(fresh.files.map((f) => f.contents).join('')).not.toContain('forged');
    const shipped = compileToDist([{ path: 'src/p.ts', contents }], options, forged, new Set(['src/p.ts']));
    expect(shipped.files.map((f) => f.contents)).toEqual(['forged js', 'forged dts']);
  });
});

describe('distKey', () => {
  it('differs whenever an input does', () => {
    const keys = [
      distKey(options, 'src/a.ts', 'x'),
      distKey(options, 'src/a.ts', 'y'),
      distKey(options, 'src/b.ts', 'x'),
      distKey({ ...options, strict: false }, 'src/a.ts', 'x'),
      // where the path ends and the text begins
      distKey(options, 'src/a.ts\n', 'x'),
      distKey(options, 'src/a.ts', '\nx'),
      // a lone surrogate and the replacement character UTF-8 would make of it
      distKey(options, 'src/a.ts', '\ud800'),
      distKey(options, 'src/a.ts', '\ufffd'),
      distKey(options, 'src/a.ts', ''),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(distKey(options, 'src/a.ts', 'x')).toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
  });
});
