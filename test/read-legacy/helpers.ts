import { VFile } from 'vfile';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import type { Command, Event, Member, Model, TypeRef } from '../../generator/model/types.js';
import { parseDocs } from '../../generator/read/legacy/index.js';

/** Parse one in-memory document; diagnostics as `line:col rule-id` strings, in report order. */
export function parse(text: string, opts: { path?: string; declaredRole?: 'commands' | 'events' } = {}): { model: Model; diags: string[]; messages: string[] } {
  const file = new VFile({ path: opts.path ?? 'doc.txt', value: text, data: { declaredRole: opts.declaredRole } });
  const model = parseDocs([file], reporterFor(file));
  return {
    model,
    diags: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`),
    messages: file.messages.map((m) => `${m.ruleId}: ${m.reason}`),
  };
}

/** Only the diagnostics of the given rules (the tests look at one construct at a time). */
export function only(diags: readonly string[], ...rules: string[]): string[] {
  return diags.filter((d) => rules.includes(d.split(' ')[1]!));
}

export function command(model: Model, name: string): Command {
  const c = model.commands.find((x) => x.name === name);
  if (!c) throw new Error(`no command ${name} in ${model.commands.map((x) => x.name).join(', ')}`);
  return c;
}

export function event(model: Model, name: string): Event {
  const e = model.events.find((x) => x.name === name);
  if (!e) throw new Error(`no event ${name}`);
  return e;
}

/** A compact, position-free view of a type for expectations. */
export function shape(t: TypeRef): unknown {
  switch (t.kind) {
    case 'object':
      return { object: Object.fromEntries(t.members.map((m) => [m.name + (m.optional ? '?' : ''), shape(m.type)])), ...(t.open ? { open: true } : {}) };
    case 'array':
      return [shape(t.items)];
    case 'enum':
      return { enum: t.values.map((v) => v.name) };
    case 'ref':
      return { ref: t.name };
    case 'alternate':
      return { alternate: t.of.map(shape) };
    default:
      return t.kind;
  }
}

export function members(ms: readonly Member[]): unknown {
  return shape({ kind: 'object', members: [...ms], open: false });
}

/** Join lines: keeps test inputs readable as arrays. */
export const doc = (...lines: string[]) => `${lines.join('\n')}\n`;
