/**
 * Each stage is imported when a run needs it (issue 12: a cold run pays for every module it
 * loads). The heaviest are the TypeScript compiler (ts-morph and the 10 MB bundle it carries)
 * and prettier. The generator has exact printers of its own for everything it writes (printing
 * the structures, formatting, dist/), and those libraries are only their reference and their
 * fallback, so no run on real input loads any of them, whatever it emits. Checked in a fresh
 * process of the compiled CLI: CommonJS modules from Node's module cache, ES modules (prettier)
 * through a resolve hook that reports every URL the process resolves.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QAPI_CORPUS_DIR, requireQapiCorpus } from '../read-qapi/helpers.js';
import { ROOT } from '../typescript/helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'qmp-lazy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--if-stale'], { cwd: ROOT, stdio: 'pipe' });
}, 300_000);

/** Resolve hooks (on Node's hooks thread) that write each resolved URL to stderr, a line each. */
const HOOKS = path.join(tmp, 'hooks.mjs');
writeFileSync(
  HOOKS,
  `import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  writeSync(2, 'RESOLVED ' + result.url + '\\n');
  return result;
}
`,
);
const REGISTER = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(HOOKS).href)});`)}`;
const HEAVY = /[\\/](ts-morph|@ts-morph|typescript|prettier)[\\/]/;

/**
 * Runs the compiled CLI's main in a fresh process, then `after` (the controls); what main
 * returned and the heavy modules the process required or imported.
 */
function run(args: string[], after = ''): { code: number; loaded: string[] } {
  const { code, files } = probe(args, after);
  return { code, loaded: files.filter((k) => HEAVY.test(k)) };
}

/**
 * Runs the compiled CLI's main (of `root`, this checkout's by default) in a fresh process,
 * then `after`; what main returned and every module file the process required or imported
 * (paths and file: URLs). An ES module required (require(esm), as the lazy loads do) shows as
 * its entry file, in the require cache.
 */
function probe(args: string[], after = '', root = ROOT): { code: number; files: string[] } {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'build/cli.js')).href)});
    const code = await main(${JSON.stringify(args)}, { cwd: ${JSON.stringify(ROOT)}, stdout: () => {}, stderr: () => {} });
    ${after}
    console.log(JSON.stringify({ code, required: Object.keys(createRequire(import.meta.url).cache) }));
  `;
  const r = spawnSync(process.execPath, ['--import', REGISTER, '--input-type=module', '-e', script], { cwd: tmp, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`the probe failed: ${r.stderr}`);
  const { code, required } = JSON.parse(r.stdout) as { code: number; required: string[] };
  const imported = [...r.stderr.matchAll(/^RESOLVED (file:.*)$/gm)].map((m) => m[1]!);
  return { code, files: [...new Set([...required, ...imported])] };
}

const DOCS = ['-c', 'docs-input/qmp-commands.txt', '-e', 'docs-input/qmp-events.txt', '-q'];

describe('no run loads the TypeScript compiler or prettier', () => {
  it.each([['schema'], ['markdown'], ['model'], ['typescript'], ['schema,typescript,markdown,model']])('--emit %s: none loaded', (emit) => {
    expect(run([...DOCS, '-o', path.join(tmp, emit.replaceAll(',', '-')), '--emit', emit])).toEqual({ code: 0, loaded: [] });
  }, 120_000);

  it('the control: the same process, once it takes the fallbacks (ts-morph, prettier), shows them', () => {
    const buildUrl = (rel: string) => JSON.stringify(pathToFileURL(path.join(ROOT, 'build', rel)).href);
    const after = `
      (await import(${buildUrl('emit/typescript/ts-morph.js')})).typescriptApi();
      await (await import(${buildUrl('format/prettier.js')})).formatFilesWithPrettier([{ path: 'x.ts', contents: 'let a=1' }]);
    `;
    const r = run([...DOCS, '-o', path.join(tmp, 'control'), '--emit', 'typescript'], after);
    expect(r.code).toBe(0);
    expect(r.loaded.some((k) => /[\\/]ts-morph[\\/]/.test(k))).toBe(true);
    expect(r.loaded.some((k) => /^file:.*[\\/]prettier[\\/]/.test(k))).toBe(true);
  }, 120_000);
});

/**
 * The modules a probe loaded: each file's own path, and, for a file of the bundle (build/cli.js
 * and its chunks, scripts/build.mjs), the modules esbuild put in it (it heads each with a
 * `// path` comment). node_modules packages by name (`micromark-core-commonmark`), the
 * generator's modules as `generator/...` paths.
 */
