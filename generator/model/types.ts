/**
 * The one intermediate model of qmp-codegen.
 *
 * Plain, JSON-serialisable data: no mdast, no ts-morph nodes, no class instances, no
 * `undefined` holes that matter (optional keys are simply absent). Every item keeps the
 * position of the text it came from. The same shapes are meant to be filled later from
 * QEMU's QAPI schema and from live `query-qmp-schema` introspection, so the vocabulary is
 * QAPI's (named structs, enums, unions, alternates, features, `since`) even though the
 * legacy text docs only ever produce a subset of it.
 */

/** Bump when a change to these shapes would break a consumer of model.json. */
export const MODEL_VERSION = 1;

/** 1-based line and column, as in unist/vfile. `file` is the path as given to the parser. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** Where an item came from. `docs` = legacy text docs; `qapi` = QAPI schema; `introspection` = query-qmp-schema. */
export type Origin = 'docs' | 'qapi' | 'introspection';

/**
 * A QAPI build condition (`'if'`), in the 6.2+ shape; the C-string form of 3.0–6.1
 * (`'defined(TARGET_I386)'`) is read into the same shape. A bare string is one config
 * symbol (`CONFIG_SPICE`, `TARGET_I386`).
 */
export type Condition = string | { all: Condition[] } | { any: Condition[] } | { not: Condition };

/** Which source said what: one entry per source that contributed to an item. */
export interface Provenance {
  origin: Origin;
  position: SourcePosition;
  /** What this source contributed when not everything (e.g. `['description', 'examples']`). */
  fields?: string[];
}

/** A QAPI feature flag on a command, event, member or type (`deprecated`, `unstable`, ...). */
export interface Feature {
  name: string;
  description?: string;
  if?: Condition;
}

/** Scalar wire types. `int` is any JSON integer; `number` any JSON number. */
export type ScalarKind = 'string' | 'int' | 'number' | 'bool' | 'null' | 'any';

/** QAPI's sized integers; emitters turn them into `minimum`/`maximum` and doc remarks. */
export type IntWidth = 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'size';

export interface ScalarType {
  kind: ScalarKind;
  /** The spelling in the docs (`json-int`, `json_string`, `int`, `NewImageMode`, ...), for reports. */
  docType?: string;
  /** For `kind: 'int'`: the QAPI integer type when it is sized (`uint16`, `size`, ...). */
  width?: IntWidth;
}

/** A string enumeration written inline (`[ a | b ]`, `Possible values: ...`, `"a" - text` lists). */
export interface EnumType {
  kind: 'enum';
  values: EnumValue[];
  docType?: string;
}

export interface EnumValue {
  name: string;
  description?: string;
  since?: string;
  features?: Feature[];
  if?: Condition;
}

/** An inline structure. `open` = further members are allowed (e.g. "device properties"). */
export interface ObjectType {
  kind: 'object';
  members: Member[];
  open: boolean;
  docType?: string;
  /**
   * When the object is a union (a command whose arguments are one, e.g. `blockdev-add`):
   * `members` are the common members, `open` is true, and this says which discriminator value
   * adds which members. Emitters that do not use it still describe the object correctly, if
   * loosely.
   */
  union?: { discriminator: string; variants: UnionVariant[] };
}

export interface ArrayType {
  kind: 'array';
  items: TypeRef;
  docType?: string;
}

/** A reference to an entry of `Model.types`. */
export interface RefType {
  kind: 'ref';
  name: string;
  docType?: string;
}

/** A value that may be any one of several types (QAPI alternate, or a doc's `json-int or json-string`). */
export interface AlternateType {
  kind: 'alternate';
  of: TypeRef[];
  docType?: string;
}

export type TypeRef = ScalarType | EnumType | ObjectType | ArrayType | RefType | AlternateType;

/** An argument of a command, a member of a returned or nested structure, or event data member. */
export interface Member {
  /** The wire name exactly as on the wire (`cpu-index`, `tray_open`). */
  name: string;
  type: TypeRef;
  optional: boolean;
  /** Default when stated by the docs, as a JSON value where it parses as one, else the text. */
  default?: unknown;
  description: string;
  since?: string;
  deprecated?: boolean;
  features?: Feature[];
  if?: Condition;
  position: SourcePosition;
  provenance?: Provenance[];
  /**
   * How the member is known, when not from its own documentation (absent = `documented`):
   * `dispatch` = only QEMU's C dispatch table (`.args_type`) names it; `example` = inferred
   * from a documentation example (then never required); `referenced` = its structure is only
   * a QAPI type the text names.
   */
  evidence?: Evidence;
}

/** See `Member.evidence`. */
export type Evidence = 'documented' | 'dispatch' | 'example' | 'referenced';

/** Named types (QAPI-style). The text docs produce few; QAPI and introspection will fill many. */
export type NamedType =
  | ({ kind: 'struct'; base?: string; members: Member[]; open?: boolean } & NamedCommon)
  | ({ kind: 'enum'; values: EnumValue[] } & NamedCommon)
  | ({ kind: 'union'; base?: string; discriminator?: string; members: Member[]; variants: UnionVariant[] } & NamedCommon)
  | ({ kind: 'alternate'; of: TypeRef[] } & NamedCommon);

export interface NamedCommon {
  name: string;
  description: string;
  since?: string;
  features?: Feature[];
  if?: Condition;
  origin: Origin;
  position?: SourcePosition;
  provenance?: Provenance[];
}

