/**
 * One case each of the huge inputs, with time and memory measured (recorded for the report,
 * never asserted against a tight bound: speed belongs to the benchmarks). Bounds here only
 * catch hangs and runaway memory.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, main } from '../../generator/cli.js';
import { recordStat, runPipeline } from './harness.js';

/** A small invented entry, repeated to build big inputs. */
const ENTRY = [
  'spin-widget',
  '-----------',
  '',
  'Spin the widget for a while.',
  '',
  'Arguments:',
  '',
  '- "speed": how fast it spins (json-int, optional)',
  '',
  'Example:',
  '',
  '-> { "execute": "spin-widget", "arguments": { "speed": 3 } }',
  '<- { "return": {} }',
  '',
].join('\n');

async function measure(name: string, text: string) {
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const r = await runPipeline([{ path: 'qmp-commands.txt', text }], { kinds: ['schema', 'markdown', 'model'] });
  const rssMb = Math.round((process.memoryUsage().rss - rss0) / 1e6);
  recordStat(`huge/${name}`, { inputMb: +(text.length / 1e6).toFixed(1), ms: Math.round(r.ms), rssDeltaMb: rssMb, diagnostics: r.diagnostics.length });
  return { ...r, rssMb };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('huge inputs', () => {
  it('10,000-deep indentation', async () => {
    const deep = Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}- "m${i}": nested (json-object)`).join('\n');
    const r = await measure('indent-10000', `${ENTRY}\nframe-widget\n------------\n\nArguments:\n\n${deep}\n`);
    expect(r.model.commands.map((c) => c.name)).toContain('spin-widget');
    // regression: the member reader recursed once per level and overflowed the stack
    expect(r.diagnostics.filter((d) => d.endsWith(' member-too-deep'))).toHaveLength(1);
    expect(r.rssMb).toBeLessThan(2000);
  }, 120_000);

  it('a 5 MB line (prose) and a 5 MB JSON string in an example', async () => {
    const prose = await measure('line-5mb', `${ENTRY}\n${'Arguments: "x": y, '.repeat(5_000_000 / 19)}\n${ENTRY.replace(/spin/g, 'stop')}`);
    expect(prose.model.commands.map((c) => c.name)).toEqual(expect.arrayContaining(['spin-widget', 'stop-widget']));
    const json = await measure('json-5mb', `${ENTRY}\n-> { "execute": "spin-widget", "arguments": { "speed": "${'9'.repeat(5_000_000)}" } }\n`);
    expect(json.model.commands.map((c) => c.name)).toContain('spin-widget');
    expect(Math.max(prose.rssMb, json.rssMb)).toBeLessThan(2000);
  }, 120_000);

  it('a 0.3 MB document of many distinct entries (the largest real one is ~0.2 MB)', async () => {
    const n = Math.ceil(300_000 / ENTRY.length);
    const text = Array.from({ length: n }, (_, i) => ENTRY.replace(/spin-widget/g, `spin-widget-${i}`).replace('-----------', '-'.repeat(12 + String(i).length))).join('\n');
    const r = await measure('doc-0.3mb-distinct', text);
    expect(r.model.commands).toHaveLength(n);
  }, 120_000);

  it(`a 50 MB file is refused by the CLI with a diagnostic (limit ${MAX_INPUT_BYTES / 1024 / 1024} MiB), writing nothing`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qmp-rel-huge-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'big.txt'), ENTRY.repeat(Math.ceil(50_000_000 / ENTRY.length)));
    let stderr = '';
    const start = performance.now();
    const code = await main(['-c', 'big.txt', '-o', 'out'], { cwd: dir, stdout: () => {}, stderr: (t) => (stderr += t) });
    recordStat('huge/file-50mb-cli', { ms: Math.round(performance.now() - start), exit: code });
    expect(code).toBe(1);
    expect(stderr).toMatch(/big\.txt.*\n.*over the 8\.0 MiB limit.*input-too-large/);
    expect(readdirSync(dir)).toEqual(['big.txt']);
  }, 120_000);
});
