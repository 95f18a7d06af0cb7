/**
 * A JSON Schema (2020-12) interpreter for exactly the vocabulary the schema emitter writes,
 * for the validate stage: the docs' examples are a few thousand small messages checked once,
 * and compiling hundreds of schemas to code (ajv) cost more than the whole rest of a
 * `--emit schema` run. Interpreting them costs nothing up front.
 *
 * It answers as ajv does in the mode the stage used (strict, all errors), error for error and
 * in ajv's order: the type check first when ajv makes it first, then the keywords that apply to
 * any value ($ref, const, enum, anyOf, oneOf, allOf, if/then), then numbers (maximum,
 * minimum), arrays (items) and objects (required, additionalProperties, properties,
 * unevaluatedProperties). `unevaluatedProperties` sees the members evaluated by the
 * subschemas that passed, as the specification says.
 *
 * Anything outside that vocabulary (a keyword it does not know, a `$ref` that is not a local
 * JSON pointer) makes `interpretable` false, and the stage uses ajv for that schema instead:
 * the interpreter never guesses. test/corpus/validate-options.test.ts checks that every
 * example of the corpus gets the same status and the same problem lines as with ajv.
 */

/** The fields of ajv's ErrorObject that the stage reads. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Like ajv's ValidateFunction: call it, then read `errors` (null when valid). */
export interface Validator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

type Schema = boolean | Record<string, unknown>;

/** Keywords that only annotate: no effect on validity. */
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);
/** Keywords the interpreter evaluates, or descends into (`$defs`, for `$ref`s). */
const KEYWORDS = new Set([
  '$defs',
  'type',
  '$ref',
  'const',
  'enum',
  'anyOf',
  'oneOf',
  'allOf',
  'if',
  'then',
  'maximum',
  'minimum',
  'items',
  'required',
  'additionalProperties',
  'properties',
  'unevaluatedProperties',
]);
/** The subschema-valued keywords, and how their values hold schemas. */
const SUBSCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf']);
const SUBSCHEMA_MAPS = new Set(['properties', '$defs']);
const SUBSCHEMA_ONE = new Set(['if', 'then', 'items', 'additionalProperties', 'unevaluatedProperties']);
const JSON_TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

/** ajv's keyword groups by JSON type, each in ajv's order (the other keywords apply to any value). */
const GROUP_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  number: ['maximum', 'minimum'],
  string: [],
  array: ['items'],
  object: ['required', 'additionalProperties', 'properties', 'unevaluatedProperties'],
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isJsonType = (t: unknown): boolean => typeof t === 'string' && JSON_TYPES.has(t);

/** Whether `s` has a keyword of ajv's keyword group `group` (`GROUP_KEYWORDS`). */
function groupUsed(s: Record<string, unknown>, group: string): boolean {
  const keywords = GROUP_KEYWORDS[group];
  if (keywords === undefined) return false;
  for (let i = 0; i < keywords.length; i++) if (keywords[i]! in s) return true;
  return false;
}

/**
 * Whether every schema reachable from `root` uses only the vocabulary above. `known`: the
 * answers already found for subschemas, by object (the schema emitter hands the same `$defs`
 * entry to every document that needs it), for schemas that do not change meanwhile (JSON
 * data: no cycles, so an answer never depends on the walk that found it).
 */
