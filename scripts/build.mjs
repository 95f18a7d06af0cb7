/**
 * Compile generator/ (TypeScript) to build/ (JavaScript + .d.ts), the code the `bin`, the
 * programmatic API and `npm run generate` run: plain Node, no loader; and templates/ to
 * build/templates.json for the published package.
 *
 *   node scripts/build.mjs            build (npm's `prepare`: `npm ci`, `npm pack`, git installs)
 *   node scripts/build.mjs --if-stale build only when the sources changed since the last build
 *
 * Staleness is a SHA-256 over every source file's path and content plus the tsconfig files,
 * stored in build/.stamp: cheap (a few ms), and exact whatever git does to mtimes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD = path.join(ROOT, 'build');
const STAMP = path.join(BUILD, '.stamp');

/** Every file under templates/, relative to it, POSIX separators, sorted. */
function templateFiles() {
  const dir = path.join(ROOT, 'templates');
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * templates/ as one JSON object (path → contents), which the published package carries
 * instead of the folder: a template package.json in a package would be taken for a nested
 * package manifest (publint: its "exports" is ignored). The CLI reads templates/ when it
 * exists (this checkout) and build/templates.json otherwise.
 */
function writeTemplatesJson() {
  const out = {};
  for (const rel of templateFiles()) out[rel] = readFileSync(path.join(ROOT, 'templates', rel), 'utf8');
  writeFileSync(path.join(BUILD, 'templates.json'), `${JSON.stringify(out)}\n`);
  return out;
}

/**
 * build/prebuilt.json: what depends only on templates/ (the runtime compiled to dist/, the
 * names it declares, the package README template's tree), computed by the compiled emitter itself so that a cold run does not
 * compile the same runtime again (generator/emit/typescript/prebuilt.ts). Content-addressed:
 * an entry that does not match is ignored, so this can never change an output.
 */
async function writePrebuiltJson(templates) {
  const { prebuild } = await import(pathToFileURL(path.join(BUILD, 'emit/typescript/prebuilt.js')).href);
  writeFileSync(path.join(BUILD, 'prebuilt.json'), `${JSON.stringify(prebuild(templates))}\n`);
}

/**
 * build/cli.js, the bin, as one ES module plus a chunk per lazily imported stage
 * (build/chunk-*.js, beside it: the code finds templates/ and build/ from its own folder): a
 * cold run loads some 130 module files fewer (2.8.0 --emit schema 0.76 -> 0.63 s, all outputs
 * 1.98 -> 1.71 s). The CommonJS giants stay outside, loaded as before (ts-morph with its
 * TypeScript, prettier and ajv: the first two only ever as fallbacks). Everything else (build/index.js, the API,
 * and the other modules) is tsc's output; the bundle is made from the same sources, so it only
 * replaces tsc's build/cli.js. Without esbuild (a devDependency) tsc's file stays, and works.
 */
async function bundleCli() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    process.stderr.write('qmp-codegen build: esbuild is not installed; build/cli.js is left unbundled (slower start)\n');
    return;
  }
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'generator/cli.ts')],
    outdir: BUILD,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: path.join(ROOT, 'tsconfig.build.json'),
    external: ['ts-morph', 'prettier', 'ajv', 'ajv/*', 'typescript', 'esbuild'],
    // bundled CommonJS (commander) requires Node's modules: give the ES module a require
    banner: { js: "import { createRequire as qmpCodegenRequire } from 'node:module';\nconst require = qmpCodegenRequire(import.meta.url);" },
    chunkNames: 'chunk-[hash]',
    logLevel: 'warning',
    allowOverwrite: true,
  });
}

/** Fingerprint of what the build depends on. */
export function sourceHash() {
  const hash = createHash('sha256');
  const files = readdirSync(path.join(ROOT, 'generator'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .concat(templateFiles().map((rel) => `templates/${rel}`), ['tsconfig.json', 'tsconfig.build.json'])
    .sort();
  for (const rel of files) hash.update(`${rel}\0`).update(readFileSync(path.join(ROOT, rel))).update('\0');
  return hash.digest('hex');
}

export function isStale() {
  if (!existsSync(STAMP)) return true;
  return readFileSync(STAMP, 'utf8').trim() !== sourceHash();
}

export async function build() {
  const hash = sourceHash();
  rmSync(BUILD, { recursive: true, force: true }); // no stale modules of deleted sources
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('qmp-codegen build: the TypeScript compiler is not installed (run npm ci)');
  }
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  await bundleCli();
  await writePrebuiltJson(writeTemplatesJson());
  writeFileSync(STAMP, `${hash}\n`);
}

/** Build when stale; returns whether it built. */
export async function ensureBuilt(log = (text) => process.stderr.write(text)) {
  if (!isStale()) return false;
  log('qmp-codegen: compiling generator/ to build/ (sources changed)\n');
  await build();
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--if-stale')) await ensureBuilt();
    else await build();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
