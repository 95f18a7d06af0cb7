/**
 * QMP wire names → TypeScript identifiers. The one place that decides what a generated
 * method, type or property is called.
 *
 * - `query-block` → method `queryBlock`, types `QueryBlockArgs` / `QueryBlockResult`;
 *   `system_reset` → `systemReset`; event `BLOCK_IO_ERROR` → `BlockIoErrorEvent`.
 * - Members keep their wire names (`propertyKey`): they are what goes on the wire.
 * - Identifiers are plain ASCII. Anything else in a name (punctuation, path segments,
 *   non-ASCII look-alikes, control characters) is dropped or spelled out as `U<hex>`, so
 *   a doc can never smuggle syntax or a confusable spelling into generated code.
 * - Reserved words and names the generated code or the runtime already uses get `_` appended.
 * - Two names that still come out the same are made unique with a numeric suffix (`2`, `3`,
 *   ...), decided over the whole batch so the result does not depend on input order.
 *
 * Everything here is pure; adjustments are returned as data for the caller to report.
 */
import type { SourcePosition } from './types.js';

// ---------------------------------------------------------------------------------------
// Reserved words

/** ECMAScript reserved words, strict-mode and contextual keywords that cannot name a binding. */
export const JS_RESERVED: ReadonlySet<string> = new Set([
  'arguments', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger',
  'default', 'delete', 'do', 'else', 'enum', 'eval', 'export', 'extends', 'false', 'finally',
  'for', 'function', 'if', 'implements', 'import', 'in', 'instanceof', 'interface', 'let',
  'new', 'null', 'package', 'private', 'protected', 'public', 'return', 'static', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
]);

/** TypeScript keywords and built-in type names that cannot name a type. */
export const TS_RESERVED: ReadonlySet<string> = new Set([
  'abstract', 'accessor', 'any', 'as', 'asserts', 'async', 'bigint', 'boolean', 'constructor',
  'declare', 'from', 'get', 'global', 'infer', 'intrinsic', 'is', 'keyof', 'module', 'namespace',
  'never', 'number', 'object', 'of', 'out', 'override', 'readonly', 'require', 'satisfies', 'set',
  'string', 'symbol', 'type', 'undefined', 'unique', 'unknown', 'using',
]);

/** Members every object inherits; a method with one of these names would shadow it. */
export const OBJECT_MEMBERS: ReadonlySet<string> = new Set([
  'constructor', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__',
  '__lookupSetter__', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable',
  'toLocaleString', 'toString', 'valueOf', 'then', 'prototype', 'name', 'length',
]);

/**
 * Members every plain object inherits from `Object.prototype`, as a member (property) name.
 * - `__proto__`: an object literal `{ __proto__: v }` sets the prototype instead of creating a
 *   member, so `JSON.stringify` drops it; it can only be passed as a computed key
 *   (`{ ['__proto__']: v }`). `inheritedMember` returns `'proto'`.
 * - the others: an object that leaves the member out still *has* it (inherited), so an
 *   optional member of another type makes `{}` unassignable, and a reader of a result sees the
 *   inherited function when it is absent. `inheritedMember` returns `'inherited'`; the emitter
 *   adds the inherited type to the optional member's type, which is true in both directions.
 */
export const PROTOTYPE_MEMBERS: ReadonlySet<string> = new Set([
  'constructor', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__',
  '__lookupSetter__', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable',
  'toLocaleString', 'toString', 'valueOf',
]);

export function inheritedMember(wire: string): 'proto' | 'inherited' | undefined {
  if (!PROTOTYPE_MEMBERS.has(wire)) return undefined;
  return wire === '__proto__' ? 'proto' : 'inherited';
}

/**
 * Members of the runtime `QmpClient` (and what a subclass must not shadow). The emitter adds
 * whatever it finds in the runtime source it ships; this list keeps the guarantee when it
 * cannot look (and documents the intent).
 */
