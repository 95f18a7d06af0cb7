/**
 * Progress of a long run, on stderr when it is a terminal, and nothing otherwise (pipes, CI,
 * `--quiet`): one status line, rewritten in place, cleared before diagnostics are printed.
 * Text shown here can contain input file names, so control characters are escaped.
 */
export interface Progress {
  /** Show what the run is doing now (replaces the previous status). */
  step(text: string): void;
  /** Clear the status line. Idempotent. */
  done(): void;
}

const SILENT: Progress = { step() {}, done() {} };

/** Control characters (C0, DEL, C1) and the line/paragraph separators, shown as `\uXXXX`. */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A progress line written through `write` when `enabled` (the caller decides: stderr is a TTY
 * and the run is not quiet). `width` keeps the line from wrapping, which would defeat `\r`.
 */
export function progressLine(write: (text: string) => void, enabled: boolean, width = 80, now: () => number = Date.now): Progress {
  if (!enabled) return SILENT;
  const start = now();
  let shown = false;
  return {
    step(text) {
      const seconds = ((now() - start) / 1000).toFixed(1);
      let line = `qmp-codegen: ${terminalSafe(text)} (${seconds} s)`;
      const max = Math.max(20, width - 1);
      if (line.length > max) line = `${line.slice(0, max - 1)}…`;
      write(`\r\u001b[2K${line}`);
      shown = true;
    },
    done() {
      if (shown) write('\r\u001b[2K');
      shown = false;
    },
  };
}
