/**
 * The docs' examples, checked against the generated JSON Schemas.
 *
 * Every example message the parser could read is matched to the schema it should satisfy:
 * - a request (`-> {"execute": ...}`) → that command's request schema;
 * - a success reply → the response schema of the command executed by the closest request
 *   before it in the same example (or, with no request before it, of the command the
 *   example documents);
 * - an error reply → the error reply schema; a greeting → the greeting schema;
 * - an event (`<- {"event": ...}`) → that event's schema.
 * A request or event naming something the docs do not define is a failure (the example
 * and the reference disagree), except events when no events document was read at all.
 *
 * Skipped, and counted as such: messages that could not be read (`value` absent, the parser
 * has reported them), messages of unknown role, and elided messages (`...`, `{...more...}`):
 * they are not complete messages, so a failure would say nothing about the schema; they still
 * count as the request a later reply answers.
 *
 * ajv runs in strict mode (2020-12 dialect) with allErrors; each schema is compiled at most
 * once per `ExampleValidators`, on first use.
 */
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { Reporter } from '../diagnostics/reporter.js';
import type { ExampleMessage, Model } from '../model/types.js';
import { interpretable, interpreter, type SchemaError, type Validator } from './interpret.js';

export type Target =
  | { kind: 'request'; name: string }
  | { kind: 'response'; name: string }
  | { kind: 'event'; name: string }
  | { kind: 'error' }
  | { kind: 'greeting' };

/** Where the schema for a target is: a schema object (with `$id`), or a pointer into one. */
export interface SchemaRef {
  schema: object;
  /** A fragment (`#/$defs/...`) inside `schema`, when the target is a part of it. */
  fragment?: string;
  /** How to name the schema in messages (`schema/commands/x.request.json`). */
  label: string;
}

export interface SchemaCatalogue {
  /** The schema for `target`, or undefined when the model defines no such command/event. */
  find(target: Target): SchemaRef | undefined;
  /** False when the model has no events at all (no events document was read). */
  readonly hasEvents: boolean;
}

/**
 * ajv as the validate stage runs it: strict, 2020-12, all errors. Compilation was most of the
 * stage's time (hundreds of small schemas per run), so the generated code is neither
 * optimised (ajv's dead-code and name passes cost more than they save on code run a few
 * times) nor has `$ref`s inlined. Neither changes what is valid or the errors reported
 * (test/corpus/validate-options.test.ts compares every corpus example's outcome with ajv's
 * defaults).
 */
export function newAjv(): Ajv2020 {
  const { Ajv2020: Ajv } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  return new Ajv({ strict: true, allErrors: true, inlineRefs: false, code: { optimize: false } });
}

/**
 * One validator per schema object / fragment, made on first use: the interpreter
 * (./interpret.ts) for schemas in the emitter's vocabulary, which is every schema it writes,
 * and ajv (loaded only then) for anything else. With an `ajv` given, ajv for everything: tests
 * compare the two (test/corpus/validate-options.test.ts).
 */
export class ExampleValidators {
  #ajv: Ajv2020 | undefined;
  readonly #onlyAjv: boolean;
  readonly #added = new Set<object>();
  readonly #compiled = new Map<object, Map<string, Validator>>();
  readonly #interpretable = new Map<object, boolean>();
  /** interpretable's answers for subschemas, shared by the documents (their $defs entries are) */
  readonly #subschemas = new WeakMap<object, boolean>();
  readonly #explainers = new Map<object, Map<string, Validator>>();

  constructor(
    readonly catalogue: SchemaCatalogue,
    ajv?: Ajv2020,
  ) {
    this.#ajv = ajv;
    this.#onlyAjv = ajv !== undefined;
  }

