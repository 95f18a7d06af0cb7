/**
 * The programmatic API (generator/index.ts, the package's `exports`) in-process: files and
 * diagnostics as data, nothing written; bad options throw, bad input gives diagnostics.
 * The installed-package run of the same is in package.test.ts.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFiles, EMIT_KINDS, generate, writeFiles } from '../../generator/index.js';

const DOC = ['widget-poke', '-----------', '', 'Poke the widget.', '', 'Arguments: None.', '', 'Example:', '', '-> { "execute": "widget-poke" }', '<- { "return": {} }', ''].join('\n');
const tmp = mkdtempSync(path.join(tmpdir(), 'qmp-api-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('generate()', () => {
  it('generates from text without touching the disk, then writeFiles/checkFiles do what the CLI does', async () => {
    const r = await generate({ inputs: [{ path: 'widgets.txt', role: 'commands', text: DOC }], emit: ['schema', 'model'], cwd: tmp });
    expect(r.ok).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
    const paths = r.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(expect.arrayContaining(['model.json', 'schema/qmp.schema.json', 'schema/commands/widget-poke.request.json']));
    expect(paths.some((p) => p.endsWith('.ts') || p.endsWith('.md'))).toBe(false);
    const out = path.join(tmp, 'out');
    const written = await writeFiles(out, r.files);
    expect(written.written.length).toBe(r.files.length);
    expect(await checkFiles(out, r.files)).toEqual([]);
    expect(await checkFiles(out, [...r.files.slice(1)])).not.toEqual([]);
  });

  it('reports unreadable input as a diagnostic with a rule id (ok false, no files)', async () => {
    const r = await generate({ commands: 'missing.txt', cwd: tmp });
    expect(r.ok).toBe(false);
    expect(r.files).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'missing.txt', severity: 'error', ruleId: 'input-unreadable' })]);
  });

  it.each([
    [{}, /no input documents/],
    [{ commands: 'x.txt', emit: ['pdf'] }, /emit must list some of/],
    [{ commands: 'x.txt', emit: [] }, /emit must list some of/],
    [{ commands: 'x.txt', packageName: 'Bad Name' }, /packageName: .*not a valid npm package name/],
  ])('bad options %j throw a TypeError', async (options, message) => {
    await expect(generate(options as never)).rejects.toThrow(TypeError);
    await expect(generate(options as never)).rejects.toThrow(message);
  });

  it('offers the output kinds', () => {
    expect(EMIT_KINDS).toEqual(['schema', 'typescript', 'markdown', 'model']);
  });
});
