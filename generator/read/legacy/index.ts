/**
 * The parser: QMP documents (qmp-commands.txt / .hx, qemu-monitor.hx, qmp-events.txt) into
 * the model. Each file's role (commands or events) and format (.txt or .hx) is detected from
 * its content; the pieces are interpreted by one small module per construct:
 *
 *   source.ts / hx.ts   the text, with .hx extraction and line mapping
 *   markdown.ts         remark's block structure (setext headings)
 *   headings.ts         command/event/section headings and their quirks
 *   body.ts             an entry body cut at its labels (Arguments:, Data:, Example:, ...)
 *   entry.ts            prose, notes, examples, and the free text's member lists
 *   members.ts          member lists nested by indentation
 *   arguments.ts        one member line: name, type group, optional, default, enum
 *   types.ts / enums.ts the type vocabulary and inline enumerations
 *   returns.ts          return value descriptions
 *   infer.ts            what the examples show, for reconciliation
 *   commands.ts / events.ts / document.ts   assembly
 */
import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import type { Reporter } from '../../diagnostics/reporter.js';
import { MODEL_VERSION, type Command, type Event, type Model, type SourceFile } from '../../model/types.js';
import { readDocument } from './document.js';
import { readDocText } from './source.js';
import { TypeRegistry } from './types.js';

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function sha256(file: VFile): string {
  const bytes = file.data.bytes;
  const h = createHash('sha256');
  if (bytes instanceof Uint8Array) h.update(bytes);
  else h.update(String(file.value ?? ''), 'utf8');
  return h.digest('hex');
}

/** Parse QMP documents into the model. Never throws on bad input: problems are diagnostics. */
export function parseDocs(files: readonly VFile[], reporter: Reporter): Model {
  const types = new TypeRegistry();
  const sources: SourceFile[] = [];
  const commands = new Map<string, Command>();
  const events = new Map<string, Event>();
  for (const file of files) {
    const read = readDocText(file, reporter);
    if (!read) continue;
    sources.push({ ...read.source, sha256: sha256(file) });
    const doc = readDocument(read.doc, reporter, types);
    for (const c of doc.commands) {
      const first = commands.get(c.name);
      if (first) {
        reporter.report(
          'duplicate-command',
          `command "${c.name}" is documented again (first at ${first.position.file}:${first.position.line}); the first is kept`,
          c.position,
        );
      } else commands.set(c.name, c);
    }
    for (const e of doc.events) {
      const first = events.get(e.name);
      if (first) {
        reporter.report(
          'duplicate-event',
          `event "${e.name}" is documented again (first at ${first.position.file}:${first.position.line}); the first is kept`,
          e.position,
        );
      } else events.set(e.name, e);
    }
  }
  return {
    modelVersion: MODEL_VERSION,
    sources,
    commands: [...commands.values()].sort(byName),
    events: [...events.values()].sort(byName),
    types: types.list(),
  };
}
