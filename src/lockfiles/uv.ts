import { normalizePypiName } from "../names.js";
import { UV_LOCK } from "./claims.js";
import type { Dependency, DependencySource, ParseOutcome } from "../types.js";
import { type LockfileFormat } from "./format.js";
import type { Shape } from "./common/shape.js";
import { mergeOccurrences } from "./common/merge-occurrences.js";
import { readPackageTables, type PackageTable } from "./pypi/package-tables.js";
import { field, isTable, stringList, tableField, type TomlTable } from "./pypi/read-toml.js";

/**
 * uv.lock. The project and its workspace members are `[[package]]` tables with an `editable` or
 * `virtual` source: they are first-party code, not SOUP, so they are left out, and what they name is
 * what is direct. Their `dependencies` and `optional-dependencies` (extras ship when the extra is
 * installed) are runtime roots, their `dev-dependencies` groups dev roots. A transitive package is dev
 * only when no runtime root reaches it.
 */
export const uvLock: LockfileFormat = {
  ...UV_LOCK,
  parse: parseUvLock,
};

/** A reference to a locked package, as a member's or a package's dependency lists hold them. */
const REFERENCE: Shape = { fields: { name: "string", version: "string", source: { fields: {} }, extra: { list: "string" } } };
const FIELDS: Record<string, Shape> = {
  source: { fields: { registry: "string", git: "string", url: "string", path: "string", directory: "string", editable: "string", virtual: "string" } },
  dependencies: { list: REFERENCE },
  "optional-dependencies": { map: { list: REFERENCE } },
  "dev-dependencies": { map: { list: REFERENCE } },
};

function parseUvLock(text: string): ParseOutcome {
  const read = readPackageTables(text, { file: "uv.lock", key: "package", marker: "version", markerAlways: true, fields: FIELDS });
  if (!read.ok) return read;
  const packages = read.packages;
  const byName = new Map<string, PackageTable[]>();
  for (const entry of packages) {
    const key = normalizePypiName(entry.name);
    const same = byName.get(key);
    if (same) same.push(entry);
    else byName.set(key, [entry]);
  }
  const resolve = (reference: TomlTable): PackageTable[] => {
    const name = field(reference, "name");
    if (typeof name !== "string") return [];
    const version = field(reference, "version");
    const source = field(reference, "source");
    // With forked resolution one name is locked more than once; references then carry version and source.
    return (byName.get(normalizePypiName(name)) ?? []).filter(
      (entry) => (typeof version !== "string" || entry.version === version) && (!isTable(source) || sameSource(field(entry.table, "source"), source)),
    );
  };

  const members = packages.filter((entry) => isMember(entry.table));
  const runtimeRoots = members.flatMap((member) => [
    ...references(field(member.table, "dependencies")),
    ...Object.values(tableField(member.table, "optional-dependencies") ?? {}).flatMap(references),
  ]);
  const devRoots = members.flatMap((member) => Object.values(tableField(member.table, "dev-dependencies") ?? {}).flatMap(references));
  const direct = new Set([...runtimeRoots, ...devRoots].flatMap(resolve));
  const runtime = reach(runtimeRoots, resolve);
  const dev = reach(devRoots, resolve);

  const dependencies = packages
    .filter((entry) => !isMember(entry.table))
    .map((entry): Dependency => {
      const source = sourceOf(entry.table);
      return {
        ecosystem: "pypi",
        name: entry.name,
        version: entry.version ?? "",
        // A lock without a project (nothing to start from) says nothing about either: direct, runtime.
        direct: members.length === 0 || direct.has(entry),
        dev: dev.has(entry) && !runtime.has(entry),
        line: entry.line,
        ...(source ? { source } : {}),
      };
    });
  return { ok: true, dependencies: mergeOccurrences(dependencies) };
}

/** Every package reachable from the roots through `dependencies`, entering extras a reference asks for. */
function reach(roots: TomlTable[], resolve: (reference: TomlTable) => PackageTable[]): Set<PackageTable> {
  const reached = new Set<PackageTable>();
  const enteredExtras = new Map<PackageTable, Set<string>>();
  const queue = [...roots];
  for (let reference = queue.pop(); reference !== undefined; reference = queue.pop()) {
    for (const target of resolve(reference)) {
      if (!reached.has(target)) {
        reached.add(target);
        for (const next of references(field(target.table, "dependencies"))) queue.push(next);
      }
      for (const extra of stringList(field(reference, "extra"))) {
        const entered = enteredExtras.get(target) ?? new Set<string>();
        if (entered.has(extra)) continue;
        enteredExtras.set(target, entered.add(extra));
        for (const next of references(field(tableField(target.table, "optional-dependencies") ?? {}, extra))) queue.push(next);
      }
    }
  }
  return reached;
}

function references(value: unknown): TomlTable[] {
  return Array.isArray(value) ? value.filter(isTable) : [];
}

function isMember(table: TomlTable): boolean {
  const source = tableField(table, "source");
  return source !== undefined && (field(source, "editable") !== undefined || field(source, "virtual") !== undefined);
}

function sameSource(a: unknown, b: TomlTable): boolean {
  return isTable(a) && Object.keys(b).every((key) => field(a, key) === field(b, key));
}

function sourceOf(table: TomlTable): DependencySource | undefined {
  const source = tableField(table, "source");
  if (!source) return undefined;
  if (field(source, "git") !== undefined) return "git";
  if (field(source, "url") !== undefined) return "url";
  if (field(source, "path") !== undefined || field(source, "directory") !== undefined) return "file";
  return undefined;
}