export interface UnionVariant {
  /** Discriminator value. */
  value: string;
  type: TypeRef;
  if?: Condition;
}

/** One message of an example transcript. */
export interface ExampleMessage {
  /** `->` client to server; `<-` server to client (a reply or an event). */
  direction: 'client' | 'server';
  /** What the message is, judged from its parsed value. */
  role: 'request' | 'reply' | 'error' | 'event' | 'greeting' | 'unknown';
  /** The message text exactly as in the docs (without the arrow). */
  raw: string;
  /** The value read tolerantly from `raw`; absent when it could not be read at all. */
  value?: unknown;
  /** What tolerance was needed to read it (e.g. `trailing-comma`, `placeholder`, `nbsp`). */
  repairs: string[];
  /** True when the text elides content (`...`, `{...more...}`): not a complete message. */
  elided: boolean;
  position: SourcePosition;
}

export interface Example {
  /** A caption when the docs gave one (`1. Change VNC password`). */
  title?: string;
  messages: ExampleMessage[];
  position: SourcePosition;
}

export type CommandSection = 'regular' | 'query' | 'other';

export interface Command {
  /** The wire name: what goes in `execute`. */
  name: string;
  /** The heading text as written, when it differs from `name` (e.g. heading `dump`). */
  heading?: string;
  section: CommandSection;
  /** First sentence or paragraph: the one-line summary. */
  summary: string;
  description: string;
  /**
   * The `arguments` object. `members: []` and `open: false` for "Arguments: None."; an
   * absent `Arguments:` block is recorded as `argumentsStated: false` with the same empty object.
   */
  arguments: ObjectType;
  argumentsStated: boolean;
  /** The `return` value; absent when the command returns `{}` (nothing). */
  returns?: TypeRef;
  notes: string[];
  examples: Example[];
  since?: string;
  features?: Feature[];
  if?: Condition;
  /** QAPI `Errors:` section, one entry per paragraph/item. */
  errors?: string[];
  /** QAPI `Returns:` section text, when the schema has one. */
  returnsDescription?: string;
  /** QAPI command flags; each key is present only when the schema sets it. */
  flags?: CommandFlags;
  origin: Origin;
  position: SourcePosition;
  provenance?: Provenance[];
}

export interface CommandFlags {
  /** `'gen': false` (or 1.x's `'no'`): arguments are not checked by QEMU (free-form). */
  gen?: false;
  /** `'success-response': false`: QEMU sends no reply on success. */
  successResponse?: false;
  allowOob?: true;
  allowPreconfig?: true;
  coroutine?: true;
  /** `'boxed': true`: the arguments are the members of one named type. */
  boxed?: true;
}

export interface Event {
  name: string;
  heading?: string;
  summary: string;
  description: string;
  /** The `data` object; absent when the event carries no data ("Data: None."). */
  data?: ObjectType;
  notes: string[];
  examples: Example[];
  since?: string;
  features?: Feature[];
  if?: Condition;
  /** QAPI `'boxed': true`. */
  boxed?: true;
  origin: Origin;
  position: SourcePosition;
  provenance?: Provenance[];
}

export interface SourceFile {
  /** Path as given (relative to cwd where possible), used in every position. */
  path: string;
  /**
   * What the file is, detected from its content: legacy `commands`/`events` documents; a QAPI
   * `schema` root or an included `module`; a saved or live `introspection` reply.
   */
  role: 'commands' | 'events' | 'schema' | 'module' | 'introspection';
  /**
   * `txt` = qmp-commands.txt / qmp-events.txt; `hx` = qmp-commands.hx / qemu-monitor.hx;
   * `qapi` = QAPI schema language; `json` = query-qmp-schema as JSON.
   */
  format: 'txt' | 'hx' | 'qapi' | 'json';
  /** SHA-256 of the bytes read, for provenance headers (no timestamps anywhere). */
  sha256: string;
}

/** What the inputs say about the QEMU they describe, when they say it. */
export interface ReleaseInfo {
  /** QEMU version (`7.2.0`), from a VERSION file, `query-version` or the user. */
  qemuVersion?: string;
  /** The target the model was narrowed to (`x86_64`), when it was. */
  target?: string;
}

export interface Model {
  modelVersion: typeof MODEL_VERSION;
  /** Absent for legacy docs, which do not say. */
  release?: ReleaseInfo;
  sources: SourceFile[];
  /** Sorted by name. */
  commands: Command[];
  /** Sorted by name. */
  events: Event[];
  /** Sorted by name. */
  types: NamedType[];
  /**
   * Present when the model is the latest of several releases (generator/history/annotate.ts):
   * the releases compared, and what older releases had that this one lacks. Every `since` of
   * such a model is then computed from the releases, not copied from the doc comments.
   */
  history?: ModelHistory;
}

/** What the multi-version history adds to the latest release's model. */
export interface ModelHistory {
  /** The releases the history was built from, oldest first. */
  releases: string[];
  /** Commands, events, types, members and enum values of older releases that this one lacks. */
  removed: RemovedItem[];
  /** Items and parts marked deprecated here, with the release that first marked them. */
  deprecated: Array<{ category: 'command' | 'event' | 'type'; name: string; member?: string; value?: string; since: string }>;
}

export interface RemovedItem {
  category: 'command' | 'event' | 'type';
  name: string;
  /** Set when a member (argument, data member, struct member) of a present item was removed. */
  member?: string;
  /** Set when an enum value of a present enum was removed. */
  value?: string;
  since: string;
  lastSeen: string;
  removedIn: string;
}
