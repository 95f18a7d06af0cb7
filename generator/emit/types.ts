import type { Reporter } from '../diagnostics/reporter.js';
import type { Model } from '../model/types.js';

export { DEFAULT_PACKAGE_LICENSE } from '../options.js';

/** One file of output, path relative to the output folder, POSIX separators. */
export interface OutputFile {
  path: string;
  contents: string;
  /**
   * Already in the project's prettier style, so the format stage passes it through: only for
   * files copied verbatim from templates/ that a test proves prettier leaves unchanged.
   */
  preformatted?: true;
}

/**
 * What an emitter is told. The pipeline fills it from the resolved GenerateOptions
 * (generator/options.ts); the optional fields are optional only for callers (tests) that run
 * an emitter on its own.
 */
export interface EmitContext {
  reporter: Reporter;
  /** npm package name of the generated package. */
  packageName: string;
  /** Version of qmp-codegen, for provenance headers. */
  generatorVersion: string;
  /**
   * Files of templates/ (path relative to it, POSIX separators → contents), read by the CLI so
   * that emitters stay pure. The typescript emitter copies `runtime/*.ts` into the package
   * and fills `package/*`; it fails without them.
   */
  templates?: Readonly<Record<string, string>>;
  /**
   * The output kinds of this run (`schema`, `typescript`, ...), so that an emitter links only to
   * files that exist. Absent = everything.
   */
  emitted?: readonly string[];
  /** SPDX license of the generated package (default: see DEFAULT_PACKAGE_LICENSE). */
  license?: string;
  /** What the generated package was checked against (e.g. `QEMU 7.2`), for its README. */
  testedWith?: readonly string[];
  /** What `npm run build` computed once from templates/ (see Prebuilt); absent = compute it. */
  prebuilt?: Prebuilt;
}

/**
 * Results that depend only on templates/ (the runtime's dist/ files and the names it declares,
 * the package README template's tree),
 * computed by `npm run build` (scripts/build.mjs → build/prebuilt.json) so that a cold run does
 * not compile the same runtime again. Every entry is keyed by a SHA-256 of everything its
 * result depends on (compiler options, path, source text), so a stale or foreign entry is
 * simply not found and the emitter computes the result itself: it cannot change an output
 * (test/typescript/prebuilt.test.ts).
 */
export interface Prebuilt {
  /** Compiled file key → its JavaScript, declarations and compiler problems. */
  dist: Readonly<Record<string, { js: string; dts: string; problems: readonly string[] }>>;
  /** Runtime sources key → the names the runtime index exports and QmpClient's members. */
  runtimeNames: Readonly<Record<string, { exports: readonly string[]; clientMembers: readonly string[] }>>;
  /** README template key → its mdast tree (plain JSON), as parsing it gives it. */
  readmeTrees?: Readonly<Record<string, unknown>>;
}

/** An emitter is a pure function from the model to files. Diagnostics go to the reporter. */
export type Emitter = (model: Model, ctx: EmitContext) => OutputFile[];
