import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import { RULES } from '../../generator/diagnostics/rules.js';
import type { Example } from '../../generator/model/types.js';
import { parseExamples, type ExampleLine } from '../../generator/read/legacy/examples.js';

const FILE = 'docs/widgets.txt';

/** Lines of `text`, numbered from `firstLine`. */
function linesOf(text: string, firstLine = 1): ExampleLine[] {
  return text.split('\n').map((t, k) => ({ text: t, line: firstLine + k }));
}

function run(lines: readonly ExampleLine[]): { examples: Example[]; diagnostics: string[] } {
  const file = new VFile({ path: FILE });
  const examples = parseExamples(lines, FILE, reporterFor(file));
  const diagnostics = file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);
  return { examples, diagnostics };
}

/** A compact, readable summary of examples: title and `direction role value` per message. */
function summary(examples: Example[]): { title?: string; messages: string[] }[] {
  return examples.map((e) => ({
    ...(e.title !== undefined ? { title: e.title } : {}),
    messages: e.messages.map(
      (m) => `${m.direction === 'client' ? '->' : '<-'} ${m.role} ${m.value === undefined ? '(unreadable)' : JSON.stringify(m.value)}${m.elided ? ' (elided)' : ''}`,
    ),
  }));
}

interface Row {
  name: string;
  text: string;
  examples: { title?: string; messages: string[] }[];
  diagnostics?: string[];
}

