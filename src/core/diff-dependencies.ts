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
  const keys = [...before.keys(), ...[...after.keys()].filter((key) => !before.has(key))];
  for (const key of keys) {
    const old = before.get(key);
    const now = after.get(key);
    // Most names are locked at one version on both sides: compared without building any list.
    if (isOne(old) && isOne(now)) {
      if (old.version !== now.version) changes.push(toChange(lockfile, kindOf(old, now), old, now));
      else if (isDirectRuntime(now) && !isDirectRuntime(old)) changes.push(toChange(lockfile, "changed", old, now));
      continue;
    }
    const oldVersions = versionsOf(old);
    const nowVersions = versionsOf(now);
    const removed = sortVersions([...oldVersions.values()].filter((d) => !nowVersions.has(d.version)));
    const added = sortVersions([...nowVersions.values()].filter((d) => !oldVersions.has(d.version)));
    const paired = Math.min(removed.length, added.length);
    for (let i = 0; i < paired; i++) changes.push(toChange(lockfile, kindOf(removed[i]!, added[i]!), removed[i]!, added[i]!));
    for (const dep of added.slice(paired)) changes.push(toChange(lockfile, "added", undefined, dep));
    for (const dep of removed.slice(paired)) changes.push(toChange(lockfile, "removed", dep, undefined));
    for (const [version, dep] of nowVersions) {
      const was = oldVersions.get(version);
      if (was && isDirectRuntime(dep) && !isDirectRuntime(was)) changes.push(toChange(lockfile, "changed", was, dep));
    }
  }
  return changes.sort(compareChanges);
}

/** The versions of one name: the one Dependency itself when there is one (nearly every name), else a map by version. */
type Versions = Dependency | Map<string, Dependency>;

const NONE = new Map<string, Dependency>();

function isOne(versions: Versions | undefined): versions is Dependency {
  return versions !== undefined && !(versions instanceof Map);
}

function versionsOf(versions: Versions | undefined): Map<string, Dependency> {
  if (versions === undefined) return NONE;
  return versions instanceof Map ? versions : new Map([[versions.version, versions]]);
}

function groupByName(deps: readonly Dependency[]): Map<string, Versions> {
  const groups = new Map<string, Versions>();
  for (const dep of deps) {
    const key = packageKey(dep.ecosystem, dep.name);
    const versions = groups.get(key);
    if (versions === undefined) {
      groups.set(key, dep);
      continue;
    }
    const map = versions instanceof Map ? versions : new Map([[versions.version, versions]]);
    if (map !== versions) groups.set(key, map);
    const seen = map.get(dep.version);
    // The same name@version declared twice (two requirement files, nested copies) is one package: it is
    // direct if any declaration is, and dev only if every declaration is.
    if (!seen) map.set(dep.version, dep);
    else map.set(dep.version, { ...seen, direct: seen.direct || dep.direct, dev: seen.dev && dep.dev });
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
