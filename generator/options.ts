/**
 * The one options type of a generator run, with its defaults filled in one place.
 *
 * The CLI parses flags into a partial `GenerateOptions`, `resolveOptions` fills the rest, and
 * the pipeline hands the filled options to the readers (`ReadOptions`: `target`) and to the
 * emitters (`EmitContext`: package name, license, ...). Nothing downstream invents a default.
 */
import type { ReadOptions } from './read/types.js';
import type { Prebuilt } from './emit/types.js';

/** The outputs, in the order the pipeline runs their emitters. */
export const EMIT_KINDS = ['schema', 'typescript', 'markdown', 'model'] as const;
export type EmitKind = (typeof EMIT_KINDS)[number];

/** npm name of the generated package when none is given. */
export const DEFAULT_PACKAGE_NAME = 'qmp-client';

/**
 * The generated package's code is the MIT-licensed runtime plus code derived from the input
 * docs; QEMU's docs are GPL-2.0-or-later, so that is the default. Docs of your own: --license.
 */
export const DEFAULT_PACKAGE_LICENSE = '(MIT AND GPL-2.0-or-later)';

export interface GenerateOptions extends ReadOptions {
  /** The outputs to make. */
  emit: readonly EmitKind[];
  /** npm name of the generated package. */
  packageName: string;
  /** Version of qmp-codegen, for provenance headers (the CLI reads it from package.json). */
  generatorVersion: string;
  /** SPDX license of the generated package. */
  license: string;
  /** What the generated package was checked against (e.g. `QEMU 7.2`), for its README. */
  testedWith: readonly string[];
  /** templates/ contents (see EmitContext.templates); the CLI loads them. */
  templates?: Readonly<Record<string, string>>;
  /** What the build precomputed from templates/ (see EmitContext.prebuilt); the CLI loads it. */
  prebuilt?: Prebuilt;
}

/** What a caller may leave out: everything but the generator version. */
export type PartialOptions = Partial<GenerateOptions> & Pick<GenerateOptions, 'generatorVersion'>;

/** The options with every default filled; keys left `undefined` count as not given. */
export function resolveOptions(partial: PartialOptions): GenerateOptions {
  const out: GenerateOptions = {
    emit: partial.emit ?? EMIT_KINDS,
    packageName: partial.packageName ?? DEFAULT_PACKAGE_NAME,
    generatorVersion: partial.generatorVersion,
    license: partial.license ?? DEFAULT_PACKAGE_LICENSE,
    testedWith: partial.testedWith ?? [],
  };
  if (partial.target !== undefined) out.target = partial.target;
  if (partial.templates !== undefined) out.templates = partial.templates;
  if (partial.prebuilt !== undefined) out.prebuilt = partial.prebuilt;
  return out;
}

/** The part of the options the readers see. */
export function readOptionsOf(options: GenerateOptions): ReadOptions {
  return options.target === undefined ? {} : { target: options.target };
}
