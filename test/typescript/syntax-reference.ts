/**
 * The TypeScript parser's tree of a text in the shapes of generator/emit/typescript/syntax.ts,
 * for the tests that hold our parser to it: `fromTypeScript` converts every node of the subset
 * (positions as `pos`, `getStart()`, `end`) and throws on any other kind, so a text our parser
 * reads must convert, and convert to what our parser gave.
 */
import type { ts } from 'ts-morph';
import { ts as typescript } from 'ts-morph';

const k = typescript.SyntaxKind;

/** The TypeScript parser's tree of `text` and its parse diagnostics (JSDoc not parsed, as compile.ts runs it). */
export function typescriptTree(text: string): { source: ts.SourceFile; diagnostics: number } {
  const source = typescript.createSourceFile(
    'x.ts',
    text,
    { languageVersion: typescript.ScriptTarget.ES2022, jsDocParsingMode: typescript.JSDocParsingMode.ParseNone },
    true,
    typescript.ScriptKind.TS,
  );
  return { source, diagnostics: (source as ts.SourceFile & { parseDiagnostics: readonly unknown[] }).parseDiagnostics.length };
}

class Outside extends Error {}
const outside = (node: ts.Node): never => {
  throw new Outside(`outside the subset: ${k[node.kind]} (${node.getText()})`);
};

