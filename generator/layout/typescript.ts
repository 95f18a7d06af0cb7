/**
 * Naming plan (part of the shared output layout, generator/layout/): decides, before any
 * code is built, which model items become which declarations and what they are called. The
 * TypeScript emitter declares them; the Markdown emitter links to them.
 *
 * - every command → a client method (camelCase) and, when it has arguments, `<Name>Args`;
 * - a returned object (or array of objects) → `<Name>Result` (for an array, the element);
 * - event data → `<Name>Event`; named model types keep their (Pascal-cased) names;
 * - an object nested in a member → `<Parent><Member>` (`QueryGizmoResultInserted`),
 *   in an array → the same (the element type), in an alternate of several objects →
 *   `<Parent><Member>Variant<n>`.
 *
 * Names are assigned level by level (top-level declarations first, then what is nested in
 * them, ...), so a nested name is always derived from its parent's final name and never
 * takes a name away from a top-level declaration. Collisions and adjustments are reported.
 */
import type { Reporter } from '../diagnostics/reporter.js';
import {
  assignNames,
  CLIENT_MEMBERS,
  JS_RESERVED,
  type NameRequest,
  OBJECT_MEMBERS,
  TS_RESERVED,
  TYPE_RESERVED,
} from '../model/names.js';
import type {
  Command,
  Event,
  Member,
  Model,
  NamedType,
  ObjectType,
  SourcePosition,
  TypeRef,
} from '../model/types.js';

/** Names the generated code declares itself. */
export const CLIENT_CLASS = 'Qmp';
export const COMMAND_MAP = 'QmpCommands';
export const EVENT_MAP = 'QmpEvents';
/** What src/names.ts declares (emit/typescript/names.ts); no generated type may take these. */
export const NAMES_EXPORTS = ['COMMANDS', 'EVENTS', 'COMMAND_ARGUMENTS', 'GENERATED_FROM', 'QEMU_VERSION', 'QmpGeneratedFrom'] as const;

export type DeclRole =
  | { kind: 'args'; command: Command }
  | { kind: 'result'; command: Command }
  | { kind: 'event'; event: Event }
  | { kind: 'member'; member: Member; parent: string }
  | { kind: 'variant'; parent: string; index: number };

export interface ObjectDecl {
  kind: 'object';
  object: ObjectType;
  name: string;
  role: DeclRole;
  children: Decl[];
}

export interface NamedDecl {
  kind: 'named';
  type: NamedType;
  name: string;
  children: Decl[];
}

export type Decl = ObjectDecl | NamedDecl;

export interface CommandPlan {
  command: Command;
  method: string;
  /** Absent when the command takes no arguments. */
  args?: ObjectDecl;
  /** Declarations for the objects in the return value. */
  result: Decl[];
}

export interface EventPlan {
  event: Event;
  data?: ObjectDecl;
}

export interface Plan {
  commands: CommandPlan[];
  events: EventPlan[];
  named: NamedDecl[];
  /** The interface name of every object that got one. */
  objectName: Map<ObjectType, string>;
  /** Model type name → TypeScript name. */
  typeName: Map<string, string>;
}

export interface RuntimeNames {
  /** Names the runtime exports (the package index re-exports them beside the generated ones). */
  exports: ReadonlySet<string>;
  /** Members of the runtime client class. */
  clientMembers: ReadonlySet<string>;
}

/** Whether a command's method takes an arguments object. */
export function hasArguments(command: Command): boolean {
  return command.arguments.members.length > 0 || command.arguments.open;
}

interface Pending {
  request: NameRequest;
  /** The object declared, when it is one (used to declare an object reached twice once). */
  object?: ObjectType;
  make: (name: string) => Decl;
}

/** First occurrence wins; later duplicates of a wire name are reported and dropped. */
function unique<T extends { name: string; position?: SourcePosition | undefined }>(
  items: readonly T[],
  what: string,
  reporter: Reports,
): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    const first = seen.get(item.name);
    if (first) {
      reporter.report(
        'name-collision',
        `${what} ${JSON.stringify(item.name)} is documented twice${first.position ? ` (first at line ${first.position.line})` : ''}; the first is used`,
        item.position,
      );
    } else {
      seen.set(item.name, item);
    }
  }
  return [...seen.values()];
}

/** Objects reachable from `type` without entering another object, with the name parts for each. */
function objectsIn(type: TypeRef, parts: readonly string[]): Array<{ object: ObjectType; parts: string[]; variant?: number }> {
  switch (type.kind) {
    case 'object':
      return [{ object: type, parts: [...parts] }];
    case 'array':
      return objectsIn(type.items, parts);
    case 'alternate': {
      const withObjects = type.of.filter((t) => objectsIn(t, parts).length > 0);
      if (withObjects.length <= 1) return type.of.flatMap((t) => objectsIn(t, parts));
      return withObjects.flatMap((t, i) =>
        objectsIn(t, [...parts, `Variant${i + 1}`]).map((o) => ({ ...o, variant: o.variant ?? i + 1 })),
      );
    }
    default:
      return [];
  }
}