export const CLIENT_MEMBERS: ReadonlySet<string> = new Set([
  'execute', 'executeRaw', 'on', 'once', 'off', 'waitFor', 'events', 'close', 'closed', 'destroy',
  'greeting', 'version', 'capabilities', 'connect', 'eventCursor', 'emit', 'addListener',
  'removeListener', 'removeAllListeners', 'listeners', 'send', 'socket', 'options', 'timeout',
  'Symbol', 'asyncDispose', 'dispose',
]);

/**
 * Global types generated code refers to (or a reader expects to mean the global), plus the
 * names the emitter itself declares. A type with one of these names would shadow it.
 */
export const TYPE_RESERVED: ReadonlySet<string> = new Set([
  'Array', 'ReadonlyArray', 'Record', 'Partial', 'Required', 'Readonly', 'Pick', 'Omit',
  'Exclude', 'Extract', 'NonNullable', 'Promise', 'PromiseLike', 'Awaited', 'Object', 'String',
  'Number', 'Boolean', 'Symbol', 'BigInt', 'Function', 'Error', 'Date', 'RegExp', 'Map', 'Set',
  'WeakMap', 'WeakSet', 'JSON', 'Math', 'AbortSignal', 'Uint8Array', 'Buffer', 'Iterable',
  'AsyncIterable', 'Infinity', 'NaN',
]);

// ---------------------------------------------------------------------------------------
// Words and casing

/** Characters an identifier may keep. Everything else separates words. */
const WORD_CHAR = /[A-Za-z0-9]/;

const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORDS = /[A-Za-z0-9]+/g;

/**
 * Split a wire name into words: runs of ASCII letters and digits. Non-ASCII letters and
 * digits become a word of their own, `U` + code point in lower-case hex, so look-alikes stay distinct
 * and visible (`quеry` with a Cyrillic `е` → `qu`, `U435`, `ry`). Other characters separate.
 */
