import { nameKey } from "../../names.js";
import type { Dependency } from "../../types.js";

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
  const merged = new Map<string, Dependency>();
  const dependencies: Dependency[] = [];
  // No rest or spread per occurrence: on lockfiles of thousands of packages they cost more than the merge.
  for (const occurrence of occurrences) {
    const key = `${nameKey(occurrence.ecosystem, occurrence.name)}@${occurrence.version}#${occurrence.commit ?? ""}`;
    const seen = merged.get(key);
    if (!seen) {
      const { ecosystem, name, version, direct, dev, line, license, source } = occurrence;
      const dependency: Dependency = { ecosystem, name, version, direct, dev, line };
      if (license !== undefined) dependency.license = license;
      if (source !== undefined) dependency.source = source;
      merged.set(key, dependency);
      dependencies.push(dependency);
      continue;
    }
    seen.direct ||= occurrence.direct;
    seen.dev &&= occurrence.dev;
    if (occurrence.line < seen.line) seen.line = occurrence.line;
    if (seen.license === undefined && occurrence.license !== undefined) seen.license = occurrence.license;
  }
  return dependencies.sort((a, b) => a.line - b.line || compare(a.name, b.name) || compare(a.version, b.version));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
