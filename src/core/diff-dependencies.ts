import { nameKey, packageKey } from "../names.js";
import type { Change, ChangeKind, Dependency, Ecosystem, LocateLines } from "../types.js";
import { versioningFor } from "../versions/versioning.js";
import { compareText } from "../text/compare-text.js";

/**
 * Compares one lockfile's packages at base and head: per name, the versions are compared as
 * sets, so a name locked at two versions changes only in the versions that differ. Removed and added
 * versions of one name are paired in version order into upgrades or downgrades; what is left over is a
 * plain addition or removal. A version locked at both ends that becomes a direct runtime dependency
 * (it was transitive or dev only) is a change too, of kind `changed` from and to that version: the device
 * now ships it as its own dependency, so it needs a record even though no version moved.
 *
 * `lines`: for a list whose parser finds lines on demand, its `LocateLines`. Only the lines changes are
 * shown at are found, once the changes are known: the head's line of each package a change leads to, the
 * base's of a removed one. Finding a line walks the text up to it, so a check whose pull request removes
 * nothing never walks the base.
 */
export function diffDependencies(lockfile: string, base: readonly Dependency[], head: readonly Dependency[], lines: { base?: LocateLines | undefined; head?: LocateLines | undefined } = {}): Change[] {
  const [inBase, inHead] = namesToCompare(base, head);
  // A merged copy made while grouping (one name@version listed twice) is shown at its first entry's line.
  const origins = new Map<Dependency, Dependency>();
  const before = groupByName(base, inBase, origins);
  const after = groupByName(head, inHead, origins);
  const changes: Change[] = [];
  // The entry each change is shown at, in the list of its side.
  const shownAt: Dependency[] = [];
  const push = (kind: ChangeKind, from: Dependency | undefined, to: Dependency | undefined): void => {
    const dep = (to ?? from)!;
    changes.push(toChange(lockfile, kind, from, to));
    shownAt.push(origins.get(dep) ?? dep);
  };
  const keys = [...before.keys(), ...[...after.keys()].filter((key) => !before.has(key))];
  for (const key of keys) {
    const old = before.get(key);
    const now = after.get(key);
    // Most names are locked at one version on both sides: compared without building any list.
    if (isOne(old) && isOne(now)) {
      if (old.version !== now.version) push(kindOf(old, now), old, now);
      else if (isDirectRuntime(now) && !isDirectRuntime(old)) push("changed", old, now);
      continue;
    }
    const oldVersions = versionsOf(old);
    const nowVersions = versionsOf(now);
    const removed = sortVersions([...oldVersions.values()].filter((d) => !nowVersions.has(d.version)));
    const added = sortVersions([...nowVersions.values()].filter((d) => !oldVersions.has(d.version)));
    const paired = Math.min(removed.length, added.length);
    for (let i = 0; i < paired; i++) push(kindOf(removed[i]!, added[i]!), removed[i]!, added[i]!);
    for (const dep of added.slice(paired)) push("added", undefined, dep);
    for (const dep of removed.slice(paired)) push("removed", dep, undefined);
    for (const [version, dep] of nowVersions) {
      const was = oldVersions.get(version);
      if (was && isDirectRuntime(dep) && !isDirectRuntime(was)) push("changed", was, dep);
    }
  }
  if (lines.base) locateShown(base, inBase, lines.base, shownAt);
  if (lines.head) locateShown(head, inHead, lines.head, shownAt);
  for (let i = 0; i < changes.length; i++) changes[i]!.line = shownAt[i]!.line;
  return changes.sort(compareChanges);
}

/** Has `locate` find the lines of the entries of `deps` (those `compared` marks) that changes are shown at. */
function locateShown(deps: readonly Dependency[], compared: Uint8Array, locate: LocateLines, shownAt: readonly Dependency[]): void {
  const places = new Map<Dependency, number>();
  for (let i = 0; i < deps.length; i++) if (compared[i] === 1) places.set(deps[i]!, i);
  const wanted = new Uint8Array(deps.length);
  let any = false;
  for (const dep of shownAt) {
    const place = places.get(dep);
    if (place === undefined) continue;
    wanted[place] = 1;
    any = true;
  }
  if (any) locate(wanted);
}

/**
 * Which entries of each list take part in the comparison. A pull request leaves nearly every package as
 * it was, and a lockfile lists its packages in the same order at both ends, so an entry is first matched
 * with the one at the same place in the other list: the same package at the same version with the same
 * flags changes nothing. A name is compared only if some entry of it, in either list, found no such
 * twin — and then with every entry of it, in order, exactly as if no entry had been set aside: a name
 * whose entries all have twins has the same versions and flags at both ends, so it has no change. This
 * spares the grouping by name of the ten thousand packages a change leaves alone.
 */
function namesToCompare(base: readonly Dependency[], head: readonly Dependency[]): [Uint8Array, Uint8Array] {
  const inBase = new Uint8Array(base.length);
  const inHead = new Uint8Array(head.length);
  const common = Math.min(base.length, head.length);
  // Names (per ecosystem) of the entries without a twin.
  const names = new Map<Ecosystem, Set<string>>();
  const note = (dep: Dependency) => {
    let set = names.get(dep.ecosystem);
    if (!set) names.set(dep.ecosystem, (set = new Set()));
    set.add(nameKey(dep.ecosystem, dep.name));
  };
  for (let i = 0; i < base.length; i++) {
    const was = base[i]!;
    const now = i < common ? head[i]! : undefined;
    if (now && was.name === now.name && was.version === now.version && was.ecosystem === now.ecosystem && was.direct === now.direct && was.dev === now.dev) continue;
    inBase[i] = 1;
    note(was);
    if (now) {
      inHead[i] = 1;
      note(now);
    }
  }
  for (let i = common; i < head.length; i++) {
    inHead[i] = 1;
    note(head[i]!);
  }
  if (names.size === 0) return [inBase, inHead];
  // Twins whose name is compared anyway join the comparison, on both sides (a twin pair shares its name).
  for (let i = 0; i < common; i++) {
    if (inBase[i] === 1) continue;
    const dep = base[i]!;
    if (names.get(dep.ecosystem)?.has(nameKey(dep.ecosystem, dep.name))) inBase[i] = inHead[i] = 1;
  }
  return [inBase, inHead];
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

/** The entries `taking` marks, by name; `origins` gets the first entry of each merged copy it makes. */
function groupByName(deps: readonly Dependency[], taking: Uint8Array, origins: Map<Dependency, Dependency>): Map<string, Versions> {
  const groups = new Map<string, Versions>();
  for (let i = 0; i < deps.length; i++) {
    if (taking[i] !== 1) continue;
    const dep = deps[i]!;
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
    else {
      const merged = { ...seen, direct: seen.direct || dep.direct, dev: seen.dev && dep.dev };
      map.set(dep.version, merged);
      origins.set(merged, origins.get(seen) ?? seen);
    }
  }
  return groups;
}

function isDirectRuntime(dep: Dependency): boolean {
  return dep.direct && !dep.dev;
}

function sortVersions(deps: Dependency[]): Dependency[] {
  return deps.sort((a, b) => versioningFor(a.ecosystem).compare(a.version, b.version) ?? compareText(a.version, b.version));
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
    compareText(a.lockfile, b.lockfile) ||
    compareText(a.ecosystem, b.ecosystem) ||
    compareText(nameKey(a.ecosystem, a.name), nameKey(b.ecosystem, b.name)) ||
    compareText(a.to ?? a.from ?? "", b.to ?? b.from ?? "")
  );
}