const rows: Row[] = [
  {
    name: 'one exchange',
    text: `
-> { "execute": "frob-widget" }
<- { "return": {} }`,
    examples: [{ messages: ['-> request {"execute":"frob-widget"}', '<- reply {"return":{}}'] }],
  },
  {
    name: 'numbered captions start examples',
    text: `
1. Spin the widget left

-> { "execute": "spin-widget", "arguments": { "way": "left" } }
<- { "return": {} }

2. Spin it right:

-> { "execute": "spin-widget", "arguments": { "way": "right" } }
<- { "return": {} }`,
    examples: [
      { title: 'Spin the widget left', messages: ['-> request {"execute":"spin-widget","arguments":{"way":"left"}}', '<- reply {"return":{}}'] },
      { title: 'Spin it right', messages: ['-> request {"execute":"spin-widget","arguments":{"way":"right"}}', '<- reply {"return":{}}'] },
    ],
  },
  {
    name: '"Example N (...)" captions',
    text: `
Example 1 (a plain gadget):

-> { "execute": "make-gadget" }
<- { "return": 1 }

Example (2):

-> { "execute": "make-gadget", "arguments": { "shiny": true } }
<- { "return": 2 }`,
    examples: [
      { title: 'a plain gadget', messages: ['-> request {"execute":"make-gadget"}', '<- reply {"return":1}'] },
      { messages: ['-> request {"execute":"make-gadget","arguments":{"shiny":true}}', '<- reply {"return":2}'] },
    ],
  },
  {
    name: 'blank lines alone keep one transcript',
    text: `
-> { "execute": "lock-gate" }
<- { "return": {} }

-> { "execute": "unlock-gate" }
<- { "return": {} }`,
    examples: [
      { messages: ['-> request {"execute":"lock-gate"}', '<- reply {"return":{}}', '-> request {"execute":"unlock-gate"}', '<- reply {"return":{}}'] },
    ],
  },
  {
    name: 'a message over several lines, braces inside strings not counted',
    text: `
-> { "execute": "label-crate",
     "arguments": { "text": "} not a brace {",
                    "sizes": [ 1,
                               2 ] } }
<- { "return": {} }`,
    examples: [
      { messages: ['-> request {"execute":"label-crate","arguments":{"text":"} not a brace {","sizes":[1,2]}}', '<- reply {"return":{}}'] },
    ],
  },
  {
    name: 'blank line inside a message, followed by its closing bracket',
    text: `
<- { "return": [

     ] }
-> { "execute": "next" }`,
    examples: [{ messages: ['<- reply {"return":[]}', '-> request {"execute":"next"}'] }],
    diagnostics: ['2:4 example-orphan'],
  },
  {
    name: 'bare events (no arrows), captioned by prose',
    text: `
Turned left:
{ "event": "WIDGET_TURNED",
    "data": { "way": "left" },
    "timestamp": { "seconds": 100, "microseconds": 5 } }

Turned right:
{ "event": "WIDGET_TURNED",
    "data": { "way": "right" },
    "timestamp": { "seconds": 101, "microseconds": 6 } }`,
    examples: [
      { title: 'Turned left', messages: ['<- event {"event":"WIDGET_TURNED","data":{"way":"left"},"timestamp":{"seconds":100,"microseconds":5}}'] },
      { title: 'Turned right', messages: ['<- event {"event":"WIDGET_TURNED","data":{"way":"right"},"timestamp":{"seconds":101,"microseconds":6}}'] },
    ],
  },
  {
    name: 'prose that does not introduce a message is ignored',
    text: `
-> { "execute": "ring-bell" }
<- { "return": {} }

The bell rings twice, as one would expect.`,
    examples: [{ messages: ['-> request {"execute":"ring-bell"}', '<- reply {"return":{}}'] }],
  },
  {
    name: 'prose before the first message becomes the title',
    text: `
Ring the bell once.

-> { "execute": "ring-bell" }
<- { "return": {} }`,
    examples: [{ title: 'Ring the bell once.', messages: ['-> request {"execute":"ring-bell"}', '<- reply {"return":{}}'] }],
  },
  {
    name: 'greeting and error reply',
    text: `
<- { "QMP": { "version": {}, "capabilities": [] } }
-> { "execute": "open-hatch" }
<- { "error": { "class": "GenericError", "desc": "the hatch is welded shut" } }`,
    examples: [
      {
        messages: [
          '<- greeting {"QMP":{"version":{},"capabilities":[]}}',
          '-> request {"execute":"open-hatch"}',
          '<- error {"error":{"class":"GenericError","desc":"the hatch is welded shut"}}',
        ],
      },
    ],
  },
  {
    name: 'an event in the middle of an exchange does not answer the request',
    text: `
-> { "execute": "drain-tank" }
<- { "event": "TANK_EMPTY", "timestamp": { "seconds": 1, "microseconds": 0 } }
<- { "return": {} }`,
    examples: [
      {
        messages: [
          '-> request {"execute":"drain-tank"}',
          '<- event {"event":"TANK_EMPTY","timestamp":{"seconds":1,"microseconds":0}}',
          '<- reply {"return":{}}',
        ],
      },
    ],
  },
  {
    name: 'arrow alone with the JSON on the next line',
    text: `
->
{ "execute": "ping-gadget" }
<- { "return": {} }`,
    examples: [{ messages: ['-> request {"execute":"ping-gadget"}', '<- reply {"return":{}}'] }],
  },
  // ---- tolerance, with diagnostics -----------------------------------------------------
  {
    name: 'missing comma and trailing comma',
    text: `
-> { "execute": "paint-fence" }
<- { "return": { "colour": "green"
                 "coats": 2, } }`,
    examples: [{ messages: ['-> request {"execute":"paint-fence"}', '<- reply {"return":{"colour":"green","coats":2}}'] }],
    diagnostics: ['4:18 example-json-repaired'],
  },
  {
    name: 'placeholders elide without a diagnostic',
    text: `
-> { "execute": "list-bolts" }
<- { "return": [ { "size": 4 },
                 {...more...},
                 [ ... and so on ... ] ] }`,
    examples: [{ messages: ['-> request {"execute":"list-bolts"}', '<- reply {"return":[{"size":4}]} (elided)'] }],
  },
  {
    name: 'stray quote after the message, on the closing line',
    text: `
-> { "execute": "count-nuts" }
<- { "return": [ 1,
     2 ]}'`,
    examples: [{ messages: ['-> request {"execute":"count-nuts"}', '<- reply {"return":[1,2]}'] }],
    diagnostics: ['4:10 example-json-repaired'],
  },
  {
    name: 'extra closing line right after a message stays with it',
    text: `
<- { "event": "DOOR_SHUT" }
   }`,
    examples: [{ messages: ['<- event {"event":"DOOR_SHUT"}'] }],
    diagnostics: ['3:4 example-json-repaired'],
  },
  {
    name: 'unbalanced message ends at a blank line before prose',
    text: `
-> { "execute": "fill-jar", "arguments": { "beans": 12 }

Afterwards the jar is full.`,
    examples: [{ messages: ['-> request {"execute":"fill-jar","arguments":{"beans":12}}'] }],
    diagnostics: ['2:57 example-json-repaired'], // the missing '}' belongs just after the text
  },
  {
    name: 'no-break space and single quotes',
    text: `
-> { 'execute': 'tune-radio',\u00a0"arguments": { "band": 'fm' } }
<- { "return": {} }`,
    examples: [{ messages: ['-> request {"execute":"tune-radio","arguments":{"band":"fm"}}', '<- reply {"return":{}}'] }],
    diagnostics: ['2:6 example-json-repaired'],
  },
  {
    name: 'a literal CR LF splits a string over two lines',
    text: `
-> { "execute": "read-dial" }
<- { "return": "dial at 7\r
" }
-> { "execute": "read-dial" }
<- { "return": "dial at 8
" }
-> { "execute": "stop" }`,
    examples: [
      {
        messages: [
          '-> request {"execute":"read-dial"}',
          '<- reply {"return":"dial at 7\\r\\n"}',
          '-> request {"execute":"read-dial"}',
          '<- reply {"return":"dial at 8\\n"}',
          '-> request {"execute":"stop"}',
        ],
      },
    ],
    diagnostics: ['3:26 example-json-repaired', '6:26 example-json-repaired'],
  },
  {
    name: 'unreadable message: kept without value, reported where it failed',
    text: `
-> the client asks politely
<- { "return": {} }`,
    examples: [{ messages: ['-> unknown (unreadable)', '<- reply {"return":{}}'] }],
    diagnostics: ['2:4 example-json-unreadable', '3:4 example-orphan'],
  },
  {
    name: 'arrow with nothing after it',
    text: `
-> { "execute": "stop-clock" }
<-

Then nothing happens.`,
    examples: [{ messages: ['-> request {"execute":"stop-clock"}'] }],
    diagnostics: ['3:1 example-empty'],
  },
  {
    name: 'reply with no request before it',
    text: `
<- { "return": { "ticks": 3 } }`,
    examples: [{ messages: ['<- reply {"return":{"ticks":3}}'] }],
    diagnostics: ['2:4 example-orphan'],
  },
  {
    name: 'arrow contradicting the content',
    text: `
<- { "execute": "wind-clock" }
-> { "return": {} }`,
    examples: [{ messages: ['<- request {"execute":"wind-clock"}', '-> reply {"return":{}}'] }],
    diagnostics: ['2:4 example-direction', '3:4 example-direction'],
  },
  {
    name: 'message of no known kind',
    text: `
-> { "command": "hum" }`,
    examples: [{ messages: ['-> unknown {"command":"hum"}'] }],
    diagnostics: ['2:4 example-unknown-message'],
  },
  {
    name: 'JSON-like line outside any message',
    text: `
-> { "execute": "drop-pin" }

   "pin": 3 }
<- { "return": {} }`,
    examples: [{ messages: ['-> request {"execute":"drop-pin"}', '<- reply {"return":{}}'] }],
    diagnostics: ['4:4 example-stray-line'],
  },
  {
    name: 'request closed too early, its arguments on the next line',
    text: `
-> { "execute": "drop-pin" }
     "arguments": { "pin": 3 } }
<- { "return": {} }`,
    examples: [{ messages: ['-> request {"execute":"drop-pin","arguments":{"pin":3}}', '<- reply {"return":{}}'] }],
    diagnostics: ['2:28 example-json-repaired'],
  },
  {
    name: 'request closed too early with a comma, its arguments on the next lines',
    text: `
-> {"execute": "drop-pin"},
    "arguments": { "pin": 3,
                   "depth": 1 } }
<- { "return": {} }`,
    examples: [{ messages: ['-> request {"execute":"drop-pin","arguments":{"pin":3,"depth":1}}', '<- reply {"return":{}}'] }],
    diagnostics: ['2:26 example-json-repaired'],
  },
  {
    name: 'a member line at the same indentation is not a continuation',
    text: `
-> { "execute": "drop-pin" }
"pin": 3 }`,
    examples: [{ messages: ['-> request {"execute":"drop-pin"}'] }],
    diagnostics: ['3:1 example-stray-line'],
  },
  {
    name: 'empty region',
    text: `

`,
    examples: [],
  },
];