export function splitWords(wire: string): string[] {
  // ASCII (every wire name in practice): the runs of letters and digits
  if (ASCII.test(wire)) return wire.match(ASCII_WORDS) ?? [];
  const words: string[] = [];
  let current = '';
  const flush = () => {
    if (current) words.push(current);
    current = '';
  };
  for (const ch of wire) {
    if (WORD_CHAR.test(ch)) {
      current += ch;
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      flush();
      words.push(`U${ch.codePointAt(0)!.toString(16)}`);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

/** `IO` → `Io`, `query` → `Query`, `BlockDevice` → `BlockDevice` (inner capitals kept). */
function capitalise(word: string): string {
  const w = /[a-z]/.test(word) ? word : word.toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** `query-block` → `QueryBlock`; `BLOCK_IO_ERROR` → `BlockIoError`; `BlockInfo` → `BlockInfo`. */
export function pascalCase(wire: string): string {
  return splitWords(wire).map(capitalise).join('');
}

/** `query-block` → `queryBlock`; `system_reset` → `systemReset`; `SPICE_INIT` → `spiceInit`. */
export function camelCase(wire: string): string {
  const words = splitWords(wire);
  if (words.length === 0) return '';
  const [first, ...rest] = words as [string, ...string[]];
  const head = /[a-z]/.test(first) ? first.charAt(0).toLowerCase() + first.slice(1) : first.toLowerCase();
  return head + rest.map(capitalise).join('');
}

const ASCII_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** True when `name` can be written unquoted as a property name (ASCII identifier). */
export function isPlainIdentifier(name: string): boolean {
  return ASCII_IDENTIFIER.test(name);
}

/**
 * Whether a wire member name must be written as a string literal key (`'cpu-index'`) rather
 * than bare. The emitter prints quoted keys through the TypeScript printer, which escapes.
 */
export function needsQuotes(wire: string): boolean {
  return !isPlainIdentifier(wire);
}

// ---------------------------------------------------------------------------------------
// Assigning names over a batch

export type NameCase = 'camel' | 'pascal';

export interface NameRequest {
  /** What the caller uses to find the result again (e.g. `command:query-block:args`). */
  key: string;
  /** The parts the name is built from, in order (`['query-block', 'Result']`). */
  parts: readonly string[];
  /** Where the name came from, for the report. */
  position?: SourcePosition;
  /** What this is, for messages: `command "query-block"`, `member "inserted" of ...`. */
  label: string;
}

export interface NameOptions {
  case: NameCase;
  /** Words that must not be used as is; the name gets `_` appended. */
  reserved: ReadonlySet<string>;
  /** Names already taken by an earlier batch or by fixed declarations; never reused. */
  taken?: ReadonlySet<string>;
  /** Used when a name has no letters or digits at all (`---`, `""`). */
  fallback: string;
}

export interface NameIssue {
  ruleId: 'name-reserved' | 'name-collision';
  reason: string;
}

export interface NameResult {
  key: string;
  name: string;
  /** The name before uniqueness was enforced. */
  base: string;
  issues: NameIssue[];
  position?: SourcePosition;
}

function compose(parts: readonly string[], nameCase: NameCase): string {
  const joined = parts.map((p, i) => (i === 0 && nameCase === 'camel' ? camelCase(p) : pascalCase(p))).join('');
  return joined;
}

/** The wire-ish spelling of a request, for messages (JSON-quoted so nothing odd is printed raw). */
function shown(parts: readonly string[]): string {
  return JSON.stringify(parts.join(' + '));
}

/**
 * Give every request a distinct identifier.
 *
 * 1. base = the parts cased and joined; empty → `fallback`; leading digit → `_` prefix;
 *    a reserved word → `_` appended (reported as `name-reserved`).
 * 2. Requests whose base is shared keep it for the first one in request order (callers pass
 *    model order, which is sorted); the others, and any whose base is `taken` by an earlier
 *    batch, get the smallest suffix `2`, `3`, ... that is nobody's base and not taken
 *    (reported as `name-collision`). A request whose base is unique is therefore never
 *    renamed because of another's suffix.
 */
export function assignNames(requests: readonly NameRequest[], options: NameOptions): NameResult[] {
  const taken = options.taken ?? new Set<string>();
  const prepared = requests.map((req) => {
    const issues: NameIssue[] = [];
    let base = compose(req.parts, options.case);
    const wire = req.parts.join('');
    if (base === '') {
      base = options.fallback;
      issues.push({ ruleId: 'name-reserved', reason: `${req.label}: ${shown(req.parts)} has no letters or digits; named \`${base}\`` });
    } else if (/^[0-9]/.test(base)) {
      base = `_${base}`;
      issues.push({ ruleId: 'name-reserved', reason: `${req.label}: ${shown(req.parts)} starts with a digit; named \`${base}\`` });
    } else if (/[^\x20-\x7e]/.test(wire)) {
      issues.push({
        ruleId: 'name-reserved',
        reason: `${req.label}: ${shown(req.parts)} contains non-ASCII characters; named \`${base}\``,
      });
    }
    while (options.reserved.has(base)) {
      const before = base;
      base = `${base}_`;
      issues.push({
        ruleId: 'name-reserved',
        reason: `${req.label}: \`${before}\` is reserved (keyword, built-in or runtime member); named \`${base}\``,
      });
    }
    return { req, base, issues };
  });

  const owners = new Map<string, number>();
  prepared.forEach((p, i) => {
    if (!owners.has(p.base) && !taken.has(p.base)) owners.set(p.base, i);
  });
  const used = new Set<string>([...taken, ...options.reserved, ...owners.keys()]);

  return prepared.map((p, i) => {
    let name = p.base;
    const owner = owners.get(p.base);
    if (owner !== i) {
      let n = 2;
      while (used.has(`${p.base}${n}`)) n++;
      name = `${p.base}${n}`;
      used.add(name);
      const other = owner === undefined ? 'an earlier declaration' : prepared[owner]!.req.label;
      p.issues.push({
        ruleId: 'name-collision',
        reason: `${p.req.label}: \`${p.base}\` is already the name of ${other}; named \`${name}\``,
      });
    }
    const result: NameResult = { key: p.req.key, name, base: p.base, issues: p.issues };
    if (p.req.position) result.position = p.req.position;
    return result;
  });
}
