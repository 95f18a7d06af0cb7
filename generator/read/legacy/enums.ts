/**
 * Enumerations written inline in member descriptions:
 *   `[ keep | drop | fail ]`, `Possible values: "a", "b" (default)`, `one of 'a', 'b' or 'c'`,
 *   `(json-string, "a" or "b")`, and lists of value lines `"a" - text` / `"a": text`.
 */
import type { EnumValue } from '../../model/types.js';

export interface EnumReading {
  values: EnumValue[];
  /** A value marked `(default)`. */
  default?: string;
}

const QUOTED = /"([^"\s]+)"|'([^'\s]+)'/g;

function quoted(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(QUOTED)) out.push((m[1] ?? m[2])!);
  return out;
}

/** `[ a | b | c ]` */
export function bracketEnum(text: string): EnumReading | undefined {
  const m = /\[\s*([^\][|]+(?:\|[^\][|]+)+)\]/.exec(text);
  if (!m) return undefined;
  const values = m[1]!.split('|').map((s) => s.trim().replace(/^["']|["']$/g, ''));
  if (values.some((v) => !/^[\w.+-]+$/.test(v))) return undefined;
  return { values: values.map((name) => ({ name })) };
}

/** `Possible values: "a" (default), "b"` */
export function possibleValues(text: string): EnumReading | undefined {
  const m = /\bpossible\s+values\s*:?\s*(.*)$/i.exec(text);
  if (!m) return undefined;
  const values: EnumValue[] = [];
  let dflt: string | undefined;
  for (const v of m[1]!.matchAll(/"([^"]+)"(\s*\(default\))?/g)) {
    values.push({ name: v[1]! });
    if (v[2]) dflt = v[1];
  }
  if (values.length === 0) return undefined;
  return dflt === undefined ? { values } : { values, default: dflt };
}

/** `one of 'a', 'b' or 'c'` (quoted values only: `one of the following` is not an enum). */
export function oneOf(text: string): EnumReading | undefined {
  const m = /\bone of\s+((?:["'][^"']+["'][\s,]*(?:or\s+)?)+)/i.exec(text);
  if (!m) return undefined;
  const values = quoted(m[1]!);
  return values.length >= 2 ? { values: values.map((name) => ({ name })) } : undefined;
}

/** Tokens of a type group after the type: `"a" or "b"`, `"a", "b", or "c"`. */
export function alternativesList(text: string): EnumReading | undefined {
  const t = text.trim();
  if (!/^(["'][^"']+["'](\s*,)?\s*(or\s+)?)+$/.test(t)) return undefined;
  const values = quoted(t);
  return values.length >= 2 ? { values: values.map((name) => ({ name })) } : undefined;
}

/** A value line: `"name" - text` or `"name": text`. */
export function valueLine(text: string): { name: string; description: string } | undefined {
  const m = /^"([^"]+)"\s*(?:-|:)\s*(.*)$/.exec(text.trim());
  if (!m || /\(json-|\(int\b/.test(m[2]!)) return undefined;
  return { name: m[1]!, description: m[2]!.trim() };
}

/** `one of the following (json-string): "a", "b", or "c"` */
export function followingList(text: string): EnumReading | undefined {
  const m = /\bone of the following\b[^"]*?:\s*((?:"[^"]+"[\s,]*(?:or\s+)?)+)\.?$/i.exec(text);
  if (!m) return undefined;
  const values = quoted(m[1]!);
  return values.length >= 2 ? { values: values.map((name) => ({ name })) } : undefined;
}

/** Any inline enumeration in a description. */
export function inlineEnum(text: string): EnumReading | undefined {
  return bracketEnum(text) ?? possibleValues(text) ?? oneOf(text) ?? followingList(text);
}