describe('parseExamples', () => {
  it.each(rows)('$name', ({ text, examples, diagnostics = [] }) => {
    const result = run(linesOf(text));
    expect(summary(result.examples)).toEqual(examples);
    expect(result.diagnostics).toEqual(diagnostics);
  });

  it('keeps raw text exactly as written, without the arrow, and its span', () => {
    const text = `
Example 3:

->   { "execute": "stack-boxes",
       "arguments": { "count": 2 } }
<- { "return": {} }`;
    const [example] = run(linesOf(text, 40)).examples;
    const [request, reply] = example!.messages;
    expect(request!.raw).toBe('{ "execute": "stack-boxes",\n       "arguments": { "count": 2 } }');
    expect(request!.position).toEqual({ file: FILE, line: 43, column: 6, endLine: 44, endColumn: 37 });
    expect(reply!.raw).toBe('{ "return": {} }');
    expect(reply!.position).toEqual({ file: FILE, line: 45, column: 4, endLine: 45, endColumn: 20 });
    expect(example!.position).toEqual({ file: FILE, line: 41, column: 1, endLine: 45, endColumn: 20 });
    expect(request!.repairs).toEqual([]);
    expect(request!.elided).toBe(false);
  });

  it('maps positions through given line numbers and start columns (.hx)', () => {
    // Lines 7 and 9 of the source; a gap where the caller dropped a line; text starts at column 3.
    const lines: ExampleLine[] = [
      { text: '-> { "execute": "wave-flag",', line: 7, column: 3 },
      { text: '     "arguments": { "times": 2 "speed": 1 } }', line: 9, column: 3 },
    ];
    const { examples, diagnostics } = run(lines);
    expect(examples[0]!.messages[0]!.position).toEqual({ file: FILE, line: 7, column: 6, endLine: 9, endColumn: 48 });
    expect(diagnostics).toEqual(['9:34 example-json-repaired']);
  });

  it('says what was repaired, and where', () => {
    const file = new VFile({ path: FILE });
    parseExamples(linesOf('-> { "execute": "sum" }\n<- { "return": [ 1 2, ] }'), FILE, reporterFor(file));
    expect(file.messages.map((m) => m.reason)).toEqual([
      'Example message is not strict JSON; it was read with repairs: missing-comma at 2:20, trailing-comma at 2:21',
    ]);
  });

  it('records repairs and elision on the message', () => {
    const { examples } = run(linesOf(`<- { "return": [ { "id": 1 } { "id": 2 }, ... ] }`));
    expect(examples[0]!.messages[0]).toMatchObject({ repairs: ['missing-comma', 'placeholder'], elided: true });
  });

  it('reports only catalogued rules', () => {
    const file = new VFile({ path: FILE });
    for (const r of rows) parseExamples(linesOf(r.text), FILE, reporterFor(file));
    for (const m of file.messages) expect(Object.keys(RULES)).toContain(m.ruleId);
  });
});

