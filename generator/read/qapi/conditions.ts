/**
 * QAPI `if` conditions, both syntaxes, into the model's `Condition` shape.
 *
 * - 3.0–6.1: a C preprocessor expression as a string (`'defined(CONFIG_SPICE)'`,
 *   `'defined(TARGET_I386) || defined(TARGET_ARM)'`), or a list of them (all must hold);
 * - 6.2 on: a bare config symbol (`'CONFIG_SPICE'`), or `{ 'all': [...] }`, `{ 'any': [...] }`,
 *   `{ 'not': ... }` nested.
 *
 * Both become `string | {all} | {any} | {not}` with bare symbols. What cannot be read is
 * reported and kept as the literal text (a symbol no build defines would be wrong: the item
 * is kept, its condition is shown as written).
 */
import type { Reporter } from '../../diagnostics/reporter.js';
import type { Condition } from '../../model/types.js';
import { at, type QValue } from './parser.js';

type CTok = { t: 'sym'; v: string } | { t: 'op'; v: '!' | '&&' | '||' | '(' | ')' } | { t: 'defined' };

function lexC(text: string): CTok[] | undefined {
  const out: CTok[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    const op = /^(&&|\|\||!|\(|\))/.exec(rest);
    if (op) {
      out.push({ t: 'op', v: op[1] as '!' });
      i += op[1]!.length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (id) {
      out.push(id[0] === 'defined' ? { t: 'defined' } : { t: 'sym', v: id[0] });
      i += id[0].length;
      continue;
    }
    return undefined;
  }
  return out;
}

/** Parse a C preprocessor condition (`defined(X) && !defined(Y) || ...`); undefined when it is not one. */
export function parseCCondition(text: string): Condition | undefined {
  const toks = lexC(text);
  if (!toks || toks.length === 0) return undefined;
  let i = 0;
  const peekOp = (v: string) => {
    const t = toks[i];
    return t !== undefined && t.t === 'op' && t.v === v;
  };
  const primary = (depth: number): Condition | undefined => {
    if (depth > 64) return undefined;
    const t = toks[i];
    if (!t) return undefined;
    if (t.t === 'op' && t.v === '!') {
      i++;
      const inner = primary(depth + 1);
      return inner === undefined ? undefined : { not: inner };
    }
    if (t.t === 'op' && t.v === '(') {
      i++;
      const inner = or(depth + 1);
      if (!peekOp(')')) return undefined;
      i++;
      return inner;
    }
    if (t.t === 'defined') {
      i++;
      const paren = peekOp('(');
      if (paren) i++;
      const s = toks[i];
      if (!s || s.t !== 'sym') return undefined;
      i++;
      if (paren) {
        if (!peekOp(')')) return undefined;
        i++;
      }
      return s.v;
    }
    if (t.t === 'sym') {
      i++;
      return t.v;
    }
    return undefined;
  };
  const and = (depth: number): Condition | undefined => {
    const parts: Condition[] = [];
    for (;;) {
      const p = primary(depth);
      if (p === undefined) return undefined;
      parts.push(p);
      if (!peekOp('&&')) break;
      i++;
    }
    return parts.length === 1 ? parts[0] : { all: parts };
  };
  const or = (depth: number): Condition | undefined => {
    const parts: Condition[] = [];
    for (;;) {
      const p = and(depth);
      if (p === undefined) return undefined;
      parts.push(p);
      if (!peekOp('||')) break;
      i++;
    }
    return parts.length === 1 ? parts[0] : { any: parts };
  };
  const result = or(0);
  return result !== undefined && i === toks.length ? result : undefined;
}

const SYMBOL = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An `if` value of the schema (either syntax) as a Condition; reported and kept as text when unreadable. */
export function readCondition(v: QValue, file: string, reporter: Reporter, depth = 0): Condition | undefined {
  if (depth > 32) {
    reporter.report('qapi-condition', 'A condition is nested too deeply; it was ignored', at(file, v.pos));
    return undefined;
  }
  switch (v.kind) {
    case 'string': {
      if (SYMBOL.test(v.value)) return v.value;
      const c = parseCCondition(v.value);
      if (c !== undefined) return c;
      reporter.report('qapi-condition', `Condition ${JSON.stringify(v.value)} is neither a config symbol nor a preprocessor expression; it is kept as written`, at(file, v.pos));
      return v.value;
    }
    case 'list': {
      // 3.0–6.1: a list of C conditions, all of which must hold
      const parts = v.items.map((x) => readCondition(x, file, reporter, depth + 1)).filter((x): x is Condition => x !== undefined);
      if (parts.length === 0) return undefined;
      return parts.length === 1 ? parts[0] : { all: parts };
    }
    case 'dict': {
      if (v.entries.length !== 1) {
        reporter.report('qapi-condition', "A condition object must have exactly one of 'all', 'any' or 'not'; it was ignored", at(file, v.pos));
        return undefined;
      }
      const { key, value } = v.entries[0]!;
      if (key === 'not') {
        const inner = readCondition(value, file, reporter, depth + 1);
        return inner === undefined ? undefined : { not: inner };
      }
      if ((key === 'all' || key === 'any') && value.kind === 'list') {
        const parts = value.items.map((x) => readCondition(x, file, reporter, depth + 1)).filter((x): x is Condition => x !== undefined);
        if (parts.length === 0) return undefined;
        return key === 'all' ? { all: parts } : { any: parts };
      }
      reporter.report('qapi-condition', `Condition key '${key}' is not 'all', 'any' or 'not' with a list; it was ignored`, at(file, v.pos));
      return undefined;
    }
    case 'bool':
      reporter.report('qapi-condition', 'A condition is a boolean, not a symbol; it was ignored', at(file, v.pos));
      return undefined;
  }
}

/** Every symbol a condition mentions. */
export function conditionSymbols(c: Condition, out = new Set<string>()): Set<string> {
  if (typeof c === 'string') out.add(c);
  else if ('all' in c) for (const x of c.all) conditionSymbols(x, out);
  else if ('any' in c) for (const x of c.any) conditionSymbols(x, out);
  else conditionSymbols(c.not, out);
  return out;
}

/**
 * A condition as text, the way QEMU's own documentation generator writes it
 * (`CONFIG_A and (TARGET_B or not TARGET_C)`): nested groups in parentheses.
 */
export function conditionText(c: Condition, nested = false): string {
  if (typeof c === 'string') return c;
  if ('not' in c) return `not ${conditionText(c.not, true)}`;
  const parts = 'all' in c ? c.all : c.any;
  const text = parts.map((p) => conditionText(p, true)).join('all' in c ? ' and ' : ' or ');
  return nested ? `(${text})` : text;
}
