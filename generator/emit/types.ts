import type { Reporter } from '../diagnostics/reporter.js';
import type { Model } from '../model/types.js';

/** One file of output, path relative to the output folder, POSIX separators. */
export interface OutputFile {
  path: string;
  contents: string;
}

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
}

/** An emitter is a pure function from the model to files. Diagnostics go to the reporter. */
export type Emitter = (model: Model, ctx: EmitContext) => OutputFile[];
