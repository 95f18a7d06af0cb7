/**
 * The `query-qmp-schema` reply: an array of SchemaInfo entries (QEMU 2.5 on). Each entry has a
 * `name` and a `meta-type`; type names other than the built-ins are masked (`"49"`, `"[21]"`).
 *
 * This module checks the shape of the parsed JSON entry by entry, reporting what it skips,
 * and returns typed entries with their places. It decides nothing about the model.
 */
import type { Reporter } from '../../diagnostics/reporter.js';
import type { SourcePosition } from '../../model/types.js';
import type { JsonPlace } from './json.js';

export interface InfoMember {
  name: string;
  type: string;
  /** Present (always `null` in QEMU's replies) when the member is optional. */
  optional: boolean;
  features: string[];
  position: SourcePosition;
}

interface InfoCommon {
  name: string;
  features: string[];
  position: SourcePosition;
}

export type SchemaInfo =
  | ({ metaType: 'command'; argType?: string; retType?: string; allowOob: boolean } & InfoCommon)
  | ({ metaType: 'event'; argType?: string } & InfoCommon)
  | ({ metaType: 'builtin'; jsonType: string } & InfoCommon)
  | ({ metaType: 'enum'; values: Array<{ name: string; features: string[] }> } & InfoCommon)
  | ({ metaType: 'array'; elementType: string } & InfoCommon)
  | ({ metaType: 'object'; members: InfoMember[]; tag?: string; variants: Array<{ case: string; type: string }> } & InfoCommon)
  | ({ metaType: 'alternate'; members: string[] } & InfoCommon);

const META_TYPES = new Set(['command', 'event', 'builtin', 'enum', 'array', 'object', 'alternate']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `features` as names: QEMU sends strings; anything else is dropped. */
function featureNames(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((f): f is string => typeof f === 'string') : [];
}

/**
 * The entries of a parsed reply: the array itself, or `{"return": [...]}`. Returns undefined
 * when the value is neither (the caller reports it).
 */
export function replyEntries(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value['return'])) return value['return'];
  return undefined;
}

/** Check one entry. Returns undefined (after a diagnostic) when it cannot be used. */
export function readEntry(
  raw: unknown,
  index: number,
  file: string,
  placeOf: (v: object) => JsonPlace | undefined,
  reporter: Reporter,
): SchemaInfo | undefined {
  const posOf = (v: unknown, fallback: SourcePosition): SourcePosition => {
    const p = typeof v === 'object' && v !== null ? placeOf(v) : undefined;
    return p ? { file, line: p.line, column: p.column } : fallback;
  };
  const position = posOf(raw, { file, line: 1, column: 1 });
  if (!isObject(raw)) {
    reporter.report('introspection-entry-invalid', `entry ${index} is not a JSON object; skipped`, position);
    return undefined;
  }
  const name = str(raw['name']);
  const metaType = str(raw['meta-type']);
  if (name === undefined || metaType === undefined) {
    reporter.report('introspection-entry-invalid', `entry ${index} has no string "name" and "meta-type"; skipped`, position);
    return undefined;
  }
  if (!META_TYPES.has(metaType)) {
    reporter.report(
      'introspection-entry-invalid',
      `entry ${JSON.stringify(name)} has meta-type ${JSON.stringify(metaType)}, which qmp-codegen does not know; skipped`,
      position,
    );
    return undefined;
  }
  const common: InfoCommon = { name, features: featureNames(raw['features']), position };
  const need = (key: string): string | undefined => {
    const v = str(raw[key]);
    if (v === undefined)
      reporter.report('introspection-entry-invalid', `${metaType} ${JSON.stringify(name)} has no string "${key}"; skipped`, position);
    return v;
  };
  switch (metaType) {
    case 'command': {
      const argType = str(raw['arg-type']);
      const retType = str(raw['ret-type']);
      return {
        metaType,
        ...common,
        ...(argType !== undefined ? { argType } : {}),
        ...(retType !== undefined ? { retType } : {}),
        allowOob: raw['allow-oob'] === true,
      };
    }
    case 'event': {
      const argType = str(raw['arg-type']);
      return { metaType, ...common, ...(argType !== undefined ? { argType } : {}) };
    }
    case 'builtin': {
      const jsonType = need('json-type');
      return jsonType === undefined ? undefined : { metaType, ...common, jsonType };
    }
    case 'array': {
      const elementType = need('element-type');
      return elementType === undefined ? undefined : { metaType, ...common, elementType };
    }
    case 'enum': {
      // 6.2 on: `members` with features; before: `values` only
      const members = Array.isArray(raw['members']) ? raw['members'] : undefined;
      const values = members
        ? members.filter(isObject).flatMap((m) => {
            const n = str(m['name']);
            return n === undefined ? [] : [{ name: n, features: featureNames(m['features']) }];
          })
        : (Array.isArray(raw['values']) ? raw['values'] : []).filter((v): v is string => typeof v === 'string').map((n) => ({ name: n, features: [] }));
      return { metaType, ...common, values };
    }
    case 'alternate': {
      const members = (Array.isArray(raw['members']) ? raw['members'] : []).flatMap((m) => {
        const t = isObject(m) ? str(m['type']) : undefined;
        return t === undefined ? [] : [t];
      });
      return { metaType, ...common, members };
    }
    case 'object': {
      const members: InfoMember[] = [];
      for (const m of Array.isArray(raw['members']) ? raw['members'] : []) {
        const mPos = posOf(m, position);
        const mName = isObject(m) ? str(m['name']) : undefined;
        const mType = isObject(m) ? str(m['type']) : undefined;
        if (!isObject(m) || mName === undefined || mType === undefined) {
          reporter.report('introspection-entry-invalid', `a member of object ${JSON.stringify(name)} has no string "name" and "type"; skipped`, mPos);
          continue;
        }
        members.push({ name: mName, type: mType, optional: 'default' in m, features: featureNames(m['features']), position: mPos });
      }
      const variants = (Array.isArray(raw['variants']) ? raw['variants'] : []).flatMap((v) => {
        const c = isObject(v) ? str(v['case']) : undefined;
        const t = isObject(v) ? str(v['type']) : undefined;
        return c === undefined || t === undefined ? [] : [{ case: c, type: t }];
      });
      const tag = str(raw['tag']);
      return { metaType, ...common, members, variants, ...(tag !== undefined ? { tag } : {}) };
    }
  }
  return undefined;
}
