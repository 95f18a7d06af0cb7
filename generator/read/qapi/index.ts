/**
 * The QAPI schema reader: QEMU's `qapi-schema.json` and the modules it includes (1.0 → 9.x)
 * into one ModelPart. Pure: the CLI edge loads the root, asks `dependencies` for its
 * `include`s (paths relative to the including file), loads those, and calls `read` with all
 * of them, root first.
 *
 *   parser.ts      the schema language (tolerant of old releases' commas), with positions
 *   docs.ts        `##` doc comments: descriptions, @member, Since/Returns/Errors/Notes, examples
 *   conditions.ts  `if` in both syntaxes → Condition
 *   build.ts       expressions → commands, events, named types
 *
 * `--target` (ReadOptions.target) narrows the part with generator/assemble/target.ts.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { VFile } from 'vfile';
import type { Reporter } from '../../diagnostics/reporter.js';
import type { SourceFile, SourcePosition } from '../../model/types.js';
import { applyTarget } from '../../assemble/target.js';
import type { ModelPart, ReadOptions, Reader } from '../types.js';
import { buildItems, metaOf } from './build.js';
import { type ParsedFile, at, get, parseSchemaText } from './parser.js';

export { applyTarget } from '../../assemble/target.js';
export { parseSchemaText } from './parser.js';

/** An expression keyword in single quotes, at the start of the first expression. */
const QAPI_START = /^\s*\{\s*'(?:include|command|event|struct|type|enum|union|alternate|pragma)'\s*:/;

function text(file: VFile): string {
  return String(file.value ?? '');
}

function sha256(file: VFile): string {
  const bytes = file.data.bytes;
  const h = createHash('sha256');
  if (bytes instanceof Uint8Array) h.update(bytes);
  else h.update(text(file), 'utf8');
  return h.digest('hex');
}

type Report = Parameters<Reporter['report']>;

/**
 * Parses made for `dependencies`, reused by `read`. A parse's problems are reported once per
 * file: the CLI's edge asks for the includes with each file's own reporter and reads with the
 * run's, and both put their messages on the same VFile, so reporting them again would show each
 * twice. Only a reporter that would put them somewhere else (another VFile of that path) gets
 * them again, from a record of the first parse, in its order.
 */
const parsed = new WeakMap<VFile, { reporter: Reporter; result: ParsedFile; reports: Report[] }>();

function parse(file: VFile, reporter: Reporter): ParsedFile {
  const cached = parsed.get(file);
  if (cached) {
    if (cached.reporter !== reporter) {
      if (!reporter.files.includes(file)) for (const r of cached.reports) reporter.report(...r);
      cached.reporter = reporter;
    }
    return cached.result;
  }
  const reports: Report[] = [];
  const recording = {
    report: (...r: Report) => {
      reports.push(r);
      return reporter.report(...r);
    },
  };
  const result = parseSchemaText(text(file), file.path || '<input>', recording);
  parsed.set(file, { reporter, result, reports });
  return result;
}

interface Include {
  /** Undefined when the include names no file. */
  path: string | undefined;
  position: SourcePosition;
}

function includesOf(p: ParsedFile): Include[] {
  return p.exprs
    .filter((x) => metaOf(x.value) === 'include')
    .map((x) => {
      const v = get(x.value, 'include')!;
      return { path: v.kind === 'string' && v.value !== '' ? v.value : undefined, position: at(p.path, v.pos) };
    });
}

export const qapiReader: Reader = {
  id: 'qapi',
  sniff(file) {
    // comments (doc comments included) may come first; the first value must be an expression
    const head = text(file).slice(0, 256 * 1024).replace(/^[ \t]*#.*$/gm, '');
    return QAPI_START.test(head);
  },
  dependencies(file, reporter) {
    return includesOf(parse(file, reporter)).flatMap((i) => (i.path === undefined ? [] : [i.path]));
  },
  read(files, reporter, options: ReadOptions): ModelPart {
    const sources: SourceFile[] = [];
    const all = files.map((f) => parse(f, reporter));
    const known = new Set(files.map((f) => path.normalize(f.path || '<input>')));
    files.forEach((f, i) => {
      sources.push({ path: f.path || '<input>', role: i === 0 ? 'schema' : 'module', format: 'qapi', sha256: sha256(f) });
    });
    for (const p of all) {
      for (const inc of includesOf(p)) {
        if (inc.path === undefined) {
          reporter.report('qapi-expression-invalid', "An 'include' does not name a file; it was ignored", inc.position);
          continue;
        }
        const resolved = path.normalize(path.join(path.dirname(p.path), inc.path));
        if (!known.has(resolved)) {
          reporter.report('qapi-include-missing', `Included file ${JSON.stringify(inc.path)} was not given to the reader; its definitions are missing`, inc.position);
        }
      }
    }
    const built = buildItems(
      all.flatMap((p) => p.exprs),
      reporter,
    );
    const part: ModelPart = { reader: 'qapi', sources, ...built };
    return options.target ? applyTarget(part, options.target) : part;
  },
};
