/**
 * The output kinds, in emit order. A module of its own (no imports) so that the CLI can offer
 * them in `--help` without loading the emitters and their libraries.
 */
export { EMIT_KINDS, type EmitKind } from '../options.js';
