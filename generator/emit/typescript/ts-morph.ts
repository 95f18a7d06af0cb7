/**
 * ts-morph's values, loaded through `require`. ts-morph is CommonJS: an ES `import` of it makes
 * Node scan its 1 MB bundle for export names (cjs-module-lexer) before running it, about 0.1 s
 * of every run that emits TypeScript. `require` runs the module without that scan; its types
 * are imported as types where they are used.
 */
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;

export const { printStructure, StructureKind, VariableDeclarationKind } = tsMorph;
/** The TypeScript compiler API that ts-morph bundles (`ts` of `import { ts } from 'ts-morph'`). */
export const typescript: typeof TsMorph.ts = tsMorph.ts;
