/**
 * `src/names.ts` of the generated package: what it knows, as values (the types say the same
 * at compile time): `COMMANDS`, `EVENTS`, `COMMAND_ARGUMENTS` (member names, for completion
 * in the shell) and `GENERATED_FROM` / `QEMU_VERSION` (what it was generated from). And
 * `src/shell.ts`, the `qmp-client-shell` bin over the runtime's shell.
 *
 * Values are printed by print.ts (valueExpression), which escapes them as the TypeScript printer does.
 */
import type { StatementStructures } from 'ts-morph';
import { StructureKind, VariableDeclarationKind } from './ts-morph.js';
import type { Model } from '../../model/types.js';
import { CLIENT_CLASS, COMMAND_MAP, EVENT_MAP } from '../../layout/typescript.js';
import { printNode, valueExpression } from './print.js';
import { removedIndex } from '../../model/removed.js';

/** The bin the generated package declares (templates/package/package.json). */
export const SHELL_BIN = 'qmp-client-shell';

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function constant(name: string, type: string, value: unknown, docs: string): StatementStructures {
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [docs],
    declarations: [{ name, type, initializer: `Object.freeze(${printNode(valueExpression(value, true))})` }],
  };
}

/** Statements of `src/names.ts` (after the provenance header). */
export function namesStatements(model: Model, generatorVersion: string): StatementStructures[] {
  const args: Record<string, string[]> = {};
  for (const c of model.commands) {
    if (c.arguments.members.length > 0) args[c.name] = c.arguments.members.map((m) => m.name);
  }
  const generatedFrom = {
    generator: `qmp-codegen ${generatorVersion}`,
    ...(model.release?.qemuVersion !== undefined ? { qemuVersion: model.release.qemuVersion } : {}),
    ...(model.release?.target !== undefined ? { target: model.release.target } : {}),
    sources: model.sources.map((s) => ({ file: fileName(s.path), role: s.role, format: s.format, sha256: s.sha256 })),
  };
  return [
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: './types.js',
      namedImports: [COMMAND_MAP, EVENT_MAP],
    },
    {
      kind: StructureKind.Interface,
      name: 'QmpGeneratedFrom',
      isExported: true,
      docs: ['What this package was generated from.'],
      properties: [
        { name: 'generator', type: 'string', isReadonly: true, docs: ['The generator and its version.'] },
        { name: 'qemuVersion', type: 'string', hasQuestionToken: true, isReadonly: true, docs: ['The QEMU version, when the inputs said it.'] },
        { name: 'target', type: 'string', hasQuestionToken: true, isReadonly: true, docs: ['The QEMU target, when the model was narrowed to one.'] },
        {
          name: 'sources',
          type: 'ReadonlyArray<{ readonly file: string; readonly role: string; readonly format: string; readonly sha256: string }>',
          isReadonly: true,
          docs: ['The input files (name, what they are, SHA-256 of their bytes).'],
        },
      ],
    },
    constant(
      'COMMANDS',
      `ReadonlyArray<keyof ${COMMAND_MAP}>`,
      model.commands.map((c) => c.name),
      'The QMP names of the commands this package knows, sorted.',
    ),
    constant(
      'EVENTS',
      `ReadonlyArray<keyof ${EVENT_MAP}>`,
      model.events.map((e) => e.name),
      'The names of the events this package knows, sorted.',
    ),
    constant(
      'COMMAND_ARGUMENTS',
      'Readonly<Record<string, readonly string[]>>',
      args,
      'The argument member names of each command that takes arguments (wire names).',
    ),
    constant('GENERATED_FROM', 'QmpGeneratedFrom', generatedFrom, 'What this package was generated from.'),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['The QEMU version the inputs describe, when they said it (legacy docs do not).'],
      declarations: [{ name: 'QEMU_VERSION', type: 'string | undefined', initializer: 'GENERATED_FROM.qemuVersion' }],
    },
    ...removedStatements(model),
  ];
}

/**
 * `REMOVED` (history runs only): the commands, events and types older releases had and this one
 * lacks, with the releases that had them. Their members and values are in the items' docs.
 */
function removedStatements(model: Model): StatementStructures[] {
  const releases = model.history?.releases;
  if (!releases) return [];
  const whole = removedIndex(model).whole.map((r) => ({ category: r.category, name: r.name, since: r.since, lastSeen: r.lastSeen, removedIn: r.removedIn }));
  return [
    {
      kind: StructureKind.Interface,
      name: 'QmpRemoved',
      isExported: true,
      docs: ['A command, event or type of older QEMU releases that this package does not have.'],
      properties: [
        { name: 'category', type: "'command' | 'event' | 'type'", isReadonly: true, docs: ['What it was.'] },
        { name: 'name', type: 'string', isReadonly: true, docs: ['Its QMP name.'] },
        { name: 'since', type: 'string', isReadonly: true, docs: ['The first release that had it.'] },
        { name: 'lastSeen', type: 'string', isReadonly: true, docs: ['The last release that had it.'] },
        { name: 'removedIn', type: 'string', isReadonly: true, docs: ['The first release after it without it.'] },
      ],
    },
    constant(
      'REMOVED',
      'ReadonlyArray<QmpRemoved>',
      whole,
      `What QEMU ${releases[0] ?? ''} to ${releases[releases.length - 1] ?? ''} had and this package does not, by category and name.`,
    ),
  ];
}

/** Statements of `src/shell.ts` after the shebang and header. */
export function shellStatements(): Array<StatementStructures | string> {
  return [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/shell.js', namedImports: ['runShell'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './client.js', namedImports: [CLIENT_CLASS] },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: './names.js',
      namedImports: ['COMMAND_ARGUMENTS', 'COMMANDS', 'EVENTS', 'GENERATED_FROM'],
    },
    `process.exitCode = await runShell({
  name: ${printNode(valueExpression(SHELL_BIN, false))},
  connect: (options) => ${CLIENT_CLASS}.connect(options),
  commands: COMMANDS,
  events: EVENTS,
  commandArguments: COMMAND_ARGUMENTS,
  generatedFrom: GENERATED_FROM,
  argv: process.argv.slice(2),
});`,
  ];
}
