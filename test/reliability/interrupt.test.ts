/**
 * SIGINT at random moments of a real CLI run (child process) must leave every file in --out
 * either at its previous version or at its new one: never torn, no temporary files left.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { recordStat, ROOT } from './harness.js';

const TRIALS = Number(process.env.QMP_FUZZ_RUNS ?? 0) > 1 ? 8 : 2;
const dir = mkdtempSync(path.join(tmpdir(), 'qmp-rel-sigint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tree(d: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(d, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(path.relative(d, path.join(e.parentPath, e.name)), readFileSync(path.join(e.parentPath, e.name), 'utf8'));
  }
  return out;
}

function runChild(out: string, killAfterMs: number): Promise<{ code: number | null; signal: string | null; ms: number }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--import', pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, path.join(ROOT, 'generator/cli.ts'), '-c', 'new.txt', '-e', 'events.txt', '-o', out, '--emit', 'schema,markdown,model', '-q'], {
      cwd: dir,
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGINT'), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: performance.now() - start });
    });
  });
}

describe('SIGINT during a run', () => {
  it(`leaves each file old or new, never torn (${TRIALS} random interrupts)`, async () => {
    const base = readFileSync(path.join(ROOT, 'docs-input/qmp-commands.txt'), 'utf8');
    writeFileSync(path.join(dir, 'old.txt'), base);
    // every entry's text changes, so nearly every output file differs between old and new
    writeFileSync(path.join(dir, 'new.txt'), base.replace(/^Arguments:/gm, 'Arguments (revised):').replace(/\bthe\b/g, 'the very'));
    writeFileSync(path.join(dir, 'events.txt'), readFileSync(path.join(ROOT, 'docs-input/qmp-events.txt'), 'utf8'));
    const io = { cwd: dir, stdout: () => {}, stderr: () => {} };
    const gen = (input: string, out: string) => main(['-c', input, '-e', 'events.txt', '-o', out, '--emit', 'schema,markdown,model', '-q'], io);
    expect(await gen('old.txt', 'ref-old')).toBe(0);
    expect(await gen('new.txt', 'ref-new')).toBe(0);
    const oldTree = tree(path.join(dir, 'ref-old'));
    const newTree = tree(path.join(dir, 'ref-new'));
    const differing = [...newTree.keys()].filter((k) => oldTree.get(k) !== newTree.get(k));
    expect(differing.length).toBeGreaterThan(10);

    const full = await runChild('probe', 600_000);
    expect(full.code).toBe(0);
    const outcomes: string[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const out = `trial-${i}`;
      expect(await gen('old.txt', out)).toBe(0);
      // anywhere from start-up to the very end of the run, weighted to the end where writing is
      const at = Math.round(full.ms * (0.4 + 0.6 * Math.random()));
      const r = await runChild(out, at);
      outcomes.push(`${at}ms:${r.signal ?? r.code}`);
      const got = tree(path.join(dir, out));
      const torn = [...got.entries()].filter(([k, v]) => v !== oldTree.get(k) && v !== newTree.get(k)).map(([k]) => k);
      expect(torn, `interrupted at ${at} ms`).toEqual([]);
      expect([...got.keys()].filter((k) => k.endsWith('.tmp'))).toEqual([]);
      if (r.code === 0) expect(got).toEqual(newTree);
    }
    recordStat('interrupt', { trials: TRIALS, fullRunMs: Math.round(full.ms), outcomes });
  }, 600_000);
});
