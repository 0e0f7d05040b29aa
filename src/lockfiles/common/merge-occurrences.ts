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
  const merger = occurrenceMerger();
  for (const { ecosystem, name, version, direct, dev, line, license, source, commit } of occurrences) {
    addOccurrence(merger, ecosystem, name, version, direct, dev, line, license, source, commit);
  }
  return mergedDependencies(merger);
}

/** A package already seen, its commit, and the package seen before it under the same name (nearly always none). */
interface Seen {
  dependency: Dependency;
  /** Where `dependency` is in the merger's list. */
  at: number;
  commit: string | undefined;
  next: Seen | undefined;
}

/**
 * `mergeOccurrences` one occurrence at a time (`addOccurrence`), for a parser that reads thousands of
 * entries: nothing is built for an occurrence of a package already seen, and no key string for any. Each
 * name leads to the chain of its packages (nearly always one).
 *
 * A plain object made by one literal, and functions, rather than a class: a class instance gets its fields
 * one by one after it is made, each step a layout V8 keeps only while some instance has it. Every parse's
 * merger is collected after the parse, so the next one came with layouts new to `addOccurrence`, which
 * then never stayed unchanged long enough to be optimized, in a process that parses again and again (the
 * App). A literal's layout lives as long as the code that makes it.
 */
export interface OccurrenceMerger {
  readonly byName: Map<string, Seen>;
  readonly list: Dependency[];
  /** Whether `list` is in line order already, as parsers that read down the text make it: no sort then. */
  ordered: boolean;
  lastLine: number;
}

export function occurrenceMerger(): OccurrenceMerger {
  return { byName: new Map(), list: [], ordered: true, lastLine: -1 };
}

export function addOccurrence(
  merger: OccurrenceMerger,
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
  const head = merger.byName.get(key);
  const pinned = commit || undefined;
  let seen = head;
  while (seen !== undefined && (seen.dependency.version !== version || seen.commit !== pinned)) seen = seen.next;
  if (seen === undefined) {
    const dependency = newDependency(ecosystem, name, version, direct, dev, line, license, source);
    if (line > merger.lastLine) merger.lastLine = line;
    else merger.ordered = false;
    merger.byName.set(key, { dependency, at: merger.list.length, commit: pinned, next: head });
    merger.list.push(dependency);
    return;
  }
  let { dependency } = seen;
  if (dependency.license === undefined && license !== undefined) {
    // The first licence found counts. The package is made again with it rather than given one.
    dependency = newDependency(dependency.ecosystem, dependency.name, dependency.version, dependency.direct, dependency.dev, dependency.line, license, dependency.source);
    seen.dependency = dependency;
    merger.list[seen.at] = dependency;
  }
  dependency.direct ||= direct;
  dependency.dev &&= dev;
  if (line < dependency.line) {
    dependency.line = line;
    merger.ordered = false;
  }
}

/**
 * A package, made with every field it will have. No field is ever added to an object already made: that
 * gives it a layout V8 forgets once the parse's objects are collected, and code that met it is thrown
 * away at the next parse that meets it again, in a process that parses again and again (the App).
 */
function newDependency(
  ecosystem: Ecosystem,
  name: string,
  version: string,
  direct: boolean,
  dev: boolean,
  line: number,
  license: string | undefined,
  source: DependencySource | undefined,
): Dependency {
  if (source === undefined) return license === undefined ? { ecosystem, name, version, direct, dev, line } : { ecosystem, name, version, direct, dev, line, license };
  return license === undefined ? { ecosystem, name, version, direct, dev, line, source } : { ecosystem, name, version, direct, dev, line, license, source };
}

/** The packages, by line, then name and version. */
export function mergedDependencies(merger: OccurrenceMerger): Dependency[] {
  return merger.ordered ? merger.list : merger.list.sort(compareDependencies);
}

/** The order of a parse's dependencies: by line, then name and version. */
export function compareDependencies(a: Dependency, b: Dependency): number {
  return a.line - b.line || compareText(a.name, b.name) || compareText(a.version, b.version);
}
