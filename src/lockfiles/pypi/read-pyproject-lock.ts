import { normalizePypiName } from "../../names.js";
import type { Dependency, DependencySource, ParseOutcome } from "../../types.js";
import type { ParseContext } from "../format.js";
import { mergeOccurrences } from "../common/merge-occurrences.js";
import { readPackageTables } from "./package-tables.js";
import { readDeclaredDependencies, type DeclaredDependencies } from "./pyproject.js";
import type { TomlTable } from "./read-toml.js";
import type { Shape } from "../common/shape.js";

/** What sets one pyproject-based lockfile apart from another: its name, and how it writes groups and sources. */
export interface PyprojectLock {
  /** File name for messages: `poetry.lock`. */
  file: string;
  /** Does every file have `[metadata]`? Keys only other lockfile formats write (see PackageTablesFormat). */
  markerAlways?: boolean;
  foreignKeys: Readonly<Record<string, string>>;
  /** The fields of a `[[package]]` table `isDev` and `sourceOf` read, with their shapes. */
  fields: Readonly<Record<string, Shape>>;
  isDev(table: TomlTable, declared: DeclaredDependencies | undefined): boolean;
  sourceOf(table: TomlTable): DependencySource | undefined;
}

/**
 * Reads a lockfile that pins each package in a `[[package]]` table and leaves what is direct to the
 * project's pyproject.toml (poetry.lock, pdm.lock). Without the manifest every package is direct.
 */
export function readPyprojectLock(text: string, context: ParseContext, lock: PyprojectLock): ParseOutcome {
  const read = readPackageTables(text, { file: lock.file, key: "package", marker: "metadata", markerAlways: lock.markerAlways === true, foreignKeys: lock.foreignKeys, fields: lock.fields });
  if (!read.ok) return read;
  const declared = context.manifest === undefined ? undefined : readDeclaredDependencies(context.manifest);
  const dependencies = read.packages.map(({ table, name, version, line }): Dependency => {
    const source = lock.sourceOf(table);
    return {
      ecosystem: "pypi",
      name,
      version: version ?? "",
      direct: declared === undefined || declared.names.has(normalizePypiName(name)),
      dev: lock.isDev(table, declared),
      line,
      ...(source ? { source } : {}),
    };
  });
  return { ok: true, dependencies: mergeOccurrences(dependencies) };
}
