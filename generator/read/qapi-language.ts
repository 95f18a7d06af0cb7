/**
 * What the QAPI schema language itself defines, before any schema file is read: its builtin
 * types and the predefined enum `QType`. A schema refers to these by name and never defines
 * them, so a reader (the QAPI reader, the introspection reader, the legacy reader when the
 * docs use a QAPI spelling) takes them from here rather than from its input, and the model
 * gets no `NamedType` for them: builtins are scalars (`ScalarType`, with the integer width).
 *
 *   name      model kind       width    introspection json-type
 *   str       string                    string
 *   number    number                    number
 *   int       int              (int64)  int
 *   int8..64  int              intN     int
 *   uint8..64 int              uintN    int
 *   size      int              size     int
 *   bool      bool                      boolean
 *   null      null                      null      (QEMU 2.10 on)
 *   any       any                      value
 *
 * `int` is QAPI's 64-bit signed integer, but the schema does not spell a width for it, so the
 * model leaves `width` absent (as for a doc's `json-int`).
 */
import type { IntWidth, ScalarKind, ScalarType } from '../model/types.js';

export interface QapiBuiltin {
  /** The model's scalar kind. */
  kind: ScalarKind;
  /** The sized integer type, for `int8`..`uint64` and `size`. */
  width?: IntWidth;
  /** The `json-type` that `query-qmp-schema` reports for it. */
  json: 'string' | 'number' | 'int' | 'boolean' | 'null' | 'value';
}

const WIDTHS: readonly IntWidth[] = ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'size'];

/** QAPI's builtin types, by name. */
export const QAPI_BUILTINS: ReadonlyMap<string, QapiBuiltin> = new Map<string, QapiBuiltin>([
  ['str', { kind: 'string', json: 'string' }],
  ['number', { kind: 'number', json: 'number' }],
  ['int', { kind: 'int', json: 'int' }],
  ...WIDTHS.map((width): [string, QapiBuiltin] => [width, { kind: 'int', width, json: 'int' }]),
  ['bool', { kind: 'bool', json: 'boolean' }],
  ['null', { kind: 'null', json: 'null' }],
  ['any', { kind: 'any', json: 'value' }],
]);

export function isQapiBuiltin(name: string): boolean {
  return QAPI_BUILTINS.has(name);
}

/** The model type of a builtin (`docType` = the name as written), or undefined for other names. */
export function qapiBuiltinType(name: string): ScalarType | undefined {
  const b = QAPI_BUILTINS.get(name);
  if (!b) return undefined;
  const out: ScalarType = { kind: b.kind, docType: name };
  if (b.width) out.width = b.width;
  return out;
}

/**
 * The enum every QAPI schema has without defining it: the JSON kind of a value, used as the
 * implicit discriminator of alternates (QEMU's `QType`). Values as of QEMU 2.10 and later
 * (older releases had `qint` and `qfloat` where these have `qnum`).
 */
export const QTYPE_NAME = 'QType';
export const QTYPE_VALUES: readonly string[] = ['none', 'qnull', 'qnum', 'qstring', 'qdict', 'qlist', 'qbool'];
