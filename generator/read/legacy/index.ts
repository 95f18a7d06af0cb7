/**
 * The legacy reader: QMP documents (qmp-commands.txt / .hx, qemu-monitor.hx, qmp-events.txt)
 * into a part of the model. Each file's role (commands or events) and format (.txt or .hx) is
 * detected from its content; the pieces are interpreted by one small module per construct:
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
 *   commands.ts / events.ts / document.ts   one document's entries
 *
 * The reader returns every entry in source order, duplicates included: dropping (and
 * reporting) them, and sorting, is generator/assemble/'s job.
 */
import { createHash } from 'node:crypto';
import { VFile } from 'vfile';
import { Reporter } from '../../diagnostics/reporter.js';
import type { Model } from '../../model/types.js';
import { assemble } from '../../assemble/index.js';
import type { ModelPart, Reader } from '../types.js';
import { readDocument } from './document.js';
import { extractHx, looksLikeHx } from './hx.js';
import { readDocText, roleEvidence, splitLines } from './source.js';
import { TypeRegistry } from './types.js';

function sha256(file: VFile): string {
  const bytes = file.data.bytes;
  const h = createHash('sha256');
  if (bytes instanceof Uint8Array) h.update(bytes);
  else h.update(String(file.value ?? ''), 'utf8');
  return h.digest('hex');
}

/** A reporter nobody reads: sniffing decides, it does not diagnose. */
function silent(): Reporter {
  return new Reporter([], new VFile({ path: 'sniff' }));
}

export const legacyReader: Reader = {
  id: 'legacy',
  /** The content has a command or event entry (headings, examples, labels) — as readDocText decides. */
  sniff(file) {
    const raw = splitLines(String(file.value ?? ''));
    const lines = looksLikeHx(raw) ? extractHx(raw, file.path || '<input>', silent()).map((l) => l.text) : raw;
    const evidence = roleEvidence(lines);
    return evidence.commands > 0 || evidence.events > 0;
  },
  read(files, reporter) {
    const types = new TypeRegistry();
    const part: ModelPart = { reader: 'legacy', sources: [], commands: [], events: [], types: [] };
    for (const file of files) {
      const read = readDocText(file, reporter);
      if (!read) continue;
      part.sources.push({ ...read.source, sha256: sha256(file) });
      const doc = readDocument(read.doc, reporter, types);
      part.commands.push(...doc.commands);
      part.events.push(...doc.events);
    }
    part.types = types.list();
    return part;
  },
};

/**
 * Parse QMP documents into the model: the legacy reader, then the assembler. Never throws on
 * bad input: problems are diagnostics. Kept for callers that only ever read legacy docs.
 */
export function parseDocs(files: readonly VFile[], reporter: Reporter): Model {
  return assemble([legacyReader.read(files, reporter, {})], reporter);
}
