import { findFormat, type ListedFormat } from "../lockfiles/index.js";
import { compileGlob } from "../policy/compile-glob.js";
import type { Config } from "../policy/config.js";

/**
 * Which format reads the file at `path`, under the policy's `lockfiles` globs: excluded paths and
 * anything inside node_modules are never lockfiles; `include` globs make further `.txt` files pip
 * requirements files (the one format whose file names vary from project to project).
 */
export function selectFormat(path: string, config: Config): ListedFormat | undefined {
  if (/(^|\/)node_modules\//.test(path)) return undefined;
  if (config.lockfiles.exclude.length > 0 && matchesAny(config.lockfiles.exclude, path)) return undefined;
  const format = findFormat(path);
  if (format) return format;
  if (config.lockfiles.include.length > 0 && path.endsWith(".txt") && matchesAny(config.lockfiles.include, path)) return findFormat("requirements.txt");
  return undefined;
}

/** The globs of one list compiled once per policy, not once per file of a 3,000-file tree. */
const compiled = new WeakMap<readonly string[], Array<(path: string) => boolean>>();

function matchesAny(globs: readonly string[], path: string): boolean {
  let matchers = compiled.get(globs);
  if (!matchers) compiled.set(globs, (matchers = globs.map(compileGlob)));
  return matchers.some((match) => match(path));
}
