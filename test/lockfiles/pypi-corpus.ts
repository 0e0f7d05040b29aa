import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Dependency, ParseOutcome } from "../../src/types.js";

/** Fixture corpus root, relative to the repository (jest runs from it). */
export const CORPUS = "test/fixtures/lockfiles";

export interface ExpectedPackage {
  name: string;
  version: string;
  depGroups?: string[];
  dev?: boolean;
  optional?: boolean;
  relationship?: "root" | "direct" | "indirect";
}

export function readExpected(fixture: string): ExpectedPackage[] {
  const expected = JSON.parse(readFileSync(join(CORPUS, `${fixture}.expected.json`), "utf8")) as { packages: ExpectedPackage[] };
  return expected.packages;
}

/** Every lockfile of a corpus folder that has an expectation, relative to CORPUS. */
export function listFixtures(folder: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(CORPUS, dir)).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(join(CORPUS, path)).isDirectory() ? walk(path) : [path];
    });
  return walk(folder)
    .filter((path) => !path.endsWith(".expected.json") && existsSync(join(CORPUS, `${path}.expected.json`)))
    .sort();
}

export function pair(name: string, version: string): string {
  return `${name}@${version}`;
}

/** Sorted, de-duplicated `name@version` strings. */
export function pairsOf(packages: Array<{ name: string; version: string }>, rename: (name: string) => string = (name) => name): string[] {
  return [...new Set(packages.map((entry) => pair(rename(entry.name), entry.version)))].sort();
}

/** Where our rule differs from the producer's, written out: each removed pair must be expected, each added one must not. */
export interface Adjustment {
  remove?: string[];
  add?: string[];
}

export function adjust(expected: string[], { remove = [], add = [] }: Adjustment): string[] {
  for (const item of remove) if (!expected.includes(item)) throw new Error(`adjustment removes ${item}, which the expectation does not list`);
  for (const item of add) if (expected.includes(item)) throw new Error(`adjustment adds ${item}, which the expectation already lists`);
  return [...expected.filter((item) => !remove.includes(item)), ...add].sort();
}

export function dependenciesOf(outcome: ParseOutcome): Dependency[] {
  if (!outcome.ok) throw new Error(`expected a parse, got line ${outcome.error.line}: ${outcome.error.message}`);
  return outcome.dependencies;
}

export function readFixture(fixture: string): string {
  return readFileSync(join(CORPUS, fixture), "utf8");
}
