import { normalizePypiName } from "../names.js";
import type { Dependency, DependencySource, ParseOutcome } from "../types.js";
import { type LockfileFormat, type ParseContext } from "./format.js";
import { mergeOccurrences } from "./shared/merge-occurrences.js";
import { readPackageTables } from "./pypi/package-tables.js";
import { readDeclaredDependencies, type DeclaredDependencies } from "./pypi/pyproject.js";
import { field, stringList, type TomlTable } from "./pypi/read-toml.js";
import { baseName } from "../paths.js";

/**
 * pdm.lock. `groups` names the groups that need a package; `default` is the runtime one. Extras get a
 * second `[[package]]` of the same name and version (`extras = [...]`): merged into one.
 */
export const pdmLock: LockfileFormat = {
  id: "pdm.lock",
  ecosystem: "pypi",
  matches: (path) => baseName(path) === "pdm.lock",
  manifest: "pyproject.toml",
  parse: parsePdmLock,
};

function parsePdmLock(text: string, context: ParseContext): ParseOutcome {
  const read = readPackageTables(text, { file: "pdm.lock", key: "package", marker: "metadata" });
  if (!read.ok) return read;
  const declared = context.manifest === undefined ? undefined : readDeclaredDependencies(context.manifest);
  const dependencies = read.packages.map(({ table, name, version, line }): Dependency => {
    const source = sourceOf(table);
    return {
      ecosystem: "pypi",
      name,
      version: version ?? "",
      direct: declared === undefined || declared.names.has(normalizePypiName(name)),
      dev: isDev(stringList(field(table, "groups")), declared),
      line,
      ...(source ? { source } : {}),
    };
  });
  return { ok: true, dependencies: mergeOccurrences(dependencies) };
}

/**
 * pdm lists extras and dev groups alike in `groups`. Without the manifest a group other than `default`
 * counts as dev; with it, a group that is a `[project.optional-dependencies]` extra is runtime, since the
 * extra ships when installed. No `groups` at all (older locks): runtime.
 */
function isDev(groups: string[], declared: DeclaredDependencies | undefined): boolean {
  if (groups.length === 0 || groups.includes("default")) return false;
  return !groups.some((group) => declared?.extras.has(normalizePypiName(group)));
}

function sourceOf(table: TomlTable): DependencySource | undefined {
  if (field(table, "git") !== undefined) return "git";
  if (field(table, "path") !== undefined) return "file";
  if (field(table, "url") !== undefined) return "url";
  return undefined;
}