export function interpretable(root: unknown, known?: WeakMap<object, boolean>): boolean {
  const seen = new Set<unknown>();
  const ok = (s: unknown): boolean => {
    if (typeof s === 'boolean') return true;
    if (!isObject(s)) return false;
    if (seen.has(s)) return true;
    const cached = known?.get(s);
    if (cached !== undefined) return cached;
    seen.add(s);
    const answer = keywordsOk(s);
    known?.set(s, answer);
    return answer;
  };
  // indexed loops, here and in Run.check: run once per process, this code is not optimised, and
  // a for-of loop or a callback allocates (an iterator result per step, a closure per call)
  const keywordsOk = (s: Record<string, unknown>): boolean => {
    const keys = Object.keys(s);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (ANNOTATIONS.has(k)) continue;
      if (!KEYWORDS.has(k)) return false;
      const v = s[k];
      if (k === 'type') {
        if (Array.isArray(v)) {
          if (v.length === 0) return false;
          for (let j = 0; j < v.length; j++) if (!isJsonType(v[j])) return false;
        } else if (!isJsonType(v)) return false;
      } else if (k === '$ref') {
        if (typeof v !== 'string' || !(v === '#' || v.startsWith('#/'))) return false;
      } else if (k === 'enum' || k === 'required') {
        if (!Array.isArray(v) || (k === 'required' && !v.every((x) => typeof x === 'string'))) return false;
      } else if (k === 'maximum' || k === 'minimum') {
        if (typeof v !== 'number') return false;
      } else if (SUBSCHEMA_LISTS.has(k)) {
        if (!Array.isArray(v) || v.length === 0) return false;
        for (let j = 0; j < v.length; j++) if (!ok(v[j])) return false;
      } else if (SUBSCHEMA_MAPS.has(k)) {
        if (!isObject(v)) return false;
        const names = Object.keys(v);
        for (let j = 0; j < names.length; j++) if (!ok(v[names[j]!])) return false;
      } else if (SUBSCHEMA_ONE.has(k)) {
        if (!ok(v)) return false;
      }
    }
    if ('then' in s && !('if' in s)) return false;
    return true;
  };
  return ok(root);
}

