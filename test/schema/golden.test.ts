/**
 * Golden output for a small invented model (emitter + validate stage, which adds the
 * passing examples). Refresh with UPDATE_GOLDEN=1 after an intended
 * change, and review the diff.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emitSchemas } from '../../generator/emit/schema/index.js';
import { validateExamples } from '../../generator/validate/index.js';
import { arr, bool, command, context, enm, event, example, int, member, model, msg, obj, opt, ref, str } from './build.js';

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

const m = model({
  commands: [
    command('spin-widget', {
      summary: 'Spin a widget.',
      description: 'Spin a widget at the given rate until told to stop.',
      since: '0.1',
      arguments: obj([
        member('id', str, { description: 'which widget' }),
        opt('rate', int, { description: 'turns per second', default: 1 }),
        opt('direction', enm('cw', 'ccw'), { description: 'which way round' }),
      ]),
      examples: [example([msg({ execute: 'spin-widget', arguments: { id: 'w0', rate: 3 } }, 10), msg({ return: {} }, 11)])],
    }),
    command('query-widgets', {
      section: 'query',
      summary: 'List the widgets.',
      description: 'List the widgets.',
      argumentsStated: false,
      returns: arr(obj([member('id', str, { description: 'widget id' }), member('state', ref('WidgetState'), { description: 'what it does now' }), opt('spinning', bool, { description: 'set while it spins' })])),
    }),
  ],
  events: [
    event('WIDGET_STOPPED', { data: obj([member('id', str, { description: 'which widget stopped' })]) }),
    event('WIDGETS_RESET'),
  ],
  types: [
    { kind: 'enum', name: 'WidgetState', values: [{ name: 'idle' }, { name: 'busy', description: 'doing something' }], description: 'The state of a widget.', origin: 'docs' },
  ],
});

function listGolden(dir: string, base = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listGolden(path.join(dir, d.name), `${base}${d.name}/`) : [`${base}${d.name}`],
  );
}

describe('golden: small model', () => {
  const { ctx } = context('golden-client');
  const { files } = validateExamples(m, emitSchemas(m, { ...ctx, generatorVersion: '0.0.0-golden' }), ctx.reporter);

  if (update) {
    rmSync(GOLDEN, { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(path.dirname(path.join(GOLDEN, f.path)), { recursive: true });
      writeFileSync(path.join(GOLDEN, f.path), f.contents);
    }
  }

  it('has exactly the golden files', () => {
    expect(files.map((f) => f.path).sort()).toEqual(listGolden(GOLDEN).sort());
  });

  it.each(files.map((f) => [f.path, f.contents] as const))('%s', (p, contents) => {
    expect(contents).toBe(readFileSync(path.join(GOLDEN, p), 'utf8'));
  });
});
