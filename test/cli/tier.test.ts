/**
 * A CLI run stops V8 at its baseline tier (cli.ts, baselineTierOnly): in a short cold process
 * the optimising compiler cost more than it saved. Checked in a fresh process of the compiled
 * CLI with V8's --trace-opt: on docs-input nothing is optimised, while the same run with
 * `--max-opt=999` given to node (a user's own tier flag, left in force) optimises functions,
 * so the check can fail. Both runs write the same files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIER_FLAG, baselineTierOnly } from '../../generator/cli.js';
import { ROOT } from '../typescript/helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'qmp-tier-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--if-stale'], { cwd: ROOT, stdio: 'pipe' });
}, 300_000);

/** The compiled CLI on docs-input, node given `nodeFlags`: V8's trace and the files written. */
function run(nodeFlags: string[], out: string): { trace: string; files: Map<string, string> } {
  const dir = path.join(tmp, out);
  const trace = execFileSync(
    process.execPath,
    [...nodeFlags, '--trace-opt', path.join(ROOT, 'build/cli.js'), '--commands', 'docs-input/qmp-commands.txt', '--events', 'docs-input/qmp-events.txt', '--out', dir, '-q'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const files = new Map<string, string>();
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) files.set(path.relative(dir, path.join(f.parentPath, f.name)), readFileSync(path.join(f.parentPath, f.name), 'utf8'));
  }
  return { trace, files };
}

/** V8's trace of a finished optimisation: concurrent ("optimizing") or on the main thread ("compiling ... TURBOFAN"). */
const OPTIMISED = /completed optimizing|completed compiling .*TURBOFAN/;

describe('a CLI run stays at the baseline tier', () => {
  it('optimises nothing, where node left to itself optimises, and writes the same files', () => {
    const baseline = run([], 'baseline');
    // optimised on the main thread: a loaded machine cannot leave a concurrent job unfinished at exit
    const optimising = run(['--max-opt=999', '--no-concurrent-recompilation'], 'optimising');
    expect(OPTIMISED.test(baseline.trace)).toBe(false);
    expect(OPTIMISED.test(optimising.trace)).toBe(true);
    expect(baseline.files.size).toBeGreaterThan(0);
    expect([...baseline.files.keys()].sort()).toEqual([...optimising.files.keys()].sort());
    for (const [name, text] of baseline.files) expect(text, name).toBe(optimising.files.get(name));
  }, 120_000);

  // only the cases that decline run here: the one that sets the flag would set it in this process
  it.each([
    [['--max-opt=3']],
    [['--max-opt', '3']],
    [['--max_opt=3']],
    [['--opt']],
    [['--no-opt']],
    [['--turbofan']],
    [['--no-turbofan']],
    [['--maglev']],
    [['--no-maglev']],
    [['--max-old-space-size=100', '--no-opt']],
  ])('leaves a tier flag given to node in force: %j', (execArgv) => {
    expect(baselineTierOnly(execArgv)).toBe(false);
  });

  it.each([['--max-opt=2'], ['--require ./x.cjs --no-opt'], ['  --turbofan  ']])('leaves a tier flag in NODE_OPTIONS in force: %j', (nodeOptions) => {
    expect(baselineTierOnly([], nodeOptions)).toBe(false);
  });

  it.each([['--optimize-for-size'], ['--max-old-space-size=100'], ['--trace-opt'], ['--optimizer-x'], ['--enable-source-maps']])(
    'is no tier flag: %s (the CLI sets the tier with it)',
    (flag) => {
      expect(TIER_FLAG.test(flag)).toBe(false);
    },
  );
});
