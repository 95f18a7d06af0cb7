/**
 * `src/client.ts` of the generated package: `class Qmp extends QmpClient<QmpCommands,
 * QmpEvents>` with one method per command.
 *
 * - no arguments → `stop(options?)`; only optional arguments → `eject(args?, options?)`;
 *   otherwise `blockResize(args, options?)`;
 * - the result is `Promise<Result>`; a command that returns `{}` gives `Promise<void>`.
 */
import type {
  ClassDeclarationStructure,
  ImportDeclarationStructure,
  MethodDeclarationStructure,
  OptionalKind,
} from 'ts-morph';
import { StructureKind } from './ts-morph.js';
import type { Model } from '../../model/types.js';
import { namesIn, type TypeContext, typeText } from './declarations.js';
import { commandDocs, jsdoc } from './docs.js';
import { CLIENT_CLASS, COMMAND_MAP, type CommandPlan, EVENT_MAP } from '../../layout/typescript.js';
import { E, identifier, printNode } from './print.js';

/** Arguments may be left out when no member is required (an open object with none listed included). */
export function argumentsOptional(plan: CommandPlan): boolean {
  return plan.command.arguments.members.every((m) => m.optional);
}

function method(plan: CommandPlan, ctx: TypeContext): OptionalKind<MethodDeclarationStructure> {
  const returns = plan.command.returns;
  const result = returns ? typeText(returns, ctx) : 'void';
  const parameters = [
    ...(plan.args ? [{ name: 'args', type: plan.args.name, hasQuestionToken: argumentsOptional(plan) }] : []),
    { name: 'options', type: 'ExecuteOptions', hasQuestionToken: true },
  ];
  const call = E.return(
    E.call(E.access(E.this(), 'execute'), [
      E.string(plan.command.name),
      identifier(plan.args ? 'args' : 'undefined'),
      identifier('options'),
    ]),
  );
  const docs = commandDocs(plan.command, plan.method, plan.args?.name, ctx.removed.partsOf('command', plan.command.name));
  return {
    name: plan.method,
    parameters,
    returnType: `Promise<${result}>`,
    statements: [printNode(call)],
    ...(docs.length ? { docs } : {}),
  };
}

function sourceList(model: Model): string {
  return model.sources.map((s) => s.path.split(/[\\/]/).pop() ?? s.path).join(', ');
}

export function clientStatements(
  model: Model,
  ctx: TypeContext,
): Array<ImportDeclarationStructure | ClassDeclarationStructure> {
  const methods = ctx.plan.commands.map((c) => method(c, ctx));
  const used = new Set<string>([COMMAND_MAP, EVENT_MAP]);
  for (const c of ctx.plan.commands) {
    if (c.args) used.add(c.args.name);
    if (c.command.returns) for (const n of namesIn(c.command.returns, ctx)) used.add(n);
  }
  const typeImports = [...used].sort();
  const counts = `${ctx.plan.commands.length} command${ctx.plan.commands.length === 1 ? '' : 's'} and ${
    ctx.plan.events.length
  } event${ctx.plan.events.length === 1 ? '' : 's'}`;
  return [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: './runtime/index.js',
      namedImports: [{ name: 'QmpClient' }, { name: 'ExecuteOptions', isTypeOnly: true }],
    },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: './types.js',
      isTypeOnly: true,
      namedImports: typeImports.map((name) => ({ name })),
    },
    {
      kind: StructureKind.Class,
      name: CLIENT_CLASS,
      isExported: true,
      extends: `QmpClient<${COMMAND_MAP}, ${EVENT_MAP}>`,
      docs: jsdoc(
        `A QMP client with a typed method for each of the ${counts} documented in ${sourceList(model) || 'the input'}.\n\n` +
          'Each method sends one command and resolves with its `return` value; an error reply\n' +
          'rejects with `QmpError`. Events are typed too: `qmp.on(name, listener)`, `qmp.waitFor(name)`.',
        [
          {
            tagName: 'example',
            text:
              '\n```ts\n' +
              `const qmp = await ${CLIENT_CLASS}.connect({ path: '/run/qemu/vm.qmp' });\n` +
              `console.log(qmp.greeting.QMP.version.qemu);\n` +
              'await qmp.close();\n```',
          },
        ],
      ),
      methods,
    },
  ];
}

