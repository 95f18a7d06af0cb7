/**
 * Refactoring guard: regenerate every corpus version (and docs-input) into OUT/<version>/ with
 * the real CLI (in one process, for speed), so that two trees can be compared byte for byte:
 *
 *   npx tsx test/guard/corpus-outputs.ts /tmp/before   # on the old commit
 *   npx tsx test/guard/corpus-outputs.ts /tmp/after    # on the new one
 *   diff -r /tmp/before /tmp/after && echo identical
 *
 * With the QAPI corpus (`../shared/qemu-qapi`, or QMP_QAPI_CORPUS) present, it also regenerates
 * QEMU 2.0, 7.2 and 9.1 from their QAPI schema (9.1's guest agent too), 7.2 with `--target
 * x86_64`, and the history of every release (`--history`) into OUT/qapi/.
 *
 * Inputs are given relative to the corpus folder (the process changes into it), so the
 * provenance headers do not depend on where either checkout lives. The diagnostics of each run
 * are kept beside its output folder (OUT/<version>/<kind>.diagnostics.json), so that a refactor
 * that reorders, drops or rewords a diagnostic shows up in the same diff.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../generator/cli.js';

const out = path.resolve(process.argv[2] ?? '');
if (!process.argv[2]) {
  process.stderr.write('usage: corpus-outputs.ts OUT_DIR\n');
  process.exit(2);
}
const here = path.dirname(new URL(import.meta.url).pathname);
const corpus = path.resolve(process.env.QMP_CORPUS ?? path.join(here, '../../../shared/qemu-docs'));
let diagnostics = '';
const io = { cwd: corpus, stdout: (t: string) => void (diagnostics += t), stderr: () => {} };
/** Run the CLI with JSON diagnostics, kept in `<outDir>.diagnostics.json`. */
async function run(args: string[], outDir: string, cwd: string): Promise<number> {
  diagnostics = '';
  const code = await main([...args, '--out', outDir, '-q', '--format', 'json'], { ...io, cwd });
  mkdirSync(path.dirname(outDir), { recursive: true });
  writeFileSync(`${outDir}.diagnostics.json`, diagnostics);
  return code;
}
let failed = 0;
for (const version of readdirSync(corpus).filter((v) => v.startsWith('qemu-')).sort()) {
  const dir = path.join(corpus, version);
  const hx = ['qmp-commands.hx', 'qemu-monitor.hx'].find((f) => existsSync(path.join(dir, f)));
  const jobs: [string, string[]][] = [['txt', ['--commands', `${version}/qmp-commands.txt`]]];
  if (hx) jobs.push(['hx', ['--commands', `${version}/${hx}`]]);
  for (const [kind, args] of jobs) {
    const events = existsSync(path.join(dir, 'qmp-events.txt')) ? ['--events', `${version}/qmp-events.txt`] : [];
    const code = await run([...args, ...events], path.join(out, version, kind), corpus);
    if (code !== 0) failed++;
    process.stdout.write(`${version}/${kind}: exit ${code}\n`);
  }
}
const qapiCorpus = path.resolve(process.env.QMP_QAPI_CORPUS ?? path.join(here, '../../../shared/qemu-qapi'));
if (existsSync(qapiCorpus)) {
  const schema = (v: string) => (existsSync(path.join(qapiCorpus, v, 'qapi/qapi-schema.json')) ? `${v}/qapi/qapi-schema.json` : `${v}/qapi-schema.json`);
  const jobs: [string, string[]][] = [
    ['qemu-2.0.0', ['--qapi', schema('qemu-2.0.0')]],
    ['qemu-7.2.0', ['--qapi', schema('qemu-7.2.0')]],
    ['qemu-7.2.0-x86_64', ['--qapi', schema('qemu-7.2.0'), '--target', 'x86_64']],
    ['qemu-9.1.0', ['--qapi', schema('qemu-9.1.0')]],
    ['qemu-9.1.0-qga', ['--qapi', 'qemu-9.1.0/qga/qapi-schema.json']],
  ];
  for (const [name, args] of jobs) {
    const code = await run(args, path.join(out, 'qapi', name), qapiCorpus);
    if (code !== 0) failed++;
    process.stdout.write(`qapi/${name}: exit ${code}\n`);
  }
  const releases = readdirSync(qapiCorpus).filter((v) => existsSync(path.join(qapiCorpus, v, 'VERSION'))).sort();
  const code = await run(['--history', ...releases], path.join(out, 'qapi', 'history'), qapiCorpus);
  if (code !== 0) failed++;
  process.stdout.write(`qapi/history: exit ${code}\n`);
}
const root = path.resolve(here, '../..');
const code = await run([], path.join(out, 'docs-input'), root);
process.stdout.write(`docs-input: exit ${code}\n`);
process.exit(failed > 0 || code !== 0 ? 1 : 0);
