/**
 * Type expressions and values, built as small syntax trees and printed the way the TypeScript
 * printer (`createPrinter({ newLine: LineFeed, removeComments: true })`) prints the same trees
 * made with `ts.factory`, without loading the compiler (~0.5 s of a cold run). The printed
 * text is what goes into the ts-morph structures; all quoting and escaping of model text
 * happens here, never by assembling code from model text by hand.
 *
 * The rules, as the printer has them:
 *
 * - String literals: `\\`, the quote and C0 controls are escaped (`\b \t \n \v \f \r` by name,
 *   NUL as `\0`, or `\x00` before a digit, the others as `\u00XX`), then every code unit past
 *   ASCII as `\uXXXX` (upper-case hex; astral characters as their two surrogates, lone
 *   surrogates alike). DEL, `${` and backticks stay as they are.
 * - Numbers: `String(n)` of the magnitude, a prefix `-` for negatives and -0.
 * - Lists: one line (`[a, b]`, `{ a: b }`, `{}`, `[]`), or an element per line indented by 4
 *   spaces per level with the closing bracket on a line of its own; type literals are always
 *   laid out across lines, each member ending in `;`.
 * - Parentheses, as the factory adds them: union and intersection types inside a union, an
 *   intersection, an array element type or the object of an indexed access.
 *
 * test/typescript/print.test.ts holds this equal to the printer (test/typescript/
 * print-reference.ts, the factory-built version this replaces) on cases at the edge of each
 * rule and on random trees and values. Everything the builders can make is in that subset, so
 * there is nothing to decline.
 */
import { isPlainIdentifier } from '../../model/names.js';

type Keyword = 'string' | 'number' | 'boolean' | 'unknown' | 'never' | 'undefined' | 'void' | 'null';

/** A type expression (built with `T`). */
export type TypeNode =
  | { readonly kind: 'keyword'; readonly text: Keyword }
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'ref'; readonly name: string; readonly args: readonly TypeNode[] }
  | { readonly kind: 'array'; readonly items: TypeNode }
  | { readonly kind: 'union' | 'intersection'; readonly types: readonly TypeNode[] }
  | { readonly kind: 'paren'; readonly type: TypeNode }
  | { readonly kind: 'indexed'; readonly object: TypeNode; readonly index: TypeNode }
  | { readonly kind: 'typeLiteral'; readonly members: readonly TypeMember[] };

interface TypeMember {
  /** The key as printed: bare or a double-quoted string literal. */
  readonly key: string;
  readonly optional: boolean;
  readonly type: TypeNode;
}

/** An expression (built with `valueExpression`, `E` or `identifier`). */
export type Expression =
  /** `null`, `true`, `false`, `this` or an identifier */
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'number'; readonly text: string; readonly negative: boolean }
  | { readonly kind: 'string'; readonly value: string; readonly singleQuote: boolean }
  | { readonly kind: 'arrayLiteral'; readonly elements: readonly Expression[]; readonly multiLine: boolean }
  | { readonly kind: 'objectLiteral'; readonly properties: readonly Property[]; readonly multiLine: boolean }
  | { readonly kind: 'access'; readonly object: Expression; readonly name: string }
  | { readonly kind: 'call'; readonly callee: Expression; readonly args: readonly Expression[] };

interface Property {
  /** The key as printed: bare or a single-quoted string literal. */
  readonly key: string;
  readonly value: Expression;
}

export interface ReturnStatement {
  readonly kind: 'return';
  readonly expression: Expression;
}

export type Node = TypeNode | Expression | ReturnStatement;

// ---------------------------------------------------------------------------------------
// String literals

/** Strings with nothing to escape in either quote (the common case: wire names, plain text). */
const PLAIN = /^[^\0-\x1f"'\\\x80-\uffff]*$/;
const NAMED_ESCAPES: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x5c: '\\\\',
};

