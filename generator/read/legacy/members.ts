/**
 * Member lists: `- "name": text (type)` items nested by indentation.
 *
 * The docs indent irregularly (a nested list may sit 3, 4, 5 or 9 columns in, continuation
 * lines anywhere), so nesting is decided by comparing the column of each `-` with the open
 * items, not by Markdown list rules. A line that is not an item continues the deepest open
 * item unless a blank line came first and the line is not indented past that item. `keys
 * array:` style lines open a pseudo-item whose deeper items describe the array's elements.
 */
import type { DocText } from './source.js';

export interface TextLine {
  text: string;
  /** 0-based index into the DocText. */
  index: number;
  /** 1-based column where `text` starts. */
  column: number;
}

export interface ListItem {
  /** Index of the line the item starts on. */
  index: number;
  /** 1-based column of the `-` (or of the name for an `X array:` line). */
  column: number;
  /** The item's own text: the first line after `- `, then its continuation lines. */
  lines: TextLine[];
  children: ListItem[];
  /** Set for an `X array:` sub-heading: the member name. */
  arrayHeading?: string;
}

const ITEM = /^(\s*)-\s+(\S.*)$/;
const ARRAY_HEADING = /^(\s*)"?([\w-]+)"?\s+array\s*:\s*$/;

export function parseList(doc: DocText, indices: readonly number[]): { items: ListItem[]; stray: TextLine[] } {
  const root: ListItem = { index: -1, column: 0, lines: [], children: [] };
  const stack: ListItem[] = [root];
  const stray: TextLine[] = [];
  let afterBlank = false;
  const top = () => stack[stack.length - 1]!;
  for (const i of indices) {
    const raw = doc.lines[i]!.text.replace(/\t/g, '        ').replace(/\u00a0/g, ' ');
    if (raw.trim() === '') {
      afterBlank = true;
      continue;
    }
    const indent = raw.length - raw.trimStart().length;
    const item = ITEM.exec(raw);
    const heading = item ? undefined : ARRAY_HEADING.exec(raw);
    if (item || heading) {
      const column = indent + 1;
      while (stack.length > 1 && top().column >= column) stack.pop();
      const node: ListItem = item
        ? { index: i, column, lines: [{ text: item[2]!.trimEnd(), index: i, column: raw.indexOf(item[2]!, indent + 1) + 1 }], children: [] }
        : { index: i, column, lines: [], children: [], arrayHeading: heading![2]! };
      top().children.push(node);
      stack.push(node);
    } else {
      if (afterBlank) while (stack.length > 1 && top().column >= indent + 1) stack.pop();
      const line: TextLine = { text: raw.trim(), index: i, column: indent + 1 };
      if (stack.length > 1) top().lines.push(line);
      else stray.push(line);
    }
    afterBlank = false;
  }
  return { items: root.children, stray };
}

/** Item text joined with single spaces. */
export function itemText(lines: readonly TextLine[]): string {
  return lines
    .map((l) => l.text.trim())
    .filter(Boolean)
    .join(' ');
}
