import { normalizePypiName } from "../names.js";
import { PDM_LOCK } from "./claims.js";
import type { DependencySource } from "../types.js";
import type { Shape } from "./common/shape.js";
import { type LockfileFormat } from "./format.js";
import type { DeclaredDependencies } from "./pypi/pyproject.js";
import { readPyprojectLock } from "./pypi/read-pyproject-lock.js";
import { field, stringList, type TomlTable } from "./pypi/read-toml.js";

/**
 * pdm.lock. `groups` names the groups that need a package; `default` is the runtime one. Extras get a
 * second `[[package]]` of the same name and version (`extras = [...]`): merged into one.
 */
export const pdmLock: LockfileFormat = {
  ...PDM_LOCK,
  parse: (text, context) => readPyprojectLock(text, context, { file: "pdm.lock", markerAlways: true, foreignKeys: FOREIGN_KEYS, fields: FIELDS, isDev, sourceOf }),
};

const FIELDS: Record<string, Shape> = { groups: { list: "string" }, git: "string", path: "string", url: "string" };

/** pdm always writes `[metadata]`; poetry spells its keys with `-`, pdm with `_`; uv.lock and pylock.toml have a top-level version key. */
const FOREIGN_KEYS = { "metadata.lock-version": "poetry.lock", "metadata.content-hash": "poetry.lock", version: "uv.lock", "lock-version": "pylock.toml" };

/**
 * pdm lists extras and dev groups alike in `groups`. Without the manifest a group other than `default`
 * counts as dev; with it, a group that is a `[project.optional-dependencies]` extra is runtime, since the
 * extra ships when installed. No `groups` at all (older locks): runtime.
 */
function isDev(table: TomlTable, declared: DeclaredDependencies | undefined): boolean {
  const groups = stringList(field(table, "groups"));
  if (groups.length === 0 || groups.includes("default")) return false;
  return !groups.some((group) => declared?.extras.has(normalizePypiName(group)));
}

function sourceOf(table: TomlTable): DependencySource | undefined {
  if (field(table, "git") !== undefined) return "git";
  if (field(table, "path") !== undefined) return "file";
  if (field(table, "url") !== undefined) return "url";
  return undefined;
}
