import { describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';

describe('--package-name', () => {
  it('rejects a name npm would refuse, as a usage error (exit 2), before reading anything', async () => {
    let stderr = '';
    const code = await main(['--package-name', 'Not A Name', '-o', 'unused-out', 'no-such-input.txt'], {
      cwd: process.cwd(),
      stdout: () => {},
      stderr: (t) => (stderr += t),
    });
    expect(code).toBe(2);
    expect(stderr).toContain('"Not A Name" is not a valid npm package name');
  });
});
