/**
 * V8 code cache for the big CommonJS dependencies of the TypeScript emitter (ts-morph, its
 * bundled TypeScript compiler, code-block-writer): about 13 MB of JavaScript that every run
 * emitting TypeScript would otherwise compile again. `npm run build` runs the emitter once and
 * stores the compiled code in build/codecache/ (scripts/codecache.mjs), like the other build
 * outputs; a run reads it. It is not a cache of results: it holds V8's compilation of files
 * that do not change between runs, and it is made before the first run, not by it.
 *
 * Safe by construction:
 * - an entry is found by the SHA-256 of the file's path in node_modules and its exact text, so a
 *   changed or patched dependency never meets a stale entry;
 * - V8 checks the entry against its own version and flags and rejects a mismatch
 *   (`cachedDataRejected`), in which case the file is compiled as usual, only slower;
 * - any failure here falls back to Node's own loading of the file.
 * The module is compiled as Node's CommonJS loader compiles it (the same function wrapper, a
 * `require` built the way Node builds one, dynamic `import()` through the default loader).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Files whose compiled code is kept: the emitter's large CommonJS dependencies. */
const CACHED = /[\\/]node_modules[\\/](?:ts-morph|@ts-morph[\\/]common|code-block-writer)[\\/]/;

interface CjsModule {
  exports: unknown;
  require(id: string): unknown;
  filename: string;
}
type Compile = (this: CjsModule, content: string, filename: string) => unknown;
interface ModuleInternals {
  prototype: { _compile: Compile };
  wrap(source: string): string;
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: unknown): string;
  _extensions: unknown;
  _cache: unknown;
}

function keyOf(filename: string, content: string): string {
  const rel = filename.slice(filename.lastIndexOf('node_modules')).split(path.sep).join('/');
  return createHash('sha256').update(rel).update('\0').update(content).digest('hex');
}

export interface CodeCache {
  /** How many cached files were loaded from the cache, and how many V8 rejected. */
  readonly stats: { used: number; rejected: number; compiled: number };
  /** Write the compiled code of every file loaded so far (after running the code that uses it). */
  save(): void;
}

/**
 * Load the matching CommonJS files with the code in `dir` from now on. `record`: keep the
 * scripts so that `save()` can write their compiled code (scripts/codecache.mjs).
 */
export function useCodeCache(dir: string, record = false): CodeCache | undefined {
  const M = Module as unknown as ModuleInternals;
  const original = M.prototype._compile;
  if (typeof original !== 'function' || typeof M.wrap !== 'function') return undefined;
  const stats = { used: 0, rejected: 0, compiled: 0 };
  const scripts: Array<{ key: string; script: vm.Script }> = [];
  M.prototype._compile = function (this: CjsModule, content: string, filename: string): unknown {
    if (!CACHED.test(filename)) return original.call(this, content, filename);
    let fn: (...args: unknown[]) => unknown;
    let key: string;
    try {
      key = keyOf(filename, content);
      const file = path.join(dir, `${key}.bin`);
      const cachedData = existsSync(file) ? readFileSync(file) : undefined;
      const script = new vm.Script(M.wrap(content), {
        filename,
        ...(cachedData ? { cachedData } : {}),
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
      if (cachedData) {
        if (script.cachedDataRejected) stats.rejected++;
        else stats.used++;
      } else stats.compiled++;
      if (record) scripts.push({ key, script });
      fn = script.runInThisContext({ displayErrors: true }) as typeof fn;
    } catch {
      return original.call(this, content, filename);
    }
    const mod = this;
    const require = Object.assign((id: string) => mod.require(id), {
      resolve: Object.assign((request: string, options?: unknown) => M._resolveFilename(request, mod, false, options), {
        paths: (request: string) => (Module as unknown as { _resolveLookupPaths(r: string, m: CjsModule): unknown })._resolveLookupPaths(request, mod),
      }),
      main: (process as unknown as { mainModule?: unknown }).mainModule,
      extensions: M._extensions,
      cache: M._cache,
    });
    return fn.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };
  return {
    stats,
    save() {
      mkdirSync(dir, { recursive: true });
      for (const { key, script } of scripts) writeFileSync(path.join(dir, `${key}.bin`), script.createCachedData());
    },
  };
}
