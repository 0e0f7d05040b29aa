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

/**
 * A package of a name that has several (versions, or commits): where it is in the merger's list, its
 * commit, and the package of that name seen before it.
 */
interface Seen {
  at: number;
  commit: string | undefined;
  next: Seen | undefined;
}

/**
 * `mergeOccurrences` one occurrence at a time (`addOccurrence`), for a parser that reads thousands of
 * entries: nothing is built for an occurrence of a package already seen, and no key string for any. A
 * name of one package without a commit (nearly every name) leads to its place in the list; a `Seen` chain
 * is made only for a git dependency or a second version.
 *
 * A plain object made by one literal, and functions, rather than a class: a class instance gets its fields
 * one by one after it is made, each step a layout V8 keeps only while some instance has it. Every parse's
 * merger is collected after the parse, so the next one came with layouts new to `addOccurrence`, which
 * then never stayed unchanged long enough to be optimized, in a process that parses again and again (the
 * App). A literal's layout lives as long as the code that makes it.
 */
export interface OccurrenceMerger {
  readonly byName: Map<string, number | Seen>;
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
  const { byName, list } = merger;
  const key = nameKey(ecosystem, name);
  const head = byName.get(key);
  const pinned = commit || undefined;
  let at = -1;
  if (typeof head === "number") {
    if (pinned === undefined && list[head]!.version === version) at = head;
  } else {
    for (let seen = head; seen !== undefined; seen = seen.next) {
      if (seen.commit === pinned && list[seen.at]!.version === version) {
        at = seen.at;
        break;
      }
    }
  }
  if (at === -1) {
    // Nearly every package: no source, made here rather than by a call, which costs on the first parse of a process.
    const dependency: Dependency =
      source !== undefined ? newDependency(ecosystem, name, version, direct, dev, line, license, source) : license === undefined ? { ecosystem, name, version, direct, dev, line } : { ecosystem, name, version, direct, dev, line, license };
    if (line > merger.lastLine) merger.lastLine = line;
    else merger.ordered = false;
    const index = list.length;
    list.push(dependency);
    if (head === undefined && pinned === undefined) byName.set(key, index);
    else byName.set(key, { at: index, commit: pinned, next: typeof head === "number" ? { at: head, commit: undefined, next: undefined } : head });
    return;
  }
  let dependency = list[at]!;
  if (dependency.license === undefined && license !== undefined) {
    // The first licence found counts. The package is made again with it rather than given one.
    dependency = newDependency(dependency.ecosystem, dependency.name, dependency.version, dependency.direct, dependency.dev, dependency.line, license, dependency.source);
    list[at] = dependency;
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