function modulesIn(files: readonly string[]): Set<string> {
  const out = new Set<string>();
  const add = (p: string) => {
    const pkg = /(?:^|[\\/])node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(p);
    if (pkg) out.add(pkg[1]!.replaceAll('\\', '/'));
    const own = /(?:^|[\\/])(generator[\\/].*)\.ts$/.exec(p);
    if (own) out.add(own[1]!.replaceAll('\\', '/'));
  };
  for (const f of files) {
    const file = f.startsWith('file:') ? fileURLToPath(f) : f;
    add(file);
    if (!path.resolve(file).startsWith(path.join(ROOT, 'build') + path.sep) || !file.endsWith('.js')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/^\/\/ (\S+\.(?:[cm]?js|ts))$/gm)) add(m[1]!);
  }
  return out;
}

/** What a run loads only when it takes a fallback: the Markdown libraries and what they carry. */
const MARKDOWN_LIBRARIES = /^(mdast-util-to-markdown|mdast-util-gfm.*|mdast-util-from-markdown|micromark.*|remark-.*|unified|character-entities.*)$/;
const markdownLibraries = (modules: Set<string>) => [...modules].filter((m) => MARKDOWN_LIBRARIES.test(m)).sort();
/** A module of the legacy reader, and of the introspection reader (besides what the QAPI reader shares). */
const LEGACY = 'generator/read/legacy/document';
const INTROSPECTION = 'generator/read/introspection/index';
const QAPI = 'generator/read/qapi/build';
const QAPI_72 = ['--qapi', path.join(QAPI_CORPUS_DIR, 'qemu-7.2.0/qapi/qapi-schema.json')];

describe('the fallbacks and the readers a run does not need stay unloaded', () => {
  it('docs-input, all outputs: no Markdown library, no QAPI or introspection reader', () => {
    const { code, files } = probe([...DOCS, '-o', path.join(tmp, 'docs-all')]);
    expect(code).toBe(0);
    const modules = modulesIn(files);
    expect(markdownLibraries(modules)).toEqual([]);
    expect([LEGACY, QAPI, INTROSPECTION].filter((m) => modules.has(m))).toEqual([LEGACY]);
  }, 120_000);

  it.skipIf(!requireQapiCorpus())('QEMU 7.2 QAPI, all outputs: no Markdown library, no legacy or introspection reader', () => {
    const { code, files } = probe([...QAPI_72, '-q', '-o', path.join(tmp, 'qapi-all')]);
    expect(code).toBe(0);
    const modules = modulesIn(files);
    expect(markdownLibraries(modules)).toEqual([]);
    expect([LEGACY, QAPI, INTROSPECTION].filter((m) => modules.has(m))).toEqual([QAPI]);
  }, 120_000);

  it('an input of no chosen reader is sniffed, which loads every reader', () => {
    const { code, files } = probe(['docs-input/qmp-commands.txt', '-q', '--emit', 'schema', '-o', path.join(tmp, 'sniffed')]);
    expect(code).toBe(0);
    const modules = modulesIn(files);
    expect([LEGACY, QAPI, INTROSPECTION].filter((m) => modules.has(m))).toEqual([LEGACY, QAPI, INTROSPECTION]);
  }, 120_000);

  it('the control: `init` bundles mdast-util-to-markdown, and the check sees it', () => {
    const { code, files } = probe(['init', path.join(tmp, 'scaffold')]);
    expect(code).toBe(0);
    expect(markdownLibraries(modulesIn(files))).toContain('mdast-util-to-markdown');
  }, 120_000);
});