/** A JSON pointer segment, escaped (`~0`, `~1`). */
function segment(key: string | number): string {
  return `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function unescapeSegment(s: string): string {
  return decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Deep equality of JSON values, as ajv's (fast-deep-equal). */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]));
  }
  return a !== a && b !== b; // NaN
}

function hasType(data: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(data);
    case 'array':
      return Array.isArray(data);
    case 'string':
      return typeof data === 'string';
    case 'number':
      return typeof data === 'number' && Number.isFinite(data);
    case 'integer':
      return typeof data === 'number' && Number.isFinite(data) && data % 1 === 0;
    case 'boolean':
      return typeof data === 'boolean';
    case 'null':
      return data === null;
    default:
      return false;
  }
}

/** The members a passing schema evaluated: a set of names, or `true` for all of them. */
type Evaluated = Set<string> | true;

function merge(into: Evaluated, from: Evaluated): Evaluated {
  if (into === true || from === true) return true;
  for (const k of from) into.add(k);
  return into;
}

/**
 * The member that tells a `oneOf`'s branches apart, when every branch fixes it with a `const`
 * (the schema of a QAPI union: each variant pins the discriminator), else undefined.
 */
function discriminatorOf(branches: readonly Schema[]): string | undefined {
  const pinned = (b: Schema): string[] =>
    isObject(b) && isObject(b.properties) ? Object.entries(b.properties).filter(([, p]) => isObject(p) && 'const' in p).map(([k]) => k) : [];
  const [first, ...rest] = branches.map(pinned);
  return first?.find((k) => rest.every((keys) => keys.includes(k)));
}

class Run {
  readonly errors: SchemaError[] = [];
  /**
   * byVariant: a failing `oneOf` whose branches are told apart by a discriminator (see
   * discriminatorOf) reports only the errors of the branch the value's discriminator selects
   * (its members count as evaluated), or that no branch is selected; not ajv's answer, the
   * explanation of it (same validity).
   */
  constructor(
    private readonly root: Schema,
    private readonly byVariant = false,
  ) {}

  resolve(ref: string): Schema {
    if (ref === '#') return this.root;
    let at: unknown = this.root;
    for (const part of ref.slice(2).split('/')) {
      at = isObject(at) ? at[unescapeSegment(part)] : undefined;
    }
    if (typeof at !== 'boolean' && !isObject(at)) throw new Error(`internal: $ref ${ref} resolves to nothing`);
    return at;
  }

  error(instancePath: string, keyword: string, params: Record<string, unknown>, message: string): void {
    this.errors.push({ instancePath, keyword, params, message });
  }

  /**
   * Validates `data` at `path`: whether it is valid, and the members the schema evaluated.
   * As in ajv, what a subschema evaluated counts for `allOf`, `$ref` and `if` whether it
   * passed or not, and for `anyOf`, `oneOf` and `then` only when it passed.
   */
  check(schema: Schema, data: unknown, path: string): { ok: boolean; evaluated: Evaluated } {
    if (schema === true) return { ok: true, evaluated: new Set() };
    if (schema === false) {
      this.error(path, 'false schema', {}, 'boolean schema is false');
      return { ok: false, evaluated: new Set() };
    }
    const start = this.errors.length;
    let evaluated: Evaluated = new Set();
    const s = schema;
    const types = s.type === undefined ? [] : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    const typeError = () => this.error(path, 'type', { type: s.type }, `must be ${Array.isArray(s.type) ? (s.type as string[]).join(',') : String(s.type)}`);
    // ajv checks the type first unless it is one type with keywords of its own group
    const typeFirst = types.length > 0 && !(types.length === 1 && GROUP_KEYWORDS[types[0]!] !== undefined && groupUsed(s, types[0]!));
    if (typeFirst && !types.some((t) => hasType(data, t))) typeError();

    // keywords for any value, in ajv's order
    if (typeof s.$ref === 'string') {
      evaluated = merge(evaluated, this.check(this.resolve(s.$ref), data, path).evaluated);
    }
    if ('const' in s && !equal(data, s.const)) this.error(path, 'const', { allowedValue: s.const }, 'must be equal to constant');
    if (Array.isArray(s.enum) && !s.enum.some((v) => equal(data, v))) {
      this.error(path, 'enum', { allowedValues: s.enum }, 'must be equal to one of the allowed values');
    }
    if (Array.isArray(s.anyOf)) {
      const before = this.errors.length;
      let passed = false;
      const anyOf = s.anyOf as Schema[];
      for (let i = 0; i < anyOf.length; i++) {
        const got = this.check(anyOf[i]!, data, path);
        if (got.ok) {
          passed = true;
          evaluated = merge(evaluated, got.evaluated);
        }
      }
      if (passed) this.errors.length = before;
      else this.error(path, 'anyOf', {}, 'must match a schema in anyOf');
    }
    if (Array.isArray(s.oneOf)) {
      const before = this.errors.length;
      const passing: number[] = [];
      const branchErrors: { from: number; to: number; evaluated: Evaluated }[] = [];
      // ajv's bookkeeping: a passing branch counts its members unless it is the second of a pair
      let valid = false;
      const oneOf = s.oneOf as Schema[];
      for (let i = 0; i < oneOf.length; i++) {
        const from = this.errors.length;
        const got = this.check(oneOf[i]!, data, path);
        branchErrors.push({ from, to: this.errors.length, evaluated: got.evaluated });
        if (!got.ok) continue;
        passing.push(i);
        if (valid) {
          valid = false;
        } else {
          valid = true;
          evaluated = merge(evaluated, got.evaluated);
        }
      }
      const d = this.byVariant && passing.length === 0 && isObject(data) ? discriminatorOf(s.oneOf as Schema[]) : undefined;
      if (passing.length === 1) {
        this.errors.length = before;
      } else if (d !== undefined && isObject(data)) {
        const branches = s.oneOf as Record<string, Record<string, Record<string, unknown>>>[];
        const chosen = branches.findIndex((b) => equal(data[d], b.properties![d]!.const));
        const all = this.errors.splice(before);
        if (chosen >= 0) {
          const { from, to, evaluated: got } = branchErrors[chosen]!;
          this.errors.push(...all.slice(from - before, to - before));
          evaluated = merge(evaluated, got);
        } else {
          const values = branches.map((b) => JSON.stringify(b.properties![d]!.const)).join(', ');
          const given = data[d] === undefined ? `its discriminator "${d}" is missing` : `"${d}" is ${JSON.stringify(data[d])}, none of ${values}`;
          this.error(path, 'discriminator', { propertyName: d }, `no variant applies: ${given}`);
          for (const b of branchErrors) evaluated = merge(evaluated, b.evaluated);
        }
      } else {
        this.error(path, 'oneOf', { passingSchemas: passing.length > 1 ? passing.slice(0, 2) : null }, 'must match exactly one schema in oneOf');
      }
    }
    if (Array.isArray(s.allOf)) {
      const allOf = s.allOf as Schema[];
      for (let i = 0; i < allOf.length; i++) evaluated = merge(evaluated, this.check(allOf[i]!, data, path).evaluated);
    }
    if ('if' in s) {
      const probe = new Run(this.root);
      const cond = probe.check(s.if as Schema, data, path);
      evaluated = merge(evaluated, cond.evaluated);
      if (cond.ok && 'then' in s) {
        const got = this.check(s.then as Schema, data, path);
        if (got.ok) evaluated = merge(evaluated, got.evaluated);
        else this.error(path, 'if', { failingKeyword: 'then' }, 'must match "then" schema');
      }
    }

    // numbers
    if (groupUsed(s, 'number')) {
      if (typeof data === 'number') {
        if (typeof s.maximum === 'number' && !(data <= s.maximum)) {
          this.error(path, 'maximum', { comparison: '<=', limit: s.maximum }, `must be <= ${s.maximum}`);
        }
        if (typeof s.minimum === 'number' && !(data >= s.minimum)) {
          this.error(path, 'minimum', { comparison: '>=', limit: s.minimum }, `must be >= ${s.minimum}`);
        }
      } else if (!typeFirst && types[0] === 'number') {
        typeError();
      }
    }
    // arrays
    if (groupUsed(s, 'array')) {
      if (Array.isArray(data)) {
        if ('items' in s) data.forEach((item, i) => this.check(s.items as Schema, item, path + segment(i)));
      } else if (!typeFirst && types[0] === 'array') {
        typeError();
      }
    }
    // objects
    if (groupUsed(s, 'object')) {
      if (isObject(data)) {
        if (Array.isArray(s.required)) {
          const required = s.required as string[];
          for (let i = 0; i < required.length; i++) {
            const name = required[i]!;
            if (!Object.prototype.hasOwnProperty.call(data, name) || data[name] === undefined) {
              this.error(path, 'required', { missingProperty: name }, `must have required property '${name}'`);
            }
          }
        }
        const props = isObject(s.properties) ? (s.properties as Record<string, Schema>) : undefined;
        if ('additionalProperties' in s) {
          const extra = s.additionalProperties as Schema;
          for (const key of Object.keys(data)) {
            if (props && Object.prototype.hasOwnProperty.call(props, key)) continue;
            if (extra === false) this.error(path, 'additionalProperties', { additionalProperty: key }, 'must NOT have additional properties');
            else if (extra !== true) this.check(extra, data[key], path + segment(key));
          }
          evaluated = true;
        }
        if (props) {
          const keys = Object.keys(props);
          for (let i = 0; i < keys.length; i++) {
            const key = keys[i]!;
            if (Object.prototype.hasOwnProperty.call(data, key) && data[key] !== undefined) this.check(props[key]!, data[key], path + segment(key));
          }
          if (evaluated !== true) for (let i = 0; i < keys.length; i++) evaluated.add(keys[i]!);
        }
        if ('unevaluatedProperties' in s) {
          const rest = s.unevaluatedProperties as Schema;
          if (evaluated !== true) {
            for (const key of Object.keys(data)) {
              if (evaluated.has(key)) continue;
              if (rest === false) this.error(path, 'unevaluatedProperties', { unevaluatedProperty: key }, 'must NOT have unevaluated properties');
              else if (rest !== true) this.check(rest, data[key], path + segment(key));
            }
          }
          evaluated = true;
        }
      } else if (!typeFirst && types[0] === 'object') {
        typeError();
      }
    }
    return { ok: this.errors.length === start, evaluated };
  }
}

/**
 * A validator for `schema` (or for the subschema at `fragment`, a local JSON pointer). With
 * `byVariant`, a failing union reports the errors of the variant the value selects (see Run).
 */
export function interpreter(schema: object, fragment?: string, options: { byVariant?: boolean } = {}): Validator {
  const root = schema as Schema;
  const validate: Validator = (data: unknown) => {
    const run = new Run(root, options.byVariant);
    const target = fragment === undefined || fragment === '' ? root : run.resolve(fragment);
    const { ok } = run.check(target, data, '');
    validate.errors = ok ? null : run.errors;
    return ok;
  };
  return validate;
}
