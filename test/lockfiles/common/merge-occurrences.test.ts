import fc from "fast-check";
import { compareDependencies, mergeOccurrences, type Occurrence } from "../../../src/lockfiles/common/merge-occurrences.js";
import { nameKey } from "../../../src/names.js";
import type { Dependency } from "../../../src/types.js";
import { FUZZ_OPTIONS } from "../../fuzz/runs.js";

/**
 * Every parser reports a package installed in several places once: these are the rules its lines,
 * flags and licence follow, whatever order the places come in.
 */
const at = (line: number, fields: Partial<Occurrence> = {}): Occurrence => ({ ecosystem: "npm", name: "left-pad", version: "1.3.0", direct: false, dev: true, line, ...fields });

describe("mergeOccurrences", () => {
  test("one package installed in three places is reported once, at its first line, direct if any place is, dev only if every place is", () => {
    expect(mergeOccurrences([at(30), at(10, { direct: true }), at(20, { dev: false })])).toStrictEqual([
      { ecosystem: "npm", name: "left-pad", version: "1.3.0", direct: true, dev: false, line: 10 },
    ]);
  });

  test("the first licence found counts, also when an earlier place had none", () => {
    const merged = mergeOccurrences([at(1, { source: "file" }), at(2, { license: "MIT" }), at(3, { license: "ISC" })]);
    expect(merged).toStrictEqual([{ ecosystem: "npm", name: "left-pad", version: "1.3.0", direct: false, dev: true, line: 1, license: "MIT", source: "file" }]);
  });

  test("two versions, or two commits of one version, are two packages; PyPI names are one package however they are spelled", () => {
    const merged = mergeOccurrences([
      at(1),
      at(2, { version: "1.1.0" }),
      at(3, { version: "", source: "git", commit: "a1b2c3d" }),
      at(4, { version: "", source: "git", commit: "e4f5a6b" }),
      at(5, { version: "", source: "git", commit: "a1b2c3d", direct: true }),
      { ecosystem: "pypi", name: "Zope.Interface", version: "6.0", direct: true, dev: false, line: 6 },
      { ecosystem: "pypi", name: "zope_interface", version: "6.0", direct: false, dev: false, line: 7 },
    ]);
    expect(merged.map((d) => [d.name, d.version, d.line, d.direct])).toEqual([
      ["left-pad", "1.3.0", 1, false],
      ["left-pad", "1.1.0", 2, false],
      ["left-pad", "", 3, true],
      ["left-pad", "", 4, false],
      ["Zope.Interface", "6.0", 6, true],
    ]);
  });

  test("packages come out by line, then name and version, in whatever order they came in", () => {
    const merged = mergeOccurrences([at(9, { name: "b" }), at(4, { name: "z" }), at(9, { name: "a" }), at(1, { name: "c", version: "2.0.0" }), at(1, { name: "c", version: "10.0.0" })]);
    expect(merged.map((d) => `${d.line} ${d.name}@${d.version}`)).toEqual(["1 c@10.0.0", "1 c@2.0.0", "4 z@1.3.0", "9 a@1.3.0", "9 b@1.3.0"]);
  });

  test("a package whose later place has an earlier line moves up to it", () => {
    const merged = mergeOccurrences([at(1, { name: "a" }), at(5, { name: "b" }), at(9, { name: "c" }), at(3, { name: "c" })]);
    expect(merged.map((d) => `${d.line} ${d.name}`)).toEqual(["1 a", "3 c", "5 b"]);
  });

  test("equals a plain model of the rules on any occurrences of one lockfile (one ecosystem), in any order", () => {
    const occurrence = fc.record(
      {
        name: fc.constantFrom("a", "A", " a", "b_c", "B.C", "b-c"),
        version: fc.constantFrom("1.0.0", "2.0.0", ""),
        direct: fc.boolean(),
        dev: fc.boolean(),
        line: fc.integer({ min: 0, max: 40 }),
        license: fc.option(fc.constantFrom("MIT", "ISC"), { nil: undefined }),
        source: fc.option(fc.constantFrom("git" as const, "file" as const), { nil: undefined }),
        commit: fc.option(fc.constantFrom("a1b2c3d", "e4f5a6b"), { nil: undefined }),
      },
      { requiredKeys: ["name", "version", "direct", "dev", "line"] },
    );
    const lockfile = fc.tuple(fc.constantFrom("npm" as const, "pypi" as const), fc.array(occurrence, { maxLength: 30 })).map(([ecosystem, list]) => list.map((o): Occurrence => ({ ...o, ecosystem })));
    fc.assert(
      fc.property(lockfile, (occurrences) => {
        expect(mergeOccurrences(occurrences)).toStrictEqual(model(occurrences));
      }),
      FUZZ_OPTIONS,
    );
  });
});

/** The rules, written the plain way: one entry per name, version and commit, each place folded in in turn. */
function model(occurrences: readonly Occurrence[]): Dependency[] {
  const byKey = new Map<string, Dependency>();
  for (const { ecosystem, name, version, direct, dev, line, license, source, commit } of occurrences) {
    const key = JSON.stringify([nameKey(ecosystem, name), version, commit || null]);
    const seen = byKey.get(key);
    if (seen === undefined) {
      byKey.set(key, { ecosystem, name, version, direct, dev, line, ...(license === undefined ? {} : { license }), ...(source === undefined ? {} : { source }) });
      continue;
    }
    seen.direct ||= direct;
    seen.dev &&= dev;
    seen.line = Math.min(seen.line, line);
    if (seen.license === undefined && license !== undefined) seen.license = license;
  }
  return [...byKey.values()].sort(compareDependencies);
}
