/**
 * npm's rules for a package name, in a module with no imports so that the CLI can check
 * `--package-name` while it parses its options, before any emitter is loaded.
 */
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** Why `name` cannot be an npm package name (lower case, URL-safe, optional scope, at most 214 chars), or `undefined` when it can. */
export function packageNameProblem(name: string): string | undefined {
  if (name.length > 214 || !PACKAGE_NAME.test(name)) {
    return `${JSON.stringify(name)} is not a valid npm package name (lower case letters, digits, - . _ ~, optional @scope/)`;
  }
  return undefined;
}
