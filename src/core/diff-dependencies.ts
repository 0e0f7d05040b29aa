import { nameKey, packageKey } from "../names.js";
import type { Change, ChangeKind, Dependency } from "../types.js";
import { versioningFor } from "../versions/versioning.js";

/**
 * Compares one lockfile's packages at base and head: per name, the versions are compared as
 * sets, so a name locked at two versions changes only in the versions that differ. Removed and added
 * versions of one name are paired in version order into upgrades or downgrades; what is left over is a
 * plain addition or removal. A version locked at both ends that becomes a direct runtime dependency
 * (it was transitive or dev only) is a change too, of kind `changed` from and to that version: the device
 * now ships it as its own dependency, so it needs a record even though no version moved.
 */
export function diffDependencies(lockfile: string, base: readonly Dependency[], head: readonly Dependency[]): Change[] {
  const before = groupByName(base);
  const after = groupByName(head);
  const changes: Change[] = [];
  const none = new Map<string, Dependency>();
  const keys = [...before.keys(), ...[...after.keys()].filter((key) => !before.has(key))];
  for (const key of keys) {
    const old = before.get(key) ?? none;
    const now = after.get(key) ?? none;
    // Most names are locked at one version on both sides: compared without building any list.
    if (old.size === 1 && now.size === 1) {
      const was = old.values().next().value!;
      const is = now.values().next().value!;
      if (was.version !== is.version) changes.push(toChange(lockfile, kindOf(was, is), was, is));
      else if (isDirectRuntime(is) && !isDirectRuntime(was)) changes.push(toChange(lockfile, "changed", was, is));
      continue;
    }
    const removed = sortVersions([...old.values()].filter((d) => !now.has(d.version)));
    const added = sortVersions([...now.values()].filter((d) => !old.has(d.version)));
    const paired = Math.min(removed.length, added.length);
    for (let i = 0; i < paired; i++) changes.push(toChange(lockfile, kindOf(removed[i]!, added[i]!), removed[i]!, added[i]!));
    for (const dep of added.slice(paired)) changes.push(toChange(lockfile, "added", undefined, dep));
    for (const dep of removed.slice(paired)) changes.push(toChange(lockfile, "removed", dep, undefined));
    for (const [version, dep] of now) {
      const was = old.get(version);
      if (was && isDirectRuntime(dep) && !isDirectRuntime(was)) changes.push(toChange(lockfile, "changed", was, dep));
    }
  }
  return changes.sort(compareChanges);
}

function groupByName(deps: readonly Dependency[]): Map<string, Map<string, Dependency>> {
  const groups = new Map<string, Map<string, Dependency>>();
  for (const dep of deps) {
    const key = packageKey(dep.ecosystem, dep.name);
    let versions = groups.get(key);
    if (!versions) groups.set(key, (versions = new Map()));
    const seen = versions.get(dep.version);
    // The same name@version declared twice (two requirement files, nested copies) is one package: it is
    // direct if any declaration is, and dev only if every declaration is.
    if (!seen) versions.set(dep.version, dep);
    else versions.set(dep.version, { ...seen, direct: seen.direct || dep.direct, dev: seen.dev && dep.dev });
  }
  return groups;
}

function isDirectRuntime(dep: Dependency): boolean {
  return dep.direct && !dep.dev;
}

function sortVersions(deps: Dependency[]): Dependency[] {
  return deps.sort((a, b) => versioningFor(a.ecosystem).compare(a.version, b.version) ?? a.version.localeCompare(b.version));
}

function kindOf(from: Dependency, to: Dependency): ChangeKind {
  const order = versioningFor(to.ecosystem).compare(to.version, from.version);
  if (order === undefined || order === 0) return "changed";
  return order > 0 ? "upgraded" : "downgraded";
}

function toChange(lockfile: string, kind: ChangeKind, from: Dependency | undefined, to: Dependency | undefined): Change {
  const dep = (to ?? from)!;
  const change: Change = {
    ecosystem: dep.ecosystem,
    name: dep.name,
    kind,
    from: from ? from.version : null,
    to: to ? to.version : null,
    lockfile,
    line: dep.line,
    direct: dep.direct,
    dev: dep.dev,
  };
  if (dep.license !== undefined) change.license = dep.license;
  if (dep.source !== undefined) change.source = dep.source;
  return change;
}

export function compareChanges(a: Change, b: Change): number {
  return (
    a.lockfile.localeCompare(b.lockfile) ||
    a.ecosystem.localeCompare(b.ecosystem) ||
    nameKey(a.ecosystem, a.name).localeCompare(nameKey(b.ecosystem, b.name)) ||
    (a.to ?? a.from ?? "").localeCompare(b.to ?? b.from ?? "")
  );
}
