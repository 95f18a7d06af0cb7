/**
 * QEMU schema types that the legacy docs name instead of a json-type (`NewImageMode`,
 * `BlockdevOnError`, ...) but never define. They are not QAPI builtins (those belong to the
 * QAPI language: generator/read/qapi-language.ts); they are types of QEMU's own QAPI schema,
 * so this reader supplies their shape from this table: names, enum values and member types
 * only (no descriptions). TypeRegistry (types.ts) enters each one used into the model with
 * `origin: 'qapi'` (where the definition comes from) at the position of the first doc line that
 * names it. When a QAPI schema is read in the same run, its definitions take precedence over
 * these (generator/assemble/: shape from qapi > legacy).
 */
export type KnownType = { kind: 'enum'; values: string[] } | { kind: 'struct'; members: [string, string, boolean][] };
export const KNOWN_QAPI_TYPES: Readonly<Record<string, KnownType>> = {
  NewImageMode: { kind: 'enum', values: ['existing', 'absolute-paths'] },
  BlockdevOnError: { kind: 'enum', values: ['report', 'ignore', 'enospc', 'stop'] },
  MirrorSyncMode: { kind: 'enum', values: ['top', 'full', 'none', 'incremental'] },
  MigrationStatus: {
    kind: 'enum',
    values: ['none', 'setup', 'cancelling', 'cancelled', 'active', 'postcopy-active', 'completed', 'failed', 'colo'],
  },
  DumpStatus: { kind: 'enum', values: ['none', 'active', 'completed', 'failed'] },
  ACPISlotType: { kind: 'enum', values: ['DIMM', 'CPU'] },
  ACPIOSTInfo: {
    kind: 'struct',
    members: [
      ['device', 'json-string', true],
      ['slot', 'json-string', false],
      ['slot-type', 'ACPISlotType', false],
      ['source', 'json-int', false],
      ['status', 'json-int', false],
    ],
  },
  DumpQueryResult: {
    kind: 'struct',
    members: [
      ['status', 'DumpStatus', false],
      ['completed', 'json-int', false],
      ['total', 'json-int', false],
    ],
  },
  GICCapability: {
    kind: 'struct',
    members: [
      ['version', 'json-int', false],
      ['emulated', 'json-bool', false],
      ['kernel', 'json-bool', false],
    ],
  },
};
