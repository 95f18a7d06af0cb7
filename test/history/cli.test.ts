import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';

/** One legacy commands document in our own words: `commands` maps a name to its argument lines. */
function doc(commands: Record<string, string[]>): string {
  const out = ['1. Regular Commands', '===================', ''];
  for (const [name, args] of Object.entries(commands)) {
    out.push(name, '-'.repeat(name.length), '', `Do the ${name} thing.`, '');
    out.push(args.length === 0 ? 'Arguments: None.' : 'Arguments:', '');
    if (args.length > 0) out.push(...args, '');
    out.push('Example:', '', `-> { "execute": "${name}" }`, '<- { "return": {} }', '');
  }
  return out.join('\n');
}

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

let root = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qmp-history-'));
  const release = async (folder: string, text: string, version?: string) => {
    await mkdir(path.join(root, 'releases', folder), { recursive: true });
    await writeFile(path.join(root, 'releases', folder, 'qmp-commands.txt'), text);
    if (version) await writeFile(path.join(root, 'releases', folder, 'VERSION'), `${version}\n`);
  };
  await release('qemu-1.10.0', doc({ 'frob-widget': ['- "speed": how fast (json-int)'], 'list-widgets': [] }));
  await release('qemu-1.9.0', doc({ 'frob-widget': ['- "speed": how fast (json-int, optional)'], 'list-widgets': [], 'old-widget': [] }));
  await release('snapshot', doc({ 'frob-widget': ['- "speed": how fast (json-int)'], 'list-widgets': [], 'new-widget': [] }), '1.11.0');
  await mkdir(path.join(root, 'empty', 'qemu-2.0.0'), { recursive: true });
});

describe('qmp-codegen --history', () => {
  it('orders releases by version (VERSION file, folder name), not by argument order', async () => {
    const out = path.join(root, 'out');
    const r = await run(['--history', '--out', out, 'releases/snapshot', 'releases/qemu-1.10.0', 'releases/qemu-1.9.0'], root);
    expect(r.stderr).toMatch(/history of 3 release\(s\) \(1\.9\.0 to 1\.11\.0\)/);
    expect(r.code).toBe(0);
    const json = JSON.parse(await readFile(path.join(out, 'changelog.json'), 'utf8'));
    expect(json.releases).toEqual(['1.9.0', '1.10.0', '1.11.0']);
    expect(json.commands['old-widget']).toMatchObject({ since: '1.9.0', until: '1.10.0' });
    expect(json.commands['new-widget']).toMatchObject({ since: '1.11.0', until: null });
    expect(json.commands['frob-widget'].changes).toMatchObject([{ release: '1.10.0', kind: 'became-required', member: 'speed' }]);
    const page = await readFile(path.join(out, 'releases', '1.10.0.md'), 'utf8');
    expect(page).toMatch(/## Removed \(1\)\n\n- \[`old-widget`\]/);
  });

  it('takes a folder of release folders, and --history-version for the N-th source', async () => {
    const out = path.join(root, 'out2');
    const r = await run(['--history', '--out', out, 'releases'], root);
    expect(r.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(out, 'changelog.json'), 'utf8')).releases).toEqual(['1.9.0', '1.10.0', '1.11.0']);
    const r2 = await run(['--history', '--out', out, '--history-version', '3.0', '--history-version', '2.0', 'releases/qemu-1.9.0', 'releases/qemu-1.10.0'], root);
    expect(r2.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(out, 'changelog.json'), 'utf8')).commands['old-widget']).toMatchObject({ since: '3.0', until: null });
  });

  it('reports a folder with nothing to read, with its rule id, and writes nothing', async () => {
    const out = path.join(root, 'out3');
    const r = await run(['--history', '--out', out, 'releases/qemu-1.9.0', 'empty/qemu-2.0.0'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error .*empty\/qemu-2\.0\.0 has no qapi-schema\.json.*history-source-empty/);
    await expect(readFile(path.join(out, 'changelog.json'), 'utf8')).rejects.toThrow();
  });

  it('is a usage error without --out', async () => {
    expect((await run(['--history', 'releases'], root)).code).toBe(2);
  });
});

describe('qmp-codegen compat', () => {
  it('exits 1 and lists what breaks, 0 when nothing does', async () => {
    const r = await run(['compat', '--from', '1.9', '--to', '1.10', 'releases'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('command "old-widget": command removed');
    expect(r.stdout).toContain('command "frob-widget" member "speed": optional member turned required');
    const ok = await run(['compat', '--from', '1.10', '--to', '1.11', 'releases'], root);
    expect(ok.stdout).toMatch(/breaks on nothing/);
    expect(ok.code).toBe(0);
  });

  it('is a usage error for a release it does not have', async () => {
    const r = await run(['compat', '--from', '1.9', '--to', '7.0', 'releases'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no release "7\.0" .*have: 1\.9\.0, 1\.10\.0, 1\.11\.0/);
  });
});
