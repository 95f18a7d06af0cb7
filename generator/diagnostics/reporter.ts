import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { SourcePosition } from '../model/types.js';
import { RULES, type RuleId } from './rules.js';

/** The `source` of every message: the program that decided. */
export const SOURCE = 'qmp-codegen';

/**
 * Routes diagnostics to the vfile of the input they concern. Stages take a Reporter instead
 * of doing I/O; the CLI prints the vfiles with vfile-reporter at the end.
 */
export class Reporter {
  readonly #files = new Map<string, VFile>();
  readonly #fallback: VFile;

  constructor(files: readonly VFile[], fallback: VFile) {
    for (const f of files) if (f.path) this.#files.set(f.path, f);
    this.#fallback = fallback;
  }

  /** Report `reason` under `ruleId` at `position` (or file-level when absent). */
  report(ruleId: RuleId, reason: string, position?: SourcePosition | { file: string }): VFileMessage {
    const file = (position && this.#files.get(position.file)) ?? this.#fallback;
    const place =
      position && 'line' in position
        ? position.endLine !== undefined && position.endColumn !== undefined
          ? {
              start: { line: position.line, column: position.column },
              end: { line: position.endLine, column: position.endColumn },
            }
          : { line: position.line, column: position.column }
        : undefined;
    const message = file.message(reason, { place, ruleId, source: SOURCE });
    const severity = RULES[ruleId].severity;
    message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
    return message;
  }

  /** Every file a message may have landed in, fallback last. */
  get files(): VFile[] {
    return [...this.#files.values(), this.#fallback];
  }
}

/** Reporter for a single in-memory file: convenient in unit tests. */
export function reporterFor(file: VFile): Reporter {
  return new Reporter([file], file);
}
