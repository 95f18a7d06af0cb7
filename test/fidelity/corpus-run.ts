/**
 * Run the generator in-process on one corpus version (qmp-commands.txt + qmp-events.txt):
 * parse, emit the schemas, validate the examples. Shared by the fidelity report and the
 * schema corpus test.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { readInput } from '../../generator/cli.js';
import { Reporter } from '../../generator/diagnostics/reporter.js';
import type { OutputFile } from '../../generator/emit/types.js';
import type { Model } from '../../generator/model/types.js';
import { buildModel } from '../../generator/build-model.js';
import { emit } from '../../generator/pipeline.js';
import { type ExampleStats, validateExamples } from '../../generator/validate/index.js';
import type { CorpusVersion } from '../helpers/corpus.js';

export interface CorpusRun {
  version: string;
  model: Model;
  files: OutputFile[];
  stats: ExampleStats;
  inputs: VFile[];
  reporter: Reporter;
}

/** `input: 'hx'` reads the version's .hx (with its dispatch table) instead of qmp-commands.txt, where it has one. */
export async function runCorpusVersion(v: CorpusVersion, input: 'txt' | 'hx' = 'txt'): Promise<CorpusRun> {
  const specs = [{ path: input === 'hx' && v.hx ? v.hx : v.commandsTxt, declaredRole: 'commands' as const }];
  if (v.events) specs.push({ path: v.events, declaredRole: 'events' as never });
  const inputs = await Promise.all(specs.map((s) => readInput(s, process.cwd())));
  const reporter = new Reporter(inputs, new VFile({ path: 'qmp-codegen' }));
  const model = buildModel(inputs, reporter);
  const emitted = await emit(model, ['schema'], { reporter, packageName: `qemu-${v.version}`, generatorVersion: '0.0.0' });
  const { files, stats } = validateExamples(model, emitted, reporter);
  return { version: v.version, model, files, stats, inputs, reporter };
}

/** Write the files under `dir` (a temp folder: no manifest, no atomic dance needed). */
export async function writeFiles(dir: string, files: readonly OutputFile[]): Promise<void> {
  for (const f of files) {
    const abs = path.join(dir, f.path);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, f.contents);
  }
}
