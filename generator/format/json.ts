/**
 * Prettier's JSON layout (parser `json`, printWidth 100), printed directly from the value:
 * the JSON files we emit are most of the output by size, and prettier spent over a second on
 * them per large run. Used only where it is exact (see `printJsonLikePrettier`); anything
 * else goes to prettier itself, and test/format/json.test.ts compares the two on generated
 * and random values.
 *
 * The layout, as prettier prints a document that `JSON.stringify(value, null, 2)` wrote:
 * - a non-empty object always breaks (prettier keeps an object expanded when its source has a
 *   newline after `{`, which JSON.stringify's always has); `"key": value`, never broken after
 *   the colon (prettier's "never-break-after-operator" for JSON);
 * - an array stays on one line when that line, with the `,` that follows it, fits in the
 *   width; otherwise one element per line, except arrays of numbers, which fill their lines;
 *   an array of two or more objects (or arrays) with two or more entries each always breaks;
 * - strings and literals as JSON.stringify wrote them; numbers too, but for the exponent,
 *   which prettier writes without `+` (`1e21`).
 */

const WIDTH = 100;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A number as prettier prints it: JSON.stringify's text with the exponent's `+` and leading
 * zeros dropped (`1e+21` → `1e21`, `1e-7` stays), as prettier normalises numeric literals.
 */
function numberText(n: number): string {
  return JSON.stringify(n)
    .toLowerCase()
    .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(\d)/, '$1$2$3')
    .replace(/^([+-]?[\d.]+)e[+-]?0+$/, '$1')
    .replace(/(\.\d+?)0+(?=e|$)/, '$1')
    .replace(/\.(?=e|$)/, '');
}

/** A scalar as prettier prints it in JSON: strings and literals verbatim, numbers normalised. */
function scalarText(v: Json): string {
  return typeof v === 'number' ? numberText(v) : JSON.stringify(v);
}

const isObject = (v: Json): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The one-line form of `value`, or undefined when it cannot be on one line (a non-empty object). */
function flat(value: Json): string | undefined {
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const v of value) {
      const f = flat(v);
      if (f === undefined) return undefined;
      parts.push(f);
    }
    return `[${parts.join(', ')}]`;
  }
  if (isObject(value)) return Object.keys(value).length === 0 ? '{}' : undefined;
  return scalarText(value);
}

function entries(v: Json): number {
  return Array.isArray(v) ? v.length : isObject(v) ? Object.keys(v).length : 0;
}

/** prettier's rule: two or more elements, all objects or all arrays (same kind as the next), each with two or more entries. */
function forcedBreak(items: Json[]): boolean {
  if (items.length < 2) return false;
  return items.every((v, i) => {
    if (!Array.isArray(v) && !isObject(v)) return false;
    const next = items[i + 1];
    if (next !== undefined && Array.isArray(next) !== Array.isArray(v)) return false;
    if (next !== undefined && !Array.isArray(next) && !isObject(next)) return false;
    return entries(v) > 1;
  });
}

/**
 * `value` printed at `column` (where it starts) with `indent` spaces of indentation for its
 * lines, followed on its last line by `trailer` characters (the `,` after it, or nothing).
 */
function print(value: Json, indent: number, column: number, trailer: number, out: string[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    const line = forcedBreak(value) ? undefined : flat(value);
    if (line !== undefined && column + line.length + trailer <= WIDTH) {
      out.push(line);
      return;
    }
    const inner = indent + 2;
    const pad = ' '.repeat(inner);
    out.push('[\n', pad);
    if (value.every((v) => typeof v === 'number')) {
      // fill: the next number joins the line when it and the one before it fit there
      let col = inner;
      for (let i = 0; i < value.length; i++) {
        const text = `${scalarText(value[i]!)}${i < value.length - 1 ? ',' : ''}`;
        out.push(text);
        if (i === value.length - 1) break;
        const next = `${scalarText(value[i + 1]!)}${i + 1 < value.length - 1 ? ',' : ''}`;
        if (col + text.length + 1 + next.length <= WIDTH) {
          out.push(' ');
          col += text.length + 1;
        } else {
          out.push('\n', pad);
          col = inner;
        }
      }
    } else {
      value.forEach((v, i) => {
        if (i > 0) out.push(',\n', pad);
        print(v, inner, inner, i < value.length - 1 ? 1 : 0, out);
      });
    }
    out.push('\n', ' '.repeat(indent), ']');
    return;
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      out.push('{}');
      return;
    }
    const inner = indent + 2;
    const pad = ' '.repeat(inner);
    out.push('{\n');
    keys.forEach((k, i) => {
      const key = `${JSON.stringify(k)}: `;
      out.push(i > 0 ? ',\n' : '', pad, key);
      print(value[k]!, inner, inner + key.length, i < keys.length - 1 ? 1 : 0, out);
    });
    out.push('\n', ' '.repeat(indent), '}');
    return;
  }
  out.push(scalarText(value));
}

/**
 * What prettier (`json`, printWidth 100) makes of `text`, when that can be computed without
 * it: `text` is exactly `JSON.stringify(value, null, 2)` plus a newline, and all ASCII (so
 * that width is length: prettier measures East Asian wide characters as two columns).
 * Otherwise undefined, and the caller asks prettier.
 */