describe('a fallback taken loads its library, and writes what the library writes', () => {
  it('the package README when build/prebuilt.json lacks the template tree: remark parses it, the README is the same', () => {
    // a copy of build/ whose prebuilt.json has no README tree (the rest of it kept: without
    // the runtime's entries the emitter would compile the runtime itself)
    const copy = path.join(tmp, 'no-readme-tree');
    mkdirSync(copy);
    cpSync(path.join(ROOT, 'build'), path.join(copy, 'build'), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(copy, 'package.json'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'junction');
    const prebuilt = JSON.parse(readFileSync(path.join(copy, 'build/prebuilt.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(prebuilt.readmeTrees as object)).toHaveLength(1);
    delete prebuilt.readmeTrees;
    writeFileSync(path.join(copy, 'build/prebuilt.json'), JSON.stringify(prebuilt));
    const args = (out: string) => ['-c', path.join(ROOT, 'docs-input/qmp-commands.txt'), '-e', path.join(ROOT, 'docs-input/qmp-events.txt'), '-q', '--emit', 'typescript', '-o', path.join(tmp, out)];
    const normal = probe(args('readme-normal'));
    const parsed = probe(args('readme-parsed'), '', copy);
    expect([normal.code, parsed.code]).toEqual([0, 0]);
    expect(markdownLibraries(modulesIn(normal.files))).toEqual([]);
    expect(markdownLibraries(modulesIn(parsed.files))).toEqual(['remark-gfm', 'remark-parse', 'unified']);
    const readme = (out: string) => readFileSync(path.join(tmp, out, 'README.md'), 'utf8');
    expect(readme('readme-parsed')).toBe(readme('readme-normal'));
  }, 120_000);

  it('a page our writer declines: mdast-util-to-markdown (with GFM) writes it, loaded only then', () => {
    const build = (rel: string) => JSON.stringify(pathToFileURL(path.join(ROOT, 'build', rel)).href);
    // loaded: required (the require cache) or imported (the resolve hook's lines on stderr,
    // up to a mark the probe writes)
    const script = `
      import { createRequire } from 'node:module';
      import { writeSync } from 'node:fs';
      const libraries = () => Object.keys(createRequire(import.meta.url).cache).filter((k) => /[\\\\/]node_modules[\\\\/](mdast-util-to-markdown|mdast-util-gfm)[\\\\/]/.test(k)).length;
      const { serialize, MARKDOWN_OPTIONS } = await import(${build('emit/shared/serialize.js')});
      const { printMarkdown } = await import(${build('emit/shared/print-markdown.js')});
      const page = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'a | b' }] }] };
      // an ordered list: outside the writer's subset
      const declined = { type: 'root', children: [{ type: 'list', ordered: true, start: 1, spread: false, children: [{ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [{ type: 'inlineCode', value: 'a|b' }] }] }] }] };
      const out = { declines: printMarkdown(structuredClone(declined), { emphasis: '_', strong: '*', resourceLink: true }) === undefined };
      out.page = serialize(structuredClone(page));
      out.before = libraries();
      writeSync(2, 'MARK\\n');
      out.declined = serialize(structuredClone(declined));
      out.after = libraries();
      const { toMarkdown } = await import('mdast-util-to-markdown');
      out.library = toMarkdown(structuredClone(declined), MARKDOWN_OPTIONS);
      console.log(JSON.stringify(out));
    `;
    const r = spawnSync(process.execPath, ['--import', REGISTER, '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    const [imported, rest] = r.stderr.split('MARK\n');
    expect(rest).not.toBeUndefined();
    expect(modulesIn([...imported!.matchAll(/^RESOLVED (file:.*)$/gm)].map((m) => m[1]!)).has('mdast-util-to-markdown')).toBe(false);
    expect(imported!.replace(/^RESOLVED .*\n/gm, '')).toBe('');
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toEqual({ declines: true, page: 'a | b\n', before: 0, declined: out.library, after: 2, library: '1. `a|b`\n' });
  }, 120_000);
});