  get(target: Target): { validate: Validator; label: string } | undefined {
    const ref = this.catalogue.find(target);
    if (!ref) return undefined;
    let byFragment = this.#compiled.get(ref.schema);
    if (!byFragment) this.#compiled.set(ref.schema, (byFragment = new Map()));
    const key = ref.fragment ?? '';
    let validate = byFragment.get(key);
    if (!validate) {
      let interpret = this.#interpretable.get(ref.schema);
      if (interpret === undefined) this.#interpretable.set(ref.schema, (interpret = !this.#onlyAjv && interpretable(ref.schema, this.#subschemas)));
      const ajv = interpret ? undefined : (this.#ajv ??= newAjv());
      if (!ajv) {
        validate = interpreter(ref.schema, ref.fragment?.slice(ref.fragment.indexOf('#')));
      } else if (ref.fragment === undefined) {
        validate = ajv.compile(ref.schema) as Validator;
      } else {
        const id = (ref.schema as { $id?: unknown }).$id;
        if (typeof id !== 'string') throw new Error(`internal: ${ref.label} has no $id`);
        if (!this.#added.has(ref.schema)) {
          ajv.addSchema(ref.schema);
          this.#added.add(ref.schema);
        }
        const got = ajv.getSchema(`${id}${ref.fragment}`);
        if (!got) throw new Error(`internal: ${ref.label}${ref.fragment} not found`);
        validate = got as Validator;
      }
      byFragment.set(key, validate);
    }
    return { validate, label: ref.label + (ref.fragment ?? '') };
  }

  /**
   * The problems of a value that failed, told variant by variant: a union reports what is
   * wrong for the variant the value's discriminator selects, or that it selects none, instead
   * of every variant's complaints. Undefined when the schema is not interpretable.
   */
  explain(target: Target, value: unknown): string[] | undefined {
    const ref = this.catalogue.find(target);
    if (!ref || !interpretable(ref.schema, this.#subschemas)) return undefined;
    let byFragment = this.#explainers.get(ref.schema);
    if (!byFragment) this.#explainers.set(ref.schema, (byFragment = new Map()));
    const key = ref.fragment ?? '';
    let explain = byFragment.get(key);
    if (!explain) byFragment.set(key, (explain = interpreter(ref.schema, ref.fragment?.slice(ref.fragment.indexOf('#')), { byVariant: true })));
    return explain(value) ? undefined : describeErrors(explain.errors);
  }
}

export type SkipReason = 'unreadable' | 'elided' | 'unknown-role' | 'no-schema';

export interface ExampleOutcome {
  message: ExampleMessage;
  /** The command or event whose documentation holds the example. */
  owner: { kind: 'command' | 'event'; name: string };
  target?: Target;
  /** The message as a phrase (`request for "x"`, `reply to "x"`, `event "X"`). */
  what?: string;
  status: 'passed' | 'failed' | 'skipped';
  skipped?: SkipReason;
  /** For failures: one line per problem, `<JSON pointer>: <what is wrong>`. */
  problems?: string[];
  /**
   * For failures that involve a union (a `oneOf` of variants): the problems told for the
   * variant the message selects (ExampleValidators.explain); what is reported.
   */
  explained?: string[];
  /** For failures: the schema checked against (`schema/commands/x.request.json`), if any. */
  schemaLabel?: string;
}

export interface ExampleStats {
  /** Example messages seen. */
  messages: number;
  /** Messages validated (or found to name an undefined command/event). */
  checked: number;
  passed: number;
  failed: number;
  skipped: Record<SkipReason, number>;
}

const MAX_SHOWN = 6;

function quote(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** One ajv error as `<pointer>: <problem>`, worded for a docs author. */
export function describeError(e: SchemaError): string {
  const at = e.instancePath === '' ? '/' : e.instancePath;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${at}: unknown member ${quote(p.additionalProperty)}`;
    case 'unevaluatedProperties':
      return `${at}: unknown member ${quote(p.unevaluatedProperty)}`;
    case 'required':
      return `${at}: missing required member ${quote(p.missingProperty)}`;
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]) ?? [];
      const shown = allowed.slice(0, MAX_SHOWN).map(quote).join(', ');
      return `${at}: must be one of ${shown}${allowed.length > MAX_SHOWN ? ', ...' : ''}`;
    }
    case 'const':
      return `${at}: must be ${quote(p.allowedValue)}`;
    case 'type':
      return `${at}: must be of type ${String(p.type)}`;
    default:
      return `${at}: ${e.message ?? e.keyword}`;
  }
}

/** ajv errors → problem lines: `if` wrappers dropped (their `then` errors say it), deduplicated. */
export function describeErrors(errors: readonly SchemaError[] | null | undefined): string[] {
  const lines = (errors ?? []).filter((e) => e.keyword !== 'if').map(describeError);
  return [...new Set(lines)];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Check every example message of the model; pure apart from compiling schemas. */
export function checkExamples(model: Model, validators: ExampleValidators): ExampleOutcome[] {
  const out: ExampleOutcome[] = [];
  const owners = [
    ...model.commands.map((c) => ({ owner: { kind: 'command' as const, name: c.name }, examples: c.examples })),
    ...model.events.map((e) => ({ owner: { kind: 'event' as const, name: e.name }, examples: e.examples })),
  ];
  for (const { owner, examples } of owners) {
    for (const example of examples) {
      let executed: string | undefined;
      for (const message of example.messages) {
        const value = message.value;
        if (message.role === 'request' && isRecord(value) && typeof value.execute === 'string') executed = value.execute;
        const base = { message, owner };
        if (value === undefined) {
          out.push({ ...base, status: 'skipped', skipped: 'unreadable' });
          continue;
        }
        if (message.elided) {
          out.push({ ...base, status: 'skipped', skipped: 'elided' });
          continue;
        }
        let target: Target | undefined;
        let what = '';
        switch (message.role) {
          case 'request':
            if (isRecord(value) && typeof value.execute === 'string') {
              target = { kind: 'request', name: value.execute };
              what = `request for ${quote(value.execute)}`;
            }
            break;
          case 'reply': {
            const name = executed ?? (owner.kind === 'command' ? owner.name : undefined);
            if (name !== undefined) {
              target = { kind: 'response', name };
              what = `reply to ${quote(name)}`;
            }
            break;
          }
          case 'event':
            if (isRecord(value) && typeof value.event === 'string') {
              target = { kind: 'event', name: value.event };
              what = `event ${quote(value.event)}`;
            }
            break;
          case 'error':
            target = { kind: 'error' };
            what = 'error reply';
            break;
          case 'greeting':
            target = { kind: 'greeting' };
            what = 'greeting';
            break;
          case 'unknown':
            break;
        }
        if (!target) {
          out.push({ ...base, status: 'skipped', skipped: message.role === 'unknown' ? 'unknown-role' : 'no-schema' });
          continue;
        }
        if (target.kind === 'event' && !validators.catalogue.hasEvents) {
          out.push({ ...base, target, status: 'skipped', skipped: 'no-schema' });
          continue;
        }
        const v = validators.get(target);
        if (!v) {
          if (target.kind === 'response') {
            // the request before it already failed for naming an undefined command
            out.push({ ...base, target, status: 'skipped', skipped: 'no-schema' });
          } else {
            const defined = target.kind === 'event' ? 'event' : 'command';
            out.push({
              ...base,
              target,
              what,
              status: 'failed',
              problems: [`the documentation defines no such ${defined}`],
            });
          }
          continue;
        }
        if (v.validate(value)) {
          out.push({ ...base, target, what, status: 'passed' });
        } else {
          const problems = describeErrors(v.validate.errors);
          const explained = v.validate.errors?.some((e) => e.keyword === 'oneOf') ? validators.explain(target, value) : undefined;
          out.push({ ...base, target, what, status: 'failed', problems, ...(explained ? { explained } : {}), schemaLabel: v.label });
        }
      }
    }
  }
  return out;
}

/** Tally outcomes. */
export function exampleStats(outcomes: readonly ExampleOutcome[]): ExampleStats {
  const stats: ExampleStats = {
    messages: outcomes.length,
    checked: 0,
    passed: 0,
    failed: 0,
    skipped: { unreadable: 0, elided: 0, 'unknown-role': 0, 'no-schema': 0 },
  };
  for (const o of outcomes) {
    if (o.status === 'skipped') stats.skipped[o.skipped!]++;
    else {
      stats.checked++;
      if (o.status === 'passed') stats.passed++;
      else stats.failed++;
    }
  }
  return stats;
}

/** Report each failed outcome as an `example-invalid` warning at the message's position. */
export function reportOutcomes(outcomes: readonly ExampleOutcome[], reporter: Reporter): void {
  for (const o of outcomes) {
    if (o.status !== 'failed') continue;
    const problems = o.explained ?? o.problems ?? [];
    const shown = problems.slice(0, MAX_SHOWN);
    const more = problems.length > MAX_SHOWN ? ` (and ${problems.length - MAX_SHOWN} more)` : '';
    const against = o.schemaLabel ? ` does not match ${o.schemaLabel}` : ' is not checked';
    reporter.report(
      'example-invalid',
      `Example ${o.what ?? 'message'}${against}: ${shown.join('; ')}${more}; it is left out of the schema's examples`,
      o.message.position,
    );
  }
}