export function printJsonLikePrettier(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(text)) return undefined;
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  if (`${JSON.stringify(value, null, 2)}\n` !== text) return undefined;
  return printStringifiedLikePrettier(text, value);
}

/**
 * `printJsonLikePrettier` of a text known to be `JSON.stringify(value, null, 2)` plus a newline
 * (it was printed so: generator/emit/json-file.ts), which is therefore not parsed and printed
 * again to prove it; `value` is parsed from the text only if `relayout` declines.
 */
export function printStringifiedLikePrettier(text: string, value?: Json): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(text)) return undefined;
  return relayout(text) ?? printValue(value ?? (JSON.parse(text) as Json));
}

/** prettier's layout of `value`, printed from the value (the reference `relayout` is held to). */
export function printValue(value: Json): string {
  const out: string[] = [];
  print(value, 0, 0, 0, out);
  out.push('\n');
  return out.join('');
}

/**
 * prettier's layout made from JSON.stringify's (two-space indent) text, where the two differ
 * only in arrays of scalars: such an array is joined onto its opening line when it fits there
 * (with the comma after it), fills its lines when it holds only numbers, and is left one
 * element per line otherwise, exactly as `print` decides. Objects and arrays holding objects
 * JSON.stringify already lays out as prettier does. An array with an array or an empty
 * container as an element is handed to `print`, from its value. Undefined (`print` then does
 * the whole document) when a number has an exponent, which prettier rewrites.
 *
 * A scan, not a pass over lines: in JSON.stringify's text `[` ends a line exactly where a
 * non-empty array opens (strings hold no line break), the array's closing line is the first
 * one after it that is its indentation and `]`, and its elements are the lines one level
 * deeper (an element's own lines are deeper still, and end at its closing line). Only those
 * places are looked at; everything between them is copied as it stands.
 */
export function relayout(text: string): string | undefined {
  // a number is the last thing on its line (a string would end it with a quote)
  if (/\d[eE][+-]?\d+,?$/m.test(text)) return undefined;
  let out = '';
  let copied = 0; // text before this offset is in `out` (or replaced there)
  for (let open = text.indexOf('[\n'); open !== -1; ) {
    const lineStart = text.lastIndexOf('\n', open) + 1;
    let indent = 0;
    while (text.charCodeAt(lineStart + indent) === 32) indent++;
    const close = `\n${' '.repeat(indent)}]`;
    const closeAt = text.indexOf(close, open) + 1; // the closing line
    let closeEnd = text.indexOf('\n', closeAt);
    if (closeEnd === -1) closeEnd = text.length;
    const trailer = closeEnd - closeAt - (indent + 1);
    // the elements: lines at indent + 2 between the opening and the closing line
    const elements: string[] = [];
    let scalars = true;
    let containers = false;
    const depth = indent + 2;
    for (let at = open + 2; at < closeAt; ) {
      let end = text.indexOf('\n', at);
      const c = text.charCodeAt(at + depth);
      if (c === 91 /* [ */ || (c === 123 /* { */ && text.charCodeAt(at + depth + 1) === 125 /* } */)) {
        containers = true;
        break;
      }
      if (c === 123 /* { */) {
        // an object element: on to its closing line, past its own lines
        scalars = false;
        end = text.indexOf(`\n${' '.repeat(depth)}}`, at) + 1;
        end = text.indexOf('\n', end);
      } else if (c !== 32) {
        elements.push(text.charCodeAt(end - 1) === 44 /* , */ ? text.slice(at + depth, end - 1) : text.slice(at + depth, end));
      }
      at = end + 1;
    }
    if (containers) {
      // an array or an empty container as an element: this array as print lays it out, from
      // its value (its lines are JSON as they stand, but for the comma after the last)
      const printed: string[] = [];
      print(JSON.parse(`[${text.slice(open + 1, closeAt - 1)}\n]`) as Json, indent, open - lineStart, trailer, printed);
      out += `${text.slice(copied, open)}${printed.join('')}${trailer ? ',' : ''}`;
      copied = closeEnd;
      open = text.indexOf('[\n', closeEnd);
      continue;
    }
    if (!scalars) {
      open = text.indexOf('[\n', open + 2); // its elements' arrays are gone through one by one
      continue;
    }
    const flat = `[${elements.join(', ')}]`;
    if (open - lineStart + flat.length + trailer <= WIDTH) {
      out += `${text.slice(copied, open)}${flat}${trailer ? ',' : ''}`;
      copied = closeEnd;
    } else if (elements.every((e) => /^-?\d/.test(e))) {
      // fill, as print does: the next number joins the line when it and the one before it fit
      const lines: string[] = [];
      let current = ' '.repeat(depth);
      for (let k = 0; k < elements.length; k++) {
        const item = `${elements[k]}${k < elements.length - 1 ? ',' : ''}`;
        current += item;
        if (k === elements.length - 1) break;
        const next = `${elements[k + 1]}${k + 1 < elements.length - 1 ? ',' : ''}`;
        if (current.length + 1 + next.length <= WIDTH) current += ' ';
        else {
          lines.push(current);
          current = ' '.repeat(depth);
        }
      }
      lines.push(current);
      out += `${text.slice(copied, open + 2)}${lines.join('\n')}\n`;
      copied = closeAt;
    }
    // else: strings that do not fit stay one per line, as they are
    open = text.indexOf('[\n', closeEnd);
  }
  return copied === 0 ? text : out + text.slice(copied);
}
