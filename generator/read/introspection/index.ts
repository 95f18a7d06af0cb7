/**
 * The introspection reader: a `query-qmp-schema` reply (saved with `--introspection FILE`, or
 * fetched from a live QEMU by generator/sources/live.ts) into a ModelPart.
 *
 *   json.ts         strict JSON with the line:col of every object (positions of entries)
 *   schema-info.ts  the SchemaInfo entries, checked one by one
 *   names.ts        readable names for the masked type names, from where types are used
 *   index.ts        entries → commands, events, named types
 *
 * What introspection does not have, the model does not get: no docs (descriptions are empty),
 * no `since`, no examples, no sized integers (QEMU reports every integer as `int`), no `if`
 * (the build is already configured), no struct bases (members arrive flattened). A command
 * whose arguments are a union (`blockdev-add`) gets the union's common members, open to the
 * rest (the model's arguments are one object); the union itself is a named type when some
 * other place uses it. Files from QEMU before 2.5 (names only, see live.ts) give commands that
 * take any arguments and return any value.
 */
import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import type { Reporter } from '../../diagnostics/reporter.js';
import type {
  Command,
  Event,
  Feature,
  Member,
  NamedType,
  ObjectType,
  ReleaseInfo,
  ScalarKind,
  SourceFile,
  SourcePosition,
  TypeRef,
} from '../../model/types.js';
import type { ModelPart, ReadOptions, Reader } from '../types.js';
import { readJsonWithPlaces } from './json.js';
import { deriveNames, isEmptyObject } from './names.js';
import { readEntry, replyEntries, type InfoMember, type SchemaInfo } from './schema-info.js';

export { readJsonWithPlaces } from './json.js';
export type { SchemaInfo } from './schema-info.js';

/** What the live edge (generator/sources/live.ts) puts in `file.data`. */
export interface IntrospectionFileData {
  /** From `query-version`: `7.2.22`. */
  qemuVersion?: string;
  /** From `query-target`: `x86_64`. */
  target?: string;
  /** True when the file lists names only (`query-commands` / `query-events`, QEMU < 2.5). */
  namesOnly?: boolean;
}

const BUILTIN_KINDS: Record<string, ScalarKind> = {
  string: 'string',
  int: 'int',
  number: 'number',
  boolean: 'bool',
  null: 'null',
  value: 'any',
};

function sha256(file: VFile): string {
  const bytes = file.data['bytes'];
  const h = createHash('sha256');
  if (bytes instanceof Uint8Array) h.update(bytes);
  else h.update(String(file.value ?? ''), 'utf8');
  return h.digest('hex');
}

const features = (names: readonly string[]): Feature[] => names.map((name) => ({ name }));
const withFeatures = <T extends object>(item: T, names: readonly string[]): T =>
  names.length > 0 ? { ...item, features: features(names) } : item;

/** The entries of one file, by name (first wins), or undefined when it is not a reply at all. */
function readFile(file: VFile, reporter: Reporter): SchemaInfo[] | undefined {
  const text = String(file.value ?? '');
  const parsed = readJsonWithPlaces(text);
  const path = file.path;
  if (!parsed.ok) {
    reporter.report('introspection-invalid', `not JSON (${parsed.message}); the file was not read`, { file: path, ...parsed.place });
    return undefined;
  }
  const entries = replyEntries(parsed.value);
  if (!entries) {
    reporter.report('introspection-invalid', 'not a query-qmp-schema reply (an array of SchemaInfo, or {"return": [...]}); the file was not read', {
      file: path,
      line: 1,
      column: 1,
    });
    return undefined;
  }
  const out: SchemaInfo[] = [];
  entries.forEach((raw, i) => {
    const info = readEntry(raw, i, path, (v) => parsed.places.get(v), reporter);
    if (info) out.push(info);
  });
  return out;
}

