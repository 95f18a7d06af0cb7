/**
 * What the shipped runtime (templates/runtime/*.ts, passed in by the CLI) declares, read from
 * its source text: the names its index exports (generated names must not clash with them,
 * since the package index re-exports both) and the members of `QmpClient` (a generated
 * method must not shadow them). Reading the source keeps this right when the runtime grows.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ts } from 'ts-morph';
import type { Prebuilt } from '../emit/types.js';
import type { RuntimeNames } from './typescript.js';

/**
 * TypeScript's parser, loaded on first use: most runs find the runtime's names prebuilt
 * (`npm run build`), and a run that emits only Markdown then never loads the compiler.
 */
let tsApi: typeof ts | undefined;
function api(): typeof ts {
  return (tsApi ??= (createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph')).ts);
}

export const RUNTIME_PREFIX = 'runtime/';
export const RUNTIME_CLASS = 'QmpClient';

function parse(name: string, text: string): ts.SourceFile {
  const ts = api();
  return ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
}

function isExported(node: ts.Node): boolean {
  const ts = api();
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Names a module exports by declaration or by `export { a, b as c }`. */
function exportedNames(sf: ts.SourceFile): string[] {
  const ts = api();
  const names: string[] = [];
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) names.push(el.name.text);
    } else if (isExported(st)) {
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
      } else if (
        (ts.isClassDeclaration(st) ||
          ts.isInterfaceDeclaration(st) ||
          ts.isTypeAliasDeclaration(st) ||
          ts.isFunctionDeclaration(st) ||
          ts.isEnumDeclaration(st)) &&
        st.name
      ) {
        names.push(st.name.text);
      }
    }
  }
  return names;
}

function classMembers(sf: ts.SourceFile, className: string): string[] {
  const ts = api();
  const names: string[] = [];
  for (const st of sf.statements) {
    if (!ts.isClassDeclaration(st) || st.name?.text !== className) continue;
    for (const m of st.members) {
      if (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) names.push(m.name.text);
    }
  }
  return names;
}

/** The runtime sources among the templates: `runtime/x.ts` → contents, sorted by path. */
export function runtimeSources(templates: Readonly<Record<string, string>>): Array<[string, string]> {
  return Object.entries(templates)
    .filter(([p]) => p.startsWith(RUNTIME_PREFIX) && p.endsWith('.ts') && !p.endsWith('.d.ts') && !p.endsWith('.test.ts'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Last result, by the sources it was read from (the runtime rarely changes within a process). */
let memo: { key: string; names: RuntimeNames } | undefined;

/** The prebuilt key of the runtime's names: a SHA-256 of its sources. */
export function runtimeNamesKey(sources: ReadonlyArray<[string, string]>): string {
  return createHash('sha256').update(JSON.stringify(sources)).digest('hex');
}

/** The names the runtime declares: from `prebuilt` when it has these sources, else parsed. */
export function runtimeNames(sources: ReadonlyArray<[string, string]>, prebuilt?: Prebuilt): RuntimeNames {
  const key = JSON.stringify(sources);
  if (memo?.key === key) return memo.names;
  const found = prebuilt?.runtimeNames[runtimeNamesKey(sources)];
  const names = found ? { exports: new Set(found.exports), clientMembers: new Set(found.clientMembers) } : readRuntimeNames(sources);
  memo = { key, names };
  return names;
}

function readRuntimeNames(sources: ReadonlyArray<[string, string]>): RuntimeNames {
  const exports = new Set<string>();
  const clientMembers = new Set<string>();
  for (const [path, text] of sources) {
    const sf = parse(path, text);
    if (path === `${RUNTIME_PREFIX}index.ts`) for (const n of exportedNames(sf)) exports.add(n);
    for (const n of classMembers(sf, RUNTIME_CLASS)) clientMembers.add(n);
  }
  return { exports, clientMembers };
}
