/**
 * assemble: the parts that the readers made (generator/read/) → the one model.
 *
 * Duplicates: the first item of a name is kept, later ones are reported and dropped.
 * Sorting: commands, events and types by name (code unit order), as Model promises.
 */
import type { Reporter } from '../diagnostics/reporter.js';
import { MODEL_VERSION, type Command, type Event, type Model, type NamedType } from '../model/types.js';
import type { ModelPart } from '../read/types.js';

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function assemble(parts: readonly ModelPart[], reporter: Reporter): Model {
  const commands = new Map<string, Command>();
  const events = new Map<string, Event>();
  const types = new Map<string, NamedType>();
  for (const part of parts) {
    for (const c of part.commands) {
      const first = commands.get(c.name);
      if (first) {
        reporter.report(
          'duplicate-command',
          `command "${c.name}" is documented again (first at ${first.position.file}:${first.position.line}); the first is kept`,
          c.position,
        );
      } else commands.set(c.name, c);
    }
    for (const e of part.events) {
      const first = events.get(e.name);
      if (first) {
        reporter.report(
          'duplicate-event',
          `event "${e.name}" is documented again (first at ${first.position.file}:${first.position.line}); the first is kept`,
          e.position,
        );
      } else events.set(e.name, e);
    }
    for (const t of part.types) if (!types.has(t.name)) types.set(t.name, t);
  }
  return {
    modelVersion: MODEL_VERSION,
    sources: parts.flatMap((p) => p.sources),
    commands: [...commands.values()].sort(byName),
    events: [...events.values()].sort(byName),
    types: [...types.values()].sort(byName),
  };
}
