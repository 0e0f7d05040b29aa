import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { LockfileFormat } from "../../src/lockfiles/format.js";
import type { Dependency, ParseOutcome } from "../../src/types.js";

/** The JavaScript part of the fixture corpus (test/fixtures/lockfiles/README.md), read relative to the repository. */
const CORPUS = "test/fixtures/lockfiles";

interface ExpectedPackage {
  name: string;
  version: string;
  dev?: boolean;
  depGroups?: string[];
  relationship?: string;
}

/**
 * How one fixture's expectation relates to our output. The producers count differently
 * (README.md `producer_semantics`), so every fixture states which of our sets it is compared with and
 * each pair where our rule gives a different answer, with the reason.
 */
export interface CorpusRule {
  /** Why the comparison below is the right one for this producer. */
  rule: string;
  /** `all`: every dependency we report; `runtime`: only those with dev false (producers that list production packages). */
  compare: "all" | "runtime";
  /** Pairs the producer lists and we do not. */
  remove?: string[];
  /** Pairs we list and the producer does not. */
  add?: string[];
  /** Pairs whose dev/direct flag legitimately differs from the producer's, with the reason in `rule`. */
  flagExceptions?: string[];
  /** Text edit applied before parsing (hand-edited fixtures with entries no package manager writes). */
  edit?: (text: string) => string;
}

export function listFixtures(folder: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(CORPUS, dir)).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(join(CORPUS, path)).isDirectory() ? walk(path) : [path];
    });
  return walk(folder).filter((path) => existsSync(join(CORPUS, `${path}.expected.json`))).sort();
}

export function readFixture(fixture: string): string {
  return readFileSync(join(CORPUS, fixture), "utf8");
}

/** The snyk cases keep the `package.json` their producer read beside the lockfile. */
export function readSiblingManifest(fixture: string): string | undefined {
  const path = join(CORPUS, dirname(fixture), "package.json");
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

export function parseFixture(format: LockfileFormat, fixture: string, edit: (text: string) => string = (text) => text): ParseOutcome {
  const manifest = readSiblingManifest(fixture);
  return format.parse(edit(readFixture(fixture)), { path: fixture, ...(manifest === undefined ? {} : { manifest }) });
}

export function dependenciesOf(outcome: ParseOutcome): Dependency[] {
  if (!outcome.ok) throw new Error(`expected a parse, got line ${outcome.error.line}: ${outcome.error.message}`);
  return outcome.dependencies;
}

export function pairsOf(packages: ReadonlyArray<{ name: string; version: string }>): string[] {
  return [...new Set(packages.map(({ name, version }) => `${name}@${version}`))].sort();
}

/** The expectation's pairs with the rule's differences applied; an adjustment that does not apply is an error. */
export function expectedPairs(fixture: string, { remove = [], add = [] }: CorpusRule): string[] {
  const expected = pairsOf(readExpected(fixture));
  for (const pair of remove) if (!expected.includes(pair)) throw new Error(`${fixture}: removes ${pair}, which is not expected`);
  for (const pair of add) if (expected.includes(pair)) throw new Error(`${fixture}: adds ${pair}, which is already expected`);
  return [...expected.filter((pair) => !remove.includes(pair)), ...add].sort();
}

/**
 * The flags the producer asserts, merged per pair the way we merge occurrences (dev only if every entry
 * is dev, direct if any is): `dev` from trivy's `dev` or osv-scalibr's depGroups, direct from trivy's
 * `relationship` (trivy's npm v1 says "unknown": no assertion). snyk asserts no flags.
 */
export function expectedFlags(fixture: string): Map<string, { dev?: boolean; direct?: boolean }> {
  const flags = new Map<string, { dev?: boolean; direct?: boolean }>();
  for (const entry of readExpected(fixture)) {
    const pair = `${entry.name}@${entry.version}`;
    const seen = flags.get(pair) ?? {};
    // trivy omits `dev` when false (its entries always carry a relationship); osv-scalibr says it in depGroups.
    const dev = entry.dev ?? (entry.depGroups ? entry.depGroups.includes("dev") : entry.relationship !== undefined ? false : undefined);
    if (dev !== undefined) seen.dev = (seen.dev ?? true) && dev;
    if (entry.relationship === "direct" || entry.relationship === "indirect") {
      seen.direct = (seen.direct ?? false) || entry.relationship === "direct";
    }
    flags.set(pair, seen);
  }
  return flags;
}

/** Our flags for the pairs the producer asserts flags on, to compare with `expectedFlags`. */
export function ourFlags(dependencies: readonly Dependency[], expected: Map<string, { dev?: boolean; direct?: boolean }>, except: readonly string[] = []) {
  const ours = new Map<string, { dev?: boolean; direct?: boolean }>();
  const theirs = new Map<string, { dev?: boolean; direct?: boolean }>();
  for (const [pair, flags] of expected) {
    const found = dependencies.filter((dependency) => `${dependency.name}@${dependency.version}` === pair);
    if (found.length === 0 || except.includes(pair)) continue;
    theirs.set(pair, flags);
    ours.set(pair, {
      ...(flags.dev === undefined ? {} : { dev: found.every((dependency) => dependency.dev) }),
      ...(flags.direct === undefined ? {} : { direct: found.some((dependency) => dependency.direct) }),
    });
  }
  return { ours, theirs };
}

function readExpected(fixture: string): ExpectedPackage[] {
  return (JSON.parse(readFileSync(join(CORPUS, `${fixture}.expected.json`), "utf8")) as { packages: ExpectedPackage[] }).packages;
}

/** Runs every fixture of the folders against its rule; a fixture without a rule fails, so new ones get one. */
export function describeCorpus(format: LockfileFormat, folders: readonly string[], rules: Readonly<Record<string, CorpusRule>>): void {
  const fixtures = folders.flatMap(listFixtures);
  test("every rule names a fixture of the corpus", () => {
    expect(Object.keys(rules).filter((fixture) => !fixtures.includes(fixture))).toEqual([]);
  });
  describe.each(fixtures)("%s", (fixture) => {
    const rule = rules[fixture];
    test("has a stated rule", () => expect(rule).toBeDefined());
    if (!rule) return;
    test(`name@version set: ${rule.rule}`, () => {
      const dependencies = dependenciesOf(parseFixture(format, fixture, rule.edit));
      const compared = rule.compare === "runtime" ? dependencies.filter((dependency) => !dependency.dev) : dependencies;
      expect(pairsOf(compared)).toEqual(expectedPairs(fixture, rule));
    });
    test("dev and direct flags agree where the producer asserts them", () => {
      const dependencies = dependenciesOf(parseFixture(format, fixture, rule.edit));
      const { ours, theirs } = ourFlags(dependencies, expectedFlags(fixture), rule.flagExceptions);
      expect(ours).toEqual(theirs);
    });
  });
}
