/**
 * Diagnostics as plain rows: what `--format json` prints and what the programmatic API returns.
 * Lines and columns are 1-based; `file` is the input as the user named it.
 */
import type { VFile } from 'vfile';
import type { Severity } from './rules.js';

export interface Diagnostic {
  file: string;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  severity: Severity;
  ruleId: string | null;
  source: string | null;
  message: string;
}

/** One row per message of `files`; `text` may escape the message (e.g. for a terminal). */
export function diagnosticRows(files: readonly VFile[], text: (reason: string) => string = (r) => r): Diagnostic[] {
  return files.flatMap((f) =>
    f.messages.map((m): Diagnostic => ({
      file: typeof f.data.shown === 'string' ? f.data.shown : f.path,
      line: m.line ?? null,
      column: m.column ?? null,
      endLine: m.place && 'start' in m.place ? m.place.end.line : null,
      endColumn: m.place && 'start' in m.place ? m.place.end.column : null,
      severity: m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info',
      ruleId: m.ruleId ?? null,
      source: m.source ?? null,
      message: text(m.reason),
    })),
  );
}