/** `source`'s statements in the shapes of syntax.ts; throws on a node outside the subset. */
export function fromTypeScript(source: ts.SourceFile): unknown[] {
  const span = (n: ts.Node) => ({ pos: n.pos, start: n.getStart(source), end: n.end });
  const mods = (n: ts.Node): ts.SyntaxKind[] => (typescript.canHaveModifiers(n) ? (typescript.getModifiers(n) ?? []).map((m) => m.kind) : []);
  const only = (n: ts.Node, allowed: ts.SyntaxKind[]) => {
    if (mods(n).some((m) => !allowed.includes(m))) outside(n);
    return mods(n).length > 0;
  };
  const identifier = (n: ts.Node) => (typescript.isIdentifier(n) ? { kind: 'Identifier', text: n.text, ...span(n) } : outside(n));
  const stringLiteral = (n: ts.Node) => (typescript.isStringLiteral(n) ? { kind: 'StringLiteral', text: n.text, ...span(n) } : outside(n));
  const name = (n: ts.Node) => (typescript.isIdentifier(n) ? identifier(n) : stringLiteral(n));
  const list = <T extends ts.Node>(nodes: ts.NodeArray<T>, f: (n: T) => unknown) => nodes.map(f);
  const typeArgs = (args: ts.NodeArray<ts.TypeNode> | undefined) => (args ? { typeArguments: list(args, type) } : {});

  function expression(n: ts.Node): unknown {
    switch (n.kind) {
      case k.Identifier:
        return identifier(n);
      case k.StringLiteral:
        return stringLiteral(n);
      case k.NumericLiteral:
        return { kind: 'NumericLiteral', text: (n as ts.NumericLiteral).text, ...span(n) };
      case k.TrueKeyword:
      case k.FalseKeyword:
      case k.NullKeyword:
      case k.ThisKeyword:
        return { kind: n.kind === k.TrueKeyword ? 'TrueKeyword' : n.kind === k.FalseKeyword ? 'FalseKeyword' : n.kind === k.NullKeyword ? 'NullKeyword' : 'ThisKeyword', ...span(n) };
      case k.PrefixUnaryExpression: {
        const p = n as ts.PrefixUnaryExpression;
        return p.operator === k.MinusToken ? { kind: 'PrefixUnaryExpression', operand: expression(p.operand), ...span(n) } : outside(n);
      }
      case k.PropertyAccessExpression: {
        const p = n as ts.PropertyAccessExpression;
        if (p.questionDotToken) outside(n);
        return { kind: 'PropertyAccessExpression', expression: expression(p.expression), name: identifier(p.name), ...span(n) };
      }
      case k.CallExpression:
      case k.NewExpression: {
        const c = n as ts.CallExpression | ts.NewExpression;
        if (c.typeArguments || !c.arguments || (typescript.isCallExpression(c) && c.questionDotToken)) outside(n);
        return { kind: n.kind === k.CallExpression ? 'CallExpression' : 'NewExpression', expression: expression(c.expression), arguments: list(c.arguments!, expression), trailingComma: c.arguments!.hasTrailingComma, ...span(n) };
      }
      case k.ArrayLiteralExpression: {
        const a = n as ts.ArrayLiteralExpression & { multiLine?: boolean };
        return { kind: 'ArrayLiteralExpression', elements: list(a.elements, expression), multiLine: a.multiLine === true, trailingComma: a.elements.hasTrailingComma, ...span(n) };
      }
      case k.ObjectLiteralExpression: {
        const o = n as ts.ObjectLiteralExpression & { multiLine?: boolean };
        const properties = list(o.properties, (p) =>
          typescript.isPropertyAssignment(p) ? { kind: 'PropertyAssignment', name: name(p.name), initializer: expression(p.initializer), ...span(p) } : outside(p),
        );
        return { kind: 'ObjectLiteralExpression', properties, multiLine: o.multiLine === true, trailingComma: o.properties.hasTrailingComma, ...span(n) };
      }
      case k.ArrowFunction: {
        const a = n as ts.ArrowFunction;
        if (a.modifiers?.length || a.typeParameters || a.type || typescript.isBlock(a.body)) outside(n);
        const parameters = list(a.parameters, (p) => (p.type || p.initializer || p.questionToken || p.dotDotDotToken || p.modifiers?.length ? outside(p) : identifier(p.name)));
        return { kind: 'ArrowFunction', parameters, body: expression(a.body), ...span(n) };
      }
      case k.AwaitExpression:
        return { kind: 'AwaitExpression', expression: expression((n as ts.AwaitExpression).expression), ...span(n) };
      case k.BinaryExpression: {
        const b = n as ts.BinaryExpression;
        return b.operatorToken.kind === k.EqualsToken ? { kind: 'BinaryExpression', left: expression(b.left), right: expression(b.right), ...span(n) } : outside(n);
      }
      default:
        return outside(n);
    }
  }

  function type(n: ts.TypeNode): unknown {
    switch (n.kind) {
      case k.AnyKeyword:
      case k.UnknownKeyword:
      case k.StringKeyword:
      case k.NumberKeyword:
      case k.BigIntKeyword:
      case k.SymbolKeyword:
      case k.BooleanKeyword:
      case k.UndefinedKeyword:
      case k.NeverKeyword:
      case k.ObjectKeyword:
      case k.VoidKeyword:
        return { kind: 'KeywordType', text: n.getText(source), ...span(n) };
      case k.LiteralType:
        return { kind: 'LiteralType', literal: expression((n as ts.LiteralTypeNode).literal), ...span(n) };
      case k.TypeReference: {
        const r = n as ts.TypeReferenceNode;
        return { kind: 'TypeReference', typeName: identifier(r.typeName), ...typeArgs(r.typeArguments), ...span(n) };
      }
      case k.ArrayType:
        return { kind: 'ArrayType', elementType: type((n as ts.ArrayTypeNode).elementType), ...span(n) };
      case k.ParenthesizedType:
        return { kind: 'ParenthesizedType', type: type((n as ts.ParenthesizedTypeNode).type), ...span(n) };
      case k.UnionType:
      case k.IntersectionType:
        return { kind: n.kind === k.UnionType ? 'UnionType' : 'IntersectionType', types: list((n as ts.UnionTypeNode).types, type), ...span(n) };
      case k.TypeLiteral:
        return { kind: 'TypeLiteral', members: list((n as ts.TypeLiteralNode).members, member), ...span(n) };
      case k.TypeOperator: {
        const o = n as ts.TypeOperatorNode;
        if (o.operator !== k.KeyOfKeyword && o.operator !== k.ReadonlyKeyword) outside(n);
        return { kind: 'TypeOperator', operator: o.operator === k.KeyOfKeyword ? 'keyof' : 'readonly', type: type(o.type), ...span(n) };
      }
      case k.IndexedAccessType: {
        const a = n as ts.IndexedAccessTypeNode;
        return { kind: 'IndexedAccessType', objectType: type(a.objectType), indexType: type(a.indexType), ...span(n) };
      }
      default:
        return outside(n);
    }
  }

  function member(m: ts.TypeElement): unknown {
    if (typescript.isPropertySignature(m)) {
      if (!m.type) outside(m);
      return { kind: 'PropertySignature', readonly: only(m, [k.ReadonlyKeyword]), name: name(m.name), optional: m.questionToken !== undefined, type: type(m.type!), ...span(m) };
    }
    if (typescript.isIndexSignatureDeclaration(m)) {
      const [p] = m.parameters;
      if (m.parameters.length !== 1 || !p!.type || only(m, [])) outside(m);
      return { kind: 'IndexSignature', parameter: identifier(p!.name), parameterType: type(p!.type!), type: type(m.type), ...span(m) };
    }
    return outside(m);
  }

  function heritage(h: ts.ExpressionWithTypeArguments): unknown {
    return { kind: 'ExpressionWithTypeArguments', expression: identifier(h.expression), ...typeArgs(h.typeArguments), ...span(h) };
  }
  function heritageOf(n: ts.InterfaceDeclaration | ts.ClassDeclaration): ts.ExpressionWithTypeArguments[] | undefined {
    const clauses = n.heritageClauses ?? [];
    if (clauses.length > 1 || clauses.some((c) => c.token !== k.ExtendsKeyword)) outside(n);
    return clauses[0] ? [...clauses[0].types] : undefined;
  }

  function functionLike(f: ts.MethodDeclaration | ts.GetAccessorDeclaration | ts.FunctionDeclaration, modified: boolean): unknown {
    if (f.typeParameters || f.asteriskToken || (f as ts.MethodDeclaration).questionToken || !f.body || !f.name) outside(f);
    const parameters = list(f.parameters, (p) =>
      p.initializer || p.dotDotDotToken || p.modifiers?.length || !p.type
        ? outside(p)
        : { kind: 'Parameter', name: identifier(p.name), optional: p.questionToken !== undefined, type: type(p.type), ...span(p) },
    );
    const body = list(f.body!.statements, (s) =>
      typescript.isReturnStatement(s) ? { kind: 'ReturnStatement', ...(s.expression ? { expression: expression(s.expression) } : {}), ...span(s) } : outside(s),
    );
    const kind = f.kind === k.MethodDeclaration ? 'MethodDeclaration' : f.kind === k.GetAccessor ? 'GetAccessor' : 'FunctionDeclaration';
    return { kind, modified, name: identifier(f.name!), parameters, trailingComma: f.parameters.hasTrailingComma, ...(f.type ? { type: type(f.type) } : {}), body, ...span(f) };
  }

  function specifiers(elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>): unknown[] {
    return list(elements, (e) => (e.propertyName ? outside(e) : { kind: 'Specifier', isTypeOnly: e.isTypeOnly, name: identifier(e.name), ...span(e) }));
  }

  function statement(s: ts.Statement): unknown {
    if (typescript.isImportDeclaration(s)) {
      const c = s.importClause;
      if (!c || c.name || !c.namedBindings || !typescript.isNamedImports(c.namedBindings) || s.attributes || only(s, [])) return outside(s);
      const elements = c.namedBindings.elements;
      return { kind: 'ImportDeclaration', isTypeOnly: c.isTypeOnly, elements: specifiers(elements), trailingComma: elements.hasTrailingComma, moduleSpecifier: stringLiteral(s.moduleSpecifier), ...span(s) };
    }
    if (typescript.isExportDeclaration(s)) {
      if (!s.moduleSpecifier || s.attributes || only(s, []) || (s.exportClause && !typescript.isNamedExports(s.exportClause))) return outside(s);
      const elements = s.exportClause ? (s.exportClause as ts.NamedExports).elements : undefined;
      return {
        kind: 'ExportDeclaration',
        isTypeOnly: s.isTypeOnly,
        ...(elements ? { elements: specifiers(elements) } : {}),
        trailingComma: elements?.hasTrailingComma ?? false,
        moduleSpecifier: stringLiteral(s.moduleSpecifier),
        ...span(s),
      };
    }
    if (typescript.isInterfaceDeclaration(s)) {
      if (s.typeParameters) outside(s);
      const h = heritageOf(s);
      return { kind: 'InterfaceDeclaration', exported: only(s, [k.ExportKeyword]), name: identifier(s.name), ...(h ? { heritage: h.map(heritage) } : {}), members: list(s.members, member), ...span(s) };
    }
    if (typescript.isTypeAliasDeclaration(s)) {
      if (s.typeParameters) outside(s);
      return { kind: 'TypeAliasDeclaration', exported: only(s, [k.ExportKeyword]), name: identifier(s.name), type: type(s.type), ...span(s) };
    }
    if (typescript.isClassDeclaration(s)) {
      if (s.typeParameters || !s.name) outside(s);
      const h = heritageOf(s);
      if (h && h.length !== 1) outside(s);
      const members = list(s.members, (m) => {
        const isStatic = only(m, [k.StaticKeyword]);
        return typescript.isMethodDeclaration(m) || typescript.isGetAccessorDeclaration(m) ? functionLike(m, isStatic) : outside(m);
      });
      return { kind: 'ClassDeclaration', exported: only(s, [k.ExportKeyword]), name: identifier(s.name!), ...(h ? { heritage: heritage(h[0]!) } : {}), members, ...span(s) };
    }
    if (typescript.isFunctionDeclaration(s)) return functionLike(s, only(s, [k.ExportKeyword]));
    if (typescript.isVariableStatement(s)) {
      const l = s.declarationList;
      const [d] = l.declarations;
      if ((l.flags & typescript.NodeFlags.BlockScoped) !== typescript.NodeFlags.Const || l.declarations.length !== 1 || !d!.initializer || d!.exclamationToken) outside(s);
      return { kind: 'VariableStatement', exported: only(s, [k.ExportKeyword]), name: identifier(d!.name), ...(d!.type ? { type: type(d!.type) } : {}), initializer: expression(d!.initializer!), ...span(s) };
    }
    if (typescript.isExpressionStatement(s)) {
      const e = s.expression;
      if (!typescript.isBinaryExpression(e) || e.operatorToken.kind !== k.EqualsToken) outside(s);
      return { kind: 'ExpressionStatement', expression: expression(e), ...span(s) };
    }
    return outside(s);
  }

  return source.statements.map(statement);
}
