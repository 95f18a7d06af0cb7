/**
 * generator/codecache.ts: CommonJS files of the cached packages load through V8's code cache
 * with the same behaviour as Node's own loader, an entry is used only for the exact file it was
 * made from, and V8's verdict on it is taken. Each case runs in a fresh Node process (the hook
 * patches the loader of the process it runs in), on invented modules in a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../typescript/helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'qmp-codecache-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const pkg = path.join(tmp, 'node_modules', 'ts-morph');
mkdirSync(path.join(pkg, 'lib'), { recursive: true });
const MAIN = path.join(pkg, 'index.js');
const write = (body: string) =>
  writeFileSync(
    MAIN,
    `'use strict';\nconst helper = require('./lib/helper.js');\n${body}\nmodule.exports = { helper, file: __filename, dir: __dirname, resolved: require.resolve('./lib/helper.js'), isMain: require.main === module, self: this === module.exports };\n`,
  );
writeFileSync(path.join(pkg, 'lib', 'helper.js'), 'exports.twice = (n) => 2 * n;\n');
write('');

const cacheDir = path.join(tmp, 'cache');

/** Load the invented package in a fresh process through the hook; what it exported and the stats. */
function run(record: boolean): {
  out: Record<string, unknown>;
  stats: { used: number; rejected: number; compiled: number };
} {
  const hook = pathToFileURL(path.join(ROOT, 'generator/codecache.ts')).href;
  const script = `
    const { useCodeCache } = await import(${JSON.stringify(hook)});
    const { createRequire } = await import('node:module');
    const cache = useCodeCache(${JSON.stringify(cacheDir)}, ${record});
    const m = createRequire(${JSON.stringify(path.join(tmp, 'x.js'))})('ts-morph');
    if (${record}) cache.save();
    process.stdout.write(JSON.stringify({ out: { ...m, twice: m.helper.twice(21) }, stats: cache.stats }));
  `;
  const tsx = path.join(ROOT, 'node_modules/tsx/dist/esm/index.mjs');
  return JSON.parse(
    execFileSync(
      process.execPath,
      ['--import', pathToFileURL(tsx).href, '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    ),
  );
}

describe('code cache', () => {
  it('loads a module as Node does, records its compiled code, and uses it in the next process', () => {
    const first = run(true);
    expect(first.out).toMatchObject({
      twice: 42,
      file: MAIN,
      dir: pkg,
      resolved: path.join(pkg, 'lib', 'helper.js'),
      isMain: false,
      self: true,
    });
    expect(first.stats).toEqual({ used: 0, rejected: 0, compiled: 2 });
    expect(readdirSync(cacheDir)).toHaveLength(2);
    const second = run(false);
    expect(second.out).toEqual(first.out);
    expect(second.stats).toEqual({ used: 2, rejected: 0, compiled: 0 });
  });

  it('a changed file does not meet the entry of its old text', () => {
    write('// changed');
    const changed = run(false);
    expect(changed.out).toMatchObject({ twice: 42 });
    expect(changed.stats).toEqual({ used: 1, rejected: 0, compiled: 1 });
  });

  it('an entry V8 does not accept is rejected and the file compiled as usual', () => {
    for (const f of readdirSync(cacheDir))
      writeFileSync(path.join(cacheDir, f), Buffer.from('not a code cache'));
    const spoiled = run(false);
    expect(spoiled.out).toMatchObject({ twice: 42 });
    expect(spoiled.stats.rejected).toBe(1);
  });
});
