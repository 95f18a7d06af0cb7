/**
 * The input seam: every reader (legacy text docs, QAPI schema, introspection) has this shape.
 *
 *   sources → read (one Reader per kind of input) → assemble → model → emit → format → write
 *
 * A reader is pure: it gets vfiles that the edge (CLI) has already loaded, reports problems
 * through the Reporter (never throws on bad input), and returns one `ModelPart`: plain model
 * items that still have to be merged with the parts of other readers (duplicates, precedence
 * between sources, sorting) by generator/assemble/. A reader knows nothing of emitters.
 *
 * Inputs that pull in other files (QAPI `include`) say so through `dependencies`: the edge
 * resolves those paths (relative to the including file), loads them, asks again for theirs,
 * and finally hands the reader the whole set, root first, in `read`.
 */
import type { VFile } from 'vfile';
import type { Reporter } from '../diagnostics/reporter.js';
import type { Command, Event, NamedType, ReleaseInfo, SourceFile } from '../model/types.js';

export type ReaderId = 'legacy' | 'qapi' | 'introspection';

/** What one reader made of its inputs: items not yet merged, in source order. */
export interface ModelPart {
  reader: ReaderId;
  sources: SourceFile[];
  commands: Command[];
  events: Event[];
  types: NamedType[];
  release?: ReleaseInfo;
}

/** Options every reader may look at; filled with defaults once (see generator/options.ts). */
export interface ReadOptions {
  /** Keep only what a build for this QEMU target has (`x86_64`); absent = keep everything. */
  target?: string;
}

export interface Reader {
  id: ReaderId;
  /** True when this reader recognises the file's content (not its name) as its input. */
  sniff(file: VFile): boolean;
  /** Paths this file pulls in (as written, relative to the file's own folder). */
  dependencies?(file: VFile, reporter: Reporter): string[];
  /** Read a set of inputs of this kind (for QAPI: the root first, then every included module). */
  read(files: readonly VFile[], reporter: Reporter, options: ReadOptions): ModelPart;
}
