import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('generated/ is the committed output of `npm run generate`', () => {
  it('regenerating docs-input/ changes nothing (run `npm run generate` and commit if this fails)', async () => {
    let stderr = '';
    const code = await main(['--check', '--quiet'], {
      cwd: ROOT,
      stdout: () => {},
      stderr: (t) => (stderr += t),
    });
    // The message names every file that differs; show it in the failure.
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 120_000);
});
