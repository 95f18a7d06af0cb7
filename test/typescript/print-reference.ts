/**
 * The reference for generator/emit/typescript/print.ts: what it was before it printed without
 * the compiler. Type expressions and JSON values are built as TypeScript AST nodes
 * (`ts.factory`) and printed by the TypeScript printer that ts-morph bundles, with the same
 * builders and layout rules. test/typescript/print.test.ts holds the two equal.
 */
import { ts } from 'ts-morph';
import { isPlainIdentifier } from '../../generator/model/names.js';

const typescript = ts;

const f = typescript.factory;
const printer = typescript.createPrinter({ newLine: typescript.NewLineKind.LineFeed, removeComments: true });
const scratch = typescript.createSourceFile('print.ts', '', typescript.ScriptTarget.ES2022, false, typescript.ScriptKind.TS);

export function printNode(node: ts.Node): string {
  return printer.printNode(typescript.EmitHint.Unspecified, node, scratch);
}

/** A string literal (`"cpu-index"`), escaped by the printer. Prettier later picks the quotes. */
export function stringLiteral(value: string, singleQuote = false): string {
  return printNode(f.createStringLiteral(value, singleQuote));
}

/** A JSON value as a TypeScript expression (object keys bare where they can be). */
export function valueExpression(value: unknown, multiLine: boolean): ts.Expression {
  if (value === null) return f.createNull();
  switch (typeof value) {
    case 'boolean':
      return value ? f.createTrue() : f.createFalse();
    case 'number':
      return value < 0 || Object.is(value, -0)
        ? f.createPrefixUnaryExpression(typescript.SyntaxKind.MinusToken, f.createNumericLiteral(String(-value)))
        : f.createNumericLiteral(String(value));
    case 'string':
      return f.createStringLiteral(value, true);
    case 'object':
      if (Array.isArray(value)) return f.createArrayLiteralExpression(value.map((v) => valueExpression(v, multiLine)), multiLine);
      return f.createObjectLiteralExpression(
        Object.entries(value as Record<string, unknown>).map(([k, v]) =>
          f.createPropertyAssignment(isPlainIdentifier(k) ? f.createIdentifier(k) : f.createStringLiteral(k, true), valueExpression(v, multiLine)),
        ),
        multiLine,
      );
    default:
      return f.createIdentifier('undefined');
  }
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

/** Checked identifier: generated names only ever reach here via names.ts. */
export function identifier(name: string): ts.Identifier {
  if (!isPlainIdentifier(name)) throw new Error(`internal: not an identifier: ${JSON.stringify(name)}`);
  return f.createIdentifier(name);
}

export const T = {
  string: (): ts.TypeNode => f.createKeywordTypeNode(typescript.SyntaxKind.StringKeyword),
  number: (): ts.TypeNode => f.createKeywordTypeNode(typescript.SyntaxKind.NumberKeyword),
  boolean: (): ts.TypeNode => f.createKeywordTypeNode(typescript.SyntaxKind.BooleanKeyword),
  unknown: (): ts.TypeNode => f.createKeywordTypeNode(typescript.SyntaxKind.UnknownKeyword),
  never: (): ts.TypeNode => f.createKeywordTypeNode(typescript.SyntaxKind.NeverKeyword),
  undefined: (): ts.TypeNode => f.createKeywordTypeNode(typescript.SyntaxKind.UndefinedKeyword),
  void: (): ts.TypeNode => f.createKeywordTypeNode(typescript.SyntaxKind.VoidKeyword),
  null: (): ts.TypeNode => f.createLiteralTypeNode(f.createNull()),
  literal: (value: string): ts.TypeNode => f.createLiteralTypeNode(f.createStringLiteral(value)),
  ref: (name: string, args: ts.TypeNode[] = []): ts.TypeNode =>
    f.createTypeReferenceNode(identifier(name), args.length ? args : undefined),
  /** `T[]`, parenthesising unions and other compound element types. */
  array: (items: ts.TypeNode): ts.TypeNode =>
    f.createArrayTypeNode(
      typescript.isUnionTypeNode(items) || typescript.isIntersectionTypeNode(items) || typescript.isFunctionTypeNode(items)
        ? f.createParenthesizedType(items)
        : items,
    ),
  /** A union of distinct members (by printed text), flattened; one member is returned as is. */
  union: (members: ts.TypeNode[]): ts.TypeNode => {
    const seen = new Set<string>();
    const flat: ts.TypeNode[] = [];
    for (const m of members.flatMap((m) => (typescript.isUnionTypeNode(m) ? [...m.types] : [m]))) {
      const key = printNode(m);
      if (!seen.has(key)) {
        seen.add(key);
        flat.push(m);
      }
    }
    if (flat.length === 0) return T.never();
    return flat.length === 1 ? flat[0]! : f.createUnionTypeNode(flat);
  },
  /** `Object['toString']`: an indexed access type. */
  indexed: (object: ts.TypeNode, index: ts.TypeNode): ts.TypeNode => f.createIndexedAccessTypeNode(object, index),
  intersection: (members: ts.TypeNode[]): ts.TypeNode =>
    members.length === 1 ? members[0]! : f.createIntersectionTypeNode(members),
  /** `{ key: T; ... }` inline, for discriminators. */
  objectLiteral: (props: Array<{ name: string; type: ts.TypeNode; optional?: boolean }>): ts.TypeNode =>
    f.createTypeLiteralNode(
      props.map((p) =>
        f.createPropertySignature(
          undefined,
          isPlainIdentifier(p.name) ? f.createIdentifier(p.name) : f.createStringLiteral(p.name),
          p.optional ? f.createToken(typescript.SyntaxKind.QuestionToken) : undefined,
          p.type,
        ),
      ),
    ),
};

export function printType(node: ts.TypeNode): string {
  return printNode(node);
}
