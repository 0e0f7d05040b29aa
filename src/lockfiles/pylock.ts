import type { Dependency, DependencySource, ParseOutcome } from "../types.js";
import { PYLOCK } from "./claims.js";
import { type LockfileFormat } from "./format.js";
import type { Shape } from "./common/shape.js";
import { mergeOccurrences } from "./common/merge-occurrences.js";
import { readPackageTables } from "./pypi/package-tables.js";
import { field, tableField, type TomlTable } from "./pypi/read-toml.js";

/**
 * PEP 751 `pylock.toml` / `pylock.<name>.toml`. The standard records no dependency roots (its
 * `dependencies` arrays are informational) and marks groups only inside environment markers, so every
 * package is taken as direct and runtime: where the lockfile does not say, soup-gate checks more.
 */
export const pylock: LockfileFormat = {
  ...PYLOCK,
  parse: parsePylock,
};

const FIELDS: Record<string, Shape> = { vcs: { fields: { type: "string" } }, directory: { fields: { path: "string" } }, archive: { fields: {} } };

function parsePylock(text: string): ParseOutcome {
  const read = readPackageTables(text, { file: "pylock.toml", key: "packages", marker: "lock-version", markerAlways: true, fields: FIELDS });
  if (!read.ok) return read;
  const dependencies: Dependency[] = [];
  for (const { table, name, version, line } of read.packages) {
    // `pip lock -e .` records the project itself as the directory `.`: first-party code, not SOUP.
    const directory = tableField(table, "directory");
    if (directory && field(directory, "path") === ".") continue;
    const source = sourceOf(table);
    dependencies.push({ ecosystem: "pypi", name, version: version ?? "", direct: true, dev: false, line, ...(source ? { source } : {}) });
  }
  return { ok: true, dependencies: mergeOccurrences(dependencies) };
}

function sourceOf(table: TomlTable): DependencySource | undefined {
  const vcs = tableField(table, "vcs");
  if (vcs) return field(vcs, "type") === "git" ? "git" : "url";
  if (tableField(table, "directory")) return "file";
  const archive = tableField(table, "archive");
  if (archive) return field(archive, "url") !== undefined ? "url" : "file";
  return undefined;
}
