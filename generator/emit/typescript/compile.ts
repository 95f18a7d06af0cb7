/**
 * `src/*.ts` → `dist/*.js` + `dist/*.d.ts`, in memory, so the generated package runs in plain
 * Node and types for TypeScript users without a build step.
 *
 * Each file is compiled on its own: `ts.transpileModule` for JavaScript and
 * `ts.transpileDeclaration` (isolated declarations) for the `.d.ts`. Neither needs the type
 * checker, `lib` files or `@types/node`, so this is pure, fast and byte-for-byte
 * deterministic. It is exact because generated code and the runtime are written to satisfy
 * `isolatedDeclarations` (explicit types on everything exported): the package tsconfig turns
 * that option on, and the corpus tests type-check the sources with it, so a lapse is caught.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ts } from 'ts-morph';
import { printClientModule, printEntryModule, printTypesDeclaration, printValuesModule } from './dist-print.js';
import { typescriptApi as typescript } from './ts-morph.js';
import type { OutputFile, Prebuilt } from '../types.js';

/**
 * The package's compiler options as its tsconfig.json writes them (`"target": "ES2022"`), not
 * converted: what the direct printers need to know of them, and the cache keys, read them as
 * they are, and they are converted for the compiler only when a file must be compiled.
 */
export type PackageOptions = Readonly<Record<string, unknown>>;

