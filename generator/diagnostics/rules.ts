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
  'input-too-large': { severity: 'error', summary: 'An input file is over the size limit (8 MiB); it was not read.' },
  'input-encoding': { severity: 'warning', summary: 'Input is not valid UTF-8; invalid bytes were replaced with U+FFFD.' },
  'input-role-mismatch': { severity: 'warning', summary: 'A file given as commands looks like events (or the reverse); its content decided.' },
  'hx-unterminated': { severity: 'warning', summary: 'An SQMP block in an .hx file has no closing EQMP; it runs to the end of the file.' },
  // ---- parser (generator/read/legacy/**) -----------------------------------------------------
  'hx-stray-eqmp': { severity: 'warning', summary: 'An EQMP line in an .hx file closes no SQMP block; it was ignored.' },
  'heading-no-underline': { severity: 'warning', summary: 'A command or event name stands alone on its line without a "----" underline; it was read as a heading because an entry body follows.' },
  'heading-underline-length': { severity: 'info', summary: 'A heading underline is longer or shorter than the heading text; the heading was read all the same.' },
  'heading-no-blank-line': { severity: 'info', summary: 'A heading follows the previous text without a blank line; the text above stays with the previous entry.' },
  'heading-at-sign': { severity: 'warning', summary: 'A heading carries a stray "@" before the name (QAPI doc syntax); it was stripped.' },
  'heading-multiple-names': { severity: 'warning', summary: 'One heading names several events ("A, B"); each gets the same documentation.' },
  'heading-from-example': { severity: 'warning', summary: 'A heading is prose or differs from what its example executes; the wire name was taken from the example.' },
  'heading-unresolved': { severity: 'warning', summary: 'A heading names no command or event and no example tells which; no entry was made from it.' },
  'duplicate-command': { severity: 'warning', summary: 'A command is documented twice; the first entry is kept.' },
  'duplicate-event': { severity: 'warning', summary: 'An event is documented twice; the first entry is kept.' },
  'duplicate-type': { severity: 'warning', summary: 'One input defines a named type twice; the first definition is kept.' },
  'member-duplicate': { severity: 'warning', summary: 'A member list names the same member twice; the first is kept.' },
  'argument-unparsed': { severity: 'warning', summary: 'A list item under Arguments:/Data: (or a return list) names no member; it was ignored.' },
  'argument-type-missing': { severity: 'warning', summary: 'A member states no type and no example shows one; any JSON value is accepted.' },
  'argument-type-inferred': { severity: 'warning', summary: "A member states no type; the type shown by the example's value was used." },
  'member-too-deep': { severity: 'warning', summary: 'Members are nested more than 16 levels deep; the deeper ones are read as an object with any members.' },
  'member-nested-ignored': { severity: 'warning', summary: 'A member with a scalar type has nested member items (variants); they were ignored.' },
  'members-unlabelled': { severity: 'warning', summary: 'A member list has no Arguments:/Data: label or return introduction; where it was attached is said.' },
  'type-unknown': { severity: 'warning', summary: 'A member names a QAPI type qmp-codegen does not know; any JSON value is accepted.' },
  'type-spelling': { severity: 'info', summary: 'A member type is spelled loosely (json_string, int, josn-string); it was read as the json-* type meant.' },
  'data-none-with-members': { severity: 'warning', summary: 'An event says "Data: None." but lists data members after it; the members were used.' },
  'event-data-type': { severity: 'info', summary: "An event's data is documented only as a named QAPI type, not member by member; any data members are accepted." },
  'return-members-unattached': { severity: 'warning', summary: 'A description of a nested returned object matches no returned member; it was not used.' },
  'returns-inferred': { severity: 'warning', summary: 'The return value is not described in the text; the type shown by the example reply was used.' },
  'returns-array-from-example': { severity: 'warning', summary: 'The text describes one returned object but the example reply is an array of them; the return is an array.' },
  'arguments-inferred': { severity: 'warning', summary: 'The arguments are not documented (or the unlabelled list contradicts the example); the arguments the example passes were used.' },
  'members-variant': { severity: 'info', summary: 'A list item names members that exist only on some machines or variants; they were read as optional members.' },
  'argument-optional-from-example': { severity: 'warning', summary: 'A member (argument, return or data member) documented as required is left out by an example; it was read as optional.' },
  'arguments-alternatives': { severity: 'warning', summary: 'Two arguments name the same thing two ways (a block device by "device" or by "node-name"), both documented as required, and an example leaves one out; both were read as optional.' },
  'member-type-from-example': { severity: 'warning', summary: "A member's documented structure is contradicted by the example's value (e.g. strings where objects are described); the example's shape was used." },
  'enum-value-unlisted': { severity: 'warning', summary: "An example gives a member a value its documented enumeration does not list; the member was read as any string." },
  'returns-conflict': { severity: 'warning', summary: 'The text and the example reply disagree on the kind of return value; the example was followed.' },
  // ---- dispatch table (generator/read/legacy/dispatch.ts, dispatch-reconcile.ts) ------------
  'dispatch-entry-malformed': { severity: 'warning', summary: 'A C dispatch table entry (.name, .args_type, ...) could not be read, or one args_type item is not name:TYPE; it was ignored.' },
  'dispatch-type-unknown': { severity: 'warning', summary: 'An args_type item has a type letter no QEMU monitor knows; the argument accepts any JSON value.' },
  'dispatch-argument-missing': { severity: 'warning', summary: 'The dispatch table checks an argument the text does not document; it was added with the kind and optionality of the table.' },
  'dispatch-argument-unknown': { severity: 'warning', summary: 'The text documents an argument the dispatch table does not have (and the table accepts no others); QEMU rejects it, so it was dropped.' },
  'dispatch-argument-renamed': { severity: 'warning', summary: "The text spells an argument's name differently from the dispatch table; the table's name (what QEMU checks) was used, with the text's description." },
  'dispatch-kind': { severity: 'warning', summary: "The text gives an argument a JSON kind the dispatch table does not accept (or none); the table's kind was used." },
  'dispatch-optional': { severity: 'warning', summary: "The text and the dispatch table disagree on whether an argument is optional; the table's (what QEMU enforced) was used." },
  'dispatch-open': { severity: 'warning', summary: 'The text and the dispatch table disagree on whether arguments of other names are accepted (args_type "O"); the table was followed.' },
  'dispatch-undocumented': { severity: 'info', summary: 'A dispatch table entry has no documentation entry in the text; no command was made from it.' },
  // ---- examples (generator/read/legacy/examples.ts, tolerant-json.ts) -----------------------
  'example-json-repaired': { severity: 'warning', summary: 'An example message is not strict JSON; it was read with the listed repairs (missing comma, trailing comma, ...).' },
  'example-json-unreadable': { severity: 'warning', summary: 'An example message could not be read as JSON at all; it is kept as raw text without a value.' },
  'example-empty': { severity: 'warning', summary: 'An example arrow (`->` or `<-`) is followed by no message; it was skipped.' },
  'example-orphan': { severity: 'warning', summary: 'An example reply or error has no request before it in the same example.' },
  'example-direction': { severity: 'warning', summary: "An example message's arrow contradicts its content (a request from the server, a reply from the client)." },
  'example-unknown-message': { severity: 'info', summary: 'An example message is none of request, reply, error, event or greeting; its role is `unknown`.' },
  'example-stray-line': { severity: 'warning', summary: 'A JSON-like line in an example belongs to no message (no arrow, no open message); it was ignored.' },
  // ---- QAPI schema reader (generator/read/qapi/**) -------------------------------------
  'qapi-syntax': { severity: 'error', summary: 'QAPI schema text that cannot be read (unterminated string, stray character, unclosed expression); the expression was skipped.' },
  'qapi-missing-comma': { severity: 'warning', summary: 'A comma is missing between two members or list items of a QAPI schema (accepted by QEMU 1.x); read as if it were there.' },
  'qapi-trailing-comma': { severity: 'warning', summary: 'A QAPI object or list ends with a comma (accepted by QEMU 1.x); the comma was ignored.' },
  'qapi-tab': { severity: 'info', summary: 'A QAPI schema file uses a tab between tokens; it was read as a space (reported once per file).' },
  'qapi-duplicate-key': { severity: 'warning', summary: 'A key appears twice in one QAPI object; the first is used.' },
  'qapi-expression-invalid': { severity: 'error', summary: 'A QAPI expression defines nothing recognisable (no command/event/struct/... key, or no name); it was skipped.' },
  'qapi-unknown-key': { severity: 'warning', summary: 'A QAPI definition carries a key the language does not have for it; the key was ignored.' },
  'qapi-invalid': { severity: 'warning', summary: 'A part of a QAPI definition has the wrong shape (a type that is not a name, data that is not an object, ...); what was decided is said.' },
  'qapi-bool-string': { severity: 'warning', summary: "A QAPI flag is written 'no'/'yes' (QEMU 1.x spelling) instead of false/true; read as the boolean." },
  'qapi-duplicate-definition': { severity: 'warning', summary: 'A QAPI name is defined twice; the first definition is kept.' },
  'qapi-include-missing': { severity: 'warning', summary: 'A QAPI include names a file that was not read; its definitions are missing from the model.' },
  'qapi-condition': { severity: 'warning', summary: "A QAPI 'if' condition could not be read; it was kept as written or ignored, as said." },
  'qapi-doc-symbol': { severity: 'info', summary: 'A QAPI doc comment names another symbol than the definition after it; it was used for that definition.' },
  'qapi-doc-duplicate': { severity: 'warning', summary: 'A QAPI doc comment describes the same member or feature twice; the first description is kept.' },
  // ---- assemble (generator/assemble/**) ---------------------------------------------------
  'docs-filled': { severity: 'info', summary: 'Legacy docs and a QAPI schema given together: for an item the text documents, the schema gave the shape and what the text lacks (members, optionality, types, Since, descriptions); each fill is named, at the text.' },
  'docs-added': { severity: 'info', summary: 'Legacy docs and a QAPI schema given together: the schema adds commands, events and types the text does not document; they are counted and named once.' },
  // ---- introspection (generator/read/introspection/**, generator/sources/live.ts) ------
  'introspection-invalid': { severity: 'error', summary: 'A query-qmp-schema reply is not JSON, or not an array of SchemaInfo entries (bare or as {"return": [...]}); it was not read.' },
  'introspection-entry-invalid': { severity: 'warning', summary: 'A SchemaInfo entry lacks its name or meta-type, or has one qmp-codegen does not know; it was skipped.' },
  'introspection-duplicate': { severity: 'warning', summary: 'Two SchemaInfo entries have the same name; the first is kept.' },
  'introspection-unknown-type': { severity: 'warning', summary: 'A SchemaInfo entry refers to a type name the reply does not define; any JSON value is accepted there.' },
  'introspection-unused-type': { severity: 'info', summary: 'A type of the reply is used by no command, event or other type; it gets no name and is not emitted.' },
  'introspection-name-derived': { severity: 'info', summary: 'Two introspected types would get the same name from where they are used; one got a numeric suffix.' },
  'introspection-names-only': { severity: 'warning', summary: 'The QEMU has no query-qmp-schema (before 2.5): commands and events are known by name only (query-commands / query-events); arguments and results are untyped.' },
  'introspection-qapi-only': { severity: 'info', summary: 'The QAPI schema has a command, event, member or value that the introspected QEMU lacks (e.g. another target, or configured out); it was left out.' },
  'introspection-only': { severity: 'warning', summary: 'The introspected QEMU has a command, event, member or value the QAPI schema lacks (another release?); it was kept with derived names and no docs.' },
  'introspection-qapi-mismatch': { severity: 'warning', summary: 'An introspected item and its QAPI counterpart disagree (type kind, optionality); the introspection, which is what the QEMU accepts, was followed.' },
  'live-qemu': { severity: 'error', summary: 'A live QEMU (--qemu / --qmp) could not be started, reached or introspected; nothing was generated from it.' },
  // ---- output / emitters -------------------------------------------------------------
  'name-collision': { severity: 'warning', summary: 'Two QMP names map to the same identifier; one was renamed.' },
  'name-reserved': { severity: 'info', summary: 'A QMP name maps to a reserved word or unsafe identifier; it was adjusted.' },
  'example-invalid': { severity: 'warning', summary: "A documentation example does not validate against the generated schema." },
  'schema-unresolved-type': { severity: 'warning', summary: 'A member refers to a named type the model does not define; its schema accepts any value.' },
  // ---- history (generator/history/**) -------------------------------------------------
  'history-source-empty': { severity: 'error', summary: 'A release folder given to --history/compat has no QAPI schema (qapi-schema.json, qapi/qapi-schema.json) and no legacy docs (qmp-commands.txt, qmp-events.txt); it was skipped.' },
  'history-version-unknown': { severity: 'error', summary: "A release folder's version could not be told (no VERSION file, no version in the folder name, no --history-version); it was skipped." },
  'history-version-duplicate': { severity: 'warning', summary: 'Two release folders have the same version; the first given was used.' },
  'history-reader-missing': { severity: 'error', summary: 'A release folder has only a QAPI schema and this build has no QAPI reader; it was skipped.' },
  // ---- reliability (output folder, terminal, names); kept in one block -------------------
  'output-unsafe-path': { severity: 'error', summary: 'An output path would leave --out or has a name over 255 bytes; nothing was written.' },
  'output-symlink': { severity: 'error', summary: 'A path below --out passes through a symbolic link; qmp-codegen never writes or deletes through one, so nothing was written.' },
  'output-foreign': { severity: 'error', summary: '--out holds files but no manifest of qmp-codegen (it did not create the folder); nothing was written (--force writes anyway).' },
  'output-locked': { severity: 'error', summary: 'Another qmp-codegen run is writing the same --out (its pid is named); nothing was written.' },
  'output-failed': { severity: 'error', summary: 'Writing the output failed (disk full, name refused, ...); every change was undone, the previous output is intact.' },
  'output-manifest-entry': { severity: 'warning', summary: 'A stale file listed in the manifest was not removed (a folder, a symbolic link on its path, or an unsafe path).' },
  'input-line-separator': { severity: 'warning', summary: 'The input contains U+2028/U+2029 (line breaks to JavaScript and some Markdown tools); text around it, a member name included, may be read differently.' },
  'name-proto-member': { severity: 'warning', summary: 'A member is named "__proto__": an object literal sets the prototype instead, so it must be passed as a computed key.' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;
