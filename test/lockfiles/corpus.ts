import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { FormatClaim, LockfileFormat } from "../../src/lockfiles/format.js";
import { LOCKFILE_FORMATS, withEveryLine } from "../../src/lockfiles/index.js";
import { decodeText } from "../../src/lockfiles/common/decode-text.js";
import type { Dependency, ParseOutcome } from "../../src/types.js";

/**
 * The fixture corpus of both ecosystems (test/fixtures/lockfiles/README.md): real lockfiles, each with
 * the package list another project's own test expects. Paths are relative to the repository, where jest runs.
 */
export const CORPUS = "test/fixtures/lockfiles";

/** The corpus folders of each format, by format id; every folder of the corpus belongs to one format. */
export const CORPUS_FOLDERS: Readonly<Record<string, readonly string[]>> = {
  "package-lock": ["npm-lock-v1", "npm-lock-v2", "npm-lock-v3"],
  "yarn.lock": ["yarn-v1", "yarn-berry"],
  "pnpm-lock.yaml": ["pnpm-v5", "pnpm-v6", "pnpm-v9"],
  "requirements.txt": ["requirements-txt"],
  "poetry.lock": ["poetry-lock"],
  "uv.lock": ["uv-lock"],
  "Pipfile.lock": ["pipfile-lock"],
  "pdm.lock": ["pdm-lock"],
  "pylock.toml": ["pylock"],
};

/**
 * Every format with its parser loaded, in the order of LOCKFILE_FORMATS, for tests that call parsers
 * directly. One after another: jest's module registry fails imports of shared modules made side by side.
 */
export const LOADED_FORMATS: readonly LockfileFormat[] = await loadEach();

async function loadEach(): Promise<LockfileFormat[]> {
  const loaded: LockfileFormat[] = [];
  for (const format of LOCKFILE_FORMATS) loaded.push(await format.load());
  return loaded;
}

/** The loaded format that claims `path`. */
export function loadedFormat(path: string): LockfileFormat {
  const format = LOADED_FORMATS.find((candidate) => candidate.matches(path));
  if (!format) throw new Error(`no format claims ${path}`);
  return format;
}

export interface ExpectedPackage {
  name: string;
  version: string;
  depGroups?: string[];
  dev?: boolean;
  optional?: boolean;
  relationship?: "root" | "direct" | "indirect" | "unknown";
}

function walk(dir: string): string[] {
  return readdirSync(join(CORPUS, dir)).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(join(CORPUS, path)).isDirectory() ? walk(path) : [path];
  });
}

/** Every lockfile of a corpus folder that has an expectation, relative to CORPUS. */
export function listFixtures(folder: string): string[] {
  return walk(folder)
    .filter((path) => !path.endsWith(".expected.json") && existsSync(join(CORPUS, `${path}.expected.json`)))
    .sort();
}

/** Every lockfile of a corpus folder: those with an expectation and those the format claims by name (included pip files, pylock.toml). */
export function listLockfiles(folder: string, format: FormatClaim): string[] {
  const withExpectation = listFixtures(folder);
  const claimed = walk(folder).filter((path) => format.matches(path) && !withExpectation.includes(path));
  return [...withExpectation, ...claimed].sort();
}

/** A fixture's text as soup-gate reads it: bytes decoded (UTF-16 where a byte-order mark says so). */
export function readFixture(fixture: string): string {
  return decodeText(readFileSync(join(CORPUS, fixture)));
}

export function readExpected(fixture: string): ExpectedPackage[] {
  return (JSON.parse(readFileSync(join(CORPUS, `${fixture}.expected.json`), "utf8")) as { packages: ExpectedPackage[] }).packages;
}

/** The snyk cases keep the `package.json` their producer read beside the lockfile. */
export function readSiblingManifest(fixture: string): string | undefined {
  const path = join(CORPUS, dirname(fixture), "package.json");
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

export function parseFixture(format: LockfileFormat, fixture: string, edit: (text: string) => string = (text) => text): ParseOutcome {
  const manifest = readSiblingManifest(fixture);
  return withEveryLine(format.parse(edit(readFixture(fixture)), { path: fixture, ...(manifest === undefined ? {} : { manifest }) }));
}

export function dependenciesOf(outcome: ParseOutcome): Dependency[] {
  if (!outcome.ok) throw new Error(`expected a parse, got line ${outcome.error.line}: ${outcome.error.message}`);
  return outcome.dependencies;
}

/** Sorted, de-duplicated `name@version` strings. */
export function pairsOf(packages: ReadonlyArray<{ name: string; version: string }>, rename: (name: string) => string = (name) => name): string[] {
  return [...new Set(packages.map(({ name, version }) => `${rename(name)}@${version}`))].sort();
}

/** Where our rule differs from the producer's, written out: each removed pair must be expected, each added one must not. */
export interface Adjustment {
  /** Pairs the producer lists and we do not. */
  remove?: string[];
  /** Pairs we list and the producer does not. */
  add?: string[];
}

export function adjust(expected: readonly string[], { remove = [], add = [] }: Adjustment): string[] {
  for (const pair of remove) if (!expected.includes(pair)) throw new Error(`the adjustment removes ${pair}, which the expectation does not list`);
  for (const pair of add) if (expected.includes(pair)) throw new Error(`the adjustment adds ${pair}, which the expectation already lists`);
  return [...expected.filter((pair) => !remove.includes(pair)), ...add].sort();
}

/**
 * How one fixture's expectation relates to our output. The producers count differently
 * (README.md `producer_semantics`), so every fixture states which of our sets it is compared with and
 * each pair where our rule gives a different answer, with the reason.
 */
export interface CorpusRule extends Adjustment {
  /** Why the comparison below is the right one for this producer. */
  rule: string;
  /** `all`: every dependency we report; `runtime`: only those with dev false (producers that list production packages). */
  compare: "all" | "runtime";
  /** Pairs whose dev/direct flag legitimately differs from the producer's, with the reason in `rule`. */
  flagExceptions?: string[];
  /** Text edit applied before parsing (hand-edited fixtures with entries no package manager writes). */
  edit?: (text: string) => string;
}

type Flags = { dev?: boolean; direct?: boolean };

/**
 * The flags the producer asserts, merged per pair the way we merge occurrences (dev only if every entry
 * is dev, direct if any is): `dev` from trivy's `dev` or osv-scalibr's depGroups, direct from trivy's
 * `relationship` (trivy's npm v1 says "unknown": no assertion). snyk asserts no flags.
 */
export function expectedFlags(fixture: string): Map<string, Flags> {
  const flags = new Map<string, Flags>();
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
export function ourFlags(dependencies: readonly Dependency[], expected: Map<string, Flags>, except: readonly string[] = []) {
  const ours = new Map<string, Flags>();
  const theirs = new Map<string, Flags>();
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
      expect(pairsOf(compared)).toEqual(adjust(pairsOf(readExpected(fixture)), rule));
    });
    test("dev and direct flags agree where the producer asserts them", () => {
      const dependencies = dependenciesOf(parseFixture(format, fixture, rule.edit));
      const { ours, theirs } = ourFlags(dependencies, expectedFlags(fixture), rule.flagExceptions);
      expect(ours).toEqual(theirs);
    });
  });
}
