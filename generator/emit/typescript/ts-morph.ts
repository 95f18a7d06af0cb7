/**
 * ts-morph's values, without loading ts-morph until one is used (issue 12: `require('ts-morph')`
 * costs some 0.5 s of a cold run, most of it the TypeScript compiler it carries).
 *
 * - `StructureKind` and `VariableDeclarationKind` are our own constants with ts-morph's values,
 *   typed with its enum members (imported as types), so that the structures the emitter builds
 *   still typecheck against ts-morph's structure types. test/typescript/structure-print.test.ts
 *   checks each against ts-morph's runtime enum.
 * - `printStructure` and the TypeScript API (`typescriptApi()`) load ts-morph on
 *   first use, through `require`: ts-morph is CommonJS, and an ES `import` of it makes Node scan
 *   its 1 MB bundle for export names (cjs-module-lexer) before running it.
 */
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

let loaded: typeof TsMorph | undefined;

/** ts-morph itself, required on the first call. */
export function tsMorph(): typeof TsMorph {
  return (loaded ??= createRequire(import.meta.url)('ts-morph') as typeof TsMorph);
}

/** Whether ts-morph has been loaded (through this module) in this process. */
export function tsMorphLoaded(): boolean {
  return loaded !== undefined;
}

type K = typeof TsMorph.StructureKind;

/** ts-morph's `StructureKind`, member for member (no reverse mapping: `structureKindName`). */
export const StructureKind = {
  ImportAttribute: 0 as K['ImportAttribute'],
  CallSignature: 1 as K['CallSignature'],
  Class: 2 as K['Class'],
  ClassStaticBlock: 3 as K['ClassStaticBlock'],
  ConstructSignature: 4 as K['ConstructSignature'],
  Constructor: 5 as K['Constructor'],
  ConstructorOverload: 6 as K['ConstructorOverload'],
  Decorator: 7 as K['Decorator'],
  Enum: 8 as K['Enum'],
  EnumMember: 9 as K['EnumMember'],
  ExportAssignment: 10 as K['ExportAssignment'],
  ExportDeclaration: 11 as K['ExportDeclaration'],
  ExportSpecifier: 12 as K['ExportSpecifier'],
  Function: 13 as K['Function'],
  FunctionOverload: 14 as K['FunctionOverload'],
  GetAccessor: 15 as K['GetAccessor'],
  ImportDeclaration: 16 as K['ImportDeclaration'],
  ImportSpecifier: 17 as K['ImportSpecifier'],
  IndexSignature: 18 as K['IndexSignature'],
  Interface: 19 as K['Interface'],
  JsxAttribute: 20 as K['JsxAttribute'],
  JsxSpreadAttribute: 21 as K['JsxSpreadAttribute'],
  JsxElement: 22 as K['JsxElement'],
  JsxSelfClosingElement: 23 as K['JsxSelfClosingElement'],
  JSDoc: 24 as K['JSDoc'],
  JSDocTag: 25 as K['JSDocTag'],
  Method: 26 as K['Method'],
  MethodOverload: 27 as K['MethodOverload'],
  MethodSignature: 28 as K['MethodSignature'],
  Module: 29 as K['Module'],
  Parameter: 30 as K['Parameter'],
  Property: 31 as K['Property'],
  PropertyAssignment: 32 as K['PropertyAssignment'],
  PropertySignature: 33 as K['PropertySignature'],
  SetAccessor: 34 as K['SetAccessor'],
  ShorthandPropertyAssignment: 35 as K['ShorthandPropertyAssignment'],
  SourceFile: 36 as K['SourceFile'],
  SpreadAssignment: 37 as K['SpreadAssignment'],
  TypeAlias: 38 as K['TypeAlias'],
  TypeParameter: 39 as K['TypeParameter'],
  VariableDeclaration: 40 as K['VariableDeclaration'],
  VariableStatement: 41 as K['VariableStatement'],
} as const;

/** The name of a `StructureKind` value (ts-morph's enum maps values back to names; ours does not). */
export function structureKindName(kind: TsMorph.StructureKind): string {
  return Object.keys(StructureKind).find((name) => StructureKind[name as keyof typeof StructureKind] === kind) ?? String(kind);
}

type V = typeof TsMorph.VariableDeclarationKind;

/** ts-morph's `VariableDeclarationKind`, member for member. */
export const VariableDeclarationKind = {
  Var: 'var' as V['Var'],
  Let: 'let' as V['Let'],
  Const: 'const' as V['Const'],
  AwaitUsing: 'await using' as V['AwaitUsing'],
  Using: 'using' as V['Using'],
} as const;

/** ts-morph's structure printer (loads ts-morph): structure-print.ts prints what the emitter builds without it. */
export const printStructure: typeof TsMorph.printStructure = (structure, options) => tsMorph().printStructure(structure, options);

/** The TypeScript compiler API that ts-morph bundles (`ts` of `import { ts } from 'ts-morph'`), loaded on this call. */
export function typescriptApi(): typeof TsMorph.ts {
  return tsMorph().ts;
}
