/**
 * `qmp-codegen --qemu qemu-system-x86_64`: a package of every command and event of the QEMU
 * installed here (7.2: 216 commands, 52 events), that type-checks under `strict`, and is the
 * same, byte for byte, when generated again. Skips with a warning without QEMU; fails under
 * CI=true.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { findQemuForTests } from '../helpers/qemu.js';
import { packageCompilerOptions, ROOT, tempDir, typecheck } from '../typescript/helpers.js';

const qemu = findQemuForTests();

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    out.set(path.relative(dir, abs), readFileSync(abs, 'utf8'));
  }
  return out;
}

describe.skipIf(!qemu)('--qemu qemu-system-x86_64', () => {
  let tmp: ReturnType<typeof tempDir>;
  const runs: Array<{ code: number; stderr: string; files: Map<string, string> }> = [];

  beforeAll(async () => {
    tmp = tempDir('qmp-live-gen-');
    for (const name of ['a', 'b']) {
      let stderr = '';
      const out = path.join(tmp.dir, name);
      // a different working directory each time: the output must not depend on it
      const cwd = name === 'a' ? ROOT : tmp.dir;
      const code = await main(['--qemu', qemu!.path, '--out', out, '--package-name', 'qemu-7-2-client', '--quiet'], {
        cwd,
        stdout: () => {},
        stderr: (t) => (stderr += t),
      });
      runs.push({ code, stderr, files: tree(out) });
    }
  }, 900_000);
  afterAll(() => tmp?.remove());

  it('generates every command and event of this QEMU', () => {
    const [a] = runs;
    expect(a!.code, a!.stderr).toBe(0);
    const model = JSON.parse(a!.files.get('model.json')!) as { commands: Array<{ name: string }>; events: unknown[]; release?: unknown };
    const v = qemu!.version;
    if (v.major === 7 && v.minor === 2) {
      expect(model.commands).toHaveLength(216);
      expect(model.events).toHaveLength(52);
    } else {
      console.warn(`[introspection] QEMU ${v.major}.${v.minor} is not 7.2: only checking that commands and events were generated`);
      expect(model.commands.length).toBeGreaterThan(100);
    }
    expect(model.release).toEqual({ qemuVersion: `${v.major}.${v.minor}.${v.micro}`, target: 'x86_64' });
    const requests = [...a!.files.keys()].filter((p) => p.startsWith('schema/commands/') && p.endsWith('.request.json'));
    const events = [...a!.files.keys()].filter((p) => p.startsWith('schema/events/'));
    expect(requests).toHaveLength(model.commands.length);
    expect(events).toHaveLength(model.events.length);
    const client = a!.files.get('src/client.ts')!;
    for (const method of ['blockdevAdd(', 'queryCpusFast(', 'queryQmpSchema(', 'objectAdd(']) expect(client).toContain(method);
  });

  it('is byte-identical when generated again (from another working directory)', () => {
    const [a, b] = runs;
    expect(b!.code).toBe(0);
    expect([...b!.files.keys()].sort()).toEqual([...a!.files.keys()].sort());
    const differing = [...a!.files].filter(([p, text]) => b!.files.get(p) !== text).map(([p]) => p);
    expect(differing).toEqual([]);
  });

  it('type-checks under strict (the package tsconfig, isolatedDeclarations included)', () => {
    const dir = path.join(tmp.dir, 'a');
    const sources = [...runs[0]!.files.keys()].filter((p) => p.startsWith('src/') && p.endsWith('.ts')).map((p) => path.join(dir, p));
    const options = packageCompilerOptions(readFileSync(path.join(dir, 'tsconfig.json'), 'utf8'));
    expect(options.strict).toBe(true);
    expect(typecheck(sources, options, dir)).toEqual([]);
  }, 300_000);
});
