/**
 * `buildModel`: read the inputs, each with its reader from the registry (every reader
 * imported), and assemble them (pipeline.ts's `modelOf`), synchronously: for tests and tools
 * that hold their inputs already. A run (the CLI, the API's `generate`) reads through
 * pipeline.ts's `generate` instead, which imports only the readers its inputs need.
 */
import type { VFile } from 'vfile';
import type { Reporter } from './diagnostics/reporter.js';
import type { Model } from './model/types.js';
import { modelOf } from './pipeline.js';
import { readAll } from './read/index.js';
import type { ReadOptions } from './read/types.js';

export function buildModel(files: readonly VFile[], reporter: Reporter, options: ReadOptions = {}): Model {
  return modelOf(readAll(files, reporter, options), reporter);
}
