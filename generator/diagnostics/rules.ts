/**
 * The catalogue of diagnostic rules. Every message qmp-codegen reports names one of these
 * ids; ids are stable (tools may filter on them), so rename nothing, only add.
 *
 * severity: `error` = the input could not be read as asked (exit 1);
 *           `warning` = a quirk in the docs, resolved with the best-supported reading;
 *           `info` = a note on a decision that needs no action.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface RuleInfo {
  severity: Severity;
  /** One line: what the rule means, for `--help` style listings and the README. */
  summary: string;
}

export const RULES = {
  // ---- input files -------------------------------------------------------------------
  'input-unreadable': { severity: 'error', summary: 'An input file could not be read (missing, a directory, not text).' },
  'input-unrecognised': { severity: 'error', summary: 'An input file is neither a QMP commands nor events document (.txt or .hx).' },
  'input-encoding': { severity: 'warning', summary: 'Input is not valid UTF-8; invalid bytes were replaced with U+FFFD.' },
  'input-role-mismatch': { severity: 'warning', summary: 'A file given as commands looks like events (or the reverse); its content decided.' },
  'hx-unterminated': { severity: 'warning', summary: 'An SQMP block in an .hx file has no closing EQMP; it runs to the end of the file.' },
  // ---- examples (generator/parse/examples.ts, tolerant-json.ts) -----------------------
  'example-json-repaired': { severity: 'warning', summary: 'An example message is not strict JSON; it was read with the listed repairs (missing comma, trailing comma, ...).' },
  'example-json-unreadable': { severity: 'warning', summary: 'An example message could not be read as JSON at all; it is kept as raw text without a value.' },
  'example-empty': { severity: 'warning', summary: 'An example arrow (`->` or `<-`) is followed by no message; it was skipped.' },
  'example-orphan': { severity: 'warning', summary: 'An example reply or error has no request before it in the same example.' },
  'example-direction': { severity: 'warning', summary: "An example message's arrow contradicts its content (a request from the server, a reply from the client)." },
  'example-unknown-message': { severity: 'info', summary: 'An example message is none of request, reply, error, event or greeting; its role is `unknown`.' },
  'example-stray-line': { severity: 'warning', summary: 'A JSON-like line in an example belongs to no message (no arrow, no open message); it was ignored.' },
  // ---- output / emitters -------------------------------------------------------------
  'name-collision': { severity: 'warning', summary: 'Two QMP names map to the same identifier; one was renamed.' },
  'name-reserved': { severity: 'info', summary: 'A QMP name maps to a reserved word or unsafe identifier; it was adjusted.' },
  'example-invalid': { severity: 'warning', summary: "A documentation example does not validate against the generated schema." },
  'schema-unresolved-type': { severity: 'warning', summary: 'A member refers to a named type the model does not define; its schema accepts any value.' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;
