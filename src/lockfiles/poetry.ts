import { normalizePypiName } from "../names.js";
import type { Dependency, DependencySource, ParseOutcome } from "../types.js";
import { type LockfileFormat, type ParseContext } from "./format.js";
import { mergeOccurrences } from "./shared/merge-occurrences.js";
import { readPackageTables } from "./pypi/package-tables.js";
import { readDeclaredDependencies } from "./pypi/pyproject.js";
import { field, stringList, tableField, type TomlTable } from "./pypi/read-toml.js";
import { baseName } from "../paths.js";

/** poetry.lock, 1.x (`category`) and ≥1.5/2.x (`groups`); direct dependencies come from pyproject.toml. */
export const poetryLock: LockfileFormat = {
  id: "poetry.lock",
  ecosystem: "pypi",
  matches: (path) => baseName(path) === "poetry.lock",
  manifest: "pyproject.toml",
  parse: parsePoetryLock,
};

function parsePoetryLock(text: string, context: ParseContext): ParseOutcome {
  const read = readPackageTables(text, { file: "poetry.lock", key: "package", marker: "metadata" });
  if (!read.ok) return read;
  const declared = context.manifest === undefined ? undefined : readDeclaredDependencies(context.manifest);
  const dependencies = read.packages.map(({ table, name, version, line }): Dependency => {
    const source = sourceOf(table);
    return {
      ecosystem: "pypi",
      name,
      version: version ?? "",
      direct: declared === undefined || declared.names.has(normalizePypiName(name)),
      dev: isDev(table),
      line,
      ...(source ? { source } : {}),
    };
  });
  return { ok: true, dependencies: mergeOccurrences(dependencies) };
}

/**
 * Poetry 1.x writes `category = "dev"`; poetry 2.x writes the groups that need the package, `main` being
 * the runtime one. Poetry 1.5–1.8 write neither: runtime, since nothing says otherwise. Extras
 * (`optional = true`) ship when the extra is installed: runtime too.
 */
function isDev(table: TomlTable): boolean {
  if (field(table, "category") === "dev") return true;
  const groups = stringList(field(table, "groups"));
  return groups.length > 0 && !groups.includes("main");
}

function sourceOf(table: TomlTable): DependencySource | undefined {
  const source = tableField(table, "source");
  switch (source && field(source, "type")) {
    case "git":
      return "git";
    case "url":
      return "url";
    case "file":
    case "directory":
      return "file";
    default:
      // `legacy` and `explicit` sources are package indexes: registries.
      return undefined;
  }
}
