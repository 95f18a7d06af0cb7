/**
 * What every output says about a member that is not known from its own documentation
 * (`Member.evidence`): one sentence, the same in the JSON Schemas, the TypeScript JSDoc and
 * the Markdown pages. Plain words of our own; no doc text.
 */
import type { Member } from './types.js';

export function evidenceNote(m: Pick<Member, 'evidence'>): string | undefined {
  switch (m.evidence) {
    case 'example':
      return 'Inferred from a documentation example, not documented: optional, and its shape may be incomplete.';
    case 'dispatch':
      return "Not described in the text; known from QEMU's monitor dispatch table (args_type).";
    case 'referenced':
      return 'The text only names its QAPI type; its structure is not described.';
    default:
      return undefined;
  }
}
