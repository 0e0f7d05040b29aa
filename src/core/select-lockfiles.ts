import picomatch from "picomatch";
import { findFormat, type LockfileFormat } from "../lockfiles/index.js";
import { requirementsTxt } from "../lockfiles/requirements.js";
import type { Config } from "../policy/config.js";

/**
 * Which format reads the file at `path`, under the policy's `lockfiles` globs: excluded paths and
 * anything inside node_modules are never lockfiles; `include` globs make further `.txt` files pip
 * requirements files (the one format whose file names vary from project to project).
 */
export function selectFormat(path: string, config: Config): LockfileFormat | undefined {
  if (/(^|\/)node_modules\//.test(path)) return undefined;
  if (config.lockfiles.exclude.length > 0 && picomatch.isMatch(path, config.lockfiles.exclude, { dot: true })) return undefined;
  const format = findFormat(path);
  if (format) return format;
  if (config.lockfiles.include.length > 0 && path.endsWith(".txt") && picomatch.isMatch(path, config.lockfiles.include, { dot: true })) return requirementsTxt;
  return undefined;
}