function label(role: DeclRole): string {
  switch (role.kind) {
    case 'args':
      return `arguments of command ${JSON.stringify(role.command.name)}`;
    case 'result':
      return `return value of command ${JSON.stringify(role.command.name)}`;
    case 'event':
      return `data of event ${JSON.stringify(role.event.name)}`;
    case 'member':
      return `member ${JSON.stringify(role.member.name)} of ${role.parent}`;
    case 'variant':
      return `variant ${role.index} of ${role.parent}`;
  }
}

function positionOf(role: DeclRole): SourcePosition | undefined {
  switch (role.kind) {
    case 'args':
    case 'result':
      return role.command.position;
    case 'event':
      return role.event.position;
    case 'member':
      return role.member.position;
    case 'variant':
      return undefined;
  }
}

function objectRequest(object: ObjectType, parts: string[], role: DeclRole, key: string): Pending {
  const position = positionOf(role);
  const request: NameRequest = { key, parts, label: label(role) };
  if (position) request.position = position;
  return {
    request,
    object,
    make: (name) => ({ kind: 'object', object, name, role, children: [] }),
  };
}

/** Members of a declaration, where nested objects live. */
function membersOf(decl: Decl): Member[] {
  if (decl.kind === 'object') return decl.object.members;
  const t = decl.type;
  return t.kind === 'struct' || t.kind === 'union' ? t.members : [];
}

/** Nested types of a declaration that are not members (union variants, alternates). */
function otherTypesOf(decl: Decl): Array<{ type: TypeRef; part: string }> {
  if (decl.kind === 'object') return [];
  const t = decl.type;
  if (t.kind === 'union') return t.variants.map((v) => ({ type: v.type, part: v.value }));
  if (t.kind === 'alternate') return t.of.map((type, i) => ({ type, part: `Variant${i + 1}` }));
  return [];
}

type Report = Parameters<Reporter['report']>;
/** What `plan` reads of the reporter: `report`. */
type Reports = Pick<Reporter, 'report'>;

/**
 * The last plan made of each model, with what it reported. A run asks twice for the same
 * plan (the TypeScript emitter, and the Markdown emitter for its links): the second time the
 * plan is given again and its reports are made again, to the reporter of that call, in their
 * order, as making it again would make them. Keyed by the model (which is not changed once
 * built: the emitters only read it), its lists and the runtime names, so another model, or
 * the same one with a list replaced or grown, is planned afresh.
 */
const plans = new WeakMap<Model, { runtime: RuntimeNames; lists: readonly unknown[]; plan: Plan; reports: readonly Report[] }>();

const listsOf = (model: Model): readonly unknown[] => [model.commands, model.commands.length, model.events, model.events.length, model.types, model.types.length];

function sameRuntime(a: RuntimeNames, b: RuntimeNames): boolean {
  const same = (x: ReadonlySet<string>, y: ReadonlySet<string>) => x === y || (x.size === y.size && [...x].every((n) => y.has(n)));
  return same(a.exports, b.exports) && same(a.clientMembers, b.clientMembers);
}

/**
 * The names of everything the package declares (see the top of this file). Its reports
 * (collisions, adjusted names) go to `reporter`. The plan is shared by the callers of one
 * model: do not change it.
 */
export function planNames(model: Model, reporter: Reporter, runtime: RuntimeNames): Plan {
  const lists = listsOf(model);
  const hit = plans.get(model);
  if (hit && sameRuntime(hit.runtime, runtime) && hit.lists.every((x, i) => x === lists[i])) {
    for (const r of hit.reports) reporter.report(...r);
    return hit.plan;
  }
  const reports: Report[] = [];
  const plan = makePlan(model, {
    report: (...r: Report) => {
      reports.push(r);
      return reporter.report(...r);
    },
  }, runtime);
  plans.set(model, { runtime, lists, plan, reports });
  return plan;
}

