/**
 * One document (commands or events) into commands/events: find the headings, read every
 * entry, drop duplicates (the first wins).
 */
import type { Command, Event } from '../../model/types.js';
import { readCommand, type ParseContext } from './commands.js';
import { reconcileDispatch } from './dispatch-reconcile.js';
import { readEvents } from './events.js';
import { findEntryHeadings } from './headings.js';
import { setextHeadings } from './markdown.js';
import type { DocText } from './source.js';
import type { Reporter } from '../../diagnostics/reporter.js';
import type { TypeRegistry } from './types.js';

export interface DocumentReading {
  commands: Command[];
  events: Event[];
}

export function readDocument(doc: DocText, reporter: Reporter, types: TypeRegistry): DocumentReading {
  const headings = findEntryHeadings(doc, setextHeadings(doc), reporter);
  const ctx: ParseContext = { doc, reporter, types, headingNames: new Set(headings.flatMap((h) => h.names)) };
  const out: DocumentReading = { commands: [], events: [] };
  if (doc.role === 'commands') {
    for (const h of headings) {
      const c = readCommand(h, ctx);
      if (c) out.commands.push(c);
    }
    if (doc.dispatch) reconcileDispatch(out.commands, doc.dispatch, types, reporter);
  } else {
    for (const h of headings) out.events.push(...readEvents(h, ctx));
  }
  return out;
}
