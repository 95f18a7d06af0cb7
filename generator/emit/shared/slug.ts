/**
 * Heading anchors as GitHub computes them (the algorithm of `github-slugger`, which GitHub,
 * GitLab's and VS Code's previews share in its essentials): lower-case the heading's text,
 * drop punctuation and symbols, turn each space into `-`, and number repeats `-1`, `-2`, ...
 * in document order. Written out here rather than adding a dependency for twenty lines.
 *
 * ASCII is exact (github-slugger removes `\0-\x1F !-, . / :-@ [-^ \` {-~ DEL`, keeping letters,
 * digits, `-`, `_` and space). Beyond ASCII it keeps letters, marks, numbers and connector
 * punctuation, which matches github-slugger on every script the QMP docs could plausibly use.
 */
const REMOVED = /[^\p{L}\p{M}\p{N}\p{Pc} -]/gu;

/** The slug of one heading text, without de-duplication. */
export function slug(text: string): string {
  return text.toLowerCase().replace(REMOVED, '').replace(/ /g, '-');
}

/** Hands out unique slugs for the headings of one page, in document order. */
export class Slugger {
  readonly #occurrences = new Map<string, number>();

  next(text: string): string {
    const base = slug(text);
    let result = base;
    while (this.#occurrences.has(result)) {
      const n = (this.#occurrences.get(base) ?? 0) + 1;
      this.#occurrences.set(base, n);
      result = `${base}-${n}`;
    }
    this.#occurrences.set(result, 0);
    return result;
  }
}
