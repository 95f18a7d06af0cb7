/**
 * `src/types.ts` of the generated package: one declaration per command's arguments and
 * result, per event's data, per named model type and per nested object, plus the two maps
 * the runtime client is typed by (`QmpCommands`, `QmpEvents`). Built as ts-morph structures.
 */
import type {
  InterfaceDeclarationStructure,
  OptionalKind,
  PropertySignatureStructure,
  TypeAliasDeclarationStructure,
} from 'ts-morph';
import { StructureKind } from './ts-morph.js';
import type { Reporter } from '../../diagnostics/reporter.js';
import { inheritedMember } from '../../model/names.js';
import type { Member, NamedType, ObjectType, TypeRef } from '../../model/types.js';
import { type Docs, eventDocs, jsdoc, memberDocs, withRemoved } from './docs.js';
import type { RemovedIndex } from '../../model/removed.js';
import { CLIENT_CLASS, COMMAND_MAP, type Decl, EVENT_MAP, type ObjectDecl, type Plan } from '../../layout/typescript.js';
import { printType, propertyName, stringLiteral, T, type TypeNode } from './print.js';

export type Statement = InterfaceDeclarationStructure | TypeAliasDeclarationStructure | string;

export interface TypeContext {
  plan: Plan;
  reporter: Reporter;
  /** What older releases had (history runs), for "removed in" notes; empty otherwise. */
  removed: RemovedIndex;
}

/** The TypeScript type of a model type. */
export function typeNode(type: TypeRef, ctx: TypeContext): TypeNode {
  switch (type.kind) {
    case 'string':
      return T.string();
    case 'int':
    case 'number':
      return T.number();
    case 'bool':
      return T.boolean();
    case 'null':
      return T.null();
    case 'any':
      return T.unknown();
    case 'enum':
      return type.values.length > 0 ? T.union(type.values.map((v) => T.literal(v.name))) : T.string();
    case 'array':
      return T.array(typeNode(type.items, ctx));
    case 'alternate':
      return T.union(type.of.map((t) => typeNode(t, ctx)));
    case 'object': {
      const name = ctx.plan.objectName.get(type);
      if (name) return T.ref(name);
      // unreachable when the plan saw the object; stay correct anyway
      return type.open ? T.ref('Record', [T.string(), T.unknown()]) : T.ref('Record', [T.string(), T.never()]);
    }
    case 'ref': {
      const name = ctx.plan.typeName.get(type.name);
      return name ? T.ref(name) : T.unknown();
    }
  }
}

/** The generated type names a model type refers to. */
export function namesIn(type: TypeRef, ctx: TypeContext): string[] {
  switch (type.kind) {
    case 'array':
      return namesIn(type.items, ctx);
    case 'alternate':
      return type.of.flatMap((t) => namesIn(t, ctx));
    case 'object': {
      const name = ctx.plan.objectName.get(type);
      return name ? [name] : [];
    }
    case 'ref': {
      const name = ctx.plan.typeName.get(type.name);
      return name ? [name] : [];
    }
    default:
      return [];
  }
}

export function typeText(type: TypeRef, ctx: TypeContext): string {
  return printType(typeNode(type, ctx));
}

/** Members as property signatures; a repeated wire name is reported and the first kept. */
function properties(members: readonly Member[], owner: string, ctx: TypeContext): OptionalKind<PropertySignatureStructure>[] {
  const seen = new Set<string>();
  const out: OptionalKind<PropertySignatureStructure>[] = [];
  for (const m of members) {
    if (seen.has(m.name)) {
      ctx.reporter.report(
        'name-collision',
        `member ${JSON.stringify(m.name)} of ${owner} is documented twice; the first is used`,
        m.position,
      );
      continue;
    }
    seen.add(m.name);
    const docs = memberDocs(m);
    // a member named like an Object.prototype member (generator/model/names.ts)
    const inherited = inheritedMember(m.name);
    if (inherited === 'proto') {
      ctx.reporter.report(
        'name-proto-member',
        `member "__proto__" of ${owner}: an object literal \`{ __proto__: value }\` sets the prototype and the member is not sent; write it as a computed key \`{ ['__proto__']: value }\``,
        m.position,
      );
    }
    out.push({
      name: propertyName(m.name),
      type:
        inherited === 'inherited' && m.optional
          ? printType(T.union([typeNode(m.type, ctx), T.indexed(T.ref('Object'), T.literal(m.name))]))
          : typeText(m.type, ctx),
      hasQuestionToken: m.optional,
      ...(docs.length ? { docs } : {}),
    });
  }
  return out;
}

