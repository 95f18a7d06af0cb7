/**
 * QAPI `if` conditions (Condition in the model) in words, for the pages: "Only when QEMU is
 * built with `CONFIG_SPICE`." Config symbols read "built with", target symbols
 * (`TARGET_I386`) read "built for the target", `not` reads "without" / "not for", and nested
 * `all` / `any` are bracketed where they mix. Symbols are untrusted text: each is an inline
 * code node (the serializer escapes it), never spliced into Markdown.
 */
import type { PhrasingContent } from 'mdast';
import type { Condition } from '../../model/types.js';
import { code, oneLine, text } from '../shared/mdast.js';

const isTarget = (symbol: string) => /^TARGET_/.test(symbol);

function symbolWords(symbol: string, negated: boolean): PhrasingContent[] {
  const s = code(oneLine(symbol));
  if (isTarget(symbol)) return [text(negated ? 'QEMU is not built for the target ' : 'QEMU is built for the target '), s];
  return [text(negated ? 'QEMU is built without ' : 'QEMU is built with '), s];
}

function words(c: Condition, negated: boolean, nested: boolean): PhrasingContent[] {
  if (typeof c === 'string') return symbolWords(c, negated);
  if ('not' in c) return words(c.not, !negated, nested);
  // De Morgan under a `not`: not (a and b) = (not a) or (not b)
  const list = 'all' in c ? c.all : c.any;
  const and = 'all' in c !== negated;
  if (list.length === 1) return words(list[0]!, negated, nested);
  const parts = list.map((x) => words(x, negated, true));
  const joined = parts.flatMap((p, i) => [...(i > 0 ? [text(and ? ' and ' : ' or ')] : []), ...p]);
  if (list.length === 0) return [text(and ? 'always' : 'never')];
  return nested ? [text('('), ...joined, text(')')] : joined;
}

/** "Only when QEMU is built with `CONFIG_X`." (phrasing), or nothing without a condition. */
export function conditionPhrasing(c: Condition | undefined): PhrasingContent[] {
  if (c === undefined) return [];
  return [text('Only when '), ...words(c, false, false), text('.')];
}