function makePlan(model: Model, reporter: Reports, runtime: RuntimeNames): Plan {
  const commands = unique(model.commands, 'command', reporter);
  const events = unique(model.events, 'event', reporter);
  const named = unique(model.types, 'type', reporter);

  const report = (results: ReturnType<typeof assignNames>) => {
    for (const r of results) for (const issue of r.issues) reporter.report(issue.ruleId, issue.reason, r.position);
  };

  // ---- methods
  const methodResults = assignNames(
    commands.map((c) => {
      const request: NameRequest = { key: c.name, parts: [c.name], label: `command ${JSON.stringify(c.name)}`, position: c.position };
      return request;
    }),
    {
      case: 'camel',
      reserved: new Set([...JS_RESERVED, ...TS_RESERVED, ...OBJECT_MEMBERS, ...CLIENT_MEMBERS, ...runtime.clientMembers]),
      fallback: 'unnamedCommand',
    },
  );
  report(methodResults);

  // ---- types, level by level
  const typeReserved = new Set([...JS_RESERVED, ...TS_RESERVED, ...TYPE_RESERVED]);
  const taken = new Set<string>([CLIENT_CLASS, COMMAND_MAP, EVENT_MAP, ...NAMES_EXPORTS, ...runtime.exports]);
  const objectName = new Map<ObjectType, string>();
  const typeName = new Map<string, string>();

  const commandPlans: CommandPlan[] = commands.map((command, i) => ({ command, method: methodResults[i]!.name, result: [] }));
  const eventPlans: EventPlan[] = events.map((event) => ({ event }));
  const namedDecls: NamedDecl[] = [];

  /** Assign one level; returns the declarations made, in request order. */
  const assignLevel = (pending: Pending[]): Decl[] => {
    const results = assignNames(
      pending.map((p) => p.request),
      { case: 'pascal', reserved: typeReserved, taken, fallback: 'Unnamed' },
    );
    report(results);
    return pending.map((p, i) => {
      const name = results[i]!.name;
      taken.add(name);
      const decl = p.make(name);
      if (decl.kind === 'object') objectName.set(decl.object, name);
      return decl;
    });
  };

  // level 0: named types first (their names are the ones users know), then commands, events
  const level0: Array<{ pending: Pending; attach: (d: Decl) => void }> = [];
  for (const t of named) {
    const request: NameRequest = { key: `type:${t.name}`, parts: [t.name], label: `type ${JSON.stringify(t.name)}` };
    if (t.position) request.position = t.position;
    level0.push({
      pending: { request, make: (name) => ({ kind: 'named', type: t, name, children: [] }) },
      attach: (d) => {
        namedDecls.push(d as NamedDecl);
        typeName.set(t.name, d.name);
      },
    });
  }
  for (const plan of commandPlans) {
    const c = plan.command;
    if (hasArguments(c)) {
      level0.push({
        pending: objectRequest(c.arguments, [c.name, 'Args'], { kind: 'args', command: c }, `command:${c.name}:args`),
        attach: (d) => {
          plan.args = d as ObjectDecl;
        },
      });
    }
    if (c.returns) {
      for (const o of objectsIn(c.returns, [c.name, 'Result'])) {
        level0.push({
          pending: objectRequest(o.object, o.parts, { kind: 'result', command: c }, `command:${c.name}:result`),
          attach: (d) => plan.result.push(d),
        });
      }
    }
  }
  for (const plan of eventPlans) {
    const e = plan.event;
    if (e.data) {
      level0.push({
        pending: objectRequest(e.data, [e.name, 'Event'], { kind: 'event', event: e }, `event:${e.name}`),
        attach: (d) => {
          plan.data = d as ObjectDecl;
        },
      });
    }
  }
  const made = assignLevel(level0.map((l) => l.pending));
  made.forEach((d, i) => level0[i]!.attach(d));

  // deeper levels
  let frontier: Decl[] = made;
  while (frontier.length > 0) {
    const next: Array<{ pending: Pending; parent: Decl }> = [];
    for (const parent of frontier) {
      for (const member of membersOf(parent)) {
        for (const o of objectsIn(member.type, [parent.name, member.name])) {
          if (objectName.has(o.object)) continue; // shared by reference: already declared
          const role: DeclRole =
            o.variant === undefined
              ? { kind: 'member', member, parent: parent.name }
              : { kind: 'variant', parent: `${parent.name}.${member.name}`, index: o.variant };
          const p = objectRequest(o.object, o.parts, role, `${parent.name}.${member.name}`);
          if (role.kind === 'variant') p.request.position = member.position;
          next.push({ pending: p, parent });
        }
      }
      for (const other of otherTypesOf(parent)) {
        for (const o of objectsIn(other.type, [parent.name, other.part])) {
          if (objectName.has(o.object)) continue;
          const role: DeclRole = { kind: 'variant', parent: parent.name, index: o.variant ?? 1 };
          next.push({ pending: objectRequest(o.object, o.parts, role, `${parent.name}.${other.part}`), parent });
        }
      }
    }
    // an object reachable twice within the same level is declared once
    const seen = new Set<ObjectType>();
    const fresh = next.filter((n) => {
      const o = n.pending.object!;
      if (seen.has(o)) return false;
      seen.add(o);
      return true;
    });
    const decls = assignLevel(fresh.map((n) => n.pending));
    decls.forEach((d, i) => fresh[i]!.parent.children.push(d));
    frontier = decls;
  }

  return { commands: commandPlans, events: eventPlans, named: namedDecls, objectName, typeName };
}