describe('parseExamples never throws, never loses a message', () => {
  const piece = fc.constantFrom(
    '-> { "execute": "x" }',
    '<- { "return": {} }',
    '->',
    '<-',
    '-> {',
    '<- { "return": [',
    '   ] }',
    '}',
    ']',
    '"k": 1,',
    '{ "event": "E" }',
    '',
    '   ',
    '1. A caption',
    'Example (2):',
    'Some prose here.',
    '  indented prose',
    '...',
    "]}'",
    '\u00a0',
  );
  const lineArb = fc.oneof(piece, fc.string({ maxLength: 30 }));

  it('on random line soups', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), (texts) => {
        const lines = texts.map((text, k) => ({ text, line: k + 1 }));
        const file = new VFile({ path: FILE });
        const examples = parseExamples(lines, FILE, reporterFor(file));
        const rules = file.messages.map((m) => m.ruleId);
        const messages = examples.flatMap((e) => e.messages);
        // Every arrow line starts a message or is reported as empty.
        const arrows = texts.filter((t) => /^\s*(->|<-)/.test(t)).length;
        const empties = rules.filter((r) => r === 'example-empty').length;
        expect(messages.length).toBeGreaterThanOrEqual(arrows - empties);
        // Every message has a value or an unreadable diagnostic.
        expect(messages.filter((m) => m.value === undefined).length).toBe(rules.filter((r) => r === 'example-json-unreadable').length);
        for (const m of messages) {
          expect(m.position.line).toBeGreaterThanOrEqual(1);
          expect(m.position.line).toBeLessThanOrEqual(lines.length);
          expect(m.position.endLine!).toBeGreaterThanOrEqual(m.position.line);
        }
        for (const e of examples) expect(e.messages.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('on a long unbalanced message (no quadratic re-reading)', () => {
    const lines = [{ text: '-> {', line: 1 }, ...Array.from({ length: 20_000 }, (_, k) => ({ text: `  "k${k}": [`, line: k + 2 }))];
    const { examples, diagnostics } = run(lines);
    expect(examples[0]!.messages).toHaveLength(1);
    // Deeper than the nesting limit: reported where the limit was crossed.
    expect(diagnostics).toEqual(['1001:11 example-json-unreadable']);
  });
});