/** Compiler options from the package's tsconfig.json text (the template). */
export function compilerOptions(tsconfigText: string): PackageOptions {
  let config: unknown;
  try {
    config = JSON.parse(tsconfigText);
  } catch {
    // comments or trailing commas: tsconfig's own dialect, read by the compiler's reader
    const parsed = typescript().parseConfigFileTextToJson('tsconfig.json', tsconfigText);
    if (parsed.error) throw new Error(`internal: templates/package/tsconfig.json: ${typescript().flattenDiagnosticMessageText(parsed.error.messageText, ' ')}`);
    config = parsed.config;
  }
  const options = (config as { compilerOptions?: unknown } | null)?.compilerOptions ?? {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new Error('internal: templates/package/tsconfig.json: compilerOptions is not an object');
  return options as PackageOptions;
}

/** The `//` lines a file starts with (the provenance header of generated files). */
export function leadingLineComments(text: string): string {
  // line by line from the start, without splitting the whole text
  let end = 0;
  for (let from = 0; text.startsWith('//', from) && !text.startsWith('///', from); ) {
    const lineEnd = text.indexOf('\n', from);
    end = lineEnd === -1 ? text.length : lineEnd;
    if (lineEnd === -1) break;
    from = lineEnd + 1;
  }
  return text.slice(0, end);
}

/** The compiler keeps a leading comment only when it is attached to a statement it keeps. */
export function withHeader(header: string, output: string): string {
  return !header || output.startsWith(header) ? output : `${header}\n${output}`;
}

export interface CompileResult {
  files: OutputFile[];
  /** `path:line:col message` for anything the isolated declaration emit could not do exactly. */
  problems: string[];
}

type Compiled = { js: string; dts: string; problems: readonly string[] };

/**
 * Compiled output by (options, path, source text), so that a process that generates several
 * packages (tests, the history, benchmarks) compiles the runtime files, the same on every run,
 * once, and a package generated twice once. Keyed by the full inputs (the compiler is the same
 * one for the life of the process), so it cannot change a result. The texts are keys as they
 * are, which costs no hashing (a Map compares long strings by length, then by content). Files
 * made by a run (`fresh`) are kept a few at a time: they recur in tests, not in the history,
 * whose 38 packages would otherwise all stay in memory.
 */
class CompiledCache {
  private readonly slots = new Map<string, Map<string, Compiled>>();
  private size = 0;
  constructor(private readonly limit: number) {}
  get(optionsKey: string, path: string, contents: string): Compiled | undefined {
    return this.slots.get(`${optionsKey}\0${path}`)?.get(contents);
  }
  set(optionsKey: string, path: string, contents: string, out: Compiled): void {
    if (this.size >= this.limit) {
      this.slots.clear();
      this.size = 0;
    }
    const slot = `${optionsKey}\0${path}`;
    let byText = this.slots.get(slot);
    if (!byText) this.slots.set(slot, (byText = new Map()));
    byText.set(contents, out);
    this.size++;
  }
}
const cache = new CompiledCache(256);
const freshCache = new CompiledCache(16);

/** The options each file is compiled with, from the package tsconfig's, for the compiler. */
export function distOptions(options: PackageOptions): { jsOptions: ts.CompilerOptions; dtsOptions: ts.CompilerOptions } {
  const typescriptApi = typescript();
  const converted = typescriptApi.convertCompilerOptionsFromJson(options, '/');
  if (converted.errors.length) throw new Error(`internal: templates/package/tsconfig.json: ${typescriptApi.flattenDiagnosticMessageText(converted.errors[0]!.messageText, ' ')}`);
  // Files are compiled one by one, outside any folder: module format and layout options
  // of the package tsconfig (NodeNext would look for a package.json to decide between ESM
  // and CommonJS; rootDir/outDir describe the disk) are replaced by what they mean here.
  const { rootDir: _rootDir, outDir: _outDir, declarationDir: _declarationDir, ...rest } = converted.options;
  const common: ts.CompilerOptions = {
    ...rest,
    module: typescriptApi.ModuleKind.ES2022,
    moduleResolution: typescriptApi.ModuleResolutionKind.Bundler,
    sourceMap: false,
    inlineSourceMap: false,
    declarationMap: false,
    noEmit: false,
    newLine: typescriptApi.NewLineKind.LineFeed,
  };
  const jsOptions: ts.CompilerOptions = { ...common, declaration: false, isolatedDeclarations: false };
  const dtsOptions: ts.CompilerOptions = { ...common, declaration: true, isolatedDeclarations: true };
  return { jsOptions, dtsOptions };
}

/**
 * Which compiler would compile a file: ts-morph's bundle of TypeScript, named by the version of
 * the package that carries it (`@ts-morph/common@0.29.0` bundles TypeScript 6.0.2, and an
 * npm version never changes), read from its package.json instead of loading the compiler.
 */
let compilerId: string | undefined;
export function compilerIdentity(): string {
  if (compilerId === undefined) {
    const fromHere = createRequire(import.meta.url);
    const common = createRequire(fromHere.resolve('ts-morph/package.json')).resolve('@ts-morph/common/package.json');
    const { name, version } = JSON.parse(readFileSync(common, 'utf8')) as { name: string; version: string };
    compilerId = `${name}@${version}`;
  }
  return compilerId;
}

/** Bump when distOptions derives the compiler's options differently from the same tsconfig. */
const DIST_OPTIONS_REVISION = 1;

/**
 * The key of one compiled file in build/prebuilt.json: a SHA-256 of everything its output
 * depends on (the compiler, the package's options and how they are derived, path, source
 * text): those but the text as JSON, a line break (which JSON text never holds), then the
 * text's UTF-16 code units (every string its own bytes, lone surrogates too), not copied into
 * JSON first.
 */
export function distKey(options: PackageOptions, path: string, contents: string): string {
  return createHash('sha256')
    .update(JSON.stringify([compilerIdentity(), DIST_OPTIONS_REVISION, options, path]))
    .update('\n')
    .update(contents, 'utf16le')
    .digest('hex');
}

/** Targets from ES2015 on, as tsconfig.json spells them (case-insensitive). */
const ES2015_ON = /^(?:es6|es20(?:1[5-9]|2\d)|esnext)$/i;

/** The printers of dist-print.ts print for these options (they keep comments and `@internal` declarations). */
function printsFor(options: PackageOptions): { declarations: boolean; modules: boolean } {
  const declarations = options.removeComments !== true && options.stripInternal !== true;
  const modules = declarations && options.verbatimModuleSyntax === true && typeof options.target === 'string' && ES2015_ON.test(options.target);
  return { declarations, modules };
}

/** What a module with no value statements (declarations of types only) compiles to. */
export const EMPTY_MODULE_JS = 'export {};\n';

/**
 * Compile `src/**\/*.ts` files to `dist/`; other files are ignored. A file whose key is in
 * `prebuilt` (the runtime, compiled by `npm run build`) is taken from there; `fresh`: paths of
 * files made by this run, which build/prebuilt.json cannot hold (it holds the runtime), so no
 * key is computed to look them up there (a SHA-256 of each generated text, some 20 ms of a cold
 * run for QEMU 7.2, for a lookup that never finds them). `typesOnly`: paths
 * of files the emitter built from interface and type alias declarations only, whose JavaScript
 * is the empty module (`export {};` after the header), which is what the compiler writes for
 * them (test/typescript/compile.test.ts), without parsing them for it. The declarations of a
 * types-only file, and both outputs of files like src/client.ts and src/names.ts, are printed
 * by dist-print.ts when they are in its subset (test/typescript/dist-print.test.ts); anything
 * else is compiled.
 */
export function compileToDist(
  sources: readonly OutputFile[],
  options: PackageOptions,
  prebuilt?: Prebuilt,
  typesOnly: ReadonlySet<string> = new Set(),
  fresh: ReadonlySet<string> = new Set(),
): CompileResult {
  const files: OutputFile[] = [];
  const problems: string[] = [];
  const direct = printsFor(options);
  const optionsKey = JSON.stringify(options);
  let compilerOptions: ReturnType<typeof distOptions> | undefined;
  for (const src of sources) {
    if (!src.path.startsWith('src/') || !src.path.endsWith('.ts') || src.path.endsWith('.d.ts')) continue;
    const rel = src.path.slice('src/'.length, -'.ts'.length);
    const kept = fresh.has(src.path) ? freshCache : cache;
    let out = kept.get(optionsKey, src.path, src.contents);
    if (!out && prebuilt && kept === cache) {
      out = prebuilt.dist[distKey(options, src.path, src.contents)];
      if (out) cache.set(optionsKey, src.path, src.contents, out);
    }
    if (!out) {
      // printed directly when the file is in dist-print.ts's subset and the options are those
      // it prints for (options that drop comments or declarations, or keep imports the way
      // the printer does not, are the compiler's)
      const typesFile = typesOnly.has(src.path);
      const header = leadingLineComments(src.contents);
      const both = direct.modules && !typesFile ? (printClientModule(src.path, src.contents) ?? printValuesModule(src.path, src.contents) ?? printEntryModule(src.path, src.contents)) : undefined;
      // the header printed first (what withHeader below then finds there and keeps): the
      // declarations keep no line comment, so the printed text never starts with it otherwise
      const printed = both?.dts ?? (direct.declarations && typesFile ? printTypesDeclaration(src.path, src.contents, header ? `${header}\n` : '') : undefined);
      // JSDoc is not parsed: in .ts files it carries no types, comments are emitted from the
      // source text, and its parse errors are never reported for TypeScript (half the time).
      const compile = (declarations: boolean): ts.TranspileOutput => {
        const typescriptApi = typescript();
        compilerOptions ??= distOptions(options);
        const base = { fileName: src.path, reportDiagnostics: true, jsDocParsingMode: typescriptApi.JSDocParsingMode.ParseNone };
        return declarations
          ? typescriptApi.transpileDeclaration(src.contents, { ...base, compilerOptions: compilerOptions.dtsOptions })
          : typescriptApi.transpileModule(src.contents, { ...base, compilerOptions: compilerOptions.jsOptions });
      };
      const js: Pick<ts.TranspileOutput, 'outputText' | 'diagnostics'> = typesFile
        ? { outputText: EMPTY_MODULE_JS, diagnostics: [] }
        : both
          ? { outputText: both.js, diagnostics: [] }
          : compile(false);
      const dts: Pick<ts.TranspileOutput, 'outputText' | 'diagnostics'> = printed !== undefined ? { outputText: printed, diagnostics: [] } : compile(true);
      const found: string[] = [];
      for (const d of [...(js.diagnostics ?? []), ...(dts.diagnostics ?? [])]) {
        const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
        found.push(
          `${src.path}${where ? `:${where.line + 1}:${where.character + 1}` : ''} ${typescript().flattenDiagnosticMessageText(d.messageText, ' ')}`,
        );
      }
      out = { js: withHeader(header, js.outputText), dts: withHeader(header, dts.outputText), problems: found };
      kept.set(optionsKey, src.path, src.contents, out);
    }
    problems.push(...out.problems);
    files.push({ path: `dist/${rel}.js`, contents: out.js });
    files.push({ path: `dist/${rel}.d.ts`, contents: out.dts });
  }
  return { files, problems };
}
