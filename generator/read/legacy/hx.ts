/**
 * QMP text of an .hx file (qmp-commands.hx, qemu-monitor.hx), as QEMU's `scripts/hxtool -q`
 * extracts it: the lines strictly between an `SQMP` line and the next `EQMP` line, dropping
 * lines that start with `HXCOMM` even inside those blocks. Lines keep their .hx line numbers.
 */
import type { Reporter } from '../../diagnostics/reporter.js';
import type { DocLine } from './source.js';

const START = /^SQMP/;
const END = /^EQMP/;
const COMMENT = /^HXCOMM/;

/** True when the lines look like an .hx source rather than extracted text. */
export function looksLikeHx(lines: readonly string[]): boolean {
  return lines.some((l) => START.test(l)) && lines.some((l) => END.test(l) || COMMENT.test(l));
}

export function extractHx(lines: readonly string[], path: string, reporter: Reporter): DocLine[] {
  const out: DocLine[] = [];
  let open: number | undefined;
  lines.forEach((text, i) => {
    const line = i + 1;
    if (COMMENT.test(text)) return;
    if (START.test(text)) {
      if (open !== undefined) {
        reporter.report(
          'hx-unterminated',
          `SQMP block opened on line ${open} has no EQMP before the next SQMP; the block was closed here`,
          { file: path, line, column: 1 },
        );
      }
      open = line;
      return;
    }
    if (END.test(text)) {
      if (open === undefined) {
        reporter.report('hx-stray-eqmp', 'EQMP without an open SQMP block; ignored', { file: path, line, column: 1 });
      }
      open = undefined;
      return;
    }
    if (open !== undefined) out.push({ text, line });
  });
  if (open !== undefined) {
    reporter.report(
      'hx-unterminated',
      `SQMP block opened here has no closing EQMP; it runs to the end of the file`,
      { file: path, line: open, column: 1 },
    );
  }
  return out;
}
