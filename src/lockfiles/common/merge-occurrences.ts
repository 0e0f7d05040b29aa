import { nameKey } from "../../names.js";
import type { Dependency, DependencySource, Ecosystem } from "../../types.js";
import { compareText } from "../../text/compare-text.js";

/** One place a package is installed; several can name the same package. */
export interface Occurrence extends Dependency {
  /** Commit of a git dependency: two commits of one version are two different pieces of code. */
  commit?: string;
}

/**
 * One Dependency per package (name@version, PyPI names per PEP 503, plus the commit for git dependencies).
 * Occurrences that disagree merge towards more checking: direct if any occurrence is direct, dev only if every occurrence
 * is dev (a package that also ships at runtime is runtime), the line of the first occurrence in the text.
 */
export function mergeOccurrences(occurrences: Iterable<Occurrence>): Dependency[] {
  const merger = new OccurrenceMerger();
  for (const { ecosystem, name, version, direct, dev, line, license, source, commit } of occurrences) {
    merger.add(ecosystem, name, version, direct, dev, line, license, source, commit);
  }
  return merger.dependencies();
}

/** A package already seen, its commit, and the next package of the same name (nearly always none). */
interface Seen {
  dependency: Dependency;
  commit: string | undefined;
  next: Seen | undefined;
}

/**
 * `mergeOccurrences` one occurrence at a time, for a parser that reads thousands of entries: nothing is
 * built for an occurrence of a package already seen, and no key string for any. The first package of a
 * name is kept as itself, without a commit (nearly every package); a `Seen` chain is made only for a git
 * dependency or a second version.
 */
export class OccurrenceMerger {
  private readonly byName = new Map<string, Dependency | Seen>();
  private readonly list: Dependency[] = [];

  add(
    ecosystem: Ecosystem,
    name: string,
    version: string,
    direct: boolean,
    dev: boolean,
    line: number,
    license: string | undefined,
    source: DependencySource | undefined,
    commit: string | undefined,
  ): void {
    const key = nameKey(ecosystem, name);
    const first = this.byName.get(key);
    const pinned = commit || undefined;
    let seen: Dependency | undefined;
    if (first !== undefined) {
      if (!isSeen(first)) {
        if (first.version === version && pinned === undefined) seen = first;
      } else {
        let chain: Seen | undefined = first;
        while (chain !== undefined && (chain.dependency.version !== version || chain.commit !== pinned)) chain = chain.next;
        seen = chain?.dependency;
      }
    }
    if (seen === undefined) {
      const dependency: Dependency = { ecosystem, name, version, direct, dev, line };
      if (license !== undefined) dependency.license = license;
      if (source !== undefined) dependency.source = source;
      this.list.push(dependency);
      if (first === undefined && pinned === undefined) this.byName.set(key, dependency);
      else this.byName.set(key, { dependency, commit: pinned, next: first === undefined ? undefined : isSeen(first) ? first : { dependency: first, commit: undefined, next: undefined } });
      return;
    }
    seen.direct ||= direct;
    seen.dev &&= dev;
    if (line < seen.line) seen.line = line;
    if (seen.license === undefined && license !== undefined) seen.license = license;
  }

  /** The packages, by line, then name and version. */
  dependencies(): Dependency[] {
    return this.list.sort(compareDependencies);
  }
}

/** The order of a parse's dependencies: by line, then name and version. */
export function compareDependencies(a: Dependency, b: Dependency): number {
  return a.line - b.line || compareText(a.name, b.name) || compareText(a.version, b.version);
}

function isSeen(value: Dependency | Seen): value is Seen {
  return "dependency" in value;
}
