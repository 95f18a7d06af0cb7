/**
 * The type vocabulary of the legacy docs, mapped onto the model's TypeRef.
 *
 * Spellings met: `json-string` (and the typos `json_string`, `josn-string`, `json-str`),
 * `json-int`, `json-bool`, `json-number`/`json-double`, `json-value`, `json-object`/`json-dict`,
 * `json-array` (optionally `of X`), bare `int`/`string`/`bool`, and QAPI type names such as
 * `NewImageMode`. QAPI names found in the small table of QEMU schema types the docs use
 * (known-types.ts) become references to `Model.types`; other QAPI-looking names are kept as
 * `any` with their spelling (`docType`). QAPI's builtin types (`str`, `int`, `uint16`, ...) are
 * the QAPI language's, in generator/read/qapi-language.ts, not this reader's.
 */
import type { EnumType, Member, NamedType, SourcePosition, TypeRef } from '../../model/types.js';
import { KNOWN_QAPI_TYPES } from './known-types.js';

export interface TypeReading {
  type: TypeRef;
  /** A spelling that is not the canonical `json-*` one (typo or bare word), for a diagnostic. */
  nonCanonical?: boolean;
  /** A QAPI-style name not in the table of known types. */
  unknownName?: string;
}

const SCALARS: Record<string, TypeRef['kind']> = {
  'json-string': 'string',
  'json-int': 'int',
  'json-bool': 'bool',
  'json-number': 'number',
  'json-double': 'number',
  'json-value': 'any',
};

const LOOSE: Record<string, 'string' | 'int' | 'bool' | 'number' | 'any'> = {
  json_string: 'string',
  'josn-string': 'string',
  'json-str': 'string',
  json_int: 'int',
  json_bool: 'bool',
  'json-integer': 'int',
  'json-boolean': 'bool',
  'json-any': 'any',
  string: 'string',
  str: 'string',
  int: 'int',
  integer: 'int',
  bool: 'bool',
  boolean: 'bool',
  number: 'number',
  double: 'number',
};

export function isKnownQapiType(name: string): boolean {
  return Object.hasOwn(KNOWN_QAPI_TYPES, name);
}

/** Collects the named types the document references, for `Model.types`. */
export class TypeRegistry {
  readonly #types = new Map<string, NamedType>();

  /** Register `name` (and the types it uses) at `position`; returns false when unknown. */
  use(name: string, position: SourcePosition): boolean {
    const b = KNOWN_QAPI_TYPES[name];
    if (!b) return false;
    if (this.#types.has(name)) return true;
    const common = { name, description: '', origin: 'qapi' as const, position };
    if (b.kind === 'enum') {
      this.#types.set(name, { kind: 'enum', values: b.values.map((v) => ({ name: v })), ...common });
    } else {
      const members: Member[] = b.members.map(([m, t, optional]) => ({
        name: m,
        type: this.read(t, position).type,
        optional,
        description: '',
        position,
      }));
      this.#types.set(name, { kind: 'struct', members, ...common });
    }
    return true;
  }

  /** Read a type word, registering known QAPI names. */
  read(word: string, position: SourcePosition): TypeReading {
    const r = readTypeWord(word);
    if (r?.type.kind === 'ref') this.use(r.type.name, position);
    return r ?? { type: { kind: 'any', docType: word }, unknownName: word };
  }

  /** The named type registered as `name`, if any. */
  get(name: string): NamedType | undefined {
    return this.#types.get(name);
  }

  list(): NamedType[] {
    return [...this.#types.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

const QAPI_NAME = /^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/;

/**
 * Read one type word or phrase (`json-int`, `json_string`, `NewImageMode`, `json-array of
 * json-objects`). Undefined when the text is not a type at all.
 */
export function readTypeWord(text: string): TypeReading | undefined {
  const word = text.trim().replace(/\.$/, '');
  const lower = word.toLowerCase();
  if (Object.hasOwn(SCALARS, lower)) {
    const kind = SCALARS[lower]!;
    return { type: { kind: kind as 'string', docType: word } };
  }
  if (lower === 'json-object' || lower === 'json-dict' || lower === 'json_object' || lower === 'dictionary') {
    return { type: { kind: 'object', members: [], open: true, docType: word }, nonCanonical: lower === 'json_object' };
  }
  if (Object.hasOwn(LOOSE, lower)) {
    return { type: { kind: LOOSE[lower]!, docType: word }, nonCanonical: true };
  }
  const arr = /^(?:an?\s+)?(?:json-array|json_array|array|list)(?:\s+of\s+(.+))?$/i.exec(word);
  if (arr) {
    const of = arr[1] ? readElementPhrase(arr[1]) : undefined;
    return { type: { kind: 'array', items: of ?? { kind: 'any' }, docType: word } };
  }
  if (QAPI_NAME.test(word)) {
    if (isKnownQapiType(word)) return { type: { kind: 'ref', name: word, docType: word } };
    return { type: { kind: 'any', docType: word }, unknownName: word };
  }
  return undefined;
}

/** The element type of `json-array of X` phrases: `json-objects`, `key enum values`, `strings`... */
export function readElementPhrase(text: string): TypeRef | undefined {
  const t = text.trim().toLowerCase().replace(/[.,;:]$/, '');
  if (/^(json-)?objects?\b|^json-objects?|dictionar/.test(t)) return { kind: 'object', members: [], open: true };
  if (/^(json-)?strings?\b|\bstrings?$/.test(t)) return { kind: 'string' };
  if (/^(json-)?int(eger)?s?\b/.test(t)) return { kind: 'int' };
  if (/\benum\b/.test(t)) return { kind: 'string' };
  const single = readTypeWord(t.replace(/s$/, ''));
  return single && !single.unknownName ? single.type : undefined;
}

/** A string enum type. */
export function enumOf(values: { name: string; description?: string }[], docType?: string): EnumType {
  const seen = new Set<string>();
  const out: EnumType = { kind: 'enum', values: [] };
  for (const v of values) {
    if (seen.has(v.name)) continue;
    seen.add(v.name);
    out.values.push(v.description ? { name: v.name, description: v.description } : { name: v.name });
  }
  if (docType) out.docType = docType;
  return out;
}
