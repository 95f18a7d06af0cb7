/**
 * What depends only on templates/, computed once by `npm run build` (scripts/build.mjs writes
 * it to build/prebuilt.json): the runtime's dist/ files and the names it declares, and the
 * README template's tree. A cold run then compiles only the generated sources and parses no
 * template. Entries are content-addressed (see Prebuilt), so
 * the emitter's output is the same with or without them.
 */
import { runtimeNames, runtimeNamesKey, runtimeSources } from '../../layout/runtime.js';
import type { Prebuilt } from '../types.js';
import { compileToDist, compilerOptions, distKey } from './compile.js';
import { parseReadmeTemplate, readmeTreeKey } from './package.js';

export function prebuild(templates: Readonly<Record<string, string>>): Prebuilt {
  const tsconfig = templates['package/tsconfig.json'];
  if (tsconfig === undefined) throw new Error('internal: templates/package/tsconfig.json is missing');
  const options = compilerOptions(tsconfig);
  const runtime = runtimeSources(templates);
  const dist: Record<string, Prebuilt['dist'][string]> = {};
  for (const [path, contents] of runtime) {
    const src = { path: `src/${path}`, contents };
    const { files, problems } = compileToDist([src], options);
    const js = files.find((f) => f.path.endsWith('.js'));
    const dts = files.find((f) => f.path.endsWith('.d.ts'));
    if (!js || !dts) throw new Error(`internal: ${src.path} compiled to nothing`);
    dist[distKey(options, src.path, contents)] = { js: js.contents, dts: dts.contents, problems };
  }
  const names = runtimeNames(runtime);
  const readmeTemplate = templates['package/README.md'];
  return {
    dist,
    ...(readmeTemplate === undefined ? {} : { readmeTrees: { [readmeTreeKey(readmeTemplate)]: parseReadmeTemplate(readmeTemplate) } }),
    runtimeNames: { [runtimeNamesKey(runtime)]: { exports: [...names.exports], clientMembers: [...names.clientMembers] } },
  };
}
