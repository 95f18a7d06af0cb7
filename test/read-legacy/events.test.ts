import { describe, expect, it } from 'vitest';
import { doc, event, only, parse, shape } from './helpers.js';

const EVENT_RULES = ['data-none-with-members', 'heading-multiple-names', 'event-data-type', 'members-unlabelled', 'argument-type-inferred'];

describe('events', () => {
  const cases: { name: string; text: string; events: Record<string, unknown>; diags: string[] }[] = [
    {
      name: 'Data: list with nested members',
      text: doc(
        'WIDGET_SPUN',
        '-----------',
        '',
        'Emitted when the widget spins.',
        '',
        'Data:',
        '',
        '- "speed": how fast (json-int)',
        '- "spinner": who spun it (json-object)',
        '  - "name": their name (json-string)',
        '  - "hand": which hand (json-string, optional)',
        '',
        'Example:',
        '',
        '{ "event": "WIDGET_SPUN", "data": { "speed": 3, "spinner": { "name": "ann" } } }',
      ),
      events: { WIDGET_SPUN: { object: { speed: 'int', spinner: { object: { name: 'string', 'hand?': 'string' } } } } },
      diags: [],
    },
    {
      name: 'Data: None.',
      text: doc('WIDGET_STOPPED', '--------------', '', 'Emitted when it stops.', '', 'Data: None.', '', 'Example:', '', '{ "event": "WIDGET_STOPPED" }'),
      events: { WIDGET_STOPPED: undefined },
      diags: [],
    },
    {
      name: 'Data: None. followed by members',
      text: doc('WIDGET_MOVED', '------------', '', 'Emitted when it moves.', '', 'Data: None.', '', ' - "where": new place (json-string)'),
      events: { WIDGET_MOVED: { object: { where: 'string' } } },
      diags: ['6:7 data-none-with-members'],
    },
    {
      name: 'two names in one heading',
      text: doc('WIDGET_ON, WIDGET_OFF', '---------------------', '', 'Emitted when it is switched.', '', 'Data:', '', '- "why": reason (json-string)'),
      events: { WIDGET_OFF: { object: { why: 'string' } }, WIDGET_ON: { object: { why: 'string' } } },
      diags: ['1:1 heading-multiple-names'],
    },
    {
      name: 'data documented as a known QAPI struct',
      text: doc('WIDGET_GIC', '----------', '', 'Emitted with capability data.', '', ' - data: GICCapability type as described elsewhere'),
      events: { WIDGET_GIC: { object: {}, open: true } },
      diags: ['6:4 event-data-type'],
    },
    {
      name: 'untyped member inferred from the event example',
      text: doc('WIDGET_TILT', '-----------', '', 'Emitted when tilted.', '', 'Data:', '', '- "angle": the angle', '', '{ "event": "WIDGET_TILT", "data": { "angle": 1.5 } }'),
      events: { WIDGET_TILT: { object: { angle: 'number' } } },
      diags: ['8:3 argument-type-inferred'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = parse(c.text, { path: 'qmp-events.txt' });
      expect(r.model.sources[0]?.role).toBe('events');
      expect(r.model.events.map((e) => e.name)).toEqual(Object.keys(c.events).sort());
      for (const [name, data] of Object.entries(c.events)) {
        const e = event(r.model, name);
        expect(e.data ? shape(e.data) : undefined).toEqual(data);
      }
      expect(only(r.diags, ...EVENT_RULES)).toEqual(c.diags);
    });
  }

  it('keeps examples, summary and notes', () => {
    const r = parse(
      doc('WIDGET_SPUN', '-----------', '', 'Emitted when the widget spins. Rarely.', '', 'Data: None.', '', 'Example:', '', '{ "event": "WIDGET_SPUN",', '  "timestamp": { "seconds": 1, "microseconds": 2 } }', '', 'Note: it is rate-limited.'),
    );
    const e = event(r.model, 'WIDGET_SPUN');
    expect(e.summary).toBe('Emitted when the widget spins.');
    expect(e.notes).toEqual(['it is rate-limited.']);
    expect(e.examples).toHaveLength(1);
    expect(e.examples[0]!.messages[0]).toMatchObject({ role: 'event', value: { event: 'WIDGET_SPUN' } });
  });
});
