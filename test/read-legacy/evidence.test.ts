/**
 * Members not known from their own documentation say so in every output: the JSON Schema
 * description, the TypeScript JSDoc and the Markdown member table. Inputs in our own words.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { reporterFor } from '../../generator/diagnostics/reporter.js';
import { evidenceNote } from '../../generator/model/evidence.js';
import { buildModel } from '../../generator/build-model.js';
import { emit } from '../../generator/pipeline.js';
import { templatesOnce } from '../typescript/helpers.js';

const HX = [
  '    {',
  '        .name       = "spin-top",',
  '        .args_type  = "id:B,hold:b?",',
  '        .mhandler.cmd_new = qmp_marshal_spin_top,',
  '    },',
  '',
  'SQMP',
  'spin-top',
  '--------',
  '',
  'Spin a top.',
  '',
  'Arguments:',
  '',
  '- "id": the top (json-string)',
  '',
  'Example:',
  '',
  '-> { "execute": "spin-top", "arguments": { "id": "t1" } }',
  '<- { "return": { "rpm": 3 } }',
  'EQMP',
  '',
].join('\n');

const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('evidence in the outputs', async () => {
  const file = new VFile({ path: 'tops.hx', value: HX, data: { declaredRole: 'commands' } });
  const reporter = reporterFor(file);
  const model = buildModel([file], reporter);
  const files = await emit(model, ['schema', 'typescript', 'markdown'], { reporter, packageName: 'tops', generatorVersion: '0.0.0', templates: await templatesOnce() });
  const get = (p: string) => files.find((f) => f.path === p)?.contents ?? expect.fail(`no ${p}: ${files.map((f) => f.path).join(', ')}`);
  const fromTable = evidenceNote({ evidence: 'dispatch' })!;
  const fromExample = evidenceNote({ evidence: 'example' })!;

  it('the model marks the members', () => {
    const c = model.commands[0]!;
    expect(c.arguments.members.map((m) => [m.name, m.optional, m.evidence ?? 'documented'])).toEqual([
      ['id', false, 'documented'],
      ['hold', true, 'dispatch'],
    ]);
    expect(c.returns).toMatchObject({ kind: 'object', open: true, members: [{ name: 'rpm', optional: true, evidence: 'example' }] });
  });

  it('JSON Schema descriptions', () => {
    const req = JSON.parse(get('schema/commands/spin-top.request.json'));
    expect(req.properties.arguments.properties.hold.description).toBe(fromTable);
    expect(req.properties.arguments.properties.id.description).toBe('the top');
    const res = JSON.parse(get('schema/commands/spin-top.response.json'));
    expect(res.properties.return.properties.rpm.description).toBe(fromExample);
    expect(res.properties.return.required).toBeUndefined();
  });

  it('TypeScript JSDoc', () => {
    const types = get('src/types.ts');
    expect(types).toContain(fromTable);
    expect(types).toContain(fromExample);
    expect(types).toMatch(/rpm\?: number/);
  });

  it('Markdown pages', () => {
    const page = get('docs/commands/spin-top.md');
    expect(page).toMatch(new RegExp(`\\| \`hold\` .*\\| optional \\| _${escape(fromTable)}_`));
    expect(page).toMatch(new RegExp(`\\| \`rpm\` .*\\| optional \\| _${escape(fromExample)}_`));
    expect(page).toMatch(/\| `id` .*\| required \| the top +\|/);
  });
});