/** Read introspection replies into one ModelPart. Pure; problems are diagnostics. */
export function readIntrospection(files: readonly VFile[], reporter: Reporter, _options: ReadOptions = {}): ModelPart {
  const sources: SourceFile[] = [];
  const entries = new Map<string, SchemaInfo>();
  let release: ReleaseInfo | undefined;
  for (const file of files) {
    const infos = readFile(file, reporter);
    if (!infos) continue;
    sources.push({ path: file.path, role: 'introspection', format: 'json', sha256: sha256(file) });
    const data = file.data as IntrospectionFileData;
    if (data.qemuVersion || data.target) {
      release = { ...(data.qemuVersion ? { qemuVersion: data.qemuVersion } : {}), ...(data.target ? { target: data.target } : {}) };
    }
    for (const info of infos) {
      const first = entries.get(info.name);
      if (first) {
        reporter.report(
          'introspection-duplicate',
          `${info.metaType} ${JSON.stringify(info.name)} is listed again (first at ${first.position.file}:${first.position.line}); the first is kept`,
          info.position,
        );
      } else entries.set(info.name, info);
    }
    const namesOnly =
      data.namesOnly === true ||
      (infos.length > 0 && infos.every((i) => (i.metaType === 'command' || i.metaType === 'event') && i.argType === undefined));
    if (namesOnly) {
      reporter.report(
        'introspection-names-only',
        'this QEMU has no query-qmp-schema (QEMU before 2.5): commands and events are known by name only, so every command takes any arguments and returns any value, and events carry any data',
        { file: file.path, line: 1, column: 1 },
      );
    }
  }

  const { names, issues } = deriveNames(entries);
  for (const r of issues) {
    for (const issue of r.issues) {
      reporter.report(issue.ruleId === 'name-collision' ? 'introspection-name-derived' : 'name-reserved', issue.reason, r.position);
    }
  }

  const reportedUnknown = new Set<string>();
  const typeRef = (type: string, at: SourcePosition, depth = 0): TypeRef => {
    const info = entries.get(type);
    if (!info || depth > 8) {
      if (!reportedUnknown.has(type)) {
        reportedUnknown.add(type);
        reporter.report('introspection-unknown-type', `type ${JSON.stringify(type)} is not defined by the reply; any JSON value is accepted for it`, at);
      }
      return { kind: 'any' };
    }
    switch (info.metaType) {
      case 'builtin': {
        const kind = BUILTIN_KINDS[info.jsonType];
        if (kind === undefined) {
          reporter.report('introspection-unknown-type', `built-in ${JSON.stringify(type)} has JSON type ${JSON.stringify(info.jsonType)}, which qmp-codegen does not know; any JSON value is accepted`, info.position);
          return { kind: 'any' };
        }
        return { kind, docType: info.name };
      }
      case 'array':
        return { kind: 'array', items: typeRef(info.elementType, at, depth + 1) };
      case 'object':
      case 'enum':
      case 'alternate': {
        const name = names.get(type);
        if (name === undefined) return { kind: 'any' }; // unreachable: every used type is named
        return { kind: 'ref', name };
      }
      case 'command':
      case 'event':
        reporter.report('introspection-unknown-type', `${JSON.stringify(type)} is a ${info.metaType}, not a type; any JSON value is accepted`, at);
        return { kind: 'any' };
    }
  };
  const member = (m: InfoMember): Member => {
    const out: Member = { name: m.name, type: typeRef(m.type, m.position), optional: m.optional, description: '', position: m.position };
    if (m.features.includes('deprecated')) out.deprecated = true;
    return withFeatures(out, m.features);
  };
  /** A command's arguments / an event's data: the object's members, inline. */
  const inlineObject = (type: string | undefined, at: SourcePosition): ObjectType => {
    if (type === undefined) return { kind: 'object', members: [], open: true };
    const info = entries.get(type);
    if (info?.metaType !== 'object') {
      typeRef(type, at); // reports an unknown name
      return { kind: 'object', members: [], open: true };
    }
    const object: ObjectType = { kind: 'object', members: info.members.map(member), open: info.variants.length > 0 };
    if (info.tag !== undefined && info.variants.length > 0) {
      object.union = { discriminator: info.tag, variants: info.variants.map((v) => ({ value: v.case, type: typeRef(v.type, at) })) };
    }
    return object;
  };

  const commands: Command[] = [];
  const events: Event[] = [];
  const types: NamedType[] = [];
  // argument and data objects are written inline: used, but not named
  const inline = new Set<string>();
  for (const info of entries.values()) if ((info.metaType === 'command' || info.metaType === 'event') && info.argType) inline.add(info.argType);
  for (const info of entries.values()) if (info.metaType === 'command' && info.retType && isEmptyObject(entries.get(info.retType))) inline.add(info.retType);
  for (const info of entries.values()) {
    switch (info.metaType) {
      case 'command': {
        const args = inlineObject(info.argType, info.position);
        const command: Command = {
          name: info.name,
          section: info.name.startsWith('query-') ? 'query' : 'regular',
          summary: '',
          description: '',
          arguments: args,
          argumentsStated: info.argType !== undefined,
          notes: [],
          examples: [],
          origin: 'introspection',
          position: info.position,
        };
        if (info.retType === undefined) command.returns = { kind: 'any' };
        else if (!isEmptyObject(entries.get(info.retType))) command.returns = typeRef(info.retType, info.position);
        if (info.allowOob) command.flags = { allowOob: true };
        commands.push(withFeatures(command, info.features));
        break;
      }
      case 'event': {
        const event: Event = { name: info.name, summary: '', description: '', notes: [], examples: [], origin: 'introspection', position: info.position };
        if (info.argType === undefined) event.data = { kind: 'object', members: [], open: true };
        else if (!isEmptyObject(entries.get(info.argType))) event.data = inlineObject(info.argType, info.position);
        events.push(withFeatures(event, info.features));
        break;
      }
      case 'object':
      case 'enum':
      case 'alternate': {
        const name = names.get(info.name);
        if (name === undefined) {
          if (inline.has(info.name)) break;
          reporter.report(
            'introspection-unused-type',
            `${info.metaType} ${JSON.stringify(info.name)} is used by no command, event or type reachable from one; not emitted`,
            info.position,
          );
          break;
        }
        const common = { name, description: '', origin: 'introspection' as const, position: info.position };
        if (info.metaType === 'enum') {
          types.push(
            withFeatures({ kind: 'enum', ...common, values: info.values.map((v) => withFeatures({ name: v.name }, v.features)) }, info.features),
          );
        } else if (info.metaType === 'alternate') {
          types.push(withFeatures({ kind: 'alternate', ...common, of: info.members.map((t) => typeRef(t, info.position)) }, info.features));
        } else if (info.tag !== undefined || info.variants.length > 0) {
          types.push(
            withFeatures(
              {
                kind: 'union',
                ...common,
                members: info.members.map(member),
                ...(info.tag !== undefined ? { discriminator: info.tag } : {}),
                variants: info.variants.map((v) => ({ value: v.case, type: typeRef(v.type, info.position) })),
              },
              info.features,
            ),
          );
        } else {
          types.push(withFeatures({ kind: 'struct', ...common, members: info.members.map(member) }, info.features));
        }
        break;
      }
      default:
        break;
    }
  }
  return { reader: 'introspection', sources, commands, events, types, ...(release ? { release } : {}) };
}

/** Text that starts like a query-qmp-schema reply: `[{"name"...` / `{"return": [...`. */
const REPLY_START = /^\s*(?:\[\s*(?:\{|\])|\{\s*"return"\s*:\s*\[)/;

export const introspectionReader: Reader = {
  id: 'introspection',
  sniff(file: VFile): boolean {
    const text = String(file.value ?? '');
    if (!REPLY_START.test(text)) return false;
    return /"meta-type"\s*:/.test(text.slice(0, 64 * 1024)) || /^\s*(?:\[\s*\]|\{\s*"return"\s*:\s*\[\s*\])/.test(text);
  },
  read: readIntrospection,
};
