/**
 * The output kinds, in emit order. A module of its own (no imports) so that the CLI can offer
 * them in `--help` without loading the emitters and their libraries.
 */
export const EMIT_KINDS = ['schema', 'typescript', 'markdown', 'model'] as const;
export type EmitKind = (typeof EMIT_KINDS)[number];
