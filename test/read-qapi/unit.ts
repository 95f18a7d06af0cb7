/** In-memory schema reading for unit tests: inline text, diagnostics as `file:line:col rule`. */
import { VFile } from 'vfile';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import { qapiReader } from '../../generator/read/qapi/index.js';
import type { ModelPart, ReadOptions } from '../../generator/read/types.js';

/** Read `files` (path → text; the first is the root). */
export function readText(files: Record<string, string> | string, options: ReadOptions = {}): { part: ModelPart; diags: string[]; messages: string[] } {
  const entries = typeof files === 'string' ? [['s.json', files] as const] : Object.entries(files);
  const vfiles = entries.map(([path, value]) => new VFile({ path, value }));
  const fallback = new VFile({ path: '<none>' });
  const reporter = new Reporter(vfiles, fallback);
  const part = qapiReader.read(vfiles, reporter, options);
  const all = [...vfiles, fallback].flatMap((f) => f.messages.map((m) => ({ f: f.path, m })));
  return {
    part,
    diags: all.map(({ f, m }) => `${f}:${m.line}:${m.column} ${m.ruleId}`),
    messages: all.map(({ m }) => `${m.ruleId}: ${m.reason}`),
  };
}