/** JSDoc of the index signature of an open object: what "open" means where it is. */
const OPEN_DOC = {
  input: jsdoc('Members not listed here are accepted too.'),
  output: jsdoc('Members not listed here may be present too.'),
};

function objectDeclaration(
  name: string,
  object: ObjectType,
  docs: Docs,
  ctx: TypeContext,
  direction: keyof typeof OPEN_DOC,
  base?: string,
): Statement {
  if (object.members.length === 0 && !object.open && !base) {
    // `interface X {}` would accept any value; say "an empty object" precisely
    return {
      kind: StructureKind.TypeAlias,
      name,
      isExported: true,
      type: printType(T.ref('Record', [T.string(), T.never()])),
      ...(docs.length ? { docs } : {}),
    };
  }
  return {
    kind: StructureKind.Interface,
    name,
    isExported: true,
    ...(base ? { extends: [base] } : {}),
    ...(docs.length ? { docs } : {}),
    properties: properties(object.members, name, ctx),
    indexSignatures: object.open ? [{ keyName: 'key', keyType: 'string', returnType: 'unknown', docs: OPEN_DOC[direction] }] : [],
  };
}

function objectDeclDocs(decl: ObjectDecl, ctx: TypeContext): Docs {
  const role = decl.role;
  switch (role.kind) {
    case 'args': {
      const method = ctx.plan.commands.find((c) => c.command === role.command)?.method;
      return jsdoc(`Arguments of \`${role.command.name}\`${method ? ` (\`${CLIENT_CLASS}.${method}()\`)` : ''}.`);
    }
    case 'result': {
      const method = ctx.plan.commands.find((c) => c.command === role.command)?.method;
      return jsdoc(`What \`${role.command.name}\` returns${method ? ` (\`${CLIENT_CLASS}.${method}()\`)` : ''}.`);
    }
    case 'event':
      return jsdoc(
        `Data of the \`${role.event.name}\` event${role.event.summary.trim() ? `: ${role.event.summary.trim()}` : '.'}\n\n` +
          `Listen with \`qmp.on(${stringLiteral(role.event.name, true)}, (event) => event.data)\`.`,
      );
    case 'member':
      return jsdoc(role.member.description || `The \`${role.member.name}\` member of \`${role.parent}\`.`);
    case 'variant':
      return jsdoc(`Variant ${role.index} of \`${role.parent}\`.`);
  }
}

function namedDeclaration(type: NamedType, name: string, ctx: TypeContext): Statement {
  const docs = jsdoc(withRemoved(type.description, ctx.removed.partsOf('type', type.name)), [
    type.since ? { tagName: 'since', text: `QEMU ${type.since}` } : undefined,
  ]);
  const baseName = (b: string | undefined) => (b ? ctx.plan.typeName.get(b) : undefined);
  switch (type.kind) {
    case 'struct':
      return objectDeclaration(name, { kind: 'object', members: type.members, open: type.open ?? false }, docs, ctx, 'output', baseName(type.base));
    case 'enum':
      return {
        kind: StructureKind.TypeAlias,
        name,
        isExported: true,
        type: typeText({ kind: 'enum', values: type.values }, ctx),
        ...(docs.length ? { docs } : {}),
      };
    case 'alternate':
      return {
        kind: StructureKind.TypeAlias,
        name,
        isExported: true,
        type: typeText({ kind: 'alternate', of: type.of }, ctx),
        ...(docs.length ? { docs } : {}),
      };
    case 'union': {
      // base & common members & (one branch per discriminator value)
      const base = baseName(type.base);
      const common = type.members.length
        ? [
            T.objectLiteral(
              type.members.map((m) => ({ name: m.name, type: typeNode(m.type, ctx), optional: m.optional })),
            ),
          ]
        : [];
      const branches = type.variants.map((v) =>
        T.intersection([
          ...(type.discriminator ? [T.objectLiteral([{ name: type.discriminator, type: T.literal(v.value) }])] : []),
          typeNode(v.type, ctx),
        ]),
      );
      const parts = [...(base ? [T.ref(base)] : []), ...common, ...(branches.length ? [T.union(branches)] : [])];
      return {
        kind: StructureKind.TypeAlias,
        name,
        isExported: true,
        type: printType(parts.length ? T.intersection(parts) : T.ref('Record', [T.string(), T.unknown()])),
        ...(docs.length ? { docs } : {}),
      };
    }
  }
}

/**
 * A declaration followed by everything nested in it, depth first. `direction`: whether the
 * objects are sent (arguments) or received (results, events, named types).
 */
function declarationTree(decl: Decl, ctx: TypeContext, direction: keyof typeof OPEN_DOC): Statement[] {
  const own =
    decl.kind === 'object'
      ? objectDeclaration(decl.name, decl.object, objectDeclDocs(decl, ctx), ctx, direction)
      : namedDeclaration(decl.type, decl.name, ctx);
  return [own, ...decl.children.flatMap((c) => declarationTree(c, ctx, direction))];
}

/** The type of a command's result as the method returns it. `{}` (no return) → `void`. */
export function resultType(returns: TypeRef | undefined, ctx: TypeContext): string {
  return returns ? typeText(returns, ctx) : 'void';
}

function commandMap(ctx: TypeContext): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    name: COMMAND_MAP,
    isExported: true,
    docs: jsdoc(
      'Every command: wire name → `{ args; returns }`. `args: undefined` means the command takes no\n' +
        'arguments; `returns: void` means it returns an empty object. This map types\n' +
        "`Qmp.execute(name, args)`, e.g. `qmp.execute('query-status')`.",
    ),
    properties: ctx.plan.commands.map((c) => ({
      name: propertyName(c.command.name),
      type: printType(
        T.objectLiteral([
          { name: 'args', type: c.args ? T.ref(c.args.name) : T.undefined() },
          { name: 'returns', type: c.command.returns ? typeNode(c.command.returns, ctx) : T.void() },
        ]),
      ),
      docs: jsdoc(`${c.command.summary.trim()}\n\nMethod: \`${CLIENT_CLASS}.${c.method}()\`.`.trim()),
    })),
  };
}

function eventMap(ctx: TypeContext): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    name: EVENT_MAP,
    isExported: true,
    docs: jsdoc(
      'Every event: name → the type of its `data`. `undefined` means the event carries no data.\n' +
        "This map types `qmp.on(name, listener)`, `qmp.once` and `qmp.waitFor(name)`.",
    ),
    properties: ctx.plan.events.map((e) => ({
      name: propertyName(e.event.name),
      type: e.data ? e.data.name : 'undefined',
      docs: eventDocs(e.event, ctx.removed.partsOf('event', e.event.name)),
    })),
  };
}

/** All statements of `src/types.ts` after the header. */
export function typeStatements(ctx: TypeContext): Statement[] {
  const out: Statement[] = [commandMap(ctx), eventMap(ctx)];
  for (const c of ctx.plan.commands) {
    if (c.args) out.push(...declarationTree(c.args, ctx, 'input'));
    for (const r of c.result) out.push(...declarationTree(r, ctx, 'output'));
  }
  for (const e of ctx.plan.events) if (e.data) out.push(...declarationTree(e.data, ctx, 'output'));
  for (const n of ctx.plan.named) out.push(...declarationTree(n, ctx, 'output'));
  return out;
}

