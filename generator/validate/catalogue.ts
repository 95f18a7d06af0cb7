/**
 * How the validate stage finds the emitted schemas of a target (a command's request or reply,
 * an event, the error reply, the greeting) from the shared output layout, and which examples
 * passed. The schema emitter knows nothing of this stage; this stage reads the emitter's
 * output through the layout (generator/layout/) and the schema helpers.
 */
import { BUNDLE_KEYS, BUNDLE_PATH, type SchemaLayout } from '../layout/schema.js';
import { defsPointer } from '../emit/schema/types.js';
import type { ExampleOutcome, SchemaCatalogue, Target } from './examples.js';

export function targetKey(t: Target): string {
  return 'name' in t ? `${t.kind}:${t.name}` : t.kind;
}

/** A catalogue over built or emitted schema documents. */
export function catalogueOf(
  layout: SchemaLayout,
  documents: ReadonlyMap<string, object>,
  bundle: object | undefined,
  hasEvents: boolean,
): SchemaCatalogue {
  return {
    hasEvents,
    find(target) {
      if (target.kind === 'error' || target.kind === 'greeting') {
        if (!bundle) return undefined;
        return { schema: bundle, fragment: defsPointer(BUNDLE_KEYS[target.kind]), label: BUNDLE_PATH };
      }
      const path = layout[target.kind].get(target.name);
      const schema = path === undefined ? undefined : documents.get(path);
      return path !== undefined && schema ? { schema, label: path } : undefined;
    },
  };
}

/** The passing examples per target (`request:x`, `event:X`, ...), deduplicated, in model order. */
export function passingExamples(outcomes: readonly ExampleOutcome[]): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const seen = new Set<string>();
  for (const o of outcomes) {
    if (o.status !== 'passed' || !o.target) continue;
    const key = targetKey(o.target);
    const text = `${key}\0${JSON.stringify(o.message.value)}`;
    if (seen.has(text)) continue;
    seen.add(text);
    const list = out.get(key) ?? [];
    list.push(o.message.value);
    out.set(key, list);
  }
  return out;
}