function escaped(value: string, quote: '"' | "'"): string {
  const quoteCode = quote.charCodeAt(0);
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x20 && c < 0x80 && c !== 0x5c && c !== quoteCode) continue;
    out += value.slice(from, i);
    from = i + 1;
    if (c === quoteCode) out += `\\${quote}`;
    else if (c === 0) {
      const next = value.charCodeAt(i + 1);
      out += next >= 0x30 && next <= 0x39 ? '\\x00' : '\\0';
    } else out += NAMED_ESCAPES[c] ?? `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out + value.slice(from);
}

/** A string literal (`"cpu-index"`), escaped as the printer does. Prettier later picks the quotes. */
export function stringLiteral(value: string, singleQuote = false): string {
  const quote = singleQuote ? "'" : '"';
  return quote + (PLAIN.test(value) ? value : escaped(value, quote)) + quote;
}

// ---------------------------------------------------------------------------------------
// Builders

/** Checked identifier: generated names only ever reach here via names.ts. */
export function identifier(name: string): Expression {
  if (!isPlainIdentifier(name)) throw new Error(`internal: not an identifier: ${JSON.stringify(name)}`);
  return { kind: 'word', text: name };
}

/** A JSON value as a TypeScript expression (object keys bare where they can be). */
export function valueExpression(value: unknown, multiLine: boolean): Expression {
  if (value === null) return { kind: 'word', text: 'null' };
  switch (typeof value) {
    case 'boolean':
      return { kind: 'word', text: value ? 'true' : 'false' };
    case 'number': {
      const negative = value < 0 || Object.is(value, -0);
      return { kind: 'number', text: String(negative ? -value : value), negative };
    }
    case 'string':
      return { kind: 'string', value, singleQuote: true };
    case 'object':
      if (Array.isArray(value)) return { kind: 'arrayLiteral', elements: value.map((v) => valueExpression(v, multiLine)), multiLine };
      return {
        kind: 'objectLiteral',
        properties: Object.entries(value as Record<string, unknown>).map(([k, v]) => ({
          key: isPlainIdentifier(k) ? k : stringLiteral(k, true),
          value: valueExpression(v, multiLine),
        })),
        multiLine,
      };
    default:
      return { kind: 'word', text: 'undefined' };
  }
}

/** Expressions beyond JSON values, for the client's method bodies. */
export const E = {
  string: (value: string, singleQuote = false): Expression => ({ kind: 'string', value, singleQuote }),
  this: (): Expression => ({ kind: 'word', text: 'this' }),
  /** `object.name` */
  access: (object: Expression, name: string): Expression => {
    if (!isPlainIdentifier(name)) throw new Error(`internal: not an identifier: ${JSON.stringify(name)}`);
    return { kind: 'access', object, name };
  },
  call: (callee: Expression, args: readonly Expression[]): Expression => ({ kind: 'call', callee, args }),
  /** `return expression;` */
  return: (expression: Expression): ReturnStatement => ({ kind: 'return', expression }),
};

const keyword = (text: Keyword): TypeNode => ({ kind: 'keyword', text });

/** Union and intersection types are parenthesised where the factory parenthesises them. */
const compound = (node: TypeNode): TypeNode =>
  node.kind === 'union' || node.kind === 'intersection' ? { kind: 'paren', type: node } : node;

export const T = {
  string: (): TypeNode => keyword('string'),
  number: (): TypeNode => keyword('number'),
  boolean: (): TypeNode => keyword('boolean'),
  unknown: (): TypeNode => keyword('unknown'),
  never: (): TypeNode => keyword('never'),
  undefined: (): TypeNode => keyword('undefined'),
  void: (): TypeNode => keyword('void'),
  null: (): TypeNode => keyword('null'),
  literal: (value: string): TypeNode => ({ kind: 'literal', value }),
  ref: (name: string, args: readonly TypeNode[] = []): TypeNode => {
    if (!isPlainIdentifier(name)) throw new Error(`internal: not an identifier: ${JSON.stringify(name)}`);
    return { kind: 'ref', name, args };
  },
  /** `T[]`, parenthesising unions and other compound element types. */
  array: (items: TypeNode): TypeNode => ({ kind: 'array', items: compound(items) }),
  /**
   * A union of distinct members (by printed text), flattened one level; one member is
   * returned as is. (A member taken from a union keeps the parentheses it had there, so
   * `(A & B)` from one and `A & B` given directly are two members, as with the factory.)
   */
  union: (members: readonly TypeNode[]): TypeNode => {
    const seen = new Set<string>();
    const flat: TypeNode[] = [];
    for (const m of members.flatMap((m) => (m.kind === 'union' ? m.types : [m]))) {
      const key = printType(m);
      if (!seen.has(key)) {
        seen.add(key);
        flat.push(m);
      }
    }
    if (flat.length === 0) return T.never();
    return flat.length === 1 ? flat[0]! : { kind: 'union', types: flat.map(compound) };
  },
  /** `Object['toString']`: an indexed access type. */
  indexed: (object: TypeNode, index: TypeNode): TypeNode => ({ kind: 'indexed', object: compound(object), index }),
  intersection: (members: readonly TypeNode[]): TypeNode =>
    members.length === 1 ? members[0]! : { kind: 'intersection', types: members.map(compound) },
  /** `{ key: T; ... }` inline, for discriminators. */
  objectLiteral: (props: ReadonlyArray<{ name: string; type: TypeNode; optional?: boolean }>): TypeNode => ({
    kind: 'typeLiteral',
    members: props.map((p) => ({ key: propertyName(p.name), optional: p.optional ?? false, type: p.type })),
  }),
};

// ---------------------------------------------------------------------------------------
// Printing

const indents = [''];
function indent(level: number): string {
  while (indents.length <= level) indents.push(`${indents[indents.length - 1]}    `);
  return indents[level]!;
}

/** Elements one to a line, one level deeper than the brackets. */
function lines(items: readonly string[], separator: string, level: number): string {
  const inner = indent(level + 1);
  return `\n${inner}${items.join(`${separator}\n${inner}`)}\n${indent(level)}`;
}

function print(node: Node, level: number): string {
  switch (node.kind) {
    case 'keyword':
    case 'word':
      return node.text;
    case 'literal':
      return stringLiteral(node.value);
    case 'ref':
      return node.args.length ? `${node.name}<${node.args.map((a) => print(a, level)).join(', ')}>` : node.name;
    case 'array':
      return `${print(node.items, level)}[]`;
    case 'union':
      return node.types.map((t) => print(t, level)).join(' | ');
    case 'intersection':
      return node.types.map((t) => print(t, level)).join(' & ');
    case 'paren':
      return `(${print(node.type, level)})`;
    case 'indexed':
      return `${print(node.object, level)}[${print(node.index, level)}]`;
    case 'typeLiteral':
      if (node.members.length === 0) return '{}';
      return `{${lines(
        node.members.map((m) => `${m.key}${m.optional ? '?' : ''}: ${print(m.type, level + 1)};`),
        '',
        level,
      )}}`;
    case 'number':
      return node.negative ? `-${node.text}` : node.text;
    case 'string':
      return stringLiteral(node.value, node.singleQuote);
    case 'arrayLiteral': {
      if (node.elements.length === 0) return '[]';
      const inner = node.multiLine ? level + 1 : level;
      const items = node.elements.map((e) => print(e, inner));
      return node.multiLine ? `[${lines(items, ',', level)}]` : `[${items.join(', ')}]`;
    }
    case 'objectLiteral': {
      if (node.properties.length === 0) return '{}';
      const inner = node.multiLine ? level + 1 : level;
      const items = node.properties.map((p) => `${p.key}: ${print(p.value, inner)}`);
      return node.multiLine ? `{${lines(items, ',', level)}}` : `{ ${items.join(', ')} }`;
    }
    case 'access':
      return `${print(node.object, level)}.${node.name}`;
    case 'call':
      return `${print(node.callee, level)}(${node.args.map((a) => print(a, level)).join(', ')})`;
    case 'return':
      return `return ${print(node.expression, level)};`;
  }
}

/** A node as the TypeScript printer prints it on its own (indentation level 0). */
export function printNode(node: Node): string {
  return print(node, 0);
}

export function printType(node: TypeNode): string {
  return print(node, 0);
}

/** A JSON value as TypeScript source: one line when that fits in `width`, else indented. */
export function valueText(value: unknown, width = 80): string {
  const line = printNode(valueExpression(value, false));
  if (line.length <= width) return line;
  // the printer indents by 4; 2 keeps deep example replies readable in a comment. (String
  // literals cannot span lines, so only indentation is touched.)
  return printNode(valueExpression(value, true))
    .split('\n')
    .map((l) => l.replace(/^( {4})+/, (indent) => ' '.repeat(indent.length / 2)))
    .join('\n');
}

/** A property key: bare when it is an ASCII identifier, else a string literal. */
export function propertyName(wire: string): string {
  return isPlainIdentifier(wire) ? wire : stringLiteral(wire);
}
